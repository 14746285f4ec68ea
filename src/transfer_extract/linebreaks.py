"""The `line_breaks` pipeline component: a line break ends a sentence.

The small English model runs a headline or a dateline line into the first sentence of the body,
and a quoted paragraph into the next one. This component, placed before the parser, marks the
first token after whitespace holding a newline as a sentence start (the parser keeps preset
sentence starts) and the whitespace itself as part of the sentence before. One exception: a
single line break followed by a lower-case word continues a wrapped line, and blank lines
that open the text belong to its first sentence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "line_breaks"


def _newline_before(tok: Token) -> str | None:
    """The newline-holding whitespace between `tok` and the token before it, if any."""
    if tok.i == 0:
        return None
    prev = tok.doc[tok.i - 1]
    gap = prev.whitespace_
    if prev.is_space:
        gap = (tok.doc[prev.i - 1].whitespace_ if prev.i > 0 else "") + prev.text + gap
    return gap if "\n" in gap else None


def _wrapped(tok: Token, gap: str) -> bool:
    """A hard-wrapped line: one line break, then a word in lower case."""
    return gap.count("\n") == 1 and tok.is_lower


@Language.component(COMPONENT, assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    text_seen = False  # blank lines that open the text belong to its first sentence
    for tok in doc:
        if tok.is_space:
            if tok.i > 0 and "\n" in tok.text:
                tok.is_sent_start = False  # the break belongs to the line it ends
            continue
        gap = _newline_before(tok)
        if text_seen and gap is not None and not _wrapped(tok, gap):
            tok.is_sent_start = True
        text_seen = True
    return doc
