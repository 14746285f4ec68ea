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
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.attrs import IDX, IS_SPACE
from spacy.tokens import Doc, Token

from transfer_extract.data import load_json, load_lines
from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.coref import SUBJECTS, Resolver, name_phrase
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.record import Quote, Span

_DOUBLE = "\u201c\u201d\""
_SINGLE = "\u2018\u2019'"
_OPENERS = "\u201c\u2018\"'"
_BEFORE_OPEN = "([{\u2014\u2013-/"
_RELATIVE = {"who", "that", "which"}


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


def _subject(verb: Token) -> Token | None:
    seen = 0
    while seen < 4:
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"),
                         None)
            if appos is not None and subj.pos_ != "PROPN":
                return appos  # "His attorney, Leonardo Cantú, said"
            if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subj
        if (verb.dep_ in ("conj", "xcomp") or verb.dep_ == "advcl" and verb.tag_ == "VBG") \
                and verb.head is not verb:
            verb, seen = verb.head, seen + 1
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in _settings()["speech_nouns"]:
            # "X issued a statement saying ...": the statement's issuer speaks
            noun = verb.head
            if noun.dep_ in SUBJECTS:
                return noun
            verb, seen = noun.head, seen + 1
            continue
        return None
    return None


def _first_clause(tokens: list[Token]) -> list[Token]:
    """`tokens` up to the first conjunction or semicolon: in "…," but Ruiz said … the cue after
    the conjunction belongs to another clause."""
    for n, tok in enumerate(tokens):
        if tok.pos_ in ("CCONJ", "SCONJ") or tok.text == ";":
            return tokens[:n]
    return tokens


def _cue(tokens: list[Token], after: bool,
         governs: frozenset[int] = frozenset()) -> tuple[Token | None, str | None]:
    """The speaker token and the cue among `tokens` (outside quotations, in one sentence)."""
    verbs = set(load_lines("reporting_verbs.txt"))
    frames = [(frame, frame.split()) for frame in _settings()["frames"]]
    for tok in tokens:
        doc = tok.doc
        for frame, words in frames:
            end = tok.i + len(words)
            if end <= len(doc) and all(doc[tok.i + k].lower_ == w for k, w in enumerate(words)):
                # the speaker is the object of the frame's last word ("according to [the FBI]")
                obj = next((c for c in doc[end - 1].children if c.dep_ == "pobj"), None)
                if obj is not None and obj in tokens:
                    return obj, frame
    order = tokens if after else list(reversed(tokens))
    # A reporting verb the quotation hangs on in the parse comes first.
    order = [t for t in order if t.i in governs] + [t for t in order if t.i not in governs]
    first_cue: tuple[Token | None, str | None] = (None, None)
    for tok in order:
        if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = _subject(tok)
        if subj is None and after and tok.i + 1 < len(tok.doc):
            nxt = tok.doc[tok.i + 1]
            if nxt.pos_ in ("PROPN", "PRON") or nxt.lower_ == "the":
                subj = nxt if nxt.pos_ != "DET" else nxt.head
        if subj is not None and subj in tokens:
            return subj, tok.lemma_.lower()
        if first_cue[1] is None:
            first_cue = (None, tok.lemma_.lower())
    return first_cue


def _introducer(doc: Doc, ps: int, pe: int) -> tuple[Token | None, str | None]:
    """The speaker of a paragraph that introduces the next one's quotation ("X gave a lengthy
    answer." / "X said:"): the subject of its last sentence, when that sentence speaks."""
    span = doc.char_span(ps, pe, alignment_mode="expand")
    if span is None:
        return None, None
    sent = doc[span.end - 1].sent  # the last sentence of the span (span.sents reads them all)
    nouns = set(_settings()["speech_nouns"])
    verbs = set(load_lines("reporting_verbs.txt"))
    cue = next((t.lemma_.lower() for t in sent if t.lemma_.lower() in nouns and t.pos_ == "NOUN"),
               None)
    if cue is None and (sent.text.rstrip().endswith(":") or sent.root.lemma_.lower() in verbs):
        cue = sent.root.lemma_.lower()
    if cue is None:
        return None, None
    return _subject(sent.root), cue


