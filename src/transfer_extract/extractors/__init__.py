"""The extractors. Each module has one function with one signature:

    extract(doc: Doc, ctx: Context) -> dict[str, tuple]

returning record fields by name. They run in EXTRACTORS order; each sees in `ctx.found` what
the earlier ones returned (quotes use the people found, events use dates, counts and cartels).
`doc` is the parse of the cleaned text; `ctx.article.span()` maps its offsets to the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from transfer_extract.article import Article


@dataclass
class Context:
    article: Article
    found: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token's text anew on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "transfer_extract.text"

Extractor = Callable[[Doc, Context], dict[str, tuple[Any, ...]]]


def extractors() -> list[Extractor]:
    """The extractors in the order they run."""
    from transfer_extract.extractors import (
        counts,
        dates,
        events,
        organizations,
        persons,
        pronouns,
        quotes,
    )

    return [dates.extract, counts.extract, organizations.extract, persons.extract,
            pronouns.extract, quotes.extract, events.extract]


def run_extractors(doc: Doc, ctx: Context) -> Context:
    for extract in extractors():
        ctx.found.update(extract(doc, ctx))
    return ctx
