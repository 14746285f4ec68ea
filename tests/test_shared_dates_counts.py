"""Dates and counts on the real articles in ../shared/articles (skipped when absent).

The expectations are what a careful reader lists; each fact is located by a short snippet of
the article around it (the article text itself is not copied here)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SHARED, needs_shared

# file stem -> [(snippet, text of the fact, value, granularity)]
DATES: dict[str, list[tuple[str, str, str, str]]] = {
    "independent-2026-01-21": [
        ("Sheinbaum said Wednesday that", "Wednesday", "2026-01-21", "day"),
        ("carried out the previous day", "the previous day", "2026-01-20", "day"),
        ("Justice Department on Wednesday said", "Wednesday", "2026-01-21", "day"),
        ("to the U.S. on Tuesday were", "Tuesday", "2026-01-20", "day"),
        ("In August, Mexico's security", "August", "2025-08", "month"),
    ],
    "sheinbaum-extradition-2026-01-21": [
        ("announced on Wednesday the extradition", "Wednesday", "2026-01-21", "day"),
        ("in February and August last", "February", "2025-02", "month"),
        ("and August last year", "August last year", "2025-08", "month"),
        ("26 handed in August included", "August", "2025-08", "month"),
        ("the 2008 killing", "2008", "2008", "year"),
        ("phone call this month", "this month", "2026-01", "month"),
    ],
}

# file stem -> [(snippet, text, value, kind, counted or None when any people-noun will do)]
COUNTS: dict[str, list[tuple[str, str, int, str, str | None]]] = {
    "independent-2026-01-21": [
        ("sent 37 cartel members", "37", 37, "cardinal", "cartel members"),
        ("the third such transfer", "third", 3, "ordinal", "transfer"),
        ("has sent 92 people in total", "92", 92, "total", "people"),
    ],
    "sheinbaum-extradition-2026-01-21": [
        ("extradite 37 cartel operatives", "37", 37, "cardinal", "cartel operatives"),
        ("the third such operation", "third", 3, "ordinal", "operation"),
        ("that 37 people have been", "37", 37, "cardinal", "people"),
        ("aboard seven Air Force planes", "seven", 7, "cardinal", "Air Force planes"),
        ("move, 92 high-impact criminals", "92", 92, "total", "high-impact criminals"),
        ("Among the 26 handed", "26", 26, "cardinal", None),
        ("Moreover, 29 people were", "29", 29, "cardinal", "people"),
        ("part of the first group", "first", 1, "ordinal", "group"),
    ],
}


def _locate(text: str, snippet: str, part: str) -> tuple[int, int]:
    at = text.index(snippet)
    start = at + snippet.index(part)
    return start, start + len(part)


@pytest.fixture(scope="module")
def records(extract_text) -> dict[str, tuple[str, dict[str, Any]]]:
    out = {}
    for stem in DATES:
        path = SHARED / f"{stem}.txt"
        text = path.read_text("utf-8")
        out[stem] = (text, extract_text(text))
    return out


@needs_shared
@pytest.mark.parametrize("stem", sorted(DATES))
def test_dates_are_found_and_resolved(stem: str, records) -> None:
    text, record = records[stem]
    expected = sorted((*_locate(text, snip, part), part, value, gran) for snip, part, value, gran in DATES[stem])
    found = sorted((d["start"], d["end"], d["text"], d["value"], d["granularity"]) for d in record["dates"])
    assert found == expected


@needs_shared
@pytest.mark.parametrize("stem", sorted(COUNTS))
def test_counts_are_found(stem: str, records) -> None:
    text, record = records[stem]
    expected = sorted((*_locate(text, snip, part), part, value, kind) for snip, part, value, kind, _ in COUNTS[stem])
    found = sorted((c["start"], c["end"], c["text"], c["value"], c["kind"]) for c in record["counts"])
    assert found == expected
    counted = {c["start"]: c["counted"] for c in record["counts"]}
    for snip, part, _value, _kind, noun in COUNTS[stem]:
        start, _ = _locate(text, snip, part)
        if noun is None:
            assert counted[start], f"{part!r} in {snip!r} has no counted noun"
        else:
            assert counted[start] == noun, snip
