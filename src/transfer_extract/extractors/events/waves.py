"""Grouping the sentences of an article into waves: the main one (the count of the reported
move) and earlier ones the article recalls, by count, month and day."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from transfer_extract.extractors.events.index import index_of
from transfer_extract.extractors.events.sentence import DateMention, PeopleCount, Sentence


@dataclass(eq=False)
class Wave:
    """The sentences of one move and what they say of it (compared by identity)."""

    count: int | None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    moved: bool = False  # its count is what an event verb moves in some sentence
    _ids: set[int] = field(default_factory=set, repr=False)

    def add(self, s: Sentence) -> None:
        if id(s) not in self._ids:
            self._ids.add(id(s))
            self.sentences.append(s)


def _month(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 else None


_SEGMENT_BREAKS = frozenset({",", ";", "and", "but", "while", "whereas"})
_CLAUSE_GOES_ON = frozenset({"when", "where", "which", "who", "whom"})  # "since May, when 29 ..."


class _Segments:
    """The stretches of a sentence between commas and "and" ("29 prisoners in February and 26
    in August"), numbered once per sentence so that the count a date or ordinal goes with is
    found by bisection, not by a scan between each pair."""

    def __init__(self, s: Sentence, counts: list[PeopleCount]) -> None:
        lowers = index_of(s.span.doc).lowers
        start, end = s.span.start, s.span.end
        self.start = start
        self.segment: list[int] = []  # segment number of each token of the sentence
        n = 0
        for i in range(start, end):
            self.segment.append(n)
            if lowers[i] in _SEGMENT_BREAKS and not (i + 1 < end and lowers[i + 1] in _CLAUSE_GOES_ON):
                n += 1
        self.counts = _Sorted(counts)
        grouped: dict[int, list[PeopleCount]] = {}
        for c in self.counts.counts:
            grouped.setdefault(self._seg(c.token), []).append(c)
        self.by_segment = {k: _Sorted(v) for k, v in grouped.items()}

    def _seg(self, tok: int) -> int:
        k = tok - self.start
        return self.segment[k] if 0 <= k < len(self.segment) else -1

    def nearest(self, tok: int) -> int:
        """The value of the count at token `tok`'s own stretch nearest to it, else the nearest."""
        return (self.by_segment.get(self._seg(tok)) or self.counts).closest(tok).value


class _Sorted:
    """Counts in token order, asked for the one nearest to a token."""

    def __init__(self, counts: list[PeopleCount]) -> None:
        self.counts = sorted(counts, key=lambda c: c.token)
        self.tokens = [c.token for c in self.counts]

    def closest(self, tok: int) -> PeopleCount:
        """The count nearest to `tok`; the earlier one on a tie."""
        k = bisect_left(self.tokens, tok)
        return min(self.counts[max(k - 1, 0):k + 1], key=lambda c: abs(c.token - tok))


def group_waves(sents: list[Sentence], main_count: int | None, aliases: set[int],
                lead: list[Sentence]) -> tuple[Wave, list[Wave]]:
    """The main wave and the others, by count; `aliases` are other figures of the main one (a
    headline's "more than 200" for the 238 of the body). A sentence without a count joins the
    wave of its month, or else the main one (a `lead` sentence always the main one), unless its
    move is dated on another day than the main one's."""
    main = Wave(main_count)
    others: dict[int, Wave] = {}
    uncounted: list[Sentence] = []
    for s in sents:
        counts = [PeopleCount(main_count, c.token, c.approx)
                  if c.value in aliases and main_count is not None else c
                  for c in s.people if c.value not in s.totals]
        if not counts:
            uncounted.append(s)
            continue
        waves = {c.value: main if c.value == main_count else others.setdefault(c.value, Wave(c.value))
                 for c in counts}
        for w in waves.values():
            w.add(s)
        for v in s.moved:
            if v in waves:
                waves[v].moved = True
        segments = _Segments(s, counts)
        for d in s.dates + s.since_dates:
            waves[segments.nearest(d.token)].dates.append(d)
        for o in s.ordinals:
            waves[segments.nearest(o.token)].ordinals.append(o.value)
        target = main if main_count in waves or len(waves) > 1 else next(iter(waves.values()))
        target.totals.extend(s.totals)
    by_month = {_month(d.fact.value): w for w in others.values() for d in w.dates
                if _month(d.fact.value)}
    main_days = _Days(d.fact.value for d in main.dates if d.at_event and d.fact.value)
    lead_ids = {id(s) for s in lead}
    for s in uncounted:
        months = {_month(d.fact.value) for d in s.dates} - {None}
        target = main if id(s) in lead_ids else next((by_month[m] for m in months if m in by_month), main)
        own_days = [d.fact.value for d in s.dates if d.at_event and d.fact.value]
        if target is main and main_days and own_days and not any(main_days.compatible(a) for a in own_days):
            continue  # another move on another day ("El Mayo was flown to Texas in July")
        target.add(s)
        target.totals.extend(s.totals)
        target.dates.extend(s.dates)
        target.ordinals.extend(o.value for o in s.ordinals)
    return main, list(others.values())


class _Days:
    """Date values (YYYY, YYYY-MM, YYYY-MM-DD) asked whether another can name the same day:
    one is the other's start ("2025-02" and "2025-02-27"), answered from sets, not pairs."""

    def __init__(self, values: Iterable[str]) -> None:
        self.values = set(values)
        self.starts = {v[:n] for v in self.values for n in (4, 7, 10) if n <= len(v)}

    def __bool__(self) -> bool:
        return bool(self.values)

    def compatible(self, value: str) -> bool:
        return value in self.starts or any(value[:n] in self.values for n in (4, 7, 10))