def _attribute(doc: Doc, pieces: list[_Piece], paras: list[tuple[int, int]],
               resolver: Resolver) -> None:
    text = doc_text(doc)
    # sentence starts of the paragraphs that hold a quotation (the others are not looked at)
    by_para: dict[int, list[_Piece]] = {}
    for q in pieces:
        by_para.setdefault(q.para, []).append(q)
    bounds = {p: _bounds(text, *paras[p], qs) for p, qs in by_para.items()}
    inside = Intervals((q.start, q.end) for q in pieces)
    window = _settings()["cue_window_chars"]
    # the tokens never read for a cue: spaces and the words inside a quotation
    skip = [bool(space) or inside.holds(idx) for idx, space in doc.to_array([IDX, IS_SPACE]).tolist()] \
        if len(doc) else []

    def outside(a: int, b: int) -> list[Token]:
        span = doc.char_span(a, b, alignment_mode="contract") if b > a else None
        if span is None:
            return []
        return [doc[i] for i in range(span.start, span.end) if not skip[i]]

    para_starts = [a for a, _ in paras]
    for q in pieces:
        ps, pe = paras[q.para]
        starts = bounds[q.para]
        # the quote's sentence, but never more than `window` characters on either side
        s_start = max(starts[bisect.bisect_right(starts, q.start) - 1], q.start - window)
        last = bisect.bisect_right(para_starts, q.end - 1) - 1  # where a quote over paragraphs ends
        if last != q.para:
            if last not in bounds:
                bounds[last] = _bounds(text, *paras[last], by_para.get(last, []))
            starts, pe = bounds[last], paras[last][1]
        k = bisect.bisect_left(starts, q.end)
        s_end = min(starts[k] if k < len(starts) else pe, pe, q.end + window)
        subj, cue = None, None
        ends_sentence = q.inner.rstrip().endswith(".")
        if not ends_sentence or text[q.end:q.end + 2].strip()[:1].islower():
            subj, cue = _cue(_first_clause(outside(q.end, s_end)), after=True)
        if cue is None:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            governs = frozenset(t.i for t in span.root.ancestors) if span is not None \
                else frozenset()
            subj, cue = _cue(outside(s_start, q.start), after=False, governs=governs)
        q.subject, q.cue = subj, cue
        if subj is not None:
            q.speaker = resolver.resolve(subj)
            q.mention = name_phrase(subj)


