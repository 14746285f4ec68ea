"""Export saved records for analysts: SQLite, CSV or Parquet, one table per kind of fact (the
layout is in `tables.py`). Never prints. sqlite-utils and pyarrow are imported only by the
format that needs them (the `export` extra installs both)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from transfer_extract.errors import OutputError
from transfer_extract.evidence import article_text
from transfer_extract.export.tables import Column, Table, article_rows, layout
from transfer_extract.record import _Fact

__all__ = ["Column", "ExportResult", "Table", "article_rows", "export", "layout"]

ExportFormat = Literal["sqlite", "csv", "parquet"]


@dataclass(frozen=True)
class ExportResult(_Fact):
    """What an export wrote: the rows of each table, and the articles whose text was asked
    for (`with_text`) but could not be read, with why."""

    format: str
    to: str
    articles: int
    errors: int
    rows: dict[str, int] = field(default_factory=dict)
    missing_text: tuple[str, ...] = ()


def _need(module: str, package: str) -> None:
    """OutputError, not an ImportError traceback, when the format's library is not installed."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise OutputError(f"{package} is not installed: pip install 'transfer-extract[export]'")


def _with_texts(lines: Iterable[dict[str, Any]], with_text: bool, missing: list[str],
                seen: dict[str, int]) -> Iterator[tuple[dict[str, Any], str | None]]:
    for line in lines:
        kind = "errors" if "error" in line else "articles"
        seen[kind] += 1
        text = None
        if with_text and kind == "articles":
            text, why = article_text(line)
            if text is None:
                missing.append(why or "")
        yield line, text


def export(lines: Iterable[dict[str, Any]], to: str | Path, fmt: ExportFormat = "sqlite", *,
           with_text: bool = False, bom: bool = False) -> ExportResult:
    """Write saved lines (records and batch error lines, as `read_saved` gives them) to `to`: a
    SQLite file (created, or updated: an article's rows are replaced, keyed by sha256), or a
    folder (created if missing) of one CSV or Parquet file per table. `with_text`: the article
    texts go into `articles.text` (read from the files, when unchanged). `bom`: CSV files open
    with a UTF-8 byte order mark."""
    to = Path(to)
    missing: list[str] = []
    seen = {"articles": 0, "errors": 0}
    items = _with_texts(lines, with_text, missing, seen)
    if fmt == "sqlite":
        if to.is_dir():
            raise OutputError(f"{to}: is a directory (a SQLite export needs a file name)")
        if not to.parent.is_dir():
            raise OutputError(f"{to}: the folder {to.parent} does not exist")
        _need("sqlite_utils", "sqlite-utils")
        from transfer_extract.export.sqlite import to_sqlite

        rows = to_sqlite(items, to, with_text)
    elif fmt in ("csv", "parquet"):
        if to.exists() and not to.is_dir():
            raise OutputError(f"{to}: is a file (a {fmt} export writes a folder of files)")
        if fmt == "parquet":
            _need("pyarrow", "pyarrow")
        to.mkdir(parents=True, exist_ok=True)
        from transfer_extract.export.files import to_csv, to_parquet

        rows = to_csv(items, to, bom) if fmt == "csv" else to_parquet(items, to)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return ExportResult(fmt, str(to), seen["articles"], seen["errors"], rows, tuple(missing))
