"""Adversarial text: long runs of quote marks, digits, capitals, spaces and one endless line
all come back with a valid record (bench/linear.py shows the time grows linearly)."""

from __future__ import annotations

import pytest

from transfer_extract.extractors.intervals import Intervals
from transfer_extract.extractors.numbers import parse_number, parse_ordinal

N = 2000


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('"' * N, id="straight-quotes"),
        pytest.param("\u201c" * N, id="curly-quotes"),
        pytest.param('"one two three four" ' * (N // 20), id="many-quotes-one-sentence"),
        pytest.param("7" * N, id="digits"),
        pytest.param("7 " * (N // 2), id="spaced-digits"),
        pytest.param("A" * N, id="capitals"),
        pytest.param("CARTEL LEADER " * (N // 14), id="capital-words"),
        pytest.param(" " * N + "Mexico sent 26 men." + "\n" * N, id="spaces-and-newlines"),
        pytest.param("Mexico sent 26 men to Texas; " * (N // 30), id="one-long-line"),
        pytest.param("<a " * (N // 3), id="unclosed-tags"),
        pytest.param("&amp;" * (N // 5), id="entities"),
    ],
)
def test_adversarial_text_gives_a_valid_record(extract_text, text: str) -> None:
    extract_text(text)  # returns, validates against the schema, offsets exact


def test_long_punctuation_run_is_tokenized_in_pieces(nlp) -> None:
    from transfer_extract.core import make_doc

    text = "x " + '"' * 1050 + " y"
    doc = make_doc(nlp, text, 100)
    assert doc.text == text and len(doc) > 1000


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("9" * 400, None, id="overflowing-digits"),
        pytest.param("1,000", 1000, id="thousands"),
        pytest.param("twenty-six", 26, id="words"),
    ],
)
def test_parse_number_stays_finite(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_parse_ordinal_of_a_huge_number_is_none() -> None:
    assert parse_ordinal("9" * 5000 + "th") is None and parse_ordinal("3rd") == 3


# Shapes that took quadratic time or worse (seconds to minutes at a few kB). Their speed is
# measured by bench/linear.py (time per doubling of the input), not by a timed test; here each
# must give a valid record.
SLOW_BEFORE = 3000


@pytest.mark.parametrize("unit", [
    pytest.param('" ', id="quote-marks-and-spaces"),
    pytest.param('"One two three four," said Ruiz, ', id="quotes-in-one-sentence"),
    pytest.param("the Sinaloa Cartel ", id="one-organization-repeated"),
    pytest.param("The Sinaloa Cartel denied it. The cartel said so. ", id="organization-and-anaphors"),
    pytest.param("Mr. Ruiz arrived. She said she left. He said he stayed. ", id="pronouns"),
    pytest.param("On January 5, 2024, 26 men and the 26 were sent. ", id="dates-and-counts"),
    pytest.param("Ruiz and 26 prisoners and ", id="sentence-without-end"),
    pytest.param("Security Minister Ana Ruiz said she agreed. Ana Ortiz met Luis Ruiz. ", id="names-sharing-words"),
    pytest.param("Bamira Celotu ", id="title-case-words"),
    pytest.param("7", id="digits"),
    pytest.param("Intro line (x) " + "A" * 150 + " end!\n", id="parenthesis-then-capitals"),
])
def test_adversarial_shape_gives_a_valid_record(extract_text, unit: str) -> None:
    text = (unit * (SLOW_BEFORE // len(unit) + 1))[:SLOW_BEFORE]
    extract_text(text)  # checked against the schema and every offset


RANGES = [(0, 4), (2, 3), (10, 20), (15, 16), (30, 30), (40, 100)]


@pytest.mark.parametrize(("point", "held"), [
    (0, True), (3, True), (4, False), (9, False), (10, True), (19, True), (20, False), (30, False), (99, True),
    (100, False), (-1, False),
], ids=lambda v: str(v))
def test_intervals_hold_a_point_as_a_scan_would(point: int, held: bool) -> None:
    assert Intervals(reversed(RANGES)).holds(point) is held
    assert any(s <= point < e for s, e in RANGES) is held


@pytest.mark.parametrize(("start", "end", "overlap"), [
    (4, 10, False), (3, 5, True), (20, 30, False), (29, 31, True), (30, 31, False), (25, 41, True),
    (100, 200, False), (-5, 0, False), (-5, 1, True),
], ids=["gap", "end-of-one", "between", "around-an-empty-range", "at-an-empty-range", "into-one",
        "after-all", "before-all", "start-of-the-first"])
def test_intervals_overlap_a_range_as_a_scan_would(start: int, end: int, overlap: bool) -> None:
    assert Intervals(RANGES).overlaps(start, end) is overlap
    assert any(s < end and start < e for s, e in RANGES) is overlap
