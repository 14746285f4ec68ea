"""The extractors. Each module has one function with one signature:

    extract(doc: Doc, ctx: Context) -> dict[str, tuple]

returning record fields by name. Each is declared in `transfer_extract.kinds` with the fields it requires and
provides; they run in the order derived from those (`extractors()`), each seeing in `ctx.found` what the
earlier ones returned (quotes use the people found, events use dates, counts and cartels).
`doc` is the parse of the cleaned text, and every extractor gives its facts in `doc`'s offsets
(the spans' `text` is the cleaned text's); the record maps them to the original text once, when
it is built (`article.in_original`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from transfer_extract.article import Article

if TYPE_CHECKING:
    from transfer_extract.extractors.coref import Resolver
    from transfer_extract.extractors.quotes import Pieces


@dataclass
class Context:
    article: Article
    found: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _resolver: Resolver | None = field(default=None, init=False, repr=False)
    _pieces: Pieces | None = field(default=None, init=False, repr=False)

    def resolver(self, doc: Doc) -> Resolver:
        """The coreference resolver over `doc` and the records found so far: built once per doc,
        its referents collected anew when the records it was built from have been replaced."""
        from transfer_extract.extractors.coref import Resolver

        if self._resolver is None or self._resolver.doc is not doc:
            self._resolver = Resolver(doc, self)
        elif not self._resolver.current(self):
            self._resolver.refresh(self)
        return self._resolver

    def quote_pieces(self, doc: Doc) -> Pieces:
        """The quotations in `doc` with the warnings finding them gave (`quotes.find_pieces`),
        found once per doc. Callers that change the pieces work on copies."""
        from transfer_extract.extractors.quotes import Pieces, find_pieces

        if self._pieces is None or self._pieces.doc is not doc:
            warnings: list[str] = []
            pieces = find_pieces(doc_text(doc), warnings)
            self._pieces = Pieces(doc, tuple(pieces), tuple(warnings))
        return self._pieces


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc (spaCy joins every token's text anew on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "transfer_extract.text"


def token_texts(doc: Doc) -> tuple[list[int], list[str]]:
    """The character offset and the text of every token of `doc`, built once per Doc from one
    array (a Token object per token costs more than most tests made on the tokens)."""
    found = doc.user_data.get(_TOKENS_KEY)
    if found is None:
        from spacy.attrs import IDX, LENGTH

        text = doc_text(doc)
        starts = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        found = doc.user_data[_TOKENS_KEY] = ([i for i, _ in starts], [text[i:i + n] for i, n in starts])
    return found


_TOKENS_KEY = "transfer_extract.tokens"

Extractor = Callable[[Doc, Context], dict[str, tuple[Any, ...]]]


def extractors() -> list[Extractor]:
    """The extractors in the order they run: each after those that provide what it requires
    (`transfer_extract.kinds.extractor_order`)."""
    from transfer_extract.kinds import extractor_order

    return [e.load() for e in extractor_order()]


def run_extractors(doc: Doc, ctx: Context) -> Context:
    for extract in extractors():
        ctx.found.update(extract(doc, ctx))
    return ctx
