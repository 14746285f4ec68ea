"""Pronoun mentions ("she", "his") join the record of the person they refer to."""

from __future__ import annotations

import pytest

CASES = [
    pytest.param("Governor Rubén Rocha Moya spoke on Monday. A woman who gave only her first name "
                 "said the shooting lasted hours.", "Rubén Rocha Moya", [],
                 id="her-is-not-a-man-by-first-name"),
    pytest.param("Senator Marcela Ibarra met Governor Samuel García. He said the plan was ready.",
                 "Samuel García", ["He"], id="he-skips-a-woman-by-first-name"),
    pytest.param("Mexican President Claudia Sheinbaum spoke on Monday. She said the talks went well.",
                 "Claudia Sheinbaum", ["She"], id="she-after-official"),
    pytest.param("Security Secretary Omar García Harfuch gave a briefing. He said his forces were ready.",
                 "Omar García Harfuch", ["He", "his"], id="he-and-his"),
    pytest.param("Mr. Luis Vega, a lawyer, met Ms. Ana Ruiz, a judge. She said the hearing would go ahead.",
                 "Ana Ruiz", ["She"], id="gender-from-honorific"),
]


def _person(record: dict, name: str) -> dict:
    return next(p for p in [*record["officials"], *record["people"]] if p["name"] == name)


@pytest.mark.parametrize(("text", "name", "pronouns"), CASES)
def test_pronoun_mentions(text: str, name: str, pronouns: list[str], extract_text) -> None:
    mentions = [m["text"] for m in _person(extract_text(text), name)["mentions"]]
    assert [m for m in mentions if m.lower() in {"he", "she", "his", "her", "him"}] == pronouns


def test_no_pronoun_joins_when_nobody_was_named(extract_text) -> None:
    record = extract_text("She said the talks went well. The ministry did not comment.")
    assert not any(m["text"] == "She" for p in record["people"] for m in p["mentions"])


@pytest.mark.parametrize(("text", "name", "expected"), [
    pytest.param("Interior Minister John Reimberg spoke. The minister added that more would follow.",
                 "John Reimberg", ["John Reimberg", "The minister"], id="the-minister"),
    pytest.param("President Daniel Noboa spoke. The president of Colombia did not comment.",
                 "Daniel Noboa", ["Daniel Noboa"], id="title-of-someone-else"),
    pytest.param("President Daniel Noboa spoke. The Colombian president did not comment.",
                 "Daniel Noboa", ["Daniel Noboa"], id="modified-title-is-someone-else"),
    pytest.param('President Daniel Noboa spoke. "The president is wrong," a lawyer said.',
                 "Daniel Noboa", ["Daniel Noboa"], id="title-inside-a-quotation"),
])
def test_title_mentions(text: str, name: str, expected: list[str], extract_text) -> None:
    assert [m["text"] for m in _person(extract_text(text), name)["mentions"]] == expected
