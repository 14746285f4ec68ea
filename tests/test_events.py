"""Transfer events: one record per event an article reports, the main one first.

Country normalization and the word rules run without a model; the fixture and shared-article
cases use the trained pipeline through the session fixtures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, SHARED, needs_shared
from transfer_extract.extractors.events import DocIndex, country_name, country_phrase, rules

# ---------------------------------------------------------------- rules, no model


@pytest.mark.parametrize(("text", "expected"), [
    ("the United States", "United States"),
    ("the U.S.", "United States"),
    ("U.S", "United States"),
    ("US", "United States"),
    ("Washington", "United States"),
    ("Mexico", "Mexico"),
    ("Mexico City", "Mexico"),
    ("El Salvador", "El Salvador"),
    ("Houston", None),
    ("Sinaloa", None),
    ("India", "India"),
    ("New Delhi", "India"),
    ("Bangkok", "Thailand"),
    ("the Philippines", "Philippines"),
    ("Burma", "Myanmar"),
    ("Türkiye", "Turkey"),
    ("the Kremlin", "Russia"),
    ("UAE", "United Arab Emirates"),
    ("DR Congo", "Democratic Republic of the Congo"),
    ("Asuncion", "Paraguay"),
    ("Amritsar", None),
    ("Dubai", None),
], ids=lambda v: str(v))
def test_country_name(text: str, expected: str | None) -> None:
    assert country_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("American soil", "United States"),
    ("American authorities", "United States"),
    ("U.S. federal agents", "United States"),
    ("Mexican authorities", "Mexico"),
    ("Salvadoran custody", "El Salvador"),
    ("El Salvador prison", "El Salvador"),
    ("Thai authorities", "Thailand"),
    ("Indian officials", "India"),
    ("German prosecutors", "Germany"),
    ("Moroccan territory", "Morocco"),
    ("American courtrooms", None),
    ("Mexican forward", None),
], ids=lambda v: str(v))
def test_country_phrase(text: str, expected: str | None) -> None:
    assert country_phrase(text) == expected


@pytest.mark.parametrize(("start", "end"), [
    (0, 11), (2, 7), (0, 5), (7, 8), (9, 11), (7, 11),
], ids=["whole", "cuts-an-entity", "first-entity", "inside-entity", "last-entity",
        "entity-cut-at-start"])
def test_doc_index_reads_spans_as_spacy(start: int, end: int) -> None:
    """The index gives what spaCy gives for a span: its entities (an entity cut by the
    span ends the list), text and words."""
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")("Mexico Sent  29 men to New York City on Tuesday")
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 6, 9, "GPE"), Span(doc, 10, 11, "DATE")]
    ix, span = DocIndex.build(doc), doc[start:end]
    assert ix.ents_in(span) == list(span.ents)
    assert ix.text_of(span) == span.text
    assert ix.words_in(span) == {t.lemma_.lower() for t in span} | {t.lower_ for t in span}


@pytest.mark.parametrize(("sentence", "label"), [
    ("U.S. prosecutors agreed not to seek the death penalty against them.", "no death penalty"),
    ("The transport includes a promise to not pursue the death penalty.", "no death penalty"),
    ("Washington promised it would never seek the death penalty in any case.", "no death penalty"),
    ("Prosecutors said they would seek the death penalty.", None),
    ("Officials said none of the prisoners would face the death penalty.", "no death penalty"),
    ("Spain was assured that neither man would face the death penalty.", "no death penalty"),
], ids=["not-seek", "not-pursue", "never-seek", "will-seek", "none-would-face", "neither-would-face"])
def test_conditions(sentence: str, label: str | None) -> None:
    found = [lab for pattern, lab in rules().conditions if pattern.search(sentence)]
    assert found == ([label] if label else [])


@pytest.mark.parametrize(("before", "after", "total"), [
    ("one that lifts to ", " the number of prisoners", True),
    ("The latest handover brings the total to ", ".", True),
    ("With this flight, ", " high-impact criminals have gone north under this administration", True),
    ("Mexico's government said it has sent ", " people in total", True),
    ("In all, a total of ", " people have now been handed over", True),
    ("Mexico flew ", " alleged cartel members to the United States", False),
    ("Mexico sent ", " prisoners north in February", False),
], ids=["lifts-to", "brings-total", "with-this-move", "in-total", "a-total-of", "flew", "sent"])
def test_total_cues(before: str, after: str, total: bool, extract_text) -> None:
    """Events take running totals from the counts extractor's `total` kind."""
    text = f"{before}92{after}."
    count = next(c for c in extract_text(text, PUBLISHED)["counts"] if c["text"] == "92")
    assert (count["kind"] == "total") is total


