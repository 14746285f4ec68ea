"""`export`: records -> SQLite / CSV / Parquet tables and back, re-export without duplicates."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from transfer_extract.cli import app
from transfer_extract.export import export, layout
from transfer_extract.kinds import fields

runner = CliRunner()


def _fixture_records() -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.json"))]


def _page_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a web page's: its article text carried in the record."""
    page = json.loads(json.dumps(record))
    text = (FIXTURES.parent.parent / record["source"]["path"]).read_text("utf-8")
    page["source"].update({"path": "pages/story.html", "sha256": "f" * 64, "format": "html", "title": "A story",
                           "url": "https://example.org/story", "author": None, "site": "Example", "text": text})
    return page


ERROR = {"source": {"path": "broken.txt", "sha256": "e" * 64}, "error": "broken.txt: not text"}


@pytest.fixture(scope="module")
def lines() -> list[dict[str, Any]]:
    records = _fixture_records()
    return [*records, _page_record(records[0]), ERROR]


def _counts(lines: list[dict[str, Any]]) -> dict[str, int]:
    """Facts per kind in the records."""
    return {k: sum(len(r.get(k, [])) for r in lines if "error" not in r) for k in fields()}


def _table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {k: conn.execute(f"SELECT count(*) FROM [{k}]").fetchone()[0] for k in fields()}


# --- SQLite ----------------------------------------------------------------------------------

sqlite_utils = pytest.importorskip("sqlite_utils")


