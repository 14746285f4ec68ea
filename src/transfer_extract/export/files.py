"""Export to a folder of files, one per table: CSV (a header row; UTF-8, with a byte order mark
on request so that spreadsheets read it as UTF-8) or Parquet (through pyarrow, typed columns).
Each file is written beside its final name and renamed when complete."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from transfer_extract.export.tables import Table, article_rows, layout

CHUNK = 2000  # records per Parquet row group


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _finish(open_files: dict[str, Any], tmp: dict[str, Path], final: Callable[[str], Path] | None) -> None:
    """Close each table's file and rename it to its `final` name, or, with none (the export
    failed), remove it: a table file is there whole or not at all."""
    for name, fh in open_files.items():
        fh.close()
        if final is None:
            tmp[name].unlink(missing_ok=True)
        else:
            os.replace(tmp[name], final(name))


def to_csv(lines: Iterable[tuple[dict[str, Any], str | None]], folder: Path, bom: bool) -> dict[str, int]:
    """One `<table>.csv` per table in `folder`; the rows written, per table."""
    tables = layout()
    tmp = {t.name: folder / f".{t.name}.csv.tmp" for t in tables}
    handles = {name: open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")  # noqa: SIM115
               for name, path in tmp.items()}
    written = {t.name: 0 for t in tables}
    try:
        writers = {}
        for t in tables:
            writers[t.name] = csv.writer(handles[t.name])
            writers[t.name].writerow(t.names)
        columns = {t.name: t.names for t in tables}
        for line, text in lines:
            for name, row in article_rows(line, text):
                writers[name].writerow([_csv_value(row.get(c)) for c in columns[name]])
                written[name] += 1
    except BaseException:
        _finish(handles, tmp, None)
        raise
    _finish(handles, tmp, lambda name: folder / f"{name}.csv")
    return written


def _schema(t: Table) -> Any:
    import pyarrow as pa

    types = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(c.name, types[c.type]) for c in t.columns])


def to_parquet(lines: Iterable[tuple[dict[str, Any], str | None]], folder: Path) -> dict[str, int]:
    """One `<table>.parquet` per table in `folder`; the rows written, per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = layout()
    schemas = {t.name: _schema(t) for t in tables}
    tmp = {t.name: folder / f".{t.name}.parquet.tmp" for t in tables}
    writers = {t.name: pq.ParquetWriter(tmp[t.name], schemas[t.name]) for t in tables}
    written = {t.name: 0 for t in tables}
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}

    def flush() -> None:
        for name, batch in rows.items():
            if batch:
                writers[name].write_table(pa.Table.from_pylist(batch, schema=schemas[name]))
                written[name] += len(batch)
                batch.clear()

    try:
        for n, (line, text) in enumerate(lines, 1):
            for name, row in article_rows(line, text):
                rows[name].append(row)
            if n % CHUNK == 0:
                flush()
        flush()
    except BaseException:
        _finish(writers, tmp, None)
        raise
    _finish(writers, tmp, lambda name: folder / f"{name}.parquet")
    return written
