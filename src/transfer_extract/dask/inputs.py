"""The articles of a Dask batch: a folder or a glob on any fsspec filesystem, and their bytes.

Local paths go through the same walk as `batch` (so the lines name the same paths); a path
with a protocol (`s3://`, `gs://`, `memory://`...) through fsspec. The selection rules are
batch's: a folder is walked recursively for names matching the pattern; hidden files and
folders are skipped, and so are symbolic links.
"""

from __future__ import annotations

import glob as globlib
import os
import re
from fnmatch import fnmatch

from transfer_extract.batch import walk
from transfer_extract.errors import InputError, InputTooLargeError

_PROTOCOL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)://")
_GLOB_CHARS = re.compile(r"[*?\[]")
_MAX_BYTES_PER_CHAR = 4  # as the reader: a file of more than max_chars * 4 bytes (and a BOM) is too big
_BOM = 4


def is_remote(path: str) -> bool:
    """Whether `path` names a file through an fsspec protocol other than the local one."""
    match = _PROTOCOL.match(path)
    return match is not None and match["protocol"] not in ("file", "local")


def _local(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


def _hidden_or_link(path: str, prefix: str, local: bool) -> bool:
    """Whether a part of `path` below `prefix` is hidden, or (locally) a symbolic link."""
    rest = path[len(prefix):].strip("/")
    parts = [p for p in rest.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return True
    if local:
        current = prefix.rstrip("/")
        for part in parts:
            current = f"{current}/{part}" if current else part
            if os.path.islink(current):
                return True
    return False


def _fixed_prefix(pattern: str) -> str:
    """The folders of a glob before its first wildcard (`data/2024/*/a*.txt` -> `data/2024/`)."""
    match = _GLOB_CHARS.search(pattern)
    head = pattern[: match.start()] if match else pattern
    return head[: head.rfind("/") + 1]


def list_articles(source: str, pattern: str = "*.txt") -> dict[str, int]:
    """The articles of `source` (a folder, walked for `pattern`, or a glob that says which
    files itself), sorted, each with its size in bytes."""
    if not is_remote(source):
        source = _local(source)
        if not _GLOB_CHARS.search(source):
            return {str(p): p.stat().st_size for p in walk(source, pattern)}
        prefix = _fixed_prefix(source)
        found = sorted(p for p in globlib.glob(source, recursive=True)
                       if os.path.isfile(p) and not _hidden_or_link(p, prefix, local=True))
        return {p: os.stat(p).st_size for p in found}
    import fsspec

    fs, root = fsspec.core.url_to_fs(source)
    try:
        if _GLOB_CHARS.search(root):
            prefix = _fixed_prefix(root)
            entries = fs.glob(root, detail=True)
        else:
            if not fs.isdir(root):
                raise InputError(f"{source}: not a folder")
            prefix = root.rstrip("/") + "/"
            entries = {path: info for path, info in fs.find(root, detail=True).items()
                       if fnmatch(path.rsplit("/", 1)[-1], pattern)}
    except OSError as exc:
        raise InputError(f"{source}: cannot list ({exc.strerror or exc})") from None
    return {fs.unstrip_protocol(path): int(info.get("size") or 0) for path, info in sorted(entries.items())
            if info.get("type") == "file" and not _hidden_or_link(path, prefix, local=False)}


def read_article(path: str, max_chars: int) -> bytes:
    """The bytes of the article at `path`, local (as `batch` reads it) or through fsspec; an
    InputError naming it when it cannot be read or is too big for `max_chars`."""
    from transfer_extract.reader import read_bytes

    if not is_remote(path):
        return read_bytes(_local(path), max_chars)
    import fsspec

    limit = max_chars * _MAX_BYTES_PER_CHAR + _BOM
    try:
        fs, inner = fsspec.core.url_to_fs(path)
        size = fs.size(inner)
        if size is not None and size > limit:
            raise InputTooLargeError(f"{path}: {size} bytes is more than the limit of {max_chars} characters"
                                     " (raise it with --max-chars)")
        with fs.open(inner, "rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (IsADirectoryError, NotADirectoryError):
        raise InputError(f"{path}: is a directory, not an article file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None

