"""Reading records saved by `extract` or `batch`: a JSON record, a JSON array, or JSONL lines.

Never prints; anything that is not a saved record raises RecordFormatError with the file (and
line) named, so that `show` and `merge` fail with one line instead of a traceback.
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


def read_saved(path: str | Path) -> list[dict[str, Any]]:
    """Every record and error line in the file at `path`, in file order."""
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
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                items.append(_check(json.loads(line), f"{path}:{n}"))
            except json.JSONDecodeError as exc:
                raise RecordFormatError(f"{path}:{n}: not a JSON record ({exc.msg})") from None
    return items
