"""Reading article files: bytes from a path (or stdin), decoded to text."""

from __future__ import annotations

import codecs
from pathlib import Path

from transfer_extract.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_bytes(path: str | Path) -> bytes:
    """The bytes of the file at `path`, or an InputError that names it."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode(data: bytes, name: str = "<stdin>") -> tuple[str, str]:
    """The text of `data` and the encoding used: a BOM wins, then UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not a text file (no text encoding fits its bytes)")
    return str(best), best.encoding
