"""Quotes on the real articles in ../shared/articles (skipped when absent).

The expectations were written by reading the articles: every quotation, its speaker, and
whether it is a fragment. Quotes are pointed at by a few of their words, never copied whole.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SHARED, needs_shared
from transfer_extract.pipeline import strip_accents

SHEINBAUM = "Claudia Sheinbaum"
HARFUCH = "Omar Garcia Harfuch"

# article stem -> [(words the quote starts with, speaker, partial)]
EXPECTED: dict[str, list[tuple[str, str | None, bool]]] = {
    "independent-2026-01-21": [
        ("sovereign decision", SHEINBAUM, True),
        ("convenient for Mexico", SHEINBAUM, True),
        ("national security", SHEINBAUM, True),
        ("Mexico is put first", SHEINBAUM, False),
        ("This is an important step", "Justice Department", False),
    ],
    "sheinbaum-extradition-2026-01-21": [
        ("bilateral understanding groups", SHEINBAUM, True),
        ("answers to a request", SHEINBAUM, True),
        ("It is very important to clarify", SHEINBAUM, False),
        ("It is a sovereign decision and", SHEINBAUM, False),
        ("represented a real threat", HARFUCH, True),
        ("in accordance with the National", HARFUCH, True),
        ("Said people were taken", HARFUCH, False),
    ],
}

CASES = [
    pytest.param(stem, i, *row, id=f"{stem.split('-')[0]}-{row[0][:24].replace(' ', '-')}")
    for stem, rows in EXPECTED.items() for i, row in enumerate(rows)
]


def _norm(name: str | None) -> str | None:
    return strip_accents(name).lower() if name else None


@pytest.fixture(scope="module")
def records(extract_text) -> dict[str, dict[str, Any]]:
    return {stem: extract_text((SHARED / f"{stem}.txt").read_text("utf-8")) for stem in EXPECTED}


@needs_shared
@pytest.mark.parametrize(("stem", "index", "opening", "speaker", "partial"), CASES)
def test_quote_and_speaker(records, stem: str, index: int, opening: str, speaker: str | None,
                           partial: bool) -> None:
    found = [q for q in records[stem]["quotes"] if q["content"].startswith(opening)]
    assert len(found) == 1, [q["content"][:40] for q in records[stem]["quotes"]]
    quote = found[0]
    assert (_norm(quote["speaker"]), quote["partial"]) == (_norm(speaker), partial)
    assert quote["cue"] and quote["speaker_mention"]


@needs_shared
@pytest.mark.parametrize("stem", list(EXPECTED))
def test_no_other_quotes(records, stem: str) -> None:
    """Every quotation found is one of the expected ones, in order; nothing else is."""
    openings = [o for o, _, _ in EXPECTED[stem]]
    got = [q["content"] for q in records[stem]["quotes"]]
    assert len(got) == len(openings)
    assert all(c.startswith(o) for c, o in zip(got, openings, strict=True)), got
    assert not [w for w in records[stem]["warnings"] if w.startswith("quotes:")]
