"""Records read back from an exported SQLite database: the inverse of `tables.article_rows`, so
that an export can be checked against its records and a database used as a record store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from transfer_extract.export.tables import ARTICLE_COLUMNS, fact_fields
from transfer_extract.kinds import kinds

_SOURCE = ("path", "sha256", "chars", "encoding")
_PAGE = ("format", "title", "url", "author", "site", "text")


def _grouped(conn: sqlite3.Connection, sql: str, key: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = {}
    for row in conn.execute(sql):
        out.setdefault(row[key], []).append(dict(row))
    return out


def read_sqlite(path: str | Path) -> list[dict[str, Any]]:
    """The records (`Record.to_dict()` form) and error lines in an exported database, articles in
    path order, each fact list in its record order."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return _read(conn)
    finally:
        conn.close()


def _read(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    mentions = _grouped(conn, "SELECT * FROM mentions ORDER BY fact, field, n", "fact")
    boilerplate = _grouped(conn, "SELECT * FROM boilerplate ORDER BY article, n", "article")
    warnings = _grouped(conn, "SELECT * FROM warnings ORDER BY article, n", "article")
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    facts: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for k in kinds():
        if k.field not in tables:
            continue
        shapes = fact_fields(k.fact)
        strings = {f.name: _grouped(conn, f"SELECT * FROM [{k.field}_{f.name}] ORDER BY fact, n", "fact")
                   for f in shapes if f.shape == "strings"}
        for row in conn.execute(f"SELECT * FROM [{k.field}] ORDER BY article, n"):
            fact: dict[str, Any] = {}
            for f in shapes:
                if f.shape == "scalar":
                    value = row[f.name]
                    fact[f.name] = bool(value) if f.type == "boolean" and value is not None else value
                elif f.shape == "span":
                    start = row[f"{f.name}_start"]
                    fact[f.name] = None if start is None else {
                        "start": start, "end": row[f"{f.name}_end"], "text": row[f"{f.name}_text"]}
                elif f.shape == "spans":
                    fact[f.name] = [{"start": m["start"], "end": m["end"], "text": m["text"]}
                                    for m in mentions.get(row["id"], []) if m["field"] == f.name]
                else:
                    fact[f.name] = [v["value"] for v in strings[f.name].get(row["id"], [])]
            facts.setdefault(row["article"], {}).setdefault(k.field, []).append(fact)
    out = []
    for a in conn.execute("SELECT * FROM articles ORDER BY path, sha256"):
        source = {name: a[name] for name in _SOURCE}
        if a["format"] == "html":
            source.update({name: a[name] for name in _PAGE})
        sha = a["sha256"]
        out.append({"schema_version": a["schema_version"], "source": source, "published": a["published"],
                    "boilerplate": [{"start": b["start"], "end": b["end"], "text": b["text"], "kind": b["kind"]}
                                    for b in boilerplate.get(sha, [])],
                    **{k.field: facts.get(sha, {}).get(k.field, []) for k in kinds()},
                    "warnings": [w["text"] for w in warnings.get(sha, [])]})
    out.extend({"source": {"path": e["path"], "sha256": e["sha256"]}, "error": e["error"]}
               for e in conn.execute("SELECT * FROM errors ORDER BY path, sha256"))
    return out


__all__ = ["ARTICLE_COLUMNS", "read_sqlite"]
