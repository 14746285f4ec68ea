"""Quotations without a cue of their own: continued from an earlier quote in the paragraph, from
the paragraph before, or introduced by the sentence before."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from transfer_extract.extractors import doc_text
from transfer_extract.extractors.coref import Resolver, name_phrase
from transfer_extract.extractors.quotes.find import _heading, _last_char, _Piece
from transfer_extract.extractors.quotes.speaker import _introducer

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


def _introduced(doc: Doc, q: _Piece, start: int, end: int, resolver: Resolver) -> None:
    """Give `q` the speaker of the sentence that ends at `end` when that sentence speaks."""
    subj, cue = _introducer(doc, start, end)
    if subj is not None:
        q.subject, q.cue = subj, cue
        q.speaker, q.mention = resolver.resolve(subj), name_phrase(subj)
