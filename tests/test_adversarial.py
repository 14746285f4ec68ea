"""Adversarial text: long runs of quote marks, digits, capitals, spaces and one endless line
all come back with a valid record (bench/linear.py shows the time grows linearly)."""

from __future__ import annotations

import pytest

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