# ---------------------------------------------------------------- fixture articles

MAIN = ("kind", "count", "origin", "destination", "date", "cumulative_total", "sequence")


_SEEN: dict[Path, list[dict[str, Any]]] = {}


def _events(extract_text, path: Path) -> list[dict[str, Any]]:
    """The events of a fixture article (each article is extracted once per session)."""
    if path not in _SEEN:
        _SEEN[path] = extract_text(path.read_text("utf-8"))["events"]
    return _SEEN[path]


@pytest.mark.parametrize(("stem", "expected"), [
    ("mexico-transfer-37-outlet-a", ("transfer", 37, "Mexico", "United States", "2026-01-20", 92, 3)),
    ("mexico-transfer-38-outlet-b", ("transfer", 38, "Mexico", "United States", "2026-01-21", 93, None)),
    ("mexico-transfer-37-outlet-c-dateline",
     ("transfer", 37, "Mexico", "United States", "2026-01-20", 92, 3)),
    ("mexico-transfer-26-august-2025",
     ("transfer", 26, "Mexico", "United States", "2025-08-12", 55, 2)),
    ("dates-counts-explainer", ("transfer", 37, "Mexico", "United States", "2026-01-20", 92, 3)),
    ("quotes-sheinbaum-sovereignty",
     ("transfer", 37, "Mexico", "United States", "2026-01-20", 92, None)),
    ("extradition-gulf-cartel-leader", ("extradition", 1, "Mexico", "United States", None, None, None)),
    ("deportation-venezuelans-el-salvador",
     ("deportation", 238, "United States", "El Salvador", None, None, None)),
    ("guatemala-extradition-two-groups",  # "a third group could follow" is no sequence
     ("extradition", 14, "Guatemala", "United States", "2025-10-09", 25, 2)),
], ids=lambda v: v if isinstance(v, str) else None)
def test_main_event(stem: str, expected: tuple, extract_text) -> None:
    main = _events(extract_text, FIXTURES / f"{stem}.txt")[0]
    assert tuple(main[k] for k in MAIN) == expected


@pytest.mark.parametrize("stem", [
    "sports-transfer-window",
    "remittances-money-transfers",
    "cartel-violence-sinaloa-no-transfer",
    "officials-us-mexico-security",  # mentions last week's transfer in passing only
])
def test_no_event(stem: str, extract_text) -> None:
    assert _events(extract_text, FIXTURES / f"{stem}.txt") == []