def _same(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.i == b.i


def _merge(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Join "…," she said, "…" into one quote."""
    out: list[_Piece] = []
    for q in pieces:
        prev = out[-1] if out else None
        if prev is not None and prev.para == q.para and prev.inner.rstrip().endswith(",") \
                and prev.cue is not None and (q.cue is None or _same(q.subject, prev.subject)):
            gap = text[prev.end:q.start].strip()
            if gap.endswith(",") and len(gap) < 160:
                out[-1] = replace(prev, end=q.end, inner=f"{prev.inner} {q.inner}",
                                  parts=[*prev.parts, (q.start, q.end)])
                continue
        out.append(replace(q, parts=[(q.start, q.end)]))
    return out


_STOP = re.compile(r"[.!?][\"\u201d\u2019')]*\s")


class _Names:
    """The names in `doc` by offset, for asking whether someone else is named in a stretch:
    the resolver's mentions, and the persons and organizations the parser tagged."""

    def __init__(self, doc: Doc, resolver: Resolver) -> None:
        named = sorted([*((m.start, m.name) for m in resolver.mentions),
                        *((e.start_char, e.text) for e in doc.ents if e.label_ in ("PERSON", "ORG"))])
        self.starts = [start for start, _ in named]
        self.names = [name for _, name in named]
        self.text = doc_text(doc)
        self._stops: dict[int, int | None] = {}

    def sentence_end(self, start: int) -> int | None:
        """The end of the first sentence end at or after `start` (searched once per offset)."""
        if start not in self._stops:
            stop = _STOP.search(self.text, start)
            self._stops[start] = stop.end() if stop else None
        return self._stops[start]

    def other(self, start: int, end: int, names: set[str]) -> bool:
        """Whether a name not in `names` starts in `start`..`end`."""
        k = bisect.bisect_left(self.starts, start)
        while k < len(self.starts) and self.starts[k] < end:
            if self.names[k] not in names:
                return True
            k += 1
        return False


def _someone_else(names: _Names, donor: _Piece, end: int) -> bool:
    """Whether a person or organization other than `donor`'s speaker is named after the
    donor quote's sentence and before `end`."""
    speaker = {donor.speaker} if donor.speaker else set()
    start = max(donor.end, donor.mention[1] if donor.mention else 0)
    stop = names.sentence_end(start)
    start = stop if stop is not None and stop <= end else end  # from the end of the donor's own sentence
    return names.other(start, end, speaker)


def _continue(doc: Doc, quotes: list[_Piece], paras: list[tuple[int, int]],
              resolver: Resolver) -> None:
    """Quotes without a cue take the speaker of the quote before them in the paragraph, or, when
    the paragraph is nothing but the quotation, of the paragraph before."""
    last_in_para: dict[int, _Piece] = {}
    text = doc_text(doc)
    words = _Words(text, paras)
    quoted_paras = {o.para for o in quotes}
    names = _Names(doc, resolver)
    for q in quotes:
        if q.cue is None:
            donor = last_in_para.get(q.para)
            ps, pe = paras[q.para]
            first, last = words.first_and_last(q.para)
            alone = not (first < q.start or last >= q.end) or q.end > pe
            before = _last_char(text, ps, q.start)
            if donor is None and first < q.start and before in (".", ":", "!", "?"):
                # 'Bondi said the transfer was historic. "These defendants will answer ...'
                _introduced(doc, q, ps, q.start, resolver)
            elif donor is None and alone and q.para > 0 and not _heading(q):
                donor = last_in_para.get(q.para - 1)
                if donor is None and q.para - 1 not in quoted_paras:
                    _introduced(doc, q, *paras[q.para - 1], resolver)
            if donor is not None and _someone_else(names, donor, q.start):
                donor = None  # "…," Ruiz said. Lopez disagreed: "…" is not Ruiz's
            if donor is not None and donor.cue is not None:
                q.subject, q.cue, q.speaker, q.mention = (donor.subject, donor.cue,
                                                          donor.speaker, donor.mention)
        if q.cue is not None:
            p = q.para  # the paragraphs the quote reaches into
            while p < len(paras) and paras[p][0] < q.end:
                last_in_para[p] = q
                p += 1


_WORD = re.compile(r"\w")


class _Words:
    """Where the first and the last word character of each paragraph are, found once each."""

    def __init__(self, text: str, paras: list[tuple[int, int]]) -> None:
        self.text, self.paras = text, paras
        self._found: dict[int, tuple[float, float]] = {}

    def first_and_last(self, p: int) -> tuple[float, float]:
        """The offsets of the first and the last word character of paragraph `p` (inf and
        -inf when it has none)."""
        if p not in self._found:
            ps, pe = self.paras[p]
            first = _WORD.search(self.text, ps, pe)
            last = _WORD.search(self.text[ps:pe][::-1])
            self._found[p] = (first.start() if first else float("inf"),
                              pe - 1 - last.start() if last else float("-inf"))
        return self._found[p]


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of `text[start:end]` that is not a space ("" if none): what
    `text[start:end].rstrip()[-1:]` gives, without copying the text."""
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > start else ""


def _introduced(doc: Doc, q: _Piece, start: int, end: int, resolver: Resolver) -> None:
    """Give `q` the speaker of the sentence that ends at `end` when that sentence speaks."""
    subj, cue = _introducer(doc, start, end)
    if subj is not None:
        q.subject, q.cue = subj, cue
        q.speaker, q.mention = resolver.resolve(subj), name_phrase(subj)


def _heading(q: _Piece) -> bool:
    """A quotation that is a subhead: a paragraph of its own, a few words with no sentence end
    ("'No hope from the government'"). Nobody in the paragraph before says it."""
    inner = q.inner.rstrip()
    return len(inner.split()) <= _settings()["heading_words"] and not inner.endswith(
        (".", "!", "?", ",", "…", ":", ";"))


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
