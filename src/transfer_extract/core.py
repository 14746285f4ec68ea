"""The one entry point of the core: article text in, `Record` out. Never prints."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from transfer_extract.article import Article, prepare
from transfer_extract.record import Record, Source


@dataclass(frozen=True)
class Input:
    """One article to process: its text, where it came from, and how it was decoded."""

    text: str
    path: str | None = None
    encoding: str = "utf-8"
    sha256: str | None = None


def source_of(item: Input) -> Source:
    digest = item.sha256 or hashlib.sha256(item.text.encode("utf-8")).hexdigest()
    return Source(item.path, digest, len(item.text), item.encoding)


def clean(text: str, published: date | None = None) -> Article:
    """The article with its boilerplate found and cut out (no model needed)."""
    return prepare(text, published)


def extract(item: Input | str, *, published: date | None = None, model: str | None = None) -> Record:
    """The record of one article."""
    return next(extract_many([item], published=published, model=model))


def extract_many(
    items: Iterable[Input | str],
    *,
    published: date | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> Iterator[Record]:
    """Records for `items`, in order; the model is loaded once and texts are parsed in batches."""
    from transfer_extract.extractors import Context, run_extractors
    from transfer_extract.pipeline import load_pipeline

    nlp = load_pipeline(model)
    inputs = (Input(i) if isinstance(i, str) else i for i in items)
    prepared = ((item, prepare(item.text, published)) for item in inputs)
    docs = nlp.pipe(
        ((article.clean, (item, article)) for item, article in prepared),
        as_tuples=True,
        n_process=n_process,
        batch_size=batch_size,
    )
    for doc, (item, article) in docs:
        ctx = run_extractors(doc, Context(article))
        yield Record(
            source=source_of(item),
            published=article.published.isoformat() if article.published else None,
            boilerplate=article.boilerplate,
            dates=ctx.found.get("dates", ()),
            counts=ctx.found.get("counts", ()),
            cartels=ctx.found.get("cartels", ()),
            officials=ctx.found.get("officials", ()),
            people=ctx.found.get("people", ()),
            quotes=ctx.found.get("quotes", ()),
            events=ctx.found.get("events", ()),
            warnings=tuple(ctx.warnings),
        )
