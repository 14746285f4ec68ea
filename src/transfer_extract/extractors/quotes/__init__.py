"""Quotes: direct quotations with their speaker, the words that name the speaker, and the cue.

Finding (on the cleaned text, so quotes inside boilerplate are never seen):
- quotation marks are read paragraph by paragraph (a paragraph is a non-empty line): curly
  double “…”, straight double "…", and, outside a double quotation, single ‘…’ or '…' (an
  apostrophe inside a word never opens or closes one);
- a quotation left open at the end of a paragraph continues when the next paragraph opens with a
  quotation mark (the multi-paragraph convention); any other unbalanced mark, and any quotation
  longer than `max_chars`, is skipped with a warning instead of guessing a span;
- "…," she said, "…" (the first part ends in a comma, the cue between ends in a comma) is one
  quote; `parts` holds each part's span, `content` the quoted words joined.

Who said it:
- the cue is searched in the quote's own sentence (quotation interiors masked): after the quote
  first, then before it, nearest first; the cue is the LEMMA of the reporting verb
  (data/reporting_verbs.txt), the frame for a frame of quotes.json `frames` ("according to"),
  or the speech noun ("answer") when the speaker comes from an introducing sentence;
- the speaker is the verb's subject (through "who" and coordinated verbs), resolved to a
  record name by `coref.Resolver` (pronouns, "the statement", "the department", surnames);
- a quote without a cue continues the speaker of an earlier quote in its paragraph, and a
  paragraph that is only a quotation continues the speaker of the paragraph before; a quote
  that opens a sentence after one that speaks ("Bondi said it was historic. “…”") is that
  sentence's subject's.

A quote of fewer than `min_words` words is kept only when it has a cue; it, and a quoted
fragment inside the writer's own sentence, is marked `partial`.

Parts: `find` (quote marks paired), `speaker` (cue and subject), `continuation` (quotes with no
cue of their own); `extract` here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.quotes.continuation import _continue
from transfer_extract.extractors.quotes.find import (
    Pieces,
    _inner,
    _last_char,
    _paragraphs,
    _Piece,
    _settings,
    find_pieces,
)
from transfer_extract.extractors.quotes.speaker import _attribute, _merge
from transfer_extract.record import Quote, Span

__all__ = ["Pieces", "extract", "find_pieces"]


def _partial(text: str, q: _Piece, min_words: int) -> bool:
    words = q.inner.split()
    if len(words) < min_words:
        return True
    first = next((c for c in q.inner if c.isalpha()), "")
    before = _last_char(text, 0, q.start)
    if first.islower():
        return True  # a fragment worked into the writer's sentence
    return before.isalnum() and not q.inner.rstrip().endswith((".", "?", "!", ","))


def _name_like(inner: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", inner)]
    return bool(words) and all(w[0].isupper() for w in words)


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    settings = _settings()
    text = doc_text(doc)
    found_pieces = ctx.quote_pieces(doc)
    warnings = list(found_pieces.warnings)
    pieces = [replace(p, parts=list(p.parts)) for p in found_pieces.pieces]
    paras = _paragraphs(text)
    resolver = ctx.resolver(doc)
    _attribute(doc, pieces, paras, resolver)
    quotes = _merge(text, pieces)
    _continue(doc, quotes, paras, resolver)
    found = []
    for q in quotes:
        partial = _partial(text, q, settings["min_words"])
        short = len(q.inner.split()) < settings["min_words"]
        if short and (q.cue is None or _name_like(q.inner)):
            continue  # an unattributed phrase, or a nickname ("Comandante R-12")
        mention = _span(text, *q.mention) if q.mention else None
        parts = tuple(_span(text, a, b) for a, b in q.parts) if len(q.parts) > 1 else ()
        for n, (a, b) in enumerate(_by_paragraph(text, q, paras)):
            span = _span(text, a, b)
            found.append(Quote(span.start, span.end, span.text, q.speaker, mention, q.cue,
                               partial and n == 0, content=_inner(text, a, b) if n or b < q.end
                               else q.inner, parts=parts))
    for w in warnings:
        ctx.warnings.append(_to_original(w, ctx))
    return {"quotes": tuple(found)}


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _by_paragraph(text: str, q: _Piece, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotation's span, or one span per paragraph when it runs over several (the
    multi-paragraph convention: each paragraph opens with a mark, only the last closes)."""
    if len(q.parts) > 1 or "\n" not in text[q.start:q.end]:
        return [(q.start, q.end)]
    spans = []
    p = q.para
    while p < len(paras) and paras[p][0] < q.end:
        a, b = max(paras[p][0], q.start), min(paras[p][1], q.end)
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        p += 1
    return spans or [(q.start, q.end)]


def _to_original(warning: str, ctx: Context) -> str:
    """The warning with its cleaned-text offset turned into an original offset."""
    return re.sub(r" at (\d+)", lambda m: f" at {ctx.article.to_start(int(m.group(1)))}", warning)
