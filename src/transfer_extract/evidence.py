"""The text a record's offsets point into, for `show --evidence`, `export --with-text` and
`report`: an HTML record carries it (`source.text`); a plain-text record's file is read again,
found by its path as given or, from another folder, its absolute path, and used only when its
sha256 is still the record's."""

from __future__ import annotations

import hashlib
from typing import Any

from transfer_extract.errors import InputError


def article_text(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(the article text, None), or (None, why it cannot be had)."""
    from transfer_extract.reader import decode, read_bytes

    src = record.get("source") or {}
    if src.get("text") is not None:
        return src["text"], None
    path = src.get("path")
    if not path:
        return None, "the record names no file"
    try:
        data = read_bytes(path)
    except InputError as exc:
        if not src.get("absolute_path"):  # a record made elsewhere: its absolute path
            return None, str(exc)
        try:
            data = read_bytes(src["absolute_path"])
        except InputError:
            return None, str(exc)
    if hashlib.sha256(data).hexdigest() != src.get("sha256"):
        return None, f"{path} has changed since it was processed"
    return decode(data, path)[0], None
