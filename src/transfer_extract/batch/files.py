"""The files of a batch: the articles walked, the output appended to, what a resumed run skips."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any

from transfer_extract.core import MAX_CHARS
from transfer_extract.data import load_json
from transfer_extract.errors import InputError, OutputError, RecordFormatError


def walk(root: str | Path, pattern: str = "*.txt") -> list[Path]:
    """The files under `root` whose name matches `pattern`, sorted; hidden files and folders are
    skipped and symbolic links are not followed."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder")
    found: list[Path] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(folder) / name
            if not name.startswith(".") and fnmatch(name, pattern) and not path.is_symlink():
                found.append(path)
    return sorted(found)


@cache
def _name_date() -> re.Pattern[str]:
    return re.compile(load_json("batch.json")["published_in_name"])


def published_from_name(name: str) -> date | None:
    """The date written in a file name (`outlet-2026-01-21.txt` -> 2026-01-21), if any."""
    match = _name_date().search(name)
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


@dataclass(frozen=True)
class Done:
    """What an output file already holds: the sha256 of the content each path had when its
    line was written (None for a file that could not be read), the newest line winning."""

    paths: dict[str, str | None]

    def finished(self, path: str, max_chars: int = MAX_CHARS) -> bool:
        """Whether `path` has its line already: a line for that path whose content is still the
        file's (an edited file is processed again). The file is read only when it has a line,
        and only as a fresh run would read it (a regular file within the size limit)."""
        if path not in self.paths:
            return False
        written = self.paths[path]
        if written is None:
            return True  # it could not be read then: its error line stands
        current = content_hash(path, max_chars)
        return current is None or current == written


def content_hash(path: str | Path, max_chars: int = MAX_CHARS) -> str | None:
    """The sha256 of the file at `path`, None when it cannot be read as an article (a FIFO, a
    file over the limit, gone...): it is never opened then."""
    from transfer_extract.reader import read_bytes

    try:
        return hashlib.sha256(read_bytes(path, max_chars)).hexdigest()
    except InputError:
        return None


def read_done(out: str | Path) -> Done:
    """The paths that already have a complete line in `out` (records and error lines alike).
    A last line cut short by an interruption is removed from the file."""
    out = Path(out)
    if not out.exists():
        return Done({})
    data = out.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with out.open("r+b") as fh:
            fh.truncate(keep)
    paths: dict[str, str | None] = {}
    for number, raw in enumerate(data[:keep].splitlines(), 1):
        if not raw.strip():
            continue
        try:
            source = json.loads(raw)["source"]
            path, digest = source["path"], source.get("sha256")
        except (ValueError, KeyError, TypeError):
            raise RecordFormatError(f"{out}:{number}: not a record line") from None
        if isinstance(path, str):
            paths[path] = digest if isinstance(digest, str) else None
    return Done(paths)


def append_line(fd: int, line: dict[str, Any], name: str = "the output") -> None:
    """Append one JSON line to the file open as `fd` (opened with O_APPEND) in one write."""
    data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        while data:
            data = data[os.write(fd, data):]
    except OSError as exc:  # a full disk: a partial line is dropped by the next --resume
        raise OutputError(f"{name}: cannot write ({exc.strerror or exc})") from None


def open_out(out: str | Path) -> int:
    """A file descriptor for appending to `out` (created if absent, with the user's umask),
    locked so that a second batch on the same file is refused while this one runs."""
    try:
        fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise OutputError(f"{out}: another batch is writing it (wait for it to finish)") from None
    return fd
