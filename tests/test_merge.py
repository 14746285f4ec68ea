"""merge: records of several articles grouped by the move they describe, every value with its
sources, every article accounted for.

Rule cases run on small hand-made records (no model). The fixture groups in fixtures/merge/
(each a folder of articles and an `expected.json` written by hand) and the fixture and shared
articles are extracted with the trained pipeline.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, SHARED_ARTICLES, needs_shared
from transfer_extract.cli import app
from transfer_extract.errors import RecordFormatError
from transfer_extract.merge import dates_agree, merge, read_records
from transfer_extract.render import print_merge

GROUPS = ROOT / "fixtures" / "merge"


def event(count: int | None = 37, date: str | None = "2026-01-20", **kw: Any) -> dict[str, Any]:
    base = {"type": "transfer", "kind": "transfer", "role": "reported", "count": count,
            "origin": "Mexico", "destination": "United States", "date": date,
            "cumulative_total": None, "sequence": None, "places": [], "organizations": [],
            "conditions": [], "evidence": [{"start": 0, "end": 100, "text": "x" * 100}]}
    return {**base, **kw}


def recalled(count: int | None, date: str | None, **kw: Any) -> dict[str, Any]:
    return event(count, date, role="recalled", **kw)


def person(name: str, at: int = 10, **kw: Any) -> dict[str, Any]:
    """A person named once, at `at` (inside the evidence of `event()` when under 100)."""
    return {"name": name, "role": None, "aliases": [],
            "mentions": [{"start": at, "end": at + len(name), "text": name}], **kw}


def record(path: str, *events: dict[str, Any], quotes: tuple[dict, ...] = (),
           officials: tuple[dict, ...] = (), people: tuple[dict, ...] = (),
           published: str | None = None) -> dict[str, Any]:
    return {"source": {"path": path}, "published": published, "events": list(events),
            "quotes": list(quotes), "officials": list(officials), "people": list(people)}


def quote(text: str, start: int = 0, speaker: str | None = "Claudia Sheinbaum") -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text, "speaker": speaker}


def values(field: dict[str, Any]) -> list[list[Any]]:
    return [[v["value"], v["sources"]] for v in field["values"]]


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


ONE = {"count": 1, "kind": "extradition"}


@pytest.mark.parametrize(("first", "second", "groups"), [
    (record("a", event()), record("b", event(38, "2026-01-21")), 1),
    (record("a", event()), record("b", event(37, None)), 1),
    (record("a", event()), record("b", event(37, "2025-08-12")), 2),
    (record("a", event(26, "2025-08")), record("b", event(37, "2026-01-20")), 2),
    (record("a", event()), record("b", event(kind="extradition")), 1),
    (record("a", event(kind="deportation")), record("b", event(kind="extradition")), 2),
    (record("a", event()), record("b", event(destination="El Salvador")), 2),
    (record("a", event(sequence=3)), record("b", event(sequence=2)), 2),
    (record("a", event(37, None)), record("b", event(38, None)), 2),
    (record("a", event(date=None, **ONE), people=(person("Héctor Ramírez"),)),
     record("b", event(date=None, **ONE), people=(person("Carlos Mendoza Ruiz"),)), 2),
    (record("a", event(date=None, **ONE), people=(person("Héctor Ramírez Solís"),)),
     record("b", event(date=None, **ONE), people=(person("HECTOR RAMIREZ SOLIS"),)), 1),
    (record("a", event(date=None, **ONE), people=(person("Benjamin Arellano Felix"),)),
     record("b", event(date=None, **ONE), people=(person("Arellano Felix"),)), 1),
    (record("a", event(date=None, **ONE)), record("b", event(date=None, **ONE)), 2),
    (record("a", event(date=None, **ONE), people=(person("Ana Ruiz"),)),
     record("b", event(date=None, **ONE)), 2),
    (record("a", event(date="2025-03-04", **ONE), people=(person("Ana Ruiz"),)),
     record("b", event(date="2025-03-04", **ONE), people=(person("Luis Ruiz"),)), 2),
    (record("a", event(date="2025-03-04", **ONE), people=(person("Ana Ruiz"),)),
     record("b", event(date="2025-03-04", **ONE), people=(person("Ana Ruiz", at=500),)), 1),
    (record("a", event(29, "2025-02-27")), record("b", event(29, "1985"), published="2025-02-28"), 1),
    (record("a", event(29, "1985")), record("b", event(29, "1985"), published="2025-02-28"), 1),
    (record("a", event(26, "2025-08-12")), record("b", recalled(26, "2025-08")), 1),
    (record("a", event(26, "2025-08-12")), record("b", event(), recalled(29, "2025-02")), 3),
    (record("a", event(5, "2025-02-13")), record("b", event(), recalled(29, "2025-02")), 3),
    (record("a", event(date="2025-02-13", **ONE), people=(person("Ana Ruiz"),)),
     record("b", event(), recalled(1, "2025-02", kind="extradition"),
            people=(person("Ana Ruiz", at=0),)), 2),
], ids=["close-dates", "equal-counts-no-date", "far-dates", "other-wave",
        "transfer-vs-extradition", "deportation-vs-extradition", "other-destination",
        "other-sequence", "no-dates-other-counts", "undated-one-person-each-different-people",
        "undated-same-person-other-accents-and-case", "undated-same-person-surname-only",
        "undated-one-person-nobody-named", "undated-one-named-one-not",
        "same-day-different-people", "same-day-person-named-outside-the-evidence",
        "a-year-in-passing-does-not-split", "a-year-in-passing-on-both-sides",
        "a-recalled-wave-is-the-reported-one", "a-recalled-wave-apart-from-both",
        "a-month-with-another-count-is-not-a-day-of-it", "a-month-refined-by-the-same-person"])
def test_grouping(first: dict, second: dict, groups: int) -> None:
    assert len(merge([first, second]).events) == groups


def test_two_events_of_one_article_stay_two() -> None:
    result = merge([record("a", event(29, "2025-02"), recalled(29, "2025-02-27"))])
    assert len(result.events) == 2


def test_a_year_in_passing_is_listed_and_noted_but_not_used() -> None:
    (merged,) = merge([record("a", event(29, "2025-02-27")),
                       record("b", event(29, "1985"), published="2025-02-28")]).to_dict()["events"]
    assert values(merged["date"]) == [["2025-02-27", ["a"]], ["1985", ["b"]]]
    assert merged["conflicts"] == ["date"]
    assert merged["notes"] == ["date 1985 (b) is a year the article mentions in passing: not used"
                               " to match or place the event"]
    assert merge([record("b", event(29, "1985"), published="2025-02-28")]).timeline[0].date is None


def test_conflicts_are_listed_with_sources_not_resolved() -> None:
    result = merge([
        record("a", event(37, "2026-01-20", cumulative_total=92)),
        record("b", event(38, "2026-01-21", cumulative_total=93)),
        record("c", event(37, "2026-01-20", cumulative_total=92)),
    ]).to_dict()
    (merged,) = result["events"]
    assert merged["conflicts"] == ["count", "date", "cumulative_total"]
    assert values(merged["count"]) == [[37, ["a", "c"]], [38, ["b"]]]
    assert merged["origin"] == {"values": [{"value": "Mexico", "sources": ["a", "b", "c"]}],
                                "conflict": False}
    (wave,) = result["timeline"]
    assert (wave["counts"], wave["running_total"], wave["running_range"]) == ([37, 38], 37, [37, 38])


def test_a_refined_date_is_not_a_conflict() -> None:
    (merged,) = merge([record("a", event(26, "2025-08")), record("b", event(26, "2025-08-12"))]).events
    assert merged.conflicts == ()


def test_unions_and_people_moved() -> None:
    (merged,) = merge([
        record("a", event(organizations=["Sinaloa Cartel"], places=["Houston"]),
               people=(person("Rafael Caro Quintero"), person("Kiki Camarena", at=300))),
        record("b", event(organizations=["Sinaloa Cartel", "Los Zetas"]),
               officials=({"name": "Ana López", "title": "former Governor", "mentions": [
                   {"start": 5, "end": 14, "text": "Ana López"}]},
                   {"name": "Omar García Harfuch", "title": "Security Secretary", "mentions": [
                       {"start": 20, "end": 39, "text": "Omar García Harfuch"}]})),
    ]).to_dict()["events"]
    assert values({"values": merged["organizations"]}) == [
        ["Sinaloa Cartel", ["a", "b"]], ["Los Zetas", ["b"]]]
    assert values({"values": merged["places"]}) == [["Houston", ["a"]]]
    # named in the evidence; a serving official announces moves, a former one can be moved
    assert values({"values": merged["people"]}) == [["Rafael Caro Quintero", ["a"]], ["Ana López", ["b"]]]


@pytest.mark.parametrize(("quotes", "expected"), [
    ([("a", "“It is a sovereign decision,”"), ("b", "It is a sovereign decision.")],
     [("“It is a sovereign decision,”", [("a", False), ("b", False)])]),
    ([("a", '"a sovereign decision"'), ("b", '"Sending them was a sovereign decision of Mexico."')],
     [('"Sending them was a sovereign decision of Mexico."', [("b", False), ("a", True)])]),
    ([("a", '"sovereign"'), ("b", '"Sending them was a sovereign decision."')],
     [('"sovereign"', [("a", False)]), ('"Sending them was a sovereign decision."', [("b", False)])]),
    ([("a", '"decision a sovereign"'), ("b", '"It was a sovereign decision."')],
     [('"decision a sovereign"', [("a", False)]), ('"It was a sovereign decision."', [("b", False)])]),
], ids=["same-words-other-marks", "fragment-joins-the-full-text", "one-word-stays-apart",
        "same-words-other-order-stay-apart"])
def test_quotes_by_content(quotes: list[tuple[str, str]], expected: list) -> None:
    result = merge([record(src, quotes=(quote(text),)) for src, text in quotes]).to_dict()
    assert [(q["text"], [(s["source"], s["fragment"]) for s in q["sources"]])
            for q in result["quotes"]] == expected


def test_names_grouped_ignoring_accents_and_case_with_aliases() -> None:
    result = merge([
        record("a", officials=({"name": "Omar García Harfuch", "title": "Security Secretary"},)),
        record("b", officials=({"name": "Omar Garcia Harfuch", "title": "Secretary of Security"},)),
        record("c", officials=({"name": "OMAR GARCIA HARFUCH", "title": None},),
               people=({"name": "Joaquín Guzmán", "aliases": ["El Chapo"]},)),
        record("d", people=({"name": "Joaquin Guzman", "aliases": []},)),
    ]).to_dict()
    assert [(o["name"], o["aliases"], values({"values": o["titles"]}), o["sources"])
            for o in result["officials"]] == [
        ("Omar García Harfuch", ["Omar Garcia Harfuch", "OMAR GARCIA HARFUCH"],
         [["Security Secretary", ["a"]], ["Secretary of Security", ["b"]]], ["a", "b", "c"])]
    assert [(p["name"], p["aliases"]) for p in result["people"]] == [
        ("Joaquín Guzmán", ["Joaquin Guzman", "El Chapo"])]


def test_every_article_is_listed_with_what_became_of_it() -> None:
    result = merge([
        record("a", event(), recalled(29, "2025-02")),
        record("b"),
        record("c", recalled(29, "2025-02-27")),
        {"source": {"path": "d"}, "error": "d: not a text file"},
    ], unreadable=[("e", "no such file")]).to_dict()
    assert [(a["source"], a["status"], a["reason"], a["reported"], a["recalled"])
            for a in result["articles"]] == [
        ("a", "reported", None, [2], [1]),
        ("b", "no move found", "no transfer, extradition or deportation found in the article", [], []),
        ("c", "recalled only", "it only mentions earlier moves", [], [1]),
        ("d", "unreadable", "d: not a text file", [], []),
        ("e", "unreadable", "no such file", [], []),
    ]


@pytest.mark.parametrize(("main", "waves", "status"), [
    (event(37, cumulative_total=92, sequence=3), [recalled(29, "2025-02"), recalled(26, "2025-08")],
     "consistent"),
    (event(37, cumulative_total=93, sequence=3), [recalled(29, "2025-02"), recalled(26, "2025-08")],
     "inconsistent"),
    (event(37, cumulative_total=92, sequence=3), [recalled(26, "2025-08")], "incomplete"),
    (event(37, sequence=3), [recalled(29, "2025-02"), recalled(26, "2025-08")], "not checkable"),
], ids=["sums", "does-not-sum", "a-wave-missing", "no-total"])
def test_consistency(main: dict, waves: list[dict], status: str) -> None:
    result = merge([record("a", main, *waves)])
    (checked,) = [e for e in result.events if e.role == "reported"]
    assert checked.consistency.status == status


def test_timeline_one_row_per_wave_in_date_order_with_running_totals() -> None:
    result = merge([
        record("a", event(37, "2026-01-20", cumulative_total=92), recalled(29, "2025-02"),
               recalled(26, "2025-08")),
        record("b", event(26, "2025-08-12", cumulative_total=55), recalled(29, "2025-02-27")),
        record("c", event(29, "2025-02-27")),
    ])
    assert [(t.date, t.counts, t.running_total, t.reported_by, t.recalled_by) for t in result.timeline] == [
        ("2025-02-27", (29,), 29, ("c",), ("a", "b")),
        ("2025-08-12", (26,), 55, ("b",), ("a",)),
        ("2026-01-20", (37,), 92, ("a",), ())]


def test_an_undated_wave_with_a_sequence_takes_its_place() -> None:
    result = merge([record("a", event(37, "2026-01-20"), recalled(29, "2025-02"),
                           recalled(26, None, sequence=2))])
    assert [(t.date, t.counts, t.running_total) for t in result.timeline] == [
        ("2025-02", (29,), 29), (None, (26,), 55), ("2026-01-20", (37,), 92)]


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


# ---------------------------------------------------------------- the command line

runner = CliRunner()


def run_merge(*args: str) -> Any:
    return runner.invoke(app, ["merge", *args])


def saved(tmp_path: Path, name: str, *records: dict[str, Any]) -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return str(path)


def test_published_is_checked_whatever_the_inputs(tmp_path: Path) -> None:
    records = saved(tmp_path, "r.jsonl", record("a", event()))
    result = run_merge(records, "--published", "2025-13-45", "--format", "json")
    assert result.exit_code == 2
    assert "is not a date of the form YYYY-MM-DD" in result.output


def test_jsonl_records_named_txt_are_read_as_records(tmp_path: Path) -> None:
    records = saved(tmp_path, "records.txt", record("a", event()), record("b", event(38)))
    result = run_merge(records, "--format", "json")
    assert result.exit_code == 0, result.output
    (merged,) = json.loads(result.stdout)["events"]
    assert merged["reported_by"] == ["a", "b"]


def test_json_named_txt_that_is_no_record_is_refused_with_one_line(tmp_path: Path) -> None:
    bad = saved(tmp_path, "notes.txt", {"title": "not a record"})
    good = saved(tmp_path, "r.jsonl", record("a", event()))
    result = run_merge(bad, good, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {bad}: looks like JSON, not article text, and is not a "
                                     "file of transfer-extract records (not a transfer-extract record)")
    articles = json.loads(result.stdout)["articles"]
    assert [(a["source"], a["status"]) for a in articles] == [("a", "reported"), (bad, "unreadable")]


def test_an_unreadable_file_is_listed_and_the_rest_merged(tmp_path: Path) -> None:
    good = saved(tmp_path, "r.jsonl", record("a", event()))
    missing = str(tmp_path / "gone.txt")
    result = run_merge(good, missing, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {missing}: no such file"
    articles = json.loads(result.stdout)["articles"]
    assert articles[-1] == {"source": missing, "status": "unreadable", "reason": "no such file",
                            "reported": [], "recalled": []}


def render(result: dict[str, Any], width: int) -> str:
    console = Console(record=True, width=width, file=open(os.devnull, "w"))  # noqa: SIM115
    print_merge(result, console)
    return console.export_text()


TABLE_CASE = [
    record("outlet-a.txt", event(37, cumulative_total=92, sequence=3), recalled(29, "2025-02"),
           recalled(26, "2025-08"), quotes=(quote("“It is a sovereign decision of the Mexican state,”"),)),
    record("outlet-b.txt", event(38, "2026-01-21"), quotes=(quote('"a sovereign decision"'),)),
    record("weather.txt"),
]


def test_table_shows_conflicts_sources_the_check_and_every_article() -> None:
    text = render(merge(TABLE_CASE).to_dict(), 160)
    assert "37 (outlet-a.txt) | 38 (outlet-b.txt)" in text
    assert "consistent; 29 + 26 + 37 = 92 against 92 (outlet-a.txt)" in text
    assert "no move found" in text and "weather.txt" in text
    assert "outlet-b.txt (a fragment)" in text


@pytest.mark.parametrize("width", [80, 160])
def test_tables_cut_no_word_at_80_columns(width: int) -> None:
    text = render(merge(TABLE_CASE).to_dict(), width)
    assert max(len(line) for line in text.splitlines()) <= width
    cells = (c for line in text.splitlines() for c in re.split(r"[│┃]", line))
    words = {w.strip("();,|:") for c in cells for w in c.split()}
    for word in ("2026-01-20", "2026-01-21", "2025-02", "transfer", "outlet-a.txt", "consistent",
                 "United", "States", "Mexico", "reported", "recalled", "weather.txt", "sovereign"):
        assert word in words, word


# ---------------------------------------------------------------- fixture groups, with the model


def view(result: dict[str, Any]) -> dict[str, Any]:
    """What the hand-written expected files state, with file names for paths."""
    def name(path: str) -> str:
        return Path(path).name

    def field(f: dict[str, Any]) -> list[list[Any]]:
        return [[v["value"], [name(s) for s in v["sources"]]] for v in f["values"]]

    return {
        "articles": [{"source": name(a["source"]), "status": a["status"], "reported": a["reported"],
                      "recalled": a["recalled"]} for a in result["articles"]],
        "events": [{"id": e["id"], "role": e["role"], "reported_by": [name(s) for s in e["reported_by"]],
                    "recalled_by": [name(s) for s in e["recalled_by"]], "conflicts": e["conflicts"],
                    **{k: field(e[k]) for k in ("count", "date", "sequence", "cumulative_total")},
                    "people": field({"values": e["people"]}),
                    "consistency": e["consistency"]["status"]} for e in result["events"]],
        "timeline": [{"event": t["event"], "date": t["date"], "counts": t["counts"],
                      "running_total": t["running_total"]} for t in result["timeline"]],
        "quotes": [{"text": q["text"], "speakers": [s["value"] for s in q["speakers"]],
                    "sources": [[name(s["source"]), s["fragment"]] for s in q["sources"]]}
                   for q in result["quotes"]],
        "officials": [{"name": o["name"], "aliases": o["aliases"]} for o in result["officials"]],
        "people": [{"name": p["name"], "aliases": p["aliases"]} for p in result["people"]],
    }


@pytest.mark.parametrize("group", sorted(p.name for p in GROUPS.iterdir() if p.is_dir()))
def test_fixture_group(group: str, nlp) -> None:
    folder = GROUPS / group
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    result = run_merge(*map(str, sorted(folder.glob("*.txt"))), "--format", "json")
    assert result.exit_code == 0, result.output
    got = view(json.loads(result.stdout))
    for key, value in expected.items():
        if not key.startswith("_"):
            assert got[key] == value, key


SAME_EVENT = ["mexico-transfer-37-outlet-a", "mexico-transfer-38-outlet-b",
              "mexico-transfer-37-outlet-c-dateline", "mexico-transfer-26-august-2025",
              "sports-transfer-window", "cartel-violence-sinaloa-no-transfer"]


@pytest.fixture(scope="module")
def fixture_merge(nlp) -> dict[str, Any]:
    paths = [str(FIXTURES / f"{stem}.txt") for stem in SAME_EVENT]
    result = run_merge(*paths, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_fixture_outlets_merge_into_one_event_with_conflicts(fixture_merge) -> None:
    last = fixture_merge["events"][-1]
    assert len(last["reported_by"]) == 3
    assert last["conflicts"] == ["count", "date", "cumulative_total"]
    assert [v["value"] for v in last["count"]["values"]] == [37, 38]
    assert last["consistency"]["status"] == "consistent"  # 29 + 26 + 37 = 92 and ... + 38 = 93


def test_fixture_merge_has_a_three_wave_timeline_and_every_article(fixture_merge) -> None:
    assert [(t["counts"], t["running_total"]) for t in fixture_merge["timeline"]] == [
        ([29], 29), ([26], 55), ([37, 38], 92)]
    statuses = {Path(a["source"]).stem: a["status"] for a in fixture_merge["articles"]}
    assert statuses["sports-transfer-window"] == statuses["cartel-violence-sinaloa-no-transfer"] == (
        "no move found")


def test_merge_reads_jsonl_written_by_extract(tmp_path: Path, nlp) -> None:
    out = tmp_path / "records.jsonl"
    paths = [str(FIXTURES / f"{stem}.txt") for stem in SAME_EVENT[:2]]
    assert runner.invoke(app, ["extract", *paths, "--format", "jsonl", "--out", str(out)]).exit_code == 0
    result = run_merge(str(out), "--format", "json")
    assert result.exit_code == 0
    assert [len(e["reported_by"]) for e in json.loads(result.stdout)["events"]] == [0, 0, 2]


@needs_shared
def test_shared_articles_merge_into_one_consistent_event(nlp) -> None:
    result = run_merge(*map(str, SHARED_ARTICLES), "--format", "json")
    assert result.exit_code == 0
    merged = [e for e in json.loads(result.stdout)["events"] if e["role"] == "reported"]
    (main,) = merged
    assert len(main["reported_by"]) == 2
    for key, value in [("count", 37), ("origin", "Mexico"), ("destination", "United States"),
                       ("sequence", 3), ("cumulative_total", 92)]:
        assert main[key]["values"] == [{"value": value, "sources": main["sources"]}], key
    check = main["consistency"]
    assert check["status"] == "consistent" and check["checks"][0]["parts"] == [29, 26, 37]
