"""Reading article files: bytes from a path (or stdin), checked and decoded to text.

`read_input(path)` is what every command (and `batch`) calls: it gives a `core.Input` or raises
an `InputError` whose message names the path and fits on one line.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from transfer_extract.core import MAX_CHARS, Input, too_large, too_large_error
from transfer_extract.data import load_json
from transfer_extract.errors import InputError, InputTooLargeError, NotTextError

STDIN_NAME = "<stdin>"
# The longest UTF-8 encoding of one character; a file of more than max_chars * 4 bytes is too big.
_MAX_BYTES_PER_CHAR = 4
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) but the allowed ones.
_CONTROLS = re.compile("[" + "".join(
    re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in _ALLOWED_CONTROLS) + "]")


def _limit_bytes(max_chars: int) -> int:
    return max_chars * _MAX_BYTES_PER_CHAR + len(codecs.BOM_UTF32_LE)


def read_bytes(path: str | Path, max_chars: int = MAX_CHARS) -> bytes:
    """The bytes of the regular file at `path`, or an InputError that names it.

    Refused without reading: a missing path, a folder, a symlink loop, a FIFO or device (reading
    one could block for ever), an unreadable file, and a file too big for `max_chars`."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory, not an article file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file (a device, FIFO or socket)")
        if info.st_size > _limit_bytes(max_chars):
            raise InputTooLargeError(
                f"{path}: {info.st_size} bytes is more than the limit of {max_chars} characters"
                " (raise it with --max-chars)")
        with open(path, "rb") as fh:
            return fh.read(_limit_bytes(max_chars) + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        if exc.errno == errno.ENOTDIR:
            raise InputError(f"{path}: no such file (a part of the path is not a directory)") from None
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_stream(stream: BinaryIO, max_chars: int = MAX_CHARS, name: str = STDIN_NAME) -> bytes:
    """At most what `max_chars` characters can take from `stream`; more is an InputTooLargeError."""
    data = stream.read(_limit_bytes(max_chars) + 1)
    if len(data) > _limit_bytes(max_chars):
        raise InputTooLargeError(
            f"{name}: more than the limit of {max_chars} characters (raise it with --max-chars)")
    return data


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for _ in _CONTROLS.finditer(text)) / len(text)


def decode(data: bytes, name: str = STDIN_NAME) -> tuple[str, str]:
    """The text of `data` and the encoding used: a BOM wins, then strict UTF-8, then
    charset-normalizer's pick among the fallback encodings of data/input.json.

    Refused as not text: NUL bytes without a BOM, bytes that no encoding fits, and text that is
    mostly control characters."""
    settings = load_json("input.json")
    text = encoding = None
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(bom_encoding), bom_encoding
            except UnicodeDecodeError:
                raise NotTextError(f"{name}: not a text file (bytes after the "
                                   f"{bom_encoding} byte-order mark do not decode)") from None
            break
    if text is None:
        if b"\x00" in data:
            raise NotTextError(f"{name}: not a text file (contains NUL bytes)")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data, cp_isolation=settings["fallback_encodings"]).best()
            if best is None:
                raise NotTextError(f"{name}: not a text file (no text encoding fits its bytes)") from None
            text, encoding = str(best), codecs.lookup(best.encoding).name
    if _control_ratio(text) > settings["max_control_ratio"]:
        raise NotTextError(f"{name}: not a text file (mostly control characters)")
    return text, encoding


def read_input(path: str | Path, max_chars: int = MAX_CHARS) -> Input:
    """The article at `path` ("-": standard input) as an `Input`, or an InputError naming it."""
    if str(path) == "-":
        name, data = STDIN_NAME, read_stream(sys.stdin.buffer, max_chars)
    else:
        name, data = str(path), read_bytes(path, max_chars)
    text, encoding = decode(data, name)
    if too_large(text, max_chars):
        raise too_large_error(name, len(text), max_chars)
    if name == STDIN_NAME:
        return Input(text, None, encoding, hashlib.sha256(data).hexdigest())
    return Input(text, name, encoding, hashlib.sha256(data).hexdigest(), os.path.abspath(name))