@pytest.mark.parametrize(("stem", "waves"), [
    ("mexico-transfer-26-august-2025", [(29, "2025-02-27")]),
    ("guatemala-extradition-two-groups", [(11, "2025-05")]),
    ("deportation-venezuelans-el-salvador", []),  # the 23 on the same flights are no earlier wave
    ("mexico-transfer-38-outlet-b", [(29, "2025-02"), (26, "2025-08")]),
    ("mexico-transfer-37-outlet-c-dateline", [(29, "2025-02"), (26, "2025-08")]),
    ("mexico-transfer-37-outlet-a", [(29, "2025-02"), (26, "2025-08")]),  # "February of last year"
    # "At least 14 of those sent ... have pleaded" is no wave: nothing moves the 14
    ("dates-counts-explainer", [(29, "2025-02-27"), (26, "2025-08")]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_recalled_waves(stem: str, waves: list[tuple[int, str]], extract_text) -> None:
    events = _events(extract_text, FIXTURES / f"{stem}.txt")
    assert [(e["count"], e["date"]) for e in events[1:]] == waves


@pytest.mark.parametrize(("stem", "field", "expected"), [
    ("mexico-transfer-37-outlet-a", "places", ["Washington", "Houston", "New York", "San Antonio"]),
    ("mexico-transfer-37-outlet-c-dateline", "places",
     ["Washington", "Houston", "New York", "San Antonio"]),
    ("mexico-transfer-38-outlet-b", "places", []),
    ("mexico-transfer-38-outlet-b", "organizations", ["Jalisco New Generation Cartel", "Sinaloa Cartel"]),
    ("mexico-transfer-37-outlet-c-dateline", "organizations",
     ["Sinaloa Cartel", "Beltrán-Leyva Cartel", "Jalisco New Generation Cartel", "Northeast Cartel",
      "Los Zetas"]),
    ("mexico-transfer-37-outlet-a", "conditions", ["no death penalty"]),
    ("guatemala-extradition-two-groups", "places", ["Miami", "Houston"]),
    ("guatemala-extradition-two-groups", "organizations", ["Gulf Cartel"]),
    ("guatemala-extradition-two-groups", "conditions", ["no death penalty"]),
    ("mexico-transfer-38-outlet-b", "conditions", []),
], ids=lambda v: v if isinstance(v, str) else None)
def test_main_event_lists(stem: str, field: str, expected: list[str], extract_text) -> None:
    assert _events(extract_text, FIXTURES / f"{stem}.txt")[0][field] == expected


def test_evidence_holds_the_lead_sentence(extract_text) -> None:
    main = _events(extract_text, FIXTURES / "mexico-transfer-37-outlet-a.txt")[0]
    assert main["evidence"][0]["text"].startswith("Mexico flew 37 alleged cartel members")


# ---------------------------------------------------------------- shared articles


@needs_shared
@pytest.mark.parametrize(("name", "kind", "date_"), [
    ("independent-2026-01-21", "transfer", "2026-01-20"),
    ("sheinbaum-extradition-2026-01-21", "extradition", None),  # only the announcement is dated
])
def test_shared_article_main_event(name: str, kind: str, date_: str | None, extract_text) -> None:
    events = extract_text((SHARED / f"{name}.txt").read_text("utf-8"), date(2026, 1, 21))["events"]
    main = events[0]
    assert (main["kind"], main["count"], main["origin"], main["destination"], main["date"],
            main["cumulative_total"], main["sequence"]) == (
        kind, 37, "Mexico", "United States", date_, 92, 3)


# ---------------------------------------------------------------- short texts of our own

PUBLISHED = date(2026, 3, 6)  # a Friday


@pytest.mark.parametrize(("text", "expected"), [
    ("The United States deported 120 migrants to Guatemala on Monday, immigration officials "
     "said. It was the fourth deportation flight this month.",
     ("deportation", 120, "United States", "Guatemala", "2026-03-02", None, 4)),
    # a weekday on the publication day is that day (the dates rule)
    ("Colombia extradited alleged drug lord Carlos Mendoza to the United States on Friday, "
     "the attorney general's office said.",
     ("extradition", 1, "Colombia", "United States", "2026-03-06", None, None)),
    ("Peru extradited alleged drug lord Luis Rivas to the United States on Tuesday, "
     "the attorney general's office said on Friday.",
     ("extradition", 1, "Peru", "United States", "2026-03-03", None, None)),
    ("Honduras handed over 9 gang members to U.S. authorities on Wednesday, bringing the total "
     "this year to 40.",
     ("transfer", 9, "Honduras", "United States", "2026-03-04", 40, None)),
    ("Bogota handed 5 suspects over to Washington on Monday, officials said.",
     ("transfer", 5, "Colombia", "United States", "2026-03-02", None, None)),
    ("Mexico expelled 14 inmates to American soil on Tuesday under a security law.",
     ("deportation", 14, "Mexico", "United States", "2026-03-03", None, None)),
    ("Ecuador's government sent 7 prisoners to the U.S. on Thursday, the third such transfer.",
     ("transfer", 7, "Ecuador", "United States", "2026-03-05", None, 3)),
    ("The club completed the transfer of 22-year-old striker Juan Perez from Mexico to Spain "
     "for 10 million euros on Monday.", None),
    ("Remittances sent from the United States to Mexico rose 5 percent in 2025, with 150 "
     "million transfers recorded.", None),
    ("Police arrested 12 suspects in Mexico City on Monday. They will be sent to a federal "
     "prison in Jalisco.", None),
    ("Mexico sent troops to the border last week. The 10,000 soldiers will patrol the region.",
     None),
    ("Panama deports more than 40 migrants to Colombia\n\nPanama deported 48 migrants to Colombia "
     "on Tuesday, the migration office said.",
     ("deportation", 48, "Panama", "Colombia", "2026-03-03", None, None)),
    ("Spain extradited 6 suspects to the United States under a 1970 treaty, officials said.",
     ("extradition", 6, "Spain", "United States", None, None, None)),
    # the dateline's date is the filing day; after it the parser makes "to" a dative
    ("MEXICO CITY, March 6, 2026 (AP) — Mexico on Tuesday sent 26 prisoners to the United "
     "States, officials said.",
     ("transfer", 26, "Mexico", "United States", "2026-03-03", None, None)),
    ("BOGOTÁ, Colombia, March 6, 2026 (Reuters) — Colombia extradited alleged drug lord Carlos "
     "Mendoza to the United States on Thursday, officials said.",
     ("extradition", 1, "Colombia", "United States", "2026-03-05", None, None)),
    ("Listen to this article\n5 min read\nThe network has drawn scrutiny for years. "
     "Investigators say it spans three continents. Spain extradited alleged drug trafficker "
     "Luis Ortega to Mexico on Tuesday, prosecutors said.",
     ("extradition", 1, "Spain", "Mexico", "2026-03-03", None, None)),
    ("A suspected money launderer was extradited from Spain to Mexico on Tuesday, prosecutors "
     "said.",
     ("extradition", 1, "Spain", "Mexico", "2026-03-03", None, None)),
    ("Mexico sent 300 million dollars in money transfers to Spain on Tuesday.", None),
    ("Mexico sent dozens of cartel members to the United States on Tuesday, officials said.",
     ("transfer", None, "Mexico", "United States", "2026-03-03", None, None)),
    ("Washington flew a third planeload of Venezuelan men to El Salvador on Tuesday.",
     ("transfer", None, "United States", "El Salvador", "2026-03-03", None, 3)),
    ("Guatemala deports 41 gang members to El Salvador\nGuatemala deported 41 men it accuses "
     "of belonging to the MS-13 and Barrio 18 gangs to El Salvador last Thursday, in the largest "
     "such operation this year.",
     ("deportation", 41, "Guatemala", "El Salvador", "2026-03-05", None, None)),
], ids=["deportation-flight", "one-person-extradited", "extradited-said-another-day", "handed-over-with-total",
        "capitals-as-countries", "american-soil", "possessive-origin", "football",
        "remittances", "domestic-prison", "troops", "headline-approximate-body-exact",
        "year-of-a-treaty", "dateline-day-is-not-the-move-day", "accented-dateline",
        "lead-below-stray-lines", "money-launderer", "money-transfers", "people-without-a-number",
        "third-planeload", "day-hung-on-a-clause-between"])
def test_short_texts(text: str, expected: tuple | None, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert (tuple(events[0][k] for k in MAIN) if events else None) == expected


def test_a_move_on_another_day_stays_out_of_the_main_event(extract_text) -> None:
    text = ("Mexico sent 29 prisoners to the United States on Feb. 27, 2025, officials said. "
            "Last year, the drug lord Ismael Zambada was flown to Texas in July.")
    (event,) = extract_text(text, date(2025, 4, 10))["events"]
    assert (event["count"], event["date"], event["places"]) == (29, "2025-02-27", [])
    assert len(event["evidence"]) == 1


@pytest.mark.parametrize(("text", "waves"), [
    pytest.param("Mexico sent 37 prisoners to the United States on Tuesday. Earlier, it sent 29 people "
                 "in February 2025, 26 in August 2025 and 12 in November 2025.",
                 [(29, "2025-02"), (26, "2025-08"), (12, "2025-11")], id="list-of-waves"),
    pytest.param("Mexico sent 37 prisoners to the United States on Tuesday. It sent 29 prisoners in "
                 "February and 26 in August.",
                 [(29, "2025-02"), (26, "2025-08")], id="date-after-its-count"),
])
def test_waves_in_one_sentence(text: str, waves: list[tuple[int, str]], extract_text) -> None:
    events = extract_text(text, date(2026, 1, 21))["events"]
    assert [(e["count"], e["date"]) for e in events[1:]] == waves


# ---------------------------------------------------------------- ways a move is reported

REPORTED = ("kind", "role", "count", "origin", "destination")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Suspected Chilean arms dealer extradited to U.S.\n\nThe case drew wide attention.",
                 ("extradition", "reported", 1, None, "United States"), id="headline-bare-participle"),
    pytest.param("A plane carrying 95 Peruvians deported from the United States landed in Lima on Monday.",
                 ("deportation", "reported", 95, "United States", "Peru"),
                 id="nationality-plural-after-participle-capital-as-destination"),
    pytest.param("On Monday, the U.S. military deported 12 more suspected MS-13 gang members to "
                 "El Salvador, officials said.",
                 ("deportation", "reported", 12, "United States", "El Salvador"), id="people-noun-far-after-count"),
    pytest.param("Notorious trafficker Ramon Ortiz Vela was flown to the United States on Monday, "
                 "officials said.",
                 ("transfer", "reported", 1, None, "United States"), id="titled-name-passive"),
    pytest.param("The newest transfer of Mexican inmates to US custody took place on Monday, "
                 "prison officials said.",
                 ("transfer", "reported", None, None, "United States"), id="noun-transfer-of-group"),
    pytest.param("Chile repatriated 30 Peruvian migrants to Peru on Monday.",
                 ("deportation", "reported", 30, "Chile", "Peru"), id="repatriated"),
    pytest.param("Twelve Honduran nationals were extradited to the United States on Monday, officials said.",
                 ("extradition", "reported", 12, "Honduras", "United States"),
                 id="extradited-nationals-come-from-home"),
    pytest.param("Forty Guatemalan migrants were deported to El Salvador on Monday, officials said.",
                 ("deportation", "reported", 40, None, "El Salvador"),
                 id="deported-nationals-do-not-come-from-home"),
    pytest.param("A Chinese national was extradited to China on Monday, officials said.",
                 ("extradition", "reported", 1, None, "China"),
                 id="extradited-home-is-no-origin"),
])
def test_ways_a_move_is_reported(text: str, expected: tuple, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in REPORTED) == expected


@pytest.mark.parametrize("text", [
    pytest.param("He was the right-hand man of a Mexican drug lord who escaped from a prison in "
                 "Mexico in 2001.", id="right-hand-man"),
    pytest.param("The striker will be sent on loan to a club in Spain next season.", id="loan"),
    pytest.param("Mexico sent 300 million dollars to Spain on Tuesday.", id="money"),
])
def test_look_alikes_are_no_move(text: str, extract_text) -> None:
    assert extract_text(text, PUBLISHED)["events"] == []


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("Peru handed alleged drug lord Luis Rivas over to the United States on Tuesday. "
                 "The extradition followed a long legal fight.", "extradition", id="label-after-generic-verb"),
    pytest.param("Drug lord Luis Rivas was flown to the United States on Tuesday, becoming the "
                 "first suspect extradited this year.", "extradition", id="label-later-in-sentence"),
    pytest.param("Peru sent 9 prisoners to the United States on Tuesday, officials said.", "transfer",
                 id="generic-verb-only"),
])
def test_kind_is_the_first_explicit_label(text: str, kind: str, extract_text) -> None:
    assert extract_text(text, PUBLISHED)["events"][0]["kind"] == kind


