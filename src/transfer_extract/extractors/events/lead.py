"""The lead of an article and the count of the move it reports."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from transfer_extract.extractors.events.index import index_of
from transfer_extract.extractors.events.sentence import Sentence

LEAD_SENTENCES = 3  # body sentences; lines before them (headline, dateline, kicker) come along
LEAD_MAX_LINES = 8  # ... but no more than this many sentences and lines in all


def is_line(sent: Span) -> bool:
    """A headline or other line of its own that ends without a full stop (a line break ends
    a sentence, so a body sentence ends with its punctuation)."""
    return not index_of(sent.doc).text_of(sent).rstrip().endswith((".", "!", "?", '"', "'", "\u201d"))


def lead_length(sents: list[Span]) -> int:
    """How many of `sents` make the lead: up to the LEAD_SENTENCES-th body sentence, so that a
    headline, a kicker or a stray menu line left above the story does not push it out."""
    body = 0
    for n, sent in enumerate(sents[:LEAD_MAX_LINES], 1):
        body += not is_line(sent)
        if body == LEAD_SENTENCES:
            return n
    return min(len(sents), LEAD_MAX_LINES)


def _same_event(a: Sentence, b: Sentence) -> bool:
    """Whether two lead sentences can report the same move: no country named differently."""
    return not (set(a.origins) and set(b.origins) and not set(a.origins) & set(b.origins)) and not (
        set(a.destinations) and set(b.destinations)
        and not set(a.destinations) & set(b.destinations))


def lead_count(lead: list[Sentence]) -> tuple[int | None, set[int]]:
    """The count of the main event from the lead sentences that report it alone, and the
    other figures given for it: the first sentence's count unless it is a headline or
    approximate ("more than 200") and a body sentence of the same move gives an exact one
    ("flew 238 ..."); 1 for one person moved, None for people moved without a number."""
    first = lead[0]
    if not first.people:
        return (1 if first.person_moved or not first.group_moved else None), set()
    exact = [c for c in first.people if not c.approx]
    if exact and not is_line(first.span):
        return exact[0].value, set()
    for s in lead[1:]:
        if is_line(s.span) or not _same_event(first, s):
            continue
        body = [c for c in s.people if not c.approx]
        if body and (exact or all(_close(body[0].value, c.value) for c in first.people)):
            return body[0].value, {c.value for c in first.people} - {body[0].value}
    return (exact or first.people)[0].value, set()


def _close(exact: int, approximate: int) -> bool:
    """Whether an exact count can be what an approximate one rounds ("238" for "more than
    200" or "about 240"): within half to twice the figure."""
    return approximate / 2 <= exact <= approximate * 2


def text_sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc` that hold text (a line break starts one: pipeline.py)."""
    ix = index_of(doc)
    return [s for s in doc.sents if ix.text_of(s).strip()]


