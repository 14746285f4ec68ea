"""What the rules look up in a doc again and again, read once per doc, and the facts of the
earlier extractors mapped onto the doc."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from transfer_extract.article import Article
from transfer_extract.extractors import doc_text


@dataclass(frozen=True)
class DocIndex:
    """What the rules look up in a doc again and again, read once per doc: the lower-case
    lemma and the lower form of every token, the entities (spaCy builds `doc.ents` anew on every
    access) and the text."""

    lemmas: list[str]
    lowers: list[str]
    ents: tuple[Span, ...]
    ent_at: dict[int, Span]  # token index -> the entity that holds it
    text: str

    @classmethod
    def build(cls, doc: Doc) -> DocIndex:
        strings = doc.vocab.strings
        hashes = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2).tolist()
        lemma_of = {h: strings[h].lower() for h in {lemma for lemma, _ in hashes}}
        ents = tuple(doc.ents)
        return cls(lemmas=[lemma_of[lemma] for lemma, _ in hashes],
                   lowers=[strings[lower] for _, lower in hashes],
                   ents=ents,
                   ent_at={i: e for e in ents for i in range(e.start, e.end)},
                   text=doc_text(doc))

    def lemmas_in(self, span: Span) -> set[str]:
        return set(self.lemmas[span.start:span.end])

    def words_in(self, span: Span) -> set[str]:
        """The lemmas and lower forms of the tokens of `span`."""
        return self.lemmas_in(span) | set(self.lowers[span.start:span.end])

    def ents_in(self, span: Span) -> list[Span]:
        """`span.ents`: the entities that lie wholly within `span`."""
        found = []
        for ent in self.ents:
            if ent.start >= span.start:
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


def on_doc(doc: Doc, article: Article, facts: tuple[Any, ...]) -> list[tuple[Span, Any]]:
    found = []
    for fact in facts:
        span = doc.char_span(article.to_clean(fact.start), article.to_clean(fact.end),
                             alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, fact))
    return found


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok`, passing over verbs used as prepositions ("including")."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ != "prep":
            return anc
    return None
