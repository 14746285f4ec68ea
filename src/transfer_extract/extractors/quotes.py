"""Quotes: text in quotation marks, with the speaker from the reporting verb's subject."""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from transfer_extract.data import load_lines
from transfer_extract.extractors import Context
from transfer_extract.record import Quote, Span

_QUOTE = re.compile(r"\u201c[^\u201c\u201d\n]{1,3000}\u201d|\"[^\"\n]{1,3000}\"")
_PRONOUNS = {"he", "she", "they", "it"}
MIN_WORDS = 4
# The reporting verb is looked for at most this many tokens before or after the quote, so that
# thousands of quotes in one endless "sentence" still take linear time.
WINDOW = 60


def _speaker_for(doc: Doc, sent: SpacySpan, start: int, end: int) -> Token | None:
    """The subject of a reporting verb in the sentence of the quote, outside the quote."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verbs = set(load_lines("reporting_verbs.txt"))
    for tok in doc[max(sent.start, span.start - WINDOW):min(sent.end, span.end + WINDOW)]:
        if start <= tok.idx < end or tok.lemma_.lower() not in verbs:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    return None


def _resolve(tok: Token, ctx: Context) -> tuple[str | None, Span]:
    people = [*ctx.found.get("officials", ()), *ctx.found.get("people", ())]
    cut = ctx.article.span(tok.idx, tok.idx + len(tok.text))
    phrase = [t for t in tok.subtree if not t.is_space]
    mention = ctx.article.span(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
    if tok.lower_ in _PRONOUNS:
        best = None
        for p in people:
            for m in p.mentions:
                if m.start < cut.start and (best is None or m.start > best[1]):
                    best = (p.name, m.start)
        return (best[0] if best else None), cut
    for p in people:
        if any(m.start <= cut.start < m.end for m in p.mentions):
            return p.name, mention
    return mention.text, mention


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    quotes = []
    sents = list(doc.sents) if len(doc) else []
    sent_starts = [s.start_char for s in sents]
    for m in _QUOTE.finditer(doc.text):
        inner = m.group()[1:-1]
        sent = sents[max(bisect.bisect_right(sent_starts, m.start()) - 1, 0)]
        subject = _speaker_for(doc, sent, m.start(), m.end())
        if len(inner.split()) < MIN_WORDS and subject is None:
            continue
        speaker, mention, cue = None, None, None
        if subject is not None:
            speaker, mention = _resolve(subject, ctx)
            cue = subject.head.lemma_
        span = ctx.article.span(m.start(), m.end())
        quotes.append(Quote(span.start, span.end, span.text, speaker, mention, cue,
                            len(inner.split()) < MIN_WORDS))
    return {"quotes": tuple(quotes)}
