"""Batch processing of a folder of articles: walking, hashing, worker processes, resume.

Never prints. `run_batch` yields events (`BatchStart`, then one `ArticleDone` per article in a
stable order, the sorted walk order); the caller appends `ArticleDone.line` to the output with
`append_line` and draws progress however it likes. The output is JSON Lines: one record, or one
error line `{"source": {...}, "error": "..."}`, per article.

Each worker process loads the model once and parses its share of the articles in chunks;
results come back in input order, so any number of workers gives the same output as one.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import Any

from transfer_extract.data import load_json
from transfer_extract.errors import InputError, OutputError, RecordFormatError, TransferExtractError

# A task: the articles a worker parses together, in one nlp.pipe batch. Larger batches parse a
# few percent faster, but the parser's and the NER's memory grows with the text in a batch.
CHUNK = 32  # at most this many articles
CHUNK_BYTES = 64_000  # and at most this much text (unless one article alone is larger)


@dataclass(frozen=True)
class BatchStart:
    total: int  # articles to process in this run
    skipped: int  # articles already in the output (--resume)


@dataclass(frozen=True)
class ArticleDone:
    path: str
    line: dict[str, Any]  # a record, or {"source": {...}, "error": "..."}

    @property
    def error(self) -> str | None:
        return self.line.get("error")


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


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


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


def read_done(out: str | Path) -> set[str]:
    """The sha256 of every article that already has a complete line in `out` (records and
    error lines alike). A last line cut short by an interruption is removed from the file."""
    out = Path(out)
    if not out.exists():
        return set()
    data = out.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with out.open("r+b") as fh:
            fh.truncate(keep)
    done: set[str] = set()
    for number, raw in enumerate(data[:keep].splitlines(), 1):
        if not raw.strip():
            continue
        try:
            digest = json.loads(raw)["source"]["sha256"]
        except (ValueError, KeyError, TypeError):
            raise RecordFormatError(f"{out}:{number}: not a record line") from None
        if digest:
            done.add(digest)
    return done


def append_line(fd: int, line: dict[str, Any]) -> None:
    """Append one JSON line to the file open as `fd` (opened with O_APPEND) in one write."""
    data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
    while data:
        data = data[os.write(fd, data):]


def open_out(out: str | Path) -> int:
    """A file descriptor for appending to `out` (created if absent)."""
    try:
        return os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _error_line(path: str, digest: str | None, message: str) -> dict[str, Any]:
    return {"source": {"path": path, "sha256": digest}, "error": message}


def process(paths: list[str], name_dates: bool = False, model: str | None = None) -> list[dict[str, Any]]:
    """The output lines for `paths`, in order: a record each, or an error line."""
    from transfer_extract.core import Input, extract_many
    from transfer_extract.reader import decode, read_bytes

    lines: list[dict[str, Any] | None] = [None] * len(paths)
    ok: list[tuple[int, Input, date | None]] = []
    for i, path in enumerate(paths):
        digest = None
        try:
            data = read_bytes(path)
            digest = hashlib.sha256(data).hexdigest()
            text, encoding = decode(data, path)
        except TransferExtractError as exc:
            lines[i] = _error_line(path, digest, str(exc))
            continue
        when = published_from_name(Path(path).name) if name_dates else None
        ok.append((i, Input(text, path, encoding, digest), when))
    # Articles with the same publication override are parsed together, in one nlp.pipe.
    for when in dict.fromkeys(w for _, _, w in ok):
        group = [(i, item) for i, item, w in ok if w == when]
        try:
            for (i, _), record in zip(group, extract_many([it for _, it in group], published=when,
                                                          model=model, batch_size=len(group)), strict=True):
                lines[i] = record.to_dict()
        except TransferExtractError:
            raise  # a missing model is not the article's fault: stop the batch
        except Exception:  # noqa: BLE001 -- one bad article must not stop the batch
            for i, item in group:  # redo one by one, so that only the culprit fails
                lines[i] = _one(item, when, model)
    return [line for line in lines if line is not None]


def _one(item: Any, when: date | None, model: str | None) -> dict[str, Any]:
    from transfer_extract.core import extract

    try:
        return extract(item, published=when, model=model).to_dict()
    except TransferExtractError:
        raise
    except Exception as exc:  # noqa: BLE001
        return _error_line(item.path, item.sha256, f"{item.path}: cannot process ({type(exc).__name__}: {exc})")


def chunk_size(articles: int, workers: int) -> int:
    """At most CHUNK articles a task, but few enough to give each worker at least four tasks,
    so that no worker waits while another has a queue."""
    return max(1, min(CHUNK, articles // (4 * max(workers, 1))))


def chunks(paths: list[str], workers: int) -> Iterator[list[str]]:
    """`paths` cut into consecutive tasks of at most `chunk_size` articles and CHUNK_BYTES."""
    size = chunk_size(len(paths), workers)
    chunk: list[str] = []
    total = 0
    for path in paths:
        try:
            length = os.stat(path).st_size
        except OSError:
            length = 0  # reading it will fail and say why
        if chunk and (len(chunk) == size or total + length > CHUNK_BYTES):
            yield chunk
            chunk, total = [], 0
        chunk.append(path)
        total += length
    if chunk:
        yield chunk


def _work(args: tuple[list[str], bool, str | None]) -> list[dict[str, Any]]:
    return process(*args)


def _init_worker(model: str | None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    from transfer_extract.pipeline import load_pipeline

    load_pipeline(model)  # once per worker, before the first article


def _check_model(model: str | None) -> str:
    import importlib.util

    from transfer_extract.errors import ModelNotFoundError
    from transfer_extract.pipeline import INSTALL_HINT, default_model_name

    name = model or default_model_name()
    if not Path(name).exists() and importlib.util.find_spec(name) is None:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}")
    return name


def run_batch(
    paths: Iterable[Path],
    *,
    workers: int = 1,
    done: set[str] | None = None,
    name_dates: bool = False,
    model: str | None = None,
) -> Generator[BatchStart | ArticleDone, None, None]:
    """Process `paths` (skipping those whose content hash is in `done`) with `workers`
    processes; yields a BatchStart, then an ArticleDone per article in the order of `paths`."""
    todo = [str(p) for p in paths]
    skipped = 0
    if done:
        kept = [p for p in todo if sha256_of(Path(p)) not in done]
        skipped, todo = len(todo) - len(kept), kept
    yield BatchStart(len(todo), skipped)
    if not todo:
        return
    tasks = [(chunk, name_dates, model) for chunk in chunks(todo, workers)]
    if workers <= 1:
        from transfer_extract.pipeline import load_pipeline

        load_pipeline(model)  # a missing model fails here, before any line is written
        for chunk, *_ in tasks:
            for path, line in zip(chunk, process(chunk, name_dates, model), strict=True):
                yield ArticleDone(path, line)
        return
    model = _check_model(model)  # in the parent: a worker that cannot load it would be respawned
    # spawn, not fork: the parent may run threads (a progress bar) that fork would copy mid-state
    context = multiprocessing.get_context("spawn")
    pool = context.Pool(min(workers, len(tasks)), initializer=_init_worker, initargs=(model,))
    try:
        for (chunk, *_), lines in zip(tasks, pool.imap(_work, tasks), strict=True):
            for path, line in zip(chunk, lines, strict=True):
                yield ArticleDone(path, line)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