# ---------------------------------------------------------------- where to and when


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("A plane carrying 80 Indians deported from the United States landed at the city airport "
                 "in Amritsar on Sunday night.",
                 (80, "United States", "India", "2026-03-01"), id="landed-at-a-site-in-a-city-on-a-night"),
    pytest.param("A charter with 90 Venezuelan nationals deported from the US city of Denver arrived Friday "
                 "to their home country.",
                 (90, "United States", "Venezuela", "2026-03-06"), id="city-of-a-country-and-home-country"),
    pytest.param("Thailand extradited 3 Chinese fugitives to China on Tuesday, Thai prosecutors said.",
                 (3, "Thailand", "China", "2026-03-03"), id="thailand-to-china"),
    pytest.param("A US plane deported 200 Indians to India since Trump took office on January 20, "
                 "officials said on Monday.",
                 (200, "United States", "India", None), id="since-clause-date-is-not-the-move"),
    pytest.param("A flight with 50 Venezuelan migrants deported from the US arrived Friday in Caracas, "
                 "two weeks after the United States captured a general and took him to New York.",
                 (50, "United States", "Venezuela", "2026-03-06"), id="move-in-an-after-clause-is-another"),
    pytest.param("Colombia extradited 4 suspects to Spain on Monday after they were arrested in Medellin "
                 "in January.",
                 (4, "Colombia", "Spain", "2026-03-02"), id="after-clause-arrest-keeps-the-move-day"),
    pytest.param("Nigeria deported 12 Ghanaian nationals to Ghana on Thursday.",
                 (12, "Nigeria", "Ghana", "2026-03-05"), id="africa"),
    pytest.param("Germany handed 2 suspects over to Turkish authorities on Wednesday.",
                 (2, "Germany", "Turkey", "2026-03-04"), id="europe-authority-adjective"),
    pytest.param("Panama has received the first U.S. flight carrying 60 deportees from other nations.",
                 (60, "United States", "Panama", None), id="destination-as-subject-of-receive"),
    pytest.param("On Sunday, the U.S. military deported 17 more suspected gang members to El Salvador.",
                 (17, "United States", "El Salvador", "2026-03-01"), id="military-as-a-country"),
])
def test_where_to_and_when(text: str, expected: tuple, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in ("count", "origin", "destination", "date")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Panama has received the first U.S. flight carrying 60 deportees from other nations.",
                 (1, None), id="ordinal-before-a-compound-noun"),
    pytest.param("Panama received 60 deportees from the United States on Wednesday. This was the first of "
                 "three scheduled flights, expected to bring about 400 people in all.",
                 (1, None), id="first-of-planned-flights-no-planned-total"),
    pytest.param("Mexico sent 20 prisoners to the United States on Tuesday, the third such transfer, "
                 "bringing the total to 80.",
                 (3, 80), id="sequence-and-running-total"),
    pytest.param("Guatemala extradited 14 gang members to the United States on Friday. It was the third "
                 "time this year the government has sent a group of suspects north.",
                 (3, None), id="nth-time-the-government-has-sent"),
    pytest.param("Mexico sent 20 prisoners to the United States on Tuesday. A fourth group could "
                 "follow, officials said.",
                 (None, None), id="could-follow-is-no-sequence"),
    pytest.param("Mexico sent 26 prisoners to the United States on Tuesday. \"This is the first transfer of "
                 "its size we have ever carried out,\" the minister said.",
                 (None, None), id="a-speaker-ordinal-in-quote-marks-is-no-sequence"),
    pytest.param("Mexico sent 26 prisoners to the United States on Tuesday. The minister called it “the "
                 "second time this year that prisoners were sent north.”",
                 (None, None), id="a-quoted-fragment-is-no-sequence"),
    pytest.param("Mexico sent 26 prisoners to the United States on Tuesday. It was the second time this "
                 "year that prisoners were sent north.",
                 (2, None), id="the-writer-ordinal-is-the-sequence"),
])
def test_sequence_and_total(text: str, expected: tuple, extract_text) -> None:
    main = extract_text(text, PUBLISHED)["events"][0]
    assert (main["sequence"], main["cumulative_total"]) == expected


