"""merge: records of several articles grouped by event, every value with its sources.

Rule cases run on small hand-made records (no model); the fixture and shared-article cases
extract the articles with the trained pipeline once per module.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, SHARED_ARTICLES, needs_shared
from transfer_extract.cli import app
from transfer_extract.errors import RecordFormatError
from transfer_extract.merge import dates_agree, merge, read_records


def event(count: int | None = 37, date: str | None = "2026-01-20", **kw: Any) -> dict[str, Any]:
    base = {"type": "transfer", "kind": "transfer", "count": count, "origin": "Mexico",
            "destination": "United States", "date": date, "cumulative_total": None,
            "sequence": None, "places": [], "organizations": [], "conditions": [], "evidence": []}
    return {**base, **kw}


def record(path: str, *events: dict[str, Any], quotes: tuple[dict, ...] = (),
           officials: tuple[dict, ...] = ()) -> dict[str, Any]:
    return {"source": {"path": path}, "events": list(events), "quotes": list(quotes),
            "officials": list(officials)}


def quote(text: str, start: int = 0) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text, "speaker": "Claudia Sheinbaum"}


# ---------------------------------------------------------------- rules, no model


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("2026-01-20", "2026-01-20", True),
    ("2026-01-20", "2026-01-21", True),
    ("2025-08", "2025-08-12", True),
    ("2025", "2025-02", True),
    ("2026-01-20", "2026-01-27", False),
    ("2025-02", "2025-08", False),
    (None, "2025-08", True),
], ids=lambda v: str(v))
def test_dates_agree(a: str | None, b: str | None, agree: bool) -> None:
    assert dates_agree(a, b) is agree


@pytest.mark.parametrize(("first", "second", "groups"), [
    (event(), event(38, "2026-01-21"), 1),
    (event(), event(37, None), 1),
    (event(), event(37, "2025-08-12"), 2),
    (event(26, "2025-08"), event(37, "2026-01-20"), 2),
    (event(), event(kind="extradition"), 1),
    (event(kind="deportation"), event(kind="extradition"), 2),
    (event(), event(destination="El Salvador"), 2),
    (event(sequence=3), event(sequence=2), 2),
    (event(37, None), event(38, None), 2),
], ids=["close-dates", "equal-counts-no-date", "far-dates", "other-wave",
        "transfer-vs-extradition", "deportation-vs-extradition", "other-destination",
        "other-sequence", "no-dates-other-counts"])
def test_grouping(first: dict, second: dict, groups: int) -> None:
    assert len(merge([record("a", first), record("b", second)]).events) == groups


def test_conflicts_are_listed_with_sources_not_resolved() -> None:
    result = merge([
        record("a", event(37, "2026-01-20", cumulative_total=92)),
        record("b", event(38, "2026-01-21", cumulative_total=93)),
        record("c", event(37, "2026-01-20", cumulative_total=92)),
    ]).to_dict()
    (merged,) = result["events"]
    assert merged["conflicts"] == ["count", "date", "cumulative_total"]
    assert merged["count"]["values"] == [{"value": 37, "sources": ["a", "c"]},
                                         {"value": 38, "sources": ["b"]}]
    assert merged["origin"] == {"values": [{"value": "Mexico", "sources": ["a", "b", "c"]}],
                                "conflict": False}


def test_a_refined_date_is_not_a_conflict() -> None:
    (merged,) = merge([record("a", event(26, "2025-08")), record("b", event(26, "2025-08-12"))]).events
    assert merged.conflicts == ()


def test_unions_and_a_quote_in_two_articles_once() -> None:
    said = "It is a sovereign decision."
    (merged,) = merge([
        record("a", event(organizations=["Sinaloa Cartel"], places=["Houston"]),
               quotes=(quote(said, 10), quote("Mexico comes first.")),
               officials=({"name": "Claudia Sheinbaum"},)),
        record("b", event(organizations=["Sinaloa Cartel", "Los Zetas"]),
               quotes=(quote("“It is a sovereign decision,”", 99),),
               officials=({"name": "Claudia Sheinbaum"},)),
    ]).to_dict()["events"]
    assert [(o["value"], o["sources"]) for o in merged["organizations"]] == [
        ("Sinaloa Cartel", ["a", "b"]), ("Los Zetas", ["b"])]
    assert [(p["value"], p["sources"]) for p in merged["places"]] == [("Houston", ["a"])]
    assert merged["officials"] == [{"value": "Claudia Sheinbaum", "sources": ["a", "b"]}]
    assert [[s["source"] for s in q["sources"]] for q in merged["quotes"]] == [["a", "b"], ["a"]]


@pytest.mark.parametrize(("main", "waves", "status"), [
    (event(37, cumulative_total=92, sequence=3), [event(29, "2025-02"), event(26, "2025-08")],
     "consistent"),
    (event(37, cumulative_total=93, sequence=3), [event(29, "2025-02"), event(26, "2025-08")],
     "inconsistent"),
    (event(37, cumulative_total=92, sequence=3), [event(26, "2025-08")], "incomplete"),
    (event(37, sequence=3), [event(29, "2025-02"), event(26, "2025-08")], "not checkable"),
], ids=["sums", "does-not-sum", "a-wave-missing", "no-total"])
def test_consistency(main: dict, waves: list[dict], status: str) -> None:
    (merged,) = merge([record("a", main, *waves)]).events
    assert merged.consistency.status == status


def test_timeline_in_date_order_with_running_totals() -> None:
    result = merge([
        record("a", event(37, "2026-01-20", cumulative_total=92), event(29, "2025-02"),
               event(26, "2025-08")),
        record("b", event(26, "2025-08-12", cumulative_total=55), event(29, "2025-02-27")),
    ])
    assert [(t.date, t.count, t.running_total, t.event) for t in result.timeline] == [
        ("2025-02-27", 29, 29, None), ("2025-08-12", 26, 55, 2), ("2026-01-20", 37, 92, 1)]


@pytest.mark.parametrize(("content", "message"), [
    ('{"a": 1}', "not a transfer-extract record"),
    ('{"source": {}, "events": []}\nnot json\n', ":2: not a JSON record"),
    ('{"source": {}, "events": [1]}', "'events' is not a list of objects"),
    ('[{}]', "item 1: not a transfer-extract record"),
], ids=["no-events", "bad-line", "event-not-object", "array-of-empty"])
def test_bad_record_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(RecordFormatError, match=message):
        read_records(path)


# ---------------------------------------------------------------- articles, with the model

runner = CliRunner()
SAME_EVENT = ["mexico-transfer-37-outlet-a", "mexico-transfer-38-outlet-b",
              "mexico-transfer-37-outlet-c-dateline", "mexico-transfer-26-august-2025",
              "sports-transfer-window", "cartel-violence-sinaloa-no-transfer"]


@pytest.fixture(scope="module")
def fixture_merge(nlp) -> dict[str, Any]:
    paths = [str(FIXTURES / f"{stem}.txt") for stem in SAME_EVENT]
    result = runner.invoke(app, ["merge", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_fixture_outlets_merge_into_one_event_with_conflicts(fixture_merge) -> None:
    first = fixture_merge["events"][0]
    assert len(first["sources"]) == 3
    assert first["conflicts"] == ["count", "date", "cumulative_total"]
    assert [v["value"] for v in first["count"]["values"]] == [37, 38]
    assert first["consistency"]["status"] == "consistent"  # 29 + 26 + 37 = 92 and ... + 38 = 93


def test_fixture_merge_has_two_events_and_a_three_step_timeline(fixture_merge) -> None:
    assert len(fixture_merge["events"]) == 2  # the sports and violence articles add none
    assert [(t["count"], t["running_total"]) for t in fixture_merge["timeline"]] == [
        (29, 29), (26, 55), (37, 92)]


def test_merge_reads_jsonl_written_by_extract(tmp_path: Path, nlp) -> None:
    out = tmp_path / "records.jsonl"
    paths = [str(FIXTURES / f"{stem}.txt") for stem in SAME_EVENT[:2]]
    assert runner.invoke(app, ["extract", *paths, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["merge", str(out), "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["events"]) == 1


@needs_shared
def test_shared_articles_merge_into_one_consistent_event(nlp) -> None:
    result = runner.invoke(app, ["merge", *map(str, SHARED_ARTICLES), "--format", "json"])
    assert result.exit_code == 0
    (merged,) = json.loads(result.stdout)["events"]
    everyone = sorted(merged["sources"])
    assert len(everyone) == 2
    for key, value in [("count", 37), ("origin", "Mexico"), ("destination", "United States"),
                       ("sequence", 3), ("cumulative_total", 92)]:
        assert merged[key]["values"] == [{"value": value, "sources": merged["sources"]}], key
    assert [w["count"]["values"][0]["value"] for w in merged["earlier_waves"]] == [29, 26]
    check = merged["consistency"]
    assert check["status"] == "consistent" and check["checks"][0]["parts"] == [29, 26, 37]


def test_table_shows_conflicts_sources_and_the_check() -> None:
    from rich.console import Console

    from transfer_extract.render import print_merge

    result = merge([
        record("a.txt", event(37, cumulative_total=92, sequence=3), event(29, "2025-02"),
               event(26, "2025-08")),
        record("b.txt", event(38, "2026-01-21")),
    ]).to_dict()
    console = Console(record=True, width=160, file=open(os.devnull, "w"))  # noqa: SIM115
    print_merge(result, console)
    text = console.export_text()
    assert "count conflict" in text and "37 (a.txt) | 38 (b.txt)" in text
    assert "consistent; 29 + 26 + 37 = 92 vs 92 (a.txt)" in text
