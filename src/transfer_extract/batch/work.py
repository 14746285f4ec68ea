"""The work of a batch: articles cut into tasks, and a task turned into output lines."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from transfer_extract.batch.files import published_from_name
from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import ModelNotFoundError, TransferExtractError

# A task: the articles a worker parses together, in one nlp.pipe batch. Larger batches parse a
# few percent faster, but the parser's and the NER's memory grows with the text in a batch.
CHUNK = 32  # at most this many articles
CHUNK_BYTES = 64_000  # and at most this much text (unless one article alone is larger)


@dataclass(frozen=True)
class Options:
    """How every article of a batch is processed."""

    name_dates: bool = False
    model: str | None = None
    max_chars: int = MAX_CHARS


def error_line(path: str, digest: str | None, message: str) -> dict[str, Any]:
    return {"source": {"path": path, "sha256": digest}, "error": message}


Read = Callable[[str, int], bytes]  # (path, max_chars) -> the file's bytes, or an InputError naming it


def process(paths: list[str], options: Options, read: Read | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(position in `paths`, output line) for each of `paths` as it is done, a record or an
    error line; a missing model (ModelNotFoundError) stops it, being no article's fault.
    `read` fetches a file's bytes (default: `reader.read_bytes`, a local file)."""
    from transfer_extract.core import Input, extract_many, too_large, too_large_error
    from transfer_extract.reader import decode, read_bytes

    read = read or read_bytes
    ok: list[tuple[int, Input, date | None]] = []
    for i, path in enumerate(paths):
        digest = None
        try:
            data = read(path, options.max_chars)
            digest = hashlib.sha256(data).hexdigest()
            text, encoding = decode(data, path)
            if too_large(text, options.max_chars):
                raise too_large_error(path, len(text), options.max_chars)
        except TransferExtractError as exc:
            yield i, error_line(path, digest, str(exc))
            continue
        when = published_from_name(Path(path).name) if options.name_dates else None
        ok.append((i, Input(text, path, encoding, digest, os.path.abspath(path)), when))
    # Articles with the same publication override are parsed together, in one nlp.pipe.
    for when in dict.fromkeys(w for _, _, w in ok):
        group = [(i, item) for i, item, w in ok if w == when]
        done = 0
        try:
            records = extract_many([it for _, it in group], published=when, model=options.model,
                                   batch_size=len(group), max_chars=options.max_chars)
            for (i, _), record in zip(group, records, strict=True):
                line = record.to_dict()
                done += 1
                yield i, line
        except ModelNotFoundError:
            raise
        except Exception:  # noqa: BLE001 -- one bad article must not stop the batch
            for i, item in group[done:]:  # redo one by one, so that only the culprit fails
                yield i, _one(item, when, options)


def _one(item: Any, when: date | None, options: Options) -> dict[str, Any]:
    from transfer_extract.core import extract

    try:
        return extract(item, published=when, model=options.model, max_chars=options.max_chars).to_dict()
    except ModelNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001
        return error_line(item.path, item.sha256, f"{item.path}: cannot process ({type(exc).__name__}: {exc})")


def chunk_size(articles: int, workers: int) -> int:
    """At most CHUNK articles a task, but few enough to give each worker at least four tasks,
    so that no worker waits while another has a queue."""
    return max(1, min(CHUNK, articles // (4 * max(workers, 1))))


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reading it will fail and say why


def chunks(paths: list[str], workers: int, size_of: Callable[[str], int] = _file_size) -> Iterator[list[str]]:
    """`paths` cut into consecutive tasks of at most `chunk_size` articles and CHUNK_BYTES
    (`size_of` gives a file's size in bytes: a local file's by default)."""
    size = chunk_size(len(paths), workers)
    chunk: list[str] = []
    total = 0
    for path in paths:
        length = size_of(path)
        if chunk and (len(chunk) == size or total + length > CHUNK_BYTES):
            yield chunk
            chunk, total = [], 0
        chunk.append(path)
        total += length
    if chunk:
        yield chunk
