"""Page furniture by kind: what must go, what must stay, the stated date and `clean --explain`.

Pages are built from a header (lines before the article), the article's paragraphs and the
furniture line under test, so that each case shows where the line stands."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transfer_extract.boilerplate import explain, find_furniture
from transfer_extract.boilerplate.published import dateline_place, stated_dates, year_from_weekday
from transfer_extract.cli import app
from transfer_extract.core import clean

HEADLINE = "Honduras sends two suspects to the United States"
LEAD = ("TEGUCIGALPA, Honduras (Wire) — Honduras sent two men accused of drug trafficking to the"
        " United States on Tuesday, the police said.")
BODY = "The men were flown to Miami on a government plane, officials said in a statement."
LAST = "Both men deny the charges, their lawyer told reporters on Wednesday."


def _page(*, header: str = "", middle: str = "", tail: str = "") -> str:
    parts = [p for p in (header, HEADLINE, LEAD, BODY, middle, LAST, tail) if p]
    return "\n\n".join(parts) + "\n"


def _kind_of(text: str, snippet: str) -> str | None:
    start = text.index(snippet)
    for bp in clean(text).boilerplate:
        if bp.start <= start and start + len(snippet) <= bp.end:
            return bp.kind
    return None


# (where, furniture line, its kind)
REMOVED = [
    ("header", "Home / World / Americas", "navigation"),
    ("header", "NewsSportsBusinessOpinionVideo", "navigation"),
    ("header", "Directory of sites", "widget"),
    ("header", "World News", "navigation"),
    ("header", "#Americas", "navigation"),
    ("header", "Wire Staff", "byline"),
    ("header", "AFP Tegucigalpa", "byline"),
    ("header", "By Ana Ruiz | Central Desk | Updated: 2024-07-04 07:46", "byline"),
    ("header", "June 3, 2021 / 5:35 PM / 4 years ago", "timestamp"),
    ("header", "3 min read", "timestamp"),
    ("header", "9:41 AM – Tuesday, June 3, 2025", "timestamp"),
    ("header", "Men board a plane in Tegucigalpa. | Image: Wire", "caption"),
    ("middle", "Men board a plane in Tegucigalpa. (Photo: National Police)", "caption"),
    ("middle", "Men board a plane in Tegucigalpa. REUTERS/Ana Ruiz", "caption"),
    ("middle", "Men board a plane. (Handout/Police via Getty Images )", "caption"),
    ("middle", "Men board a plane. (AP Photo/Ana Ruiz)The Associated Press", "caption"),
    ("middle", "The suspect is seen above being taken to the plane on Tuesday.", "caption"),
    ("middle", "The men were flown to Miami on a government plane after a night in custody", "caption"),
    ("middle", "Honduras National Police", "credit"),
    ("middle", "photo", "caption"),
    ("middle", "Source: National Police", "credit"),
    ("middle", "<i> United Press International</i>", "credit"),
    ("middle", "UPI", "credit"),
    ("middle", "Image copyright Wire Images", "caption"),
    ("middle", "Image caption Men board a plane at the airport in Tegucigalpa", "caption"),
    ("middle", "Ads 728x90px", "ad"),
    ("middle", "Advertisement", "ad"),
    ("middle", "Great day at the airport pic.twitter.com/abc123", "embed"),
    ("middle", "— Ana Ruiz (@anaruiz) June 3, 2025", "embed"),
    ("middle", "Share: Facebook | X | WhatsApp | Email", "share"),
    ("middle", "Tegucigalpa 31°C Sunny", "widget"),
    ("tail", "Have something to say? Log in to comment.", "comments"),
    ("tail", "This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ("tail", "For more information about reprints & permissions, visit our FAQ.", "copyright"),
    ("tail", "Wire is an independent news organization covering the region.", "promo"),
]


@pytest.mark.parametrize(("where", "line", "kind"), REMOVED,
                         ids=[f"{w}-{k}-{line[:24]}" for w, line, k in REMOVED])
def test_furniture_is_removed_with_its_kind(where: str, line: str, kind: str) -> None:
    text = _page(**{where: line})
    assert _kind_of(text, line) == kind
    assert LEAD in clean(text).clean and LAST in clean(text).clean


@pytest.mark.parametrize(
    ("header", "teasers"),
    [
        ("Related Stories", ["Guatemala sends 14 suspects north", "Five things to know about treaties"]),
        ("Featured", ["Germans warned against apathy", "German election"]),
        ("You may also like:", ["Peso slides as tourists stay away"]),
    ],
    ids=["related-stories", "featured", "may-also-like"],
)
def test_a_related_header_owns_the_headlines_under_it(header: str, teasers: list[str]) -> None:
    text = _page(middle="\n".join([header, *teasers]))
    article = clean(text)
    for line in (header, *teasers):
        assert line not in article.clean
    assert BODY in article.clean and LAST in article.clean


def test_after_a_copyright_line_the_rest_is_furniture() -> None:
    tail = "\n".join(["Copyright 2026 Wire. All rights reserved.", "More from Wire",
                      "Storm could form off the coast", "0",
                      "Forecasters said the storm could bring heavy rain to the coast."])
    article = clean(_page(tail=tail))
    assert article.clean.rstrip().endswith(LAST)


def test_a_glued_teaser_goes_and_its_sentence_stays() -> None:
    text = _page(middle="Talks went on for a year.Also Read: Peso slides as tourists stay away")
    article = clean(text)
    assert "Talks went on for a year." in article.clean
    assert "Peso slides" not in article.clean


def test_a_caption_glued_to_a_paragraph_goes_and_the_paragraph_stays() -> None:
    text = _page(middle="Men board a plane in Tegucigalpa \u00a9 Police/AFP/Getty ImagesThe men were"
                        " flown north, officials said.")
    article = clean(text)
    assert "The men were flown north, officials said." in article.clean
    assert "Men board a plane" not in article.clean


def test_a_link_artifact_goes() -> None:
    text = _page(middle="The Drug Enforcement Administration (search) said it would not comment.")
    assert "The Drug Enforcement Administration said it" in clean(text).clean


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("header", "Mexico sends 26 more prisoners north"),
        ("header", "The men were flown to Miami under a treaty the government had once threatened to end"),
        ("header", "- Two men were flown to Miami on Tuesday"),
        ("header", "ISTANBUL"),
        ("middle", "'No hope from the government'"),
        ("middle", "By the numbers: three waves, 92 prisoners"),
        ("middle", "- February 2025: 29 prisoners"),
        ("middle", "\u201cWe are at war and we cannot give in,\u201d the president said."),
        ("middle", "\u201cThey will face justice and we will not stop until every one of them does"),
        ("middle", "The embassy declined to comment."),
        ("middle", "The list was updated on January 5, 2024, officials said."),
        ("middle", "Sixteen officers have been killed in attacks blamed on the gang (Reuters reported)."),
        ("middle", "Police said the men left at 3:00 a.m. local time."),
        ("middle", "Search teams found 12 bodies in a ravine near the border."),
        ("tail", "Officials said more flights would follow in the coming weeks, without giving"),
        ("middle", "On Tuesday, Interior Minister Rosa Quispe told lawmakers that the men were held under"
                   " the usual rules for such flights"),
    ],
    ids=["headline", "standfirst", "standfirst-bullet", "dateline-alone", "subhead",
         "fact-box-title", "fact-box-item", "quote", "quote-continues", "declined-to-comment",
         "updated-in-a-sentence", "parenthesis-in-sentence", "clock-in-sentence",
         "search-in-sentence", "cut-off-last-line", "speech-line-that-lost-its-stop"],
)
def test_body_lines_are_kept(where: str, line: str) -> None:
    text = _page(**{where: line})
    article = clean(text)
    assert line in article.clean, [b for b in article.boilerplate if line in b.text]
    assert article.published is None or where != "middle"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Headline here\nBy Ana Ruiz | Daily | Updated: 2014-02-27 07:20\n\nStory text.", date(2014, 2, 27)),
        ("Headline here\n2 min read Last Updated : Jan 17 2026 | 7:40 AM IST\n\nStory text.", None),
        ("Story text.\nFirst Published: Jan 17 2026 | 7:37 AM\n", date(2026, 1, 17)),
        ("Headline\n\nThe list was updated on January 5, 2024, officials said.\n", None),
    ],
    ids=["updated-in-a-metadata-row", "updated-after-reading-time", "first-published",
         "updated-in-a-sentence"],
)
def test_stated_publication_date(text: str, published: date | None) -> None:
    assert clean(text).published == published


PARAGRAPH = ("Police in the port city detained four men on Tuesday after a search of two warehouses,"
             " the prosecutor's office said in a statement.")


# (header lines above the article, publication date, the date text stripped, or None)
HEADER_DATE_LINES = [
    pytest.param("Port police detain four\n\n11/23/2014", date(2014, 11, 23), "11/23/2014",
                 id="digits-month-first-alone"),
    pytest.param("Port police detain four\n23/11/2014", date(2014, 11, 23), "23/11/2014",
                 id="digits-day-first-alone"),
    pytest.param("Port police detain four\n10-19-2019 | Opinion", date(2019, 10, 19), "10-19-2019 | Opinion",
                 id="digits-with-a-section-after-a-bar"),
    pytest.param("Port police detain four\n06/07/2019", None, None, id="digits-either-order-is-unread"),
    pytest.param("Port police detain four\nBy Ana Ruiz\nand The Wire Service June 9, 2016 8:40 am",
                 date(2016, 6, 9), "June 9, 2016 8:40 am", id="byline-ending-with-date-and-clock"),
    pytest.param("Port police detain four\nsee the source page May 02, 2012", date(2012, 5, 2), "May 02, 2012",
                 id="link-words-then-date"),
    pytest.param("Four men detained on June 9, 2016", None, None, id="headline-about-a-day"),
]


@pytest.mark.parametrize(("header", "published", "stripped"), HEADER_DATE_LINES)
def test_a_date_line_in_the_header_dates_the_page(header: str, published: date | None,
                                                   stripped: str | None) -> None:
    text = f"{header}\n\n{PARAGRAPH}\n"
    article = clean(text)
    assert article.published == published
    if stripped is not None:
        assert any(stripped in b.text for b in article.boilerplate), article.boilerplate
        assert stripped not in article.clean
    assert PARAGRAPH in article.clean


@pytest.mark.parametrize("line", [
    "Officers said the raid was planned on 11/23/2014",
    "see the source page May 02, 2012",
], ids=["digits-in-a-body-line", "date-line-below-the-first-paragraph"])
def test_a_date_line_below_the_first_paragraph_is_no_publication_date(line: str) -> None:
    text = f"Port police detain four\n\n{PARAGRAPH}\n\n{line}\n\n{PARAGRAPH}\n"
    assert clean(text).published is None


def test_the_dateline_is_found_once_on_the_article() -> None:
    text = "Headline\n\nMEXICO CITY, Jan. 21, 2026 (AP) — Mexico sent 37 people north.\n"
    article = clean(text)
    assert article.dateline is not None
    assert text[article.dateline[0]:article.dateline[1]] == "Jan. 21, 2026"
    assert article.published == date(2026, 1, 21)
    assert "MEXICO CITY, Jan. 21, 2026 (AP)" in article.clean


TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "published", "dateline"),
    [
        ("Head\n\nLima, Mar 5 (Wire).- Police in Peru detained 12 people on Tuesday.\n",
         date(2024, 3, 5), "Mar 5"),
        ("Head\n\nGENEVA, 3 March (Wire) - Swiss police said on Tuesday that six men were held.\n",
         date(2026, 3, 3), "3 March"),
        ("Head\n\nSan Jose, Costa Rica, Feb 29 — Officers raided a farm early Thursday.\n",
         date(2024, 2, 29), "Feb 29"),
        ("Head\n\nLima, Mar 5 (Wire).- Police in Peru detained 12 people.\n\nIt was Tuesday.\n",
         None, "Mar 5"),
        ("Head\n\nLima, Mar 5 (Wire).- Police detained 12 on Tuesday.\n\nA law of 2025 applies.\n",
         None, "Mar 5"),
        ("Head\n\nOn Tuesday, Mar 5 - the police detained 12 people.\n", None, None),
        ("Head\n\nLima, Mar 5, 2019 (Wire).- Police detained 12 people on Tuesday.\n",
         date(2019, 3, 5), "Mar 5, 2019"),
    ],
    ids=["month-day-and-weekday", "day-month-in-capitals", "leap-day", "weekday-not-in-its-paragraph",
         "no-fitting-year-since-one-the-text-names", "weekday-is-no-place", "full-date-dateline"],
)
def test_a_dateline_without_a_year_is_dated_by_its_weekday(
        text: str, published: date | None, dateline: str | None) -> None:
    stated = stated_dates(text, today=TODAY)
    assert stated.published == published
    assert (text[stated.dateline[0]:stated.dateline[1]] if stated.dateline else None) == dateline


def test_a_year_inferred_from_a_weekday_is_said_in_a_warning() -> None:
    from transfer_extract.core import prepare_input

    text = "Head\n\nLima, Mar 5 (Wire).- Police in Peru detained 12 people on Tuesday.\n"
    inferred = prepare_input(text)
    assert inferred.article.published is not None and inferred.article.published.weekday() == 1
    assert any("dateline gives no year" in w for w in inferred.warnings)
    assert not any("dateline gives no year" in w for w in prepare_input(text, published="2024-03-05").warnings)


@pytest.mark.parametrize(
    ("month", "day", "weekday", "today", "not_before", "year"),
    [
        (7, 4, 3, TODAY, None, 2024),
        (7, 4, 3, date(2024, 7, 3), None, 2019),
        (7, 4, 3, TODAY, 2020, 2024),
        (7, 4, 3, TODAY, 2025, None),
        (2, 29, 3, TODAY, None, 2024),
        (2, 29, 0, TODAY, None, 2016),
    ],
    ids=["latest-fitting-year", "never-after-today", "not-before-a-bound", "bound-excludes-all",
         "leap-day", "leap-day-further-back"],
)
def test_year_from_weekday(month: int, day: int, weekday: int, today: date, not_before: int | None,
                           year: int | None) -> None:
    assert year_from_weekday(month, day, weekday, today, not_before) == year


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Head\n\nQUITO (Wire) - Police held 20 people.\n", "QUITO"),
        ("Head\n\nSAN SALVADOR, El Salvador, Feb. 4, 2026 — Officials said.\n", "SAN SALVADOR, El Salvador"),
        ("Head\n\nLima, Mar 5 (Wire).- Police held 20 people.\n", "Lima"),
        ("date 2020-01-25 BOGOTA, Jan. 23 (Wire) — A former player was sent north.\n", "BOGOTA"),
        ("Head\n\nAmritsar: " + "A plane carrying deportees landed late on Sunday night at the airport. " * 2 + "\n",
         "Amritsar"),
        ("Peru: two men sent north\n\nThe men were flown out on Monday.\n", None),
        ("Head\n\nOn Tuesday — the police held 20 people.\n", None),
        ("Head\n\nThe police held 20 people (officials said) - and more.\n", None),
    ],
    ids=["capitals-and-agency", "city-country-and-date", "title-case-yearless", "after-a-date-marker",
         "colon-opening-a-paragraph", "colon-in-a-short-headline", "weekday-and-dash", "a-sentence"],
)
def test_the_dateline_place(text: str, place: str | None) -> None:
    found = dateline_place(text)
    assert (text[found[0]:found[1]] if found else None) == place


def test_explain_marks_each_block_with_its_kind() -> None:
    text = "Home / World / Americas\nHeadline of the story\n\nStory text.\n\nShare: Facebook | X | Email\n"
    marked = explain(text, find_furniture(text).spans)
    assert "[[navigation: Home / World / Americas]]" in marked
    assert "[[share: Share: Facebook | X | Email]]" in marked
    assert "Headline of the story\n\nStory text." in marked


def test_clean_explain_option() -> None:
    result = CliRunner().invoke(app, ["clean", "--explain", "-"],
                                input="Home / World / Americas\nHeadline here\n\nStory text.\n")
    assert result.exit_code == 0
    assert "[[navigation: Home / World / Americas]]" in result.output
    assert "Story text." in result.output


# Snippets of a few words of the development set: (id, must go, must stay). The texts are read
# from the cache and the cases skip when it is absent.
DEVSET = Path(os.environ.get("DEVSET_TEXTS", Path.home() / ".cache" / "transfer-extract" / "devset"))
DEVSET_CASES = [
    ("d02", ["Directory of sites", "Germans warned against apathy", "2 Min Read", "Reuters Staff"],
     ["GUATEMALA CITY (Reuters) - Guatemala"]),
    ("d04", ["Ads 468x60px", "For more information about reprints"],
     ["Benjamin Arellano Felix is one of the"]),
    ("d05", ["(ETV Bharat)"], ["Of the 112 in the latest batch", "'No hope from Govt'"]),
    ("d06", ["| Image: Bloomberg", "AP Caracas", "2 min read"],
     ["The flight's arrival comes 13 days", "A flight with 231 Venezuelan"]),
    ("d09", ["Colombia Army"], ["The Gulf Clan, which engages"]),
    ("d13", ["is seen above being extradited", "Above, another photo"],
     ["Lopez himself faces U.S. charges", "- Sinaloa cartel drug lord"]),
    ("d16", ["Also Read: Fed chair search"], ["the Jalisco New Generation Cartel and the Sinaloa Cartel."]),
    ("d19", ["Two women and their children", "photo\n"], ["SAN PEDRO SULA, Honduras (AP)"]),
    ("d22", ["Home / China / World", "By Agencies in Mexico City"], ["Drug lord's extradition to US"]),
    ("d24", ["Source: El Economista", "The facade of the US", "Barbara forming"],
     ["However, Mexico is the largest recipient"]),
]


@pytest.mark.parametrize(("name", "removed", "kept"), DEVSET_CASES, ids=[c[0] for c in DEVSET_CASES])
def test_devset_furniture(name: str, removed: list[str], kept: list[str]) -> None:
    path = DEVSET / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    text = path.read_text("utf-8")
    article = clean(text)
    for snippet in removed:
        at = text.index(snippet)
        assert any(b.start <= at and at + len(snippet.rstrip()) <= b.end for b in article.boilerplate), snippet
    for snippet in kept:
        at = text.index(snippet)
        assert not any(b.start < at + len(snippet) and at < b.end for b in article.boilerplate), snippet
