"""Sentence starts at line breaks (the `line_breaks` component): rule tests on a blank pipeline,
and a check that the trained parser keeps them."""

from __future__ import annotations

from functools import cache

import pytest
import spacy

from transfer_extract.pipeline import add_rule_components


@cache
def _blank():  # -> spacy.language.Language
    nlp = spacy.blank("en")
    add_rule_components(nlp)
    return nlp


def starts(text: str) -> list[str]:
    """The tokens the component marks as sentence starts (the first token always is one)."""
    return [t.text for t in _blank()(text) if t.is_sent_start]


CASES = [
    ("headline-into-body", "Betis sign Mexican forward\nSantiago Leyva joined", ["Betis", "Santiago"]),
    ("paragraph-break", "It ended.\n\nThe next day", ["It", "The"]),
    ("dateline-line", "MEXICO CITY (AP) —\nMexico sent 26", ["MEXICO", "Mexico"]),
    ("quote-paragraph", '"We are done," she said.\n"It is over."', ['"', '"']),
    ("spaces-around-break", "A headline  \n  Body text", ["A", "Body"]),
    ("crlf", "A headline\r\nBody text", ["A", "Body"]),
    ("leading-blank-lines", "\n\nHeadline\nBody", ["\n\n", "Body"]),
    ("no-break-no-start", "He said so. She did too.", ["He"]),
    ("wrapped-line-lower-case", "The next day it\nwas raining.", ["The"]),
    ("paragraph-then-lower-case", "A list:\n\nfirst item", ["A", "first"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sentence_starts(text: str, expected: list[str]) -> None:
    assert starts(text) == expected


def test_break_belongs_to_the_line_before() -> None:
    doc = _blank()("Headline\n\nBody")
    assert doc[1].is_space and doc[1].is_sent_start is False


PARSED = [
    ("headline", "Betis sign Mexican forward\nSantiago Leyva joined the club on Monday.",
     ["Betis sign Mexican forward", "Santiago Leyva joined the club on Monday."]),
    ("quote-paragraphs", '"We will not bend," she said.\n"Nobody else decides."',
     ['"We will not bend," she said.', '"Nobody else decides."']),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARSED], ids=[c[0] for c in PARSED])
def test_parser_keeps_line_starts(nlp, text: str, expected: list[str]) -> None:
    assert [s.text.strip() for s in nlp(text).sents] == expected