# ---------------------------------------------------------------- reported or recalled


@pytest.mark.parametrize(("text", "role"), [
    pytest.param("A former accountant for the cartel who was extradited from Mexico in 2019 was sentenced "
                 "on Thursday to 22 years in prison.", "recalled", id="relative-clause-of-a-sentencing"),
    pytest.param("Luis Rivas, who had been extradited from Peru to the United States, pleaded guilty on "
                 "Tuesday.", "recalled", id="past-perfect-in-a-relative-clause"),
    pytest.param("Peru extradited alleged drug lord Luis Rivas to the United States in 2019, and he was "
                 "sentenced on Tuesday.", "recalled", id="move-dated-years-before"),
    pytest.param("Peru extradited alleged drug lord Luis Rivas to the United States on Tuesday, "
                 "officials said.", "reported", id="the-news-is-the-move"),
    pytest.param("A plane carrying 50 migrants deported from the United States landed in Lima on Monday.",
                 "reported", id="participle-of-the-people-moved-is-news"),
])
def test_reported_or_recalled(text: str, role: str, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and events[0]["role"] == role
    assert all(e["role"] == "recalled" for e in events[1:])


def test_sentencing_story_has_only_recalled_events(extract_text) -> None:
    """Our fixture: a sentencing story whose only move is the defendant's extradition years ago."""
    events = _events(extract_text, FIXTURES / "sentencing-recalls-old-extradition.txt")
    assert events and {e["role"] for e in events} == {"recalled"}
    assert (events[0]["kind"], events[0]["count"], events[0]["origin"], events[0]["date"]) == (
        "extradition", 1, "Mexico", "2019")


@pytest.mark.parametrize(("text", "count"), [
    pytest.param("Mexico sent a new group of inmates to the United States on Tuesday. \"These 12 men are"
                 " dangerous,\" the minister said.", 12, id="these-n-people-in-a-quote"),
    pytest.param("Mexico sent a new group of inmates to the United States on Tuesday. These 12 men and"
                 " those 3 women were held.", None, id="two-demonstrative-counts-is-none"),
    pytest.param("Mexico sent 20 inmates to the United States on Tuesday. These 12 men are dangerous.", 20,
                 id="the-move-own-count-wins"),
])
def test_a_demonstrative_count_names_the_group_moved(text: str, count: int | None, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and events[0]["count"] == count


# ---------------------------------------------------------------- moves that did not happen


@pytest.mark.parametrize("text", [
    pytest.param("Peru did not extradite the alleged trafficker Luis Rivas to the United States on "
                 "Tuesday, officials said.", id="did-not"),
    pytest.param("Colombia never extradited the alleged drug lord Carlos Mendoza to Spain, his lawyers "
                 "said.", id="never"),
    pytest.param("No prisoners were sent to the United States on Tuesday, officials said.",
                 id="no-people"),
    pytest.param("Ecuador refused to extradite alleged gang leader Marco Vela to the United States on "
                 "Monday.", id="refused-to"),
    pytest.param("Mexico refused to extradite or deport 12 gang members to the United States on Monday.",
                 id="refusal-shared-by-a-second-verb"),
    pytest.param("A judge in Lima rejected a request to extradite alleged drug lord Luis Rivas to the "
                 "United States on Tuesday.", id="rejected-a-request-to"),
    pytest.param("Washington asked Peru to extradite alleged drug lord Luis Rivas to the United States "
                 "on Monday.", id="asked-to"),
    pytest.param("A court in Madrid blocked the extradition of alleged trafficker Carlos Mendoza to the "
                 "United States on Tuesday.", id="blocked-the-extradition"),
    pytest.param("Peru approved an extradition request for 4 suspects sought by the United States on "
                 "Tuesday.", id="an-extradition-request"),
    pytest.param("Luis Rivas faces extradition to the United States after his arrest in Lima on "
                 "Tuesday.", id="faces-extradition"),
    pytest.param("The president said on Tuesday that alleged gang leader Marco Vela would be extradited "
                 "to the United States.", id="said-would-be"),
    pytest.param("Mexico will send 30 more prisoners to the United States next month, officials said on "
                 "Tuesday.", id="will-send"),
    pytest.param("Mexico is expected to extradite 12 gang members to the United States next week, "
                 "officials said.", id="is-expected-to"),
    pytest.param("Peru plans to send 40 more inmates to the United States, the minister said on "
                 "Tuesday.", id="plans-to"),
    pytest.param("Mexico has agreed to hand over 15 cartel members to the United States, officials said "
                 "on Monday.", id="agreed-to"),
])
def test_a_move_that_did_not_happen_is_no_event(text: str, extract_text) -> None:
    assert [e for e in extract_text(text, PUBLISHED)["events"] if e["role"] == "reported"] == []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Alleged drug lord Luis Rivas was extradited from Peru to the United States on Tuesday "
                 "after a judge rejected his appeal.",
                 ("extradition", "reported", 1, "Peru", "United States"), id="after-a-rejected-appeal"),
    pytest.param("Mexico sent 26 prisoners to the United States on Tuesday, officials said.",
                 ("transfer", "reported", 26, "Mexico", "United States"), id="officials-said"),
    pytest.param("Mexico did not extradite Luis Rivas but deported him to the United States on Tuesday.",
                 ("deportation", "reported", 1, "Mexico", "United States"), id="not-this-but-that"),
    pytest.param("The president on Thursday defended her decision to send 37 prisoners to the United "
                 "States this week.",
                 ("transfer", "reported", 37, None, "United States"), id="defended-a-decision-carried-out"),
    pytest.param("The extradition of alleged drug lord Luis Rivas to the United States went ahead on Friday, "
                 "officials said.",
                 ("extradition", "reported", 1, None, "United States"), id="the-move-as-a-subject"),
    pytest.param("Mexico sent 26 prisoners to the United States on Tuesday. The president called the transfer "
                 "a sovereign decision.",
                 ("transfer", "reported", 26, "Mexico", "United States"), id="a-verb-of-naming-the-move"),
])
def test_look_alikes_of_moves_that_did_not_happen(text: str, expected: tuple, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in REPORTED) == expected


