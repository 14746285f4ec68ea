"""What the rules look up in a doc again and again, read once per doc, and the facts of the
earlier extractors mapped onto the doc."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Generic, TypeVar

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from transfer_extract.extractors import doc_text
from transfer_extract.extractors.intervals import Intervals

F = TypeVar("F")


@dataclass(frozen=True)
class DocIndex:
    """What the rules look up in a doc again and again, read once per doc: the lower-case
    lemma and the lower form of every token, the entities (spaCy builds `doc.ents` anew on every
    access), the text and the character ranges of its quotations."""

    lemmas: list[str]
    lowers: list[str]
    ents: tuple[Span, ...]
    ent_starts: list[int]  # the first token of each entity, in order (for bisection)
    ent_at: dict[int, Span]  # token index -> the entity that holds it
    text: str
    quoted: Intervals = field(default_factory=lambda: Intervals(()), compare=False)
    _words: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, doc: Doc, quoted: Iterable[tuple[int, int]] = ()) -> DocIndex:
        """`quoted`: the character ranges of the quotations of the doc."""
        strings = doc.vocab.strings
        hashes = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2).tolist()
        lemma_of = {h: strings[h].lower() for h in {lemma for lemma, _ in hashes}}
        ents = tuple(doc.ents)
        return cls(lemmas=[lemma_of[lemma] for lemma, _ in hashes],
                   lowers=[strings[lower] for _, lower in hashes],
                   ents=ents,
                   ent_starts=[e.start for e in ents],
                   ent_at={i: e for e in ents for i in range(e.start, e.end)},
                   text=doc_text(doc),
                   quoted=Intervals(quoted))

    def lemmas_in(self, span: Span) -> set[str]:
        return set(self.lemmas[span.start:span.end])

    def words_in(self, span: Span) -> frozenset[str]:
        """The lemmas and lower forms of the tokens of `span` (kept per span: the rules ask
        about a sentence's words once per token of it)."""
        key = (span.start, span.end)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset(self.lemmas_in(span)) | frozenset(
                self.lowers[span.start:span.end])
        return found

    def ents_in(self, span: Span) -> list[Span]:
        """`span.ents`: the entities that lie wholly within `span` (found by bisection)."""
        found = []
        for k in range(bisect_left(self.ent_starts, span.start), len(self.ents)):
            ent = self.ents[k]
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def text_of(self, span: Span) -> str:
        """`span.text`."""
        return self.text[span.start_char:span.end_char]


INDEX_KEY = "transfer_extract.events.index"


def index_of(doc: Doc) -> DocIndex:
    """The index of `doc`, built by `extract` for the run (in `doc.user_data`)."""
    ix = doc.user_data.get(INDEX_KEY)
    if ix is None:
        ix = doc.user_data[INDEX_KEY] = DocIndex.build(doc)
    return ix  # type: ignore[no-any-return]


# ---------------------------------------------------------------- facts mapped onto the doc


@dataclass(frozen=True)
class Placed(Generic[F]):
    """A fact of an earlier extractor and its span in the doc."""

    span: Span
    fact: F


@dataclass(frozen=True)
class OnDoc(Generic[F]):
    """Facts placed on the doc in token order, looked up by sentence (by bisection)."""

    placed: tuple[Placed[F], ...]
    starts: tuple[int, ...]

    def within(self, sent: Span) -> tuple[Placed[F], ...]:
        """The facts whose first token lies in `sent`."""
        return self.placed[bisect_left(self.starts, sent.start):bisect_left(self.starts, sent.end)]


def on_doc(doc: Doc, facts: tuple[F, ...]) -> OnDoc[F]:
    found = []
    for fact in facts:  # facts are in the doc's offsets until the record is built
        span = doc.char_span(fact.start, fact.end, alignment_mode="expand")  # type: ignore[attr-defined]
        if span is not None and len(span):
            found.append(Placed(span, fact))
    found.sort(key=lambda p: p.span.start)
    return OnDoc(tuple(found), tuple(p.span.start for p in found))


MAX_CLIMB = 12  # ancestors looked at above a token: a parse of a sentence without end is deep


def ancestors(tok: Token) -> Iterator[Token]:
    """`tok.ancestors`, at most MAX_CLIMB of them."""
    return islice(tok.ancestors, MAX_CLIMB)


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok`, passing over verbs used as prepositions ("including")."""
    for anc in ancestors(tok):
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ != "prep":
            return anc
    return None


def background_mark(verb: Token, marks: frozenset[str]) -> str | None:
    """The subordinator of the clause `verb` belongs to when it is a finite clause of time of
    its own ("since Trump took oath", "after the United States captured X and took him to New
    York"): its moves and dates are another event's. A clause without its own subject ("after
    being deported from the US") shares the move of the sentence and gives None."""
    head = verb
    for _ in range(MAX_CLIMB):
        if head.dep_ != "conj" or head.head is head:
            break
        head = head.head
    if head.dep_ != "advcl":
        return None
    mark = next((c.lower_ for c in head.children if c.dep_ == "mark" and c.lower_ in marks), None)
    if mark is None or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return None
    return mark
