"""Counts: every number that counts people, things, groups or occurrences, with the thing it
counts taken from the dependency parse.

- number phrases are found on the tokens ("37", "1,200", "twenty-six", "Thirty-eight", "a dozen",
  "two hundred"), ordinals too ("the third such transfer");
- not counts: dates and years (the dates found earlier), money ("500 Mexican pesos"),
  percentages, the base of a rate ("per 100,000 residents"), measures, clock times, ages
  ("Rojas, 52,", "Rojas, now 52,", "a 45-year-old", "aged 45"), durations ("for three years"),
  numbers inside names ("MS-13", "Article 5", "commune 18", "a gang 18 cell"), phone numbers,
  decimals, a bare "one" (and the pronoun of "if one doesn't comply");
- `counted` is the noun phrase the number modifies ("Air Force planes", "high-impact criminals")
  without leading "more", "such" and the like; for "37 of them", "29 others" and "the 26 handed
  over in August" it is the people-noun of the nearest count before;
- `kind` is "total" for running totals ("a total of 92", "bringing the total to 92", "92 in
  total", "has now sent 92"), "ordinal" for ordinals, else "cardinal".

Parts: `words` (the word lists and the number tokens of a doc), `exclusions` (what is no count),
`counted` (what a count counts, totals, ordinals); `find_counts` and `extract` here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Token

from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.counts.counted import _counted, _is_total, _ordinal_ok, _phrase, _refers_back
from transfer_extract.extractors.counts.exclusions import _not_a_count
from transfer_extract.extractors.counts.words import _number_groups, _tokens, _words
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.extractors.numbers import parse_number, parse_ordinal
from transfer_extract.record import CountFact

_ANTECEDENT_CHARS = 500  # how far back the noun of "37 of them" is looked for


CountTuple = tuple[int, int, str, int, str | None, str]


def find_counts(doc: Doc, date_spans: Sequence[tuple[int, int]] = ()) -> list[CountTuple]:
    """(start, end, text, value, counted, kind) of every count in `doc` (offsets into doc_text(doc))."""
    w = _words()
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    sent_starts = [s.start for s in sents]
    text = doc_text(doc)
    dated = Intervals(date_spans)
    found: list[tuple[int, int, str, int, str | None, str, Token | None]] = []
    for i in _tokens(doc).ordinals:
        tok = doc[i]
        if dated.overlaps(tok.idx, tok.idx + len(tok.text)):
            continue
        value = parse_ordinal(tok.text)
        if value is None or not _ordinal_ok(tok, text):
            continue
        head = tok.head if tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i else None
        if head is None and tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an"):
            continue  # "a second", "an eighth": a unit or a fraction, not an occurrence
        if head is None and tok.i > 1 and doc[tok.i - 1].lower_ == "the" and doc[tok.i - 2].lower_ == "on":
            continue  # "on the 14th": a day of the month
        counted = _phrase(doc, tok.i + 1, head) if head is not None else None
        found.append((tok.idx, tok.idx + len(tok.text), tok.text, value, counted, "ordinal", head))
    for group in _number_groups(doc):
        if _not_a_count(group, doc, dated):
            continue
        value = parse_number(group.text)
        assert value is not None
        counted, head = _counted(group, doc)
        kind = "total" if _is_total(group, doc, sents, sent_starts, text) else "cardinal"
        if counted is None and head is None and kind != "total" and not _refers_back(group, doc):
            kind += "-alone"
        found.append((group.start_char, group.end_char, group.text, int(value), counted, kind, head))
    found.sort(key=lambda f: f[0])
    starts = [f[0] for f in found]
    people: dict[int, list[int]] = {}  # the counts of people so far, by value
    out: list[CountTuple] = []
    for n, (start, end, written, value, counted, kind, head) in enumerate(found):
        alone = kind.endswith("-alone")
        kind = kind.removesuffix("-alone")
        if kind != "ordinal" and not alone and (counted is None or (head is not None and head.lower_ in w.pronouns)):
            # "the 37", "all three": that very group, so a count of the same value anywhere before;
            # for "all three" nothing else
            before = text[max(0, start - 4):start].lower()
            near = found[bisect.bisect_left(starts, start - _ANTECEDENT_CHARS, 0, n):n]
            same = people.get(value) if before.endswith(("all ", "the ")) else None
            if same:
                counted = found[same[-1]][4]
            else:
                counted = _antecedent(near, value, whole=before.endswith("all "))
        if _of_people(found[n]):
            people.setdefault(value, []).append(n)
        out.append((start, end, written, value, counted, kind))
    return out


def _of_people(f: tuple[Any, ...]) -> bool:
    """Whether the count `f` (as `find_counts` collects them) counts people."""
    counted, kind, head = f[4], f[5], f[6]
    if kind == "ordinal" or counted is None or head is None:
        return False
    return bool(head.lower_ in _words().person_nouns or head.ent_type_ == "NORP")


def _antecedent(before: list[tuple[Any, ...]], value: int, whole: bool = False) -> str | None:
    """The counted phrase of the nearest earlier count of people with the same value, else
    (unless the number names a `whole` group: "all three") of the nearest earlier count of
    people."""
    same = [f for f in before if f[3] == value]
    for f in [*reversed(same), *([] if whole else reversed(before))]:
        if _of_people(f):
            return f[4]
    return None


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    date_spans: list[tuple[int, int]] = []
    dates = ctx.found.get("dates", ())  # in the doc's offsets, as every fact until the record is built
    if dates:
        dated = Intervals((d.start, d.end) for d in dates)
        toks = _tokens(doc)
        for idx, text in zip(toks.idxs, toks.texts, strict=True):
            if text.isalpha() or not any(c.isdigit() for c in text):
                continue  # only numbers written in digits are parts of dates
            if dated.overlaps(idx, idx + len(text)):
                date_spans.append((idx, idx + len(text)))
    facts = []
    for start, end, text, value, counted, kind in find_counts(doc, date_spans):
        facts.append(CountFact(start, end, text, value, counted, kind))  # type: ignore[arg-type]
    return {"counts": tuple(facts)}