def test_sqlite_round_trip_gives_the_same_records(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    from transfer_extract.export.rebuild import read_sqlite

    db = tmp_path / "facts.db"
    result = export(lines, db)
    assert (result.articles, result.errors) == (len(lines) - 1, 1)
    assert _table_counts(db) == _counts(lines)
    back = read_sqlite(db)
    key = lambda r: (r["source"]["path"], r["source"]["sha256"])  # noqa: E731
    assert sorted(back, key=key) == sorted(lines, key=key)


def test_reexport_replaces_rows_instead_of_adding(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    db = tmp_path / "facts.db"
    export(lines, db)
    export(lines, db)
    assert _table_counts(db) == _counts(lines)
    changed = json.loads(json.dumps(lines[0]))
    dropped = changed["quotes"].pop()
    export([changed], db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == _counts(lines)["quotes"] - 1
        assert conn.execute("SELECT count(*) FROM quotes WHERE text = ? AND article = ?",
                            [dropped["text"], changed["source"]["sha256"]]).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(lines) - 1


def test_an_error_line_is_replaced_by_the_article_it_becomes(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    db = tmp_path / "facts.db"
    record = lines[0]
    export([{"source": record["source"], "error": "timed out"}], db)
    export([record], db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_sqlite_keys_indexes_and_search(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    db = tmp_path / "facts.db"
    export(lines, db, with_text=True)
    database = sqlite_utils.Database(db)
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {fk.other_table for fk in database["mentions"].foreign_keys} == {"articles"}
    assert {fk.other_table for fk in database["events_places"].foreign_keys} == {"events", "articles"}
    assert any(ix.columns == ["article"] for ix in database["quotes"].indexes)
    quote = next(q for r in lines if "error" not in r for q in r["quotes"])
    word = max(quote["content"].split(), key=len).strip(",.;:!?\"'")
    assert database["quotes"].search(word, columns=["text"])
    assert database.execute("SELECT count(*) FROM articles WHERE text IS NOT NULL").fetchone()[0] == len(lines) - 1
    assert list(database["articles"].search("extradition", columns=["sha256"]))


def test_list_fields_are_rows(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    db = tmp_path / "facts.db"
    export(lines, db)
    with sqlite3.connect(db) as conn:
        places = sum(len(e["places"]) for r in lines if "error" not in r for e in r["events"])
        assert conn.execute("SELECT count(*) FROM events_places").fetchone()[0] == places
        mentions = sum(len(o["mentions"]) for r in lines if "error" not in r for o in r["officials"])
        assert conn.execute("SELECT count(*) FROM mentions WHERE kind = 'officials'").fetchone()[0] == mentions
        joined = conn.execute("SELECT o.name, m.text FROM mentions m JOIN officials o ON o.id = m.fact "
                              "WHERE m.field = 'mentions' LIMIT 1").fetchone()
        assert joined and all(joined)


# --- CSV and Parquet -------------------------------------------------------------------------

@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_csv_one_file_per_table_with_a_header(tmp_path: Path, lines: list[dict[str, Any]], bom: bool) -> None:
    export(lines, tmp_path / "facts", "csv", bom=bom)
    for table in layout():
        raw = (tmp_path / "facts" / f"{table.name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") is bom
        with open(tmp_path / "facts" / f"{table.name}.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert tuple(csv.DictReader([raw.decode("utf-8-sig").splitlines()[0]]).fieldnames or ()) == table.names
        if table.name in fields():
            assert len(rows) == _counts(lines)[table.name]
    with open(tmp_path / "facts" / "quotes.csv", encoding="utf-8-sig", newline="") as fh:
        quotes = list(csv.DictReader(fh))
    assert {q["partial"] for q in quotes} <= {"true", "false"}
    assert all(q["article"] and q["start"].isdigit() for q in quotes)


def test_parquet_read_back(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export(lines, tmp_path / "facts", "parquet")
    for kind, count in _counts(lines).items():
        assert pq.read_table(tmp_path / "facts" / f"{kind}.parquet").num_rows == count
    events = pq.read_table(tmp_path / "facts" / "events.parquet")
    assert str(events.schema.field("count").type) == "int64"
    got = sorted(e for e in events.column("kind").to_pylist())
    assert got == sorted(e["kind"] for r in lines if "error" not in r for e in r["events"])
    assert pq.read_table(tmp_path / "facts" / "errors.parquet").to_pylist()[0]["error"] == ERROR["error"]


# --- the command -----------------------------------------------------------------------------

@pytest.fixture()
def records_file(tmp_path: Path, lines: list[dict[str, Any]]) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    return path


def test_export_command(tmp_path: Path, records_file: Path) -> None:
    result = runner.invoke(app, ["export", str(records_file), "--to", str(tmp_path / "facts.db")])
    assert result.exit_code == 0, result.output
    assert "rows: quotes" in result.stdout
    result = runner.invoke(app, ["export", str(records_file), "--to", str(tmp_path / "csv"), "--format", "csv",
                                 "--bom"])
    assert result.exit_code == 0 and (tmp_path / "csv" / "articles.csv").exists()


def test_export_to_the_wrong_kind_of_path_is_one_line_error(tmp_path: Path, records_file: Path) -> None:
    result = runner.invoke(app, ["export", str(records_file), "--to", str(tmp_path)])
    assert result.exit_code == 1 and "is a directory" in result.stderr
    result = runner.invoke(app, ["export", str(records_file), "--to", str(records_file), "--format", "csv"])
    assert result.exit_code == 1 and "is a file" in result.stderr


def test_a_records_file_past_the_article_limit_is_read(tmp_path: Path, lines: list[dict[str, Any]]) -> None:
    from transfer_extract.core import MAX_CHARS
    from transfer_extract.saved import read_saved

    line = json.dumps(lines[0]) + "\n"
    copies = 4 * MAX_CHARS // len(line) + 2  # more bytes than any article may have
    path = tmp_path / "big.jsonl"
    path.write_text(line * copies, "utf-8")
    assert len(read_saved(path)) == copies


def test_error_lines_without_a_content_hash_are_each_a_row(tmp_path: Path) -> None:
    errors = [{"source": {"path": f"a{n}.txt", "sha256": None}, "error": "took longer than the time limit"}
              for n in range(2)]
    db = tmp_path / "facts.db"
    export(errors, db, "sqlite")
    export(errors, db, "sqlite")  # again: replaced, not doubled
    with sqlite3.connect(db) as conn:
        assert sorted(p for (p,) in conn.execute("SELECT path FROM errors")) == ["a0.txt", "a1.txt"]


def test_export_into_a_file_that_is_no_database_is_one_line(tmp_path: Path, records_file: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("these are my notes, not a database\n" * 20, "utf-8")
    result = runner.invoke(app, ["export", str(records_file), "--to", str(target)])
    assert result.exit_code == 1 and "Error:" in result.stderr and "Traceback" not in result.output
