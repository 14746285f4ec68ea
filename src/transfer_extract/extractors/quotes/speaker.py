"""Who said a quotation: the cue (a reporting verb, a frame, a speech noun) in the quotation's
sentence and its subject, and the parts of a split quotation joined."""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.attrs import IDX, IS_SPACE
from spacy.tokens import Doc, Token

from transfer_extract.data import load_lines
from transfer_extract.extractors import doc_text
from transfer_extract.extractors.coref import SUBJECTS, Resolver, name_phrase
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.extractors.quotes.find import _bounds, _Piece, _settings

_RELATIVE = {"who", "that", "which"}


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
