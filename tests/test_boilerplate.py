"""Boilerplate stripping: must-remove and must-keep snippets (a few words each) per article."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, SHARED, needs_shared
from transfer_extract.core import clean

# (file, snippets that must be gone from the cleaned text, snippets that must stay)
FIXTURE_CASES = [
    ("cartel-violence-sinaloa-no-transfer",
     ["(AP Photo/Eduardo Verdugo)", "\nRead more", "CHILD KILLED IN CROSSFIRE", "WHO ARE LOS CHAPITOS?",
      "date 2025-09-10"],
     ["One year into cartel civil war", "CULIACÁN, Mexico —", "State prosecutors have recorded",
      "For residents, the toll"]),
    ("dates-counts-explainer",
     ["Our site uses cookies", "READ MORE: Sheinbaum says", "Advertisement"],
     ["By the numbers: Mexico's three", "In all, a total of 92", "Mexico has justified the transfers"]),
    ("deportation-venezuelans-el-salvador",
     ["Reporting like this depends on you", "Sign up for our free Americas", "Advertisement"],
     ["The Trump administration flew 238", "My son cuts hair", "Tren de Aragua began"]),
    ("extradition-gulf-cartel-leader",
     ["This website uses cookies", "Photo by Alejandro Ruiz / EPA", "Share this article", "\nSign up\n"],
     ["Alleged Gulf Cartel commander extradited", "We intend to fight these charges",
      "Judge Ybarra ordered him held"]),
    ("mexico-transfer-26-august-2025",
     ["(Reuters/Daniela", "Watch Below:", "\nComments"],
     ["Mexico transferred 26 prisoners", "The first wave, in late February",
      "President Claudia Sheinbaum has insisted"]),
    ("mexico-transfer-37-outlet-a",
     ["Your support keeps our reporters", "Become a member today", "READ MORE: Who are the cartel",
      "Share this article", "(AP Photo/Eduardo Verdugo)"],
     ["Mexico flew 37 alleged cartel members", "The Justice Department did not respond",
      "Security analysts said the transfers"]),
    ("mexico-transfer-37-outlet-c-dateline",
     ["Published January 21, 2026", "Sign up for our Latin America", "(AP Photo/Luis Cortés)",
      "Advertisement"],
     ["MEXICO CITY (LatAm Wire) —", "The latest transfer follows two earlier operations",
      "Each of these people was a real risk"]),
    ("mexico-transfer-38-outlet-b",
     ["We use cookies to personalize", "Sign up for our daily briefing",
      "SHEINBAUM REJECTS US TROOPS", "FENTANYL SEIZURES AT SOUTHERN BORDER"],
     ["Mexico hands 38 alleged cartel figures", "Thirty-eight people accused",
      "The CJNG, led by Nemesio Oseguera Cervantes"]),
    ("officials-us-mexico-security",
     ["Independent reporting has never mattered more", "Please consider becoming a supporter",
      "(Reuters/Jorge Salinas)", "Join the conversation"],
     ["The president of Mexico, Claudia Sheinbaum", "alias \"El Mencho,\"",
      "Sheinbaum told reporters on Monday"]),
    ("quotes-sheinbaum-sovereignty",
     ["Sign up for Morning Brief", "Photo by Mario Guzmán / EPA", "Share this article | Comments"],
     ["We did not act because somebody gave us an order", "That ends now",
      "Mexicans deserve to know what was promised"]),
    ("remittances-money-transfers",
     ["Good journalism takes time", "MIGRANTS TURN TO DIGITAL WALLETS", "PESO HOLDS GAINS"],
     ["Money sent home by Mexicans", "Remittances are Mexico's second-largest",
      "Economists expect remittances to fall"]),
    ("sports-transfer-window",
     ["We value your privacy", "Watch Below:", "Sign up for our football newsletter",
      "Join the conversation"],
     ["Real Betis have completed the signing", "It's a dream for me and my family",
      "The winter transfer window in Spain"]),
]

SHARED_CASES = [
    ("independent-2026-01-21",
     ["Your support helps us", "Support Now", "quality journalism should be available",
      "Your support makes all the difference", "date 2026-01-21"],
     ["Mexican President Claudia Sheinbaum said Wednesday", "Speaking at her regular morning",
      "In August, Mexico's security minister", "It's the third such transfer"]),
    ("sheinbaum-extradition-2026-01-21",
     ["date 2026-01-21"],
     ["Mexican President Claudia Sheinbaum justified", "Noticias Telemundo noted",
      "Relations between the U.S. and Mexico"]),
]


def _check(text: str, removed: list[str], kept: list[str]) -> None:
    article = clean(text)
    for snippet in removed:
        assert snippet in text, f"test snippet not in the article: {snippet!r}"
        assert snippet not in article.clean, f"not removed: {snippet!r}"
    for snippet in kept:
        assert snippet in text, f"test snippet not in the article: {snippet!r}"
        assert snippet in article.clean, f"removed an article sentence: {snippet!r}"
    for bp in article.boilerplate:
        assert text[bp.start:bp.end] == bp.text and bp.kind


@pytest.mark.parametrize(("name", "removed", "kept"), FIXTURE_CASES, ids=[c[0] for c in FIXTURE_CASES])
def test_fixture_boilerplate(name: str, removed: list[str], kept: list[str]) -> None:
    _check((FIXTURES / f"{name}.txt").read_text("utf-8"), removed, kept)


@needs_shared
@pytest.mark.parametrize(("name", "removed", "kept"), SHARED_CASES, ids=[c[0] for c in SHARED_CASES])
def test_shared_boilerplate(name: str, removed: list[str], kept: list[str]) -> None:
    _check((SHARED / f"{name}.txt").read_text("utf-8"), removed, kept)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Story text.\nRead more\nMore text.", "read_more"),
        ("Story text.\nREAD MORE: Cartel boss caught\nMore text.", "read_more"),
        ("Story text.\nWatch Below:\nMore text.", "read_more"),
        ("Story text.\nSign up for our newsletter today.\nMore text.", "newsletter"),
        ("Story text.\nWe use cookies to improve your experience.\nMore text.", "cookie"),
        ("Story text.\nA soldier stands guard. (AP Photo/Jane Doe)\nMore text.", "caption"),
        ("Story text.\nPhoto by Jane Doe / EPA\nMore text.", "photo_credit"),
        ("Story text.\nMEXICO SENDS MORE PRISONERS NORTH\nMore text.", "related"),
        ("Story text.\nShare this article\nMore text.", "share"),
        ("Headline here\nHeadline here\nStory text.", "repeated_headline"),
        ("Jailed in Peru, sent north: what we know\nJailed in Peru, sent north what we know\nStory text.",
         "repeated_headline"),
        ("Story text.\nBy Maria Lopez and John Smith, Reuters\nMore text.", "byline"),
        ("Story text.\nReporting by Ana Ruiz; Editing by Tom Brown\nMore text.", "byline"),
        ("Skip to main content\nStory text.\nMore text.", "navigation"),
        ("Menu | Search | Sign in\nStory text.\nMore text.", "navigation"),
        ("Story text.\nShare on Facebook  Share on X  Copy link\nMore text.", "share"),
        ("Story text.\nEnter your email address\nMore text.", "newsletter"),
        ("Story text.\nRELATED HEADLINES\nMore text.", "read_more"),
        ("Story text.\nYou may also like\nMore text.", "read_more"),
        ("Story text.\nMore text.\n© 2026 Border Desk. All rights reserved.", "copyright"),
        ("Story text.\nMore text.\nCopyright 2026 The Associated Press.", "copyright"),
        ("Story text.\nMore text.\nNews Wire Ltd. All Rights Reserved.", "copyright"),
        ("Story text.\nA police officer guards a jail. (Guardia Civil/Reuters)\nMore text.",
         "caption"),
        ("Story text.\n(Reporting by Ana Ruiz; Editing by Sam Lee)\nMore text.", "byline"),
        ("Story text.\nThis story has been updated with comment from the ministry.\nMore text.",
         "editor_note"),
        ("Story text.\nEditor's note: An earlier version misspelled a name.\nMore text.", "editor_note"),
    ],
    ids=["read-more", "read-more-headline", "watch-below", "newsletter", "cookie", "ap-photo",
         "photo-by-epa", "capital-headline", "share", "repeated-headline",
         "repeated-headline-without-its-colon", "byline", "sign-off",
         "skip-to-content", "menu-line", "share-buttons", "email-field", "related-headlines",
         "may-also-like", "copyright-sign", "copyright-word", "rights-reserved",
         "caption-source-then-agency", "sign-off-in-parentheses", "story-updated", "editors-note"],
)
def test_rule_kinds(text: str, kind: str) -> None:
    article = clean(text)
    assert [b.kind for b in article.boilerplate] == [kind]
    assert "Story text." in article.clean


@pytest.mark.parametrize(
    "text",
    [
        "She said the photo by the river was taken in 2019.",
        "Read more about it, the minister told reporters, in the official report.",
        "MEXICO CITY (AP) — Mexico sent 37 cartel members to the United States.",
        "\"Your support matters,\" the president told the crowd in Culiacán on Monday.",
        "The U.S. government said it would sign up more agents for the task force this year.",
        "By Tuesday night, the prisoners had landed in Texas.",
        "By then, Mexico had sent 29 people north.",
        "Search teams found 12 bodies in a ravine near Culiacán.",
        "Copyright lawyers for the label said they would appeal.",
        "Email records show the minister was told in March.",
        "Home Secretary Ana Ruiz said the prisoners were moved (by air) to the capital.",
        "This story has a long history in the region, officials said.",
    ],
    ids=["photo-in-sentence", "read-more-in-sentence", "dateline", "support-in-quote", "sign-up-in-sentence",
         "by-weekday", "by-then", "search-in-sentence", "copyright-in-sentence",
         "email-in-sentence", "home-and-slash-free-parenthesis", "this-story-in-sentence"],
)
def test_article_sentences_are_kept(text: str) -> None:
    assert clean(text).clean == text


def test_marker_sets_published_and_is_not_text() -> None:
    article = clean("date 2026-01-21 Mexico sent 37 people.")
    assert article.published == date(2026, 1, 21)
    assert article.clean == "Mexico sent 37 people."
    assert article.boilerplate[0].kind == "metadata"


def test_published_line() -> None:
    article = clean("Headline\nPublished January 21, 2026\nStory text.")
    assert article.published == date(2026, 1, 21)


def test_offsets_map_back_to_the_original() -> None:
    text = "date 2026-01-21\nSign up for our newsletter.\nMexico sent 37 people.\nRead more\nEnd."
    article = clean(text)
    i = article.clean.index("37")
    assert article.span(i, i + 2).text == "37"
    j = article.clean.index("End.")
    span = article.span(j, j + 4)
    assert text[span.start:span.end] == "End."