@pytest.mark.parametrize("text", [
    pytest.param("The United States deported 120 migrants to Guatemala, officials said on Friday. A third "
                 "flight is expected to land on Sunday.", id="undated-move"),
    pytest.param("The United States deported 120 migrants to Guatemala on Thursday, officials said. A "
                 "third deportation flight is expected to land in Guatemala City next week.",
                 id="dated-move"),
])
def test_a_future_flight_stays_out_of_the_reported_move(text: str, extract_text) -> None:
    (event,) = extract_text(text, PUBLISHED)["events"]
    assert (event["role"], event["count"], event["sequence"]) == ("reported", 120, None)
    assert len(event["evidence"]) == 1


# ---------------------------------------------------------------- who was moved


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("A former cartel accountant was sentenced on Thursday to 20 years in a U.S. prison. He "
                 "was extradited to the United States from Mexico on Nov. 15, 2014.",
                 ("extradition", "recalled", 1, "Mexico", "United States", "2014-11-15"),
                 id="he-in-a-sentencing-story"),
    pytest.param("She was extradited from Colombia to the United States on Tuesday, prosecutors said.",
                 ("extradition", "reported", 1, "Colombia", "United States", "2026-03-03"), id="she"),
    pytest.param("They were extradited from Colombia to the United States on Tuesday, prosecutors said.",
                 ("extradition", "reported", None, "Colombia", "United States", "2026-03-03"), id="they"),
    pytest.param("Spain deported them to Morocco on Tuesday, the interior ministry said.",
                 ("deportation", "reported", None, "Spain", "Morocco", "2026-03-03"), id="them"),
    pytest.param("A Frenchman was extradited from Spain to the United States on Tuesday.",
                 ("extradition", "reported", 1, "Spain", "United States", "2026-03-03"), id="frenchman"),
    pytest.param("An Englishman was extradited to the United States on Tuesday, officials said.",
                 ("extradition", "reported", 1, None, "United States", "2026-03-03"), id="englishman"),
    pytest.param("An Irishman accused of fraud was extradited from Spain to the United States on Tuesday.",
                 ("extradition", "reported", 1, "Spain", "United States", "2026-03-03"), id="irishman"),
    pytest.param("A Scotsman was extradited from Thailand to the United States on Tuesday.",
                 ("extradition", "reported", 1, "Thailand", "United States", "2026-03-03"), id="scotsman"),
    pytest.param("Three Frenchmen were extradited from Spain to the United States on Tuesday.",
                 ("extradition", "reported", 3, "Spain", "United States", "2026-03-03"),
                 id="counted-frenchmen"),
])
def test_pronouns_and_nationality_nouns_are_the_people_moved(text: str, expected: tuple,
                                                              extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in (*REPORTED, "date")) == expected


