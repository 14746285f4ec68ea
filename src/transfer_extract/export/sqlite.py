"""Export to SQLite through sqlite-utils: foreign keys, indexes on the keys, full-text search
on quotes (and on article text when it is exported). Re-exporting replaces an article's rows."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from transfer_extract.export.tables import Table, article_rows, layout, line_key

_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "number": "ANY", "boolean": "INTEGER"}
CHUNK = 500  # records written in one transaction


def _prepare(db: Any, tables: tuple[Table, ...], with_text: bool) -> None:
    for t in tables:
        table = db[t.name]
        columns = {c.name: _SQL_TYPES[c.type] for c in t.columns}
        if not table.exists():
            table.create(columns, pk=t.pk, foreign_keys=list(t.foreign_keys) or None)
        else:  # a database from an earlier version, or before a plugin added a field
            for name, kind in columns.items():
                if name not in table.columns_dict:
                    table.add_column(name, kind)
        for key in ("article", "fact"):
            if key in columns:
                table.create_index([key], if_not_exists=True)
        if t.name == "mentions":
            table.create_index(["kind", "fact"], if_not_exists=True)
        if t.fts and (t.name != "articles" or with_text) and not table.detect_fts():
            table.enable_fts(list(t.fts), create_triggers=True, tokenize="porter")


def _write(db: Any, tables: tuple[Table, ...], chunk: list[tuple[dict[str, Any], str | None]]) -> dict[str, int]:
    latest = {line_key(line): (line, text) for line, text in chunk}  # the last wins
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}
    for line, text in latest.values():
        for name, row in article_rows(line, text):
            rows[name].append(row)
    keys = list(latest)
    marks = ",".join("?" * len(keys))
    # one transaction per chunk (sqlite-utils 4 commits each insert batch unless inside atomic())
    with db.atomic() if hasattr(db, "atomic") else db.conn:
        for t in reversed(tables):  # children first
            key = {"articles": "sha256", "errors": "key"}.get(t.name, "article")
            db.execute(f"DELETE FROM [{t.name}] WHERE [{key}] IN ({marks})", keys)
        for t in tables:
            if rows[t.name]:
                db[t.name].insert_all(rows[t.name], batch_size=1000)
    return {name: len(r) for name, r in rows.items()}


def to_sqlite(lines: Iterable[tuple[dict[str, Any], str | None]], path: Path, with_text: bool) -> dict[str, int]:
    """Write (saved line, article text or None) pairs into the database at `path` (created if
    missing); rows of an article already there are replaced. The rows written, per table."""
    import sqlite3

    import sqlite_utils

    from transfer_extract.errors import OutputError

    try:
        db = sqlite_utils.Database(path)
        tables = layout()
        _prepare(db, tables, with_text)
    except sqlite3.DatabaseError as exc:
        raise OutputError(f"{path}: not a SQLite database this tool can write ({exc})") from None
    written = {t.name: 0 for t in tables}
    chunk: list[tuple[dict[str, Any], str | None]] = []
    for item in lines:
        chunk.append(item)
        if len(chunk) == CHUNK:
            for name, n in _write(db, tables, chunk).items():
                written[name] += n
            chunk = []
    if chunk:
        for name, n in _write(db, tables, chunk).items():
            written[name] += n
    db.close()
    return written
