"""Finding quotations: the quote marks of each paragraph paired into balanced quotations, and
the sentence bounds around them (see the package docstring)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from transfer_extract.data import load_json

_DOUBLE = "\u201c\u201d\""
_SINGLE = "\u2018\u2019'"
_OPENERS = "\u201c\u2018\"'"
_BEFORE_OPEN = "([{\u2014\u2013-/"


@dataclass
class _Piece:
    start: int  # cleaned-text offsets, quotation marks included
    end: int
    para: int
    inner: str  # the quoted words, marks removed (paragraphs joined by a space)
    subject: Token | None = None
    cue: str | None = None
    speaker: str | None = None
    mention: tuple[int, int] | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Pieces:
    """The quotations `find_pieces` found in `doc`, and its warnings (see `Context.quote_pieces`)."""

    doc: Doc
    pieces: tuple[_Piece, ...]
    warnings: tuple[str, ...]


def _settings() -> dict[str, Any]:
    return load_json("quotes.json")


def _role(text: str, i: int) -> str:
    """'open', 'close', 'either' or '' (an apostrophe) for the quotation mark at `i`."""
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if c == "\u201c":
        return "open"
    if c == "\u201d":
        return "close"
    if c == "\u2018":
        return "open" if not prev.isalnum() else ""
    if c in "\u2019'":
        if nxt.isalnum():
            return "open" if c == "'" and (prev.isspace() or prev in _BEFORE_OPEN) else ""
        return "close" if not prev.isspace() else ""
    opens = prev.isspace() or prev in _BEFORE_OPEN
    closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if opens and not nxt.isspace() and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _inner(text: str, start: int, end: int) -> str:
    lines = [ln.strip() for ln in text[start:end].split("\n") if ln.strip()]
    lines = [ln[1:] if ln[0] in _OPENERS else ln for ln in lines]
    joined = " ".join(lines)
    return joined[:-1] if joined and joined[-1] in _DOUBLE + _SINGLE else joined


NESTED_CHARS = 40  # how far the closing mark of a name in quote marks inside a quotation may be


def _nested(text: str, i: int, end: int) -> int | None:
    """The closing mark of a short quoted name opened at `i` inside a quotation written with the
    same marks (a nickname or an "N" placeholder: 'Saúl "N", alias "El Chopa", was killed'), or
    None: at most three words, no other mark between."""
    for j in range(i + 1, min(end, i + NESTED_CHARS)):
        if text[j] in _DOUBLE:
            inner = text[i + 1:j]
            if _role(text, j) in ("close", "either") and inner.strip() and len(inner.split()) <= 3 \
                    and inner[:1].isupper():
                return j
            return None
    return None


def find_pieces(text: str, warn: list[str]) -> list[_Piece]:
    """Every balanced quotation in `text` (see the module docstring); problems go to `warn`."""
    limit = _settings()["max_chars"]
    paras = _paragraphs(text)
    pieces: list[_Piece] = []
    carry: tuple[int, int] | None = None  # (start, para) of a quotation open across paragraphs

    def emit(start: int, end: int, para: int) -> None:
        if end - start > limit:
            warn.append(f"quotes: a quotation of {end - start} characters at {start} was skipped"
                        " (longer than the limit)")
        else:
            pieces.append(_Piece(start, end, para, _inner(text, start, end)))

    for p, (ps, pe) in enumerate(paras):
        dq: int | None = None
        dq_para = p
        sq: int | None = None
        skip_first = False
        if carry is not None:
            dq, dq_para = carry
            carry = None
            skip_first = True
        skip_to = ps
        for i in range(ps, pe):
            c = text[i]
            if i < skip_to or (c not in _DOUBLE and c not in _SINGLE):
                continue
            role = _role(text, i)
            if not role:
                continue
            if c in _DOUBLE:
                if skip_first:
                    skip_first = False
                    continue
                if dq is None:
                    if role == "close":
                        warn.append(f"quotes: a closing quotation mark at {i} has no opening"
                                    " mark; skipped")
                    else:
                        dq, dq_para, sq = i, p, None
                elif role == "open" and (j := _nested(text, i, pe)) is not None:
                    skip_to = j + 1  # 'Saúl "N", alias "El Chopa",' inside the quotation
                elif role == "open":
                    warn.append(f"quotes: an opening quotation mark at {dq} is never closed;"
                                " skipped")
                    dq, dq_para = i, p
                else:
                    emit(dq, i + 1, dq_para)
                    dq = None
            elif dq is None and not skip_first:
                if sq is None and role == "open" and c != "\u2019":
                    sq = i
                elif sq is not None and role in ("close", "either"):
                    emit(sq, i + 1, p)
                    sq = None
        if dq is not None:
            nxt = text[paras[p + 1][0]] if p + 1 < len(paras) else ""
            lead = text[paras[dq_para][0]:dq].rstrip()
            # a paragraph, a sentence or a "said:" opens it (not a word inside a sentence)
            opens_block = not lead or lead[-1] in ":,.!?"
            if nxt and nxt in "\u201c\"" and opens_block and dq_para >= p - 20:
                carry = (dq, dq_para)
            elif p == len(paras) - 1 and _last_char(text, ps, pe) not in _DOUBLE:
                # the text ends inside the quotation (a page cut short): it runs to the end
                warn.append(f"quotes: the quotation opened at {dq} runs to the end of the text")
                emit(dq, pe, dq_para)
            else:
                warn.append(f"quotes: an opening quotation mark at {dq} is never closed; skipped")
    return pieces


def _bounds(text: str, ps: int, pe: int, pieces: list[_Piece]) -> list[int]:
    """Sentence starts in the paragraph `ps`..`pe`, with quotation interiors masked (`pieces`:
    the quotations that start in the paragraph)."""
    masked = list(text[ps:pe])
    for q in pieces:
        for i in range(q.start, min(q.end, pe)):
            masked[i - ps] = "Q"
        if q.inner.rstrip().endswith(".") and q.end <= pe:
            masked[q.end - 1 - ps] = "."
    flat = "".join(masked)
    abbrev = set(_settings()["abbreviations"])
    starts = [ps]
    runs = [m.start() for m in re.finditer(r"\S+", flat)]  # where each word (run of non-spaces) starts
    for m in re.finditer(r"[.!?][)\]]*\s+(?=[A-Z\u201c\"\u2018'Q\u00bf\u00a1])", flat):
        # the word that ends with the mark (a mark ends a run, so each run is read once)
        w = flat[runs[bisect.bisect_right(runs, m.start()) - 1]:m.start() + 1]
        if re.fullmatch(r"(?:[A-Za-z]\.)+", w) or w[:-1].lower() in abbrev:
            continue
        starts.append(ps + m.end())
    return starts


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of `text[start:end]` that is not a space ("" if none): what
    `text[start:end].rstrip()[-1:]` gives, without copying the text."""
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > start else ""


def _heading(q: _Piece) -> bool:
    """A quotation that is a subhead: a paragraph of its own, a few words with no sentence end
    ("'No hope from the government'"). Nobody in the paragraph before says it."""
    inner = q.inner.rstrip()
    return len(inner.split()) <= _settings()["heading_words"] and not inner.endswith(
        (".", "!", "?", ",", "…", ":", ";"))