# ---------------------------------------------------------------- where they were held, where they face trial


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("A Colombian man held in Spain was extradited to the United States on Tuesday, officials "
                 "said.", (1, "Spain", "United States"), id="held-in-wins-over-nationality"),
    pytest.param("A Dutch national jailed in Peru was extradited to the United States on Tuesday.",
                 (1, "Peru", "United States"), id="jailed-in"),
    pytest.param("A Mexican national arrested in Colombia was extradited to the United States on Tuesday.",
                 (1, "Colombia", "United States"), id="arrested-in"),
    pytest.param("A Venezuelan man detained in Chile was extradited to the United States on Tuesday.",
                 (1, "Chile", "United States"), id="detained-in"),
    pytest.param("A Honduran man captured in Guatemala was extradited to the United States on Tuesday.",
                 (1, "Guatemala", "United States"), id="captured-in"),
    pytest.param("A Colombian man who was arrested in Madrid last year was extradited to the United "
                 "States on Tuesday.", (1, "Spain", "United States"), id="relative-clause-capital"),
    pytest.param("A Guatemalan man detained in Texas was deported to Guatemala on Tuesday.",
                 (1, "United States", "Guatemala"), id="deported-from-where-held"),
    pytest.param("Colombia extradited 4 suspects to Spain on Monday after they were arrested in Medellin "
                 "in January.", (4, "Colombia", "Spain"), id="the-subject-still-wins"),
    pytest.param("On Tuesday Mexico sent 26 jailed gang leaders to face justice in the United States, "
                 "officials said.", (26, "Mexico", "United States"), id="to-face-justice-in"),
    pytest.param("Colombia extradited alleged drug lord Luis Rivas to stand trial in the United States on "
                 "Tuesday.", (1, "Colombia", "United States"), id="to-stand-trial-in"),
    pytest.param("Peru extradited 3 suspects to face charges in Spain on Tuesday, officials said.",
                 (3, "Peru", "Spain"), id="to-face-charges-in"),
    pytest.param("Colombia extradited a suspected trafficker on Tuesday to be tried in Spain.",
                 (1, "Colombia", "Spain"), id="to-be-tried-in"),
    pytest.param("Peru sent 5 prisoners to face charges in Texas on Tuesday.",
                 (5, "Peru", "United States"), id="trial-in-a-place-of-a-country"),
])
def test_held_in_and_tried_in(text: str, expected: tuple, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in ("count", "origin", "destination")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("A chartered deportation flight from the United States carrying dozens of men and women "
                 "landed in Guatemala City on Friday.",
                 ("deportation", None, "United States", "Guatemala", "2026-03-06"),
                 id="vague-number-on-a-flight-from"),
    pytest.param("A deportation flight carrying dozens of Venezuelan migrants arrived in Caracas from the "
                 "United States on Friday.",
                 ("deportation", None, "United States", "Venezuela", "2026-03-06"),
                 id="vague-number-arrived-from"),
    pytest.param("A deportation flight with 40 migrants landed in Tegucigalpa on Thursday.",
                 ("deportation", 40, None, "Honduras", "2026-03-05"), id="flight-with-a-count"),
])
def test_people_a_flight_carries(text: str, expected: tuple, extract_text) -> None:
    events = extract_text(text, PUBLISHED)["events"]
    assert events and tuple(events[0][k] for k in ("kind", "count", "origin", "destination", "date")) == expected
