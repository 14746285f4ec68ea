"""Records as flat tables: the layout every export format shares. No third-party import.

Every kind of fact in the registry becomes a table named by its JSON field, with one row per
fact; the layout is derived from the fact's dataclass, so a kind a plugin registers is exported
too:

- a scalar field is a column (a list-free `Literal` or `str` is text, `bool` an integer 0/1);
- a single span (a quote's `speaker_mention`) is three columns `<field>_start`, `_end`, `_text`;
- a list of spans (`mentions`, an event's `evidence`, a quote's `parts`) becomes rows of the
  shared `mentions` table (`kind`, `fact`, `field`, `n`, `start`, `end`, `text`);
- a list of strings (`aliases`, `places`, ...) becomes rows of its own table `<kind>_<field>`
  (`fact`, `n`, `value`).

Every row carries `article` (the article's sha256, the key of `articles`), and a fact's `id` is
`<sha256>/<kind>/<n>` (its position in the record), which the rows of `mentions` and the list
tables point to as `fact`. The batch's error lines become rows of `errors`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from transfer_extract.kinds import Kind, kinds
from transfer_extract.record import Boilerplate, Span

__all__ = ["Column", "Table", "article_rows", "layout"]

ColumnType = Literal["text", "integer", "number", "boolean"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType


@dataclass(frozen=True)
class Table:
    """One table: its columns in order, primary key, and the (column, table, column) each
    foreign key points to."""

    name: str
    columns: tuple[Column, ...]
    pk: str | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    fts: tuple[str, ...] = ()  # the text columns searched with full-text search in SQLite

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class _Field:
    """How one field of a fact dataclass is exported."""

    name: str
    shape: Literal["scalar", "span", "spans", "strings"]
    type: ColumnType = "text"


def _scalar_type(hint: Any) -> ColumnType:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = {a for a in args if a is not type(None)}
        if options == {int, float}:
            return "number"
        return _scalar_type(next(iter(options))) if len(options) == 1 else "text"
    return {bool: "boolean", int: "integer", float: "number"}.get(hint, "text")  # type: ignore[return-value]


def _shape(name: str, hint: Any) -> _Field:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if options == [Span]:
            return _Field(name, "span")
    if origin in (tuple, list):
        return _Field(name, "spans" if args[0] is Span else "strings")
    return _Field(name, "scalar", _scalar_type(hint))


@cache
def fact_fields(cls: type) -> tuple[_Field, ...]:
    """How each field of the fact dataclass `cls` is exported, in field order."""
    hints = typing.get_type_hints(cls)
    return tuple(_shape(f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _kind_table(kind: Kind) -> list[Table]:
    cols = [Column("id", "text"), Column("article", "text"), Column("n", "integer")]
    lists = []
    for f in fact_fields(kind.fact):
        if f.shape == "scalar":
            cols.append(Column(f.name, f.type))
        elif f.shape == "span":
            cols += [Column(f"{f.name}_start", "integer"), Column(f"{f.name}_end", "integer"),
                     Column(f"{f.name}_text", "text")]
        elif f.shape == "strings":
            lists.append(Table(f"{kind.field}_{f.name}",
                               (Column("fact", "text"), Column("article", "text"), Column("n", "integer"),
                                Column("value", "text")),
                               foreign_keys=(("fact", kind.field, "id"), ("article", "articles", "sha256"))))
    fts = tuple(n for n in ("text", "content") if n in {c.name for c in cols}) if kind.field == "quotes" else ()
    main = Table(kind.field, tuple(cols), pk="id", foreign_keys=(("article", "articles", "sha256"),), fts=fts)
    return [main, *lists]


ARTICLE_COLUMNS = (
    Column("sha256", "text"), Column("path", "text"), Column("published", "text"), Column("chars", "integer"),
    Column("encoding", "text"), Column("format", "text"), Column("title", "text"), Column("url", "text"),
    Column("author", "text"), Column("site", "text"), Column("schema_version", "integer"),
)
_SOURCE_KEYS = ("path", "chars", "encoding", "format", "title", "url", "author", "site")
_ARTICLE_FK = (("article", "articles", "sha256"),)


def layout() -> tuple[Table, ...]:
    """Every table, parents before children: articles, boilerplate, warnings, one table per kind
    of fact (and its lists of strings), mentions, errors."""
    facts = [t for k in kinds() for t in _kind_table(k)]
    counts = tuple(Column(f"n_{k.field}", "integer") for k in kinds())
    return (
        Table("articles", (*ARTICLE_COLUMNS, *counts, Column("text", "text")), pk="sha256", fts=("text",)),
        Table("boilerplate", (Column("id", "text"), Column("article", "text"), Column("n", "integer"),
                              Column("start", "integer"), Column("end", "integer"), Column("text", "text"),
                              Column("kind", "text")), pk="id", foreign_keys=_ARTICLE_FK),
        Table("warnings", (Column("article", "text"), Column("n", "integer"), Column("text", "text")),
              foreign_keys=_ARTICLE_FK),
        *facts,
        Table("mentions", (Column("article", "text"), Column("kind", "text"), Column("fact", "text"),
                           Column("field", "text"), Column("n", "integer"), Column("start", "integer"),
                           Column("end", "integer"), Column("text", "text")), foreign_keys=_ARTICLE_FK),
        # keyed by the content's sha256, or by the path when the error line has none (a timeout)
        Table("errors", (Column("key", "text"), Column("sha256", "text"), Column("path", "text"),
                         Column("error", "text")), pk="key"),
    )


def _fact_rows(kind: Kind, sha: str, facts: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    shapes = fact_fields(kind.fact)
    for n, fact in enumerate(facts):
        fid = f"{sha}/{kind.field}/{n}"
        row: dict[str, Any] = {"id": fid, "article": sha, "n": n}
        for f in shapes:
            value = fact.get(f.name)
            if f.shape == "scalar":
                row[f.name] = value
            elif f.shape == "span":
                value = value or {}
                row.update({f"{f.name}_start": value.get("start"), f"{f.name}_end": value.get("end"),
                            f"{f.name}_text": value.get("text")})
            elif f.shape == "spans":
                for i, span in enumerate(value or []):
                    yield "mentions", {"article": sha, "kind": kind.field, "fact": fid, "field": f.name, "n": i,
                                       "start": span["start"], "end": span["end"], "text": span["text"]}
            else:
                for i, item in enumerate(value or []):
                    yield f"{kind.field}_{f.name}", {"fact": fid, "article": sha, "n": i, "value": item}
        yield kind.field, row


def article_rows(record: dict[str, Any], text: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every row of one saved line: a record, or an error line (a row of
    `errors`). `text`: the article text for `articles.text` (an HTML record's own article text
    is used when None)."""
    src = record.get("source") or {}
    sha = src.get("sha256") or ""
    if "error" in record:
        yield "errors", {"key": line_key(record), "sha256": sha, "path": src.get("path"),
                         "error": str(record["error"])}
        return
    article = {"sha256": sha, **{k: src.get(k) for k in _SOURCE_KEYS}, "published": record.get("published"),
               "schema_version": record.get("schema_version")}
    article["format"] = article["format"] or "text"
    article.update({f"n_{k.field}": len(record.get(k.field) or []) for k in kinds()})
    article["text"] = text if text is not None else src.get("text")
    yield "articles", article
    for n, bp in enumerate(record.get("boilerplate") or []):
        yield "boilerplate", {"id": f"{sha}/boilerplate/{n}", "article": sha, "n": n,
                              **{f.name: bp.get(f.name) for f in dataclasses.fields(Boilerplate)}}
    for n, warning in enumerate(record.get("warnings") or []):
        yield "warnings", {"article": sha, "n": n, "text": warning}
    for k in kinds():
        yield from _fact_rows(k, sha, record.get(k.field) or [])


def table_rows(lines: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for `lines` (tables with no row included, empty)."""
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in layout()}
    for line in lines:
        for name, row in article_rows(line):
            out[name].append(row)
    return out


def line_key(line: dict[str, Any]) -> str | None:
    """What identifies a saved line's article in the database: its content's sha256, or, for an
    error line without one (a timeout, a worker that died), its path."""
    src = line.get("source") or {}
    if src.get("sha256"):
        return src["sha256"]
    return f"path:{src['path']}" if src.get("path") else None
