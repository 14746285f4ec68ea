"""Reading records saved by `extract` or `batch`: a JSON record, a JSON array, or JSONL lines.

Never prints; a file that is not saved records raises RecordFormatError with the file (and
line) named, so that `show`, `merge` and `evaluate` fail with one line instead of a traceback;
they skip a malformed JSONL line with a warning and keep the newest line of each article path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import InputError, RecordFormatError
from transfer_extract.reader import decode, read_bytes


def list_fields() -> tuple[str, ...]:
    """The fields of a record that hold lists of objects: the boilerplate and every kind of fact."""
    from transfer_extract.kinds import fields

    return ("boilerplate", *fields())


def _check(item: Any, where: str) -> dict[str, Any]:
    """`item` if it is a saved record or an error line, else RecordFormatError."""
    if not isinstance(item, dict) or not isinstance(item.get("source"), dict):
        raise RecordFormatError(f"{where}: not a transfer-extract record")
    if "error" in item:
        return item
    for name in list_fields():
        value = item.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise RecordFormatError(f"{where}: not a transfer-extract record ({name!r} is not a list of objects)")
    return item


def _size(path: str | Path) -> int:
    """A records file is not an article: a batch of ten thousand articles is tens of megabytes,
    far past the article limit, and is read whatever its size."""
    try:
        return max(os.stat(path).st_size, MAX_CHARS)
    except OSError:
        return MAX_CHARS  # read_bytes says what is wrong


def read_saved(path: str | Path, warnings: list[str] | None = None) -> list[dict[str, Any]]:
    """Every record and error line in the file at `path`, in file order. With a `warnings`
    list, a JSONL line that is not a record (the line a hard kill cut short) is skipped with a
    warning naming its line number; without one it raises RecordFormatError. A file with no
    record at all always raises."""
    try:
        text, _ = decode(read_bytes(path, _size(path)), str(path))
    except InputError as exc:
        raise RecordFormatError(str(exc)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, list):
        return [_check(item, f"{path}: item {n}") for n, item in enumerate(data, 1)]
    if data is not None:
        return [_check(data, str(path))]
    items = []
    skipped: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                items.append(_check(json.loads(line), f"{path}:{n}"))
            except json.JSONDecodeError as exc:
                skipped.append(f"{path}:{n}: not a JSON record ({exc.msg})")
            except RecordFormatError as exc:
                skipped.append(str(exc))
    if skipped and (warnings is None or not items):
        raise RecordFormatError(skipped[0])
    if warnings is not None:
        warnings.extend(f"{line}; skipped" for line in skipped)
    return items


def newest_per_path(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with only the last line of each article path kept (a `batch --resume` after
    an edit appends a newer line for the same path), in the order of those last lines. Records
    without a path (standard input) are all kept."""
    last: dict[str, int] = {}
    for i, record in enumerate(records):
        path = (record.get("source") or {}).get("path")
        if path:
            last[path] = i
    return [r for i, r in enumerate(records)
            if not (p := (r.get("source") or {}).get("path")) or last[p] == i]
