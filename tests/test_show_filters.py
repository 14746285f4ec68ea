"""`show` filters (events, countries, dates, several kinds) and the overview's article names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from transfer_extract.cli import app
from transfer_extract.naming import distinct_names
from transfer_extract.selection import Selection, date_range, selected

runner = CliRunner()


def _event(kind: str = "transfer", role: str = "reported", origin: str | None = "Mexico",
           destination: str | None = "United States", when: str | None = "2025-08-12") -> dict[str, Any]:
    return {"kind": kind, "role": role, "origin": origin, "destination": destination, "date": when}


def _record(*events: dict[str, Any], published: str | None = "2025-08-13", path: str = "a.txt") -> dict[str, Any]:
    return {"source": {"path": path, "sha256": "0" * 64}, "published": published, "events": list(events)}


SELECTIONS = [
    # (id, record, selection, kept)
    ("no filter keeps an article without events", _record(), Selection(), True),
    ("has-event drops an article without events", _record(), Selection(has_event=True), False),
    ("has-event keeps a reported event", _record(_event()), Selection(has_event=True), True),
    ("a recalled event alone is not an event of the article",
     _record(_event(role="recalled")), Selection(has_event=True), False),
    ("--recalled counts recalled events", _record(_event(role="recalled")),
     Selection(has_event=True, recalled=True), True),
    ("kind matches", _record(_event(kind="extradition")), Selection(kind="extradition"), True),
    ("kind differs", _record(_event()), Selection(kind="extradition"), False),
    ("country as origin, any case", _record(_event()), Selection(country="mexico"), True),
    ("country as destination", _record(_event()), Selection(country="United States"), True),
    ("country elsewhere", _record(_event()), Selection(country="Honduras"), False),
    ("kind and country must hold for the same event",
     _record(_event(kind="extradition", origin="Guatemala"), _event(kind="transfer")),
     Selection(kind="extradition", country="Mexico"), False),
    ("event date in range", _record(_event()), Selection(has_event=True, since=date(2025, 8, 1)), True),
    ("event date before since", _record(_event()), Selection(has_event=True, since=date(2025, 9, 1)), False),
    ("event date after until", _record(_event()), Selection(has_event=True, until=date(2025, 8, 11)), False),
    ("a month overlaps the range", _record(_event(when="2025-08")),
     Selection(has_event=True, since=date(2025, 8, 31)), True),
    ("an undated event takes the publication date", _record(_event(when=None), published="2026-01-02"),
     Selection(has_event=True, since=date(2026, 1, 1)), True),
    ("without event filters the publication date counts", _record(_event(), published="2025-08-13"),
     Selection(since=date(2025, 8, 13), until=date(2025, 8, 13)), True),
    ("an undated article is outside every range", _record(published=None), Selection(until=date(2030, 1, 1)),
     False),
    ("article: a part of the path", _record(path="x/mexico-a.txt"), Selection(article="mexico"), True),
    ("an error line only passes the path filter", {"source": {"path": "bad.txt"}, "error": "unreadable"},
     Selection(has_event=True), False),
]


@pytest.mark.parametrize(("record", "sel", "kept"), [s[1:] for s in SELECTIONS], ids=[s[0] for s in SELECTIONS])
def test_selection(record: dict[str, Any], sel: Selection, kept: bool) -> None:
    assert selected(record, sel) is kept


@pytest.mark.parametrize(("value", "expected"), [
    ("2025", (date(2025, 1, 1), date(2025, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2025-08-12", (date(2025, 8, 12), date(2025, 8, 12))),
    ("2025-13", None), ("soon", None), (None, None),
], ids=["year", "leap-month", "day", "bad-month", "not-a-date", "none"])
def test_date_range(value: str | None, expected: Any) -> None:
    assert date_range(value) == expected


NAMES = [
    ("file names that differ", ["a/x.txt", "b/y.txt"], ["x.txt", "y.txt"]),
    ("same file name in two folders", ["in/a/report.txt", "in/b/report.txt"], ["a/report.txt", "b/report.txt"]),
    ("only the clashing ones grow", ["a/report.txt", "b/report.txt", "c/story.txt"],
     ["a/report.txt", "b/report.txt", "story.txt"]),
    ("a path that ends another", ["a/b.txt", "x/a/b.txt"], ["a/b.txt", "x/a/b.txt"]),
    ("the same path twice", ["a/b.txt", "a/b.txt"], ["a/b.txt", "a/b.txt"]),
    ("windows separators", ["c:\\in\\a\\r.txt", "c:\\in\\b\\r.txt"], ["a/r.txt", "b/r.txt"]),
]


@pytest.mark.parametrize(("paths", "names"), [n[1:] for n in NAMES], ids=[n[0] for n in NAMES])
def test_distinct_names(paths: list[str], names: list[str]) -> None:
    assert distinct_names(paths) == names


# --- the command, on a small records file ----------------------------------------------------

@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four fixture records, two of them saved under the same file name in two folders."""
    names = ["deportation-venezuelans-el-salvador", "furniture-every-kind-honduras",
             "mexico-transfer-37-outlet-a", "sports-transfer-window"]
    lines = []
    for n, name in enumerate(names):
        record = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
        if n >= 2:  # same file name, two folders
            record["source"]["path"] = f"feeds/outlet{n}/story.txt"
        lines.append(json.dumps(record))
    path = tmp_path_factory.mktemp("filters") / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _show(records: Path, *args: str) -> Any:
    return runner.invoke(app, ["show", str(records), *args], env={"COLUMNS": "200"})


FILTERED = [
    ("has-event", ["--has-event"], {"deportation", "honduras", "outlet2"}),
    ("kind", ["--kind", "extradition"], {"honduras"}),
    ("country", ["--country", "El Salvador"], {"deportation"}),
    ("since", ["--has-event", "--since", "2026-01-01"], {"honduras", "outlet2"}),
    ("until", ["--has-event", "--until", "2025-12-31"], {"deportation"}),
    ("published range", ["--since", "2026-01-25", "--until", "2026-02-28"], {"outlet3"}),
]


@pytest.mark.parametrize(("args", "shown"), [f[1:] for f in FILTERED], ids=[f[0] for f in FILTERED])
def test_show_filters(records: Path, args: list[str], shown: set[str]) -> None:
    result = _show(records, *args)
    assert result.exit_code == 0, result.output
    overview = result.stdout.split("\n\n")[0]
    found = {key for key in ("deportation", "honduras", "outlet2", "outlet3") if key in overview}
    assert found == shown


def test_overview_tells_same_file_names_apart(records: Path) -> None:
    result = _show(records)
    assert "outlet2/story.txt" in result.stdout and "outlet3/story.txt" in result.stdout


def test_only_takes_several_kinds(records: Path) -> None:
    result = _show(records, "--kind", "deportation", "--only", "quotes,events")
    assert result.exit_code == 0
    assert "quotes (" in result.stdout and "events (" in result.stdout and "dates (" not in result.stdout


@pytest.mark.parametrize("args", [["--only", "quotes,nonsense"], ["--kind", "kidnapping"], ["--since", "May"]],
                         ids=["unknown-kind-of-fact", "unknown-event-kind", "bad-date"])
def test_bad_filter_is_a_usage_error(records: Path, args: list[str]) -> None:
    assert _show(records, *args).exit_code == 2


def test_no_match_is_one_line_error(records: Path) -> None:
    result = _show(records, "--country", "Atlantis")
    assert result.exit_code == 1 and "no article matches" in result.stderr
