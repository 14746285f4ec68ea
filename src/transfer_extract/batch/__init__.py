"""Batch processing of a folder of articles: walking, worker processes, time limits, resume.

Never prints. `run_batch` yields events (`BatchStart`, then one `ArticleDone` per article in a
stable order, the sorted walk order); the caller appends `ArticleDone.line` to the output with
`append_line` and draws progress however it likes. The output is JSON Lines: one record, or one
error line `{"source": {...}, "error": "..."}`, per article.

Parts: `files` (the walk, the output file, what a resumed run skips), `work` (tasks of a few
articles and how one is processed), `pool` (worker processes with a time limit per article,
replaced when they die). Results come back in input order, so any number of workers gives the
same output as one.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transfer_extract.batch.files import (
    Done,
    append_line,
    content_hash,
    open_out,
    published_from_name,
    read_done,
    walk,
)
from transfer_extract.batch.work import CHUNK, CHUNK_BYTES, Options, chunk_size, chunks, process
from transfer_extract.core import MAX_CHARS

__all__ = ["CHUNK", "CHUNK_BYTES", "ArticleDone", "BatchStart", "Done", "append_line", "chunk_size", "chunks",
           "content_hash", "open_out", "published_from_name", "read_done", "run_batch", "walk"]



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
    done: Done | None = None,
    name_dates: bool = False,
    model: str | None = None,
    max_chars: int = MAX_CHARS,
    timeout: float | None = None,
) -> Generator[BatchStart | ArticleDone, None, None]:
    """Process `paths` (skipping those `done` holds, see `Done.finished`) with `workers`
    processes; yields a BatchStart, then an ArticleDone per article in the order of `paths`.

    With a `timeout` (seconds), an article that runs longer gets an error line, and so do the
    articles of a worker that dies; the others go on. Without one and with one worker, the
    articles are processed in this process."""
    todo = [str(p) for p in paths]
    skipped = 0
    if done:
        kept = [p for p in todo if not done.finished(p, max_chars)]
        skipped, todo = len(todo) - len(kept), kept
    yield BatchStart(len(todo), skipped)
    if not todo:
        return
    options = Options(name_dates, model, max_chars)
    tasks = list(chunks(todo, workers))
    if workers <= 1 and not timeout:
        from transfer_extract.pipeline import load_pipeline

        load_pipeline(model)  # a missing model fails here, before any line is written
        for chunk in tasks:
            lines = dict(process(chunk, options))
            for n, path in enumerate(chunk):
                yield ArticleDone(path, lines[n])
        return
    from transfer_extract.batch.pool import Pool

    # in the parent: a worker that cannot load it would die
    options = Options(name_dates, _check_model(model), max_chars)
    pool = Pool(min(max(workers, 1), len(tasks)), options, timeout)
    try:
        lines: dict[int, dict[str, Any]] = {}
        written = 0
        numbered = iter(range(len(todo)))
        indexed = [[(next(numbered), path) for path in chunk] for chunk in tasks]
        for index, line in pool.run(indexed):
            lines[index] = line
            while written in lines:
                yield ArticleDone(todo[written], lines.pop(written))
                written += 1
    finally:
        pool.close()
