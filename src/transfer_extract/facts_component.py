"""The `transfer_facts` pipeline component: `doc._.facts` is the article's `Record`.

Placed last in a pipeline that tags, parses and finds entities (the one `transfer_extract.load`
gives, or any English pipeline), it gives each Doc the record `transfer_extract.extract` would
give its text. The record's offsets point into `doc.text`. When the text has boilerplate, tags
to blank out or is too long for one piece, the text the extractors need differs from the Doc's,
and that text is parsed again by the components before this one (as `extract` parses it).
The publication date is `doc._.published` when set (a date or "YYYY-MM-DD"), else the
component's `published` setting, else the date the text states.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "transfer_facts"

for _name in ("facts", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TransferFacts:
    """Sets `doc._.facts` to the record of the Doc's text."""

    def __init__(self, nlp: Language, name: str = FACTORY, published: str | None = None) -> None:
        from transfer_extract.core import as_date

        self.nlp = nlp
        self.name = name
        self.published: date | None = as_date(published)

    def __call__(self, doc: Doc) -> Doc:
        from transfer_extract.core import as_date, build_record, parse, prepare_input, whole_doc_fits

        if len(doc) and not doc.has_annotation("SENT_START"):
            raise ValueError(f"{self.name} needs sentence boundaries: place it after a parser, a senter"
                             " or a sentencizer")
        prep = prepare_input(doc.text, as_date(doc._.published) or self.published, max_chars=len(doc.text) + 1)
        if prep.page is None and prep.text == doc.text and whole_doc_fits(self.nlp, doc.text):
            parsed = doc
        else:  # parse the text to extract from with the components before this one
            names = self.nlp.pipe_names
            later = names[names.index(self.name):] if self.name in names else []
            ((_, parsed),) = parse(self.nlp, [prep], disable=later)
        doc._.facts = build_record(prep, parsed)
        return doc

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """Nothing to learn or load: the rules are the package's data."""

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Any = ()) -> TransferFacts:
        return self

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Any = ()) -> TransferFacts:
        return self


@Language.factory(FACTORY, default_config={"published": None}, assigns=["doc._.facts"],
                  requires=["doc.sents", "doc.ents", "token.dep", "token.tag", "token.pos"])
def make_transfer_facts(nlp: Language, name: str, published: str | None) -> TransferFacts:
    """The `transfer_facts` component; `published` ("YYYY-MM-DD") overrides the date texts state."""
    return TransferFacts(nlp, name, published)
