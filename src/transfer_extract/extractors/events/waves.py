"""Grouping the sentences of an article into waves: the main one (the count of the reported
move) and earlier ones the article recalls, by count, month and day."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from transfer_extract.extractors.events.index import index_of
from transfer_extract.extractors.events.sentence import Sentence
from transfer_extract.record import DateFact


@dataclass
class Wave:
    count: int | None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[tuple[DateFact, bool, bool]] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    moved: bool = False  # its count is what an event verb moves in some sentence

    def add(self, s: Sentence) -> None:
        if s not in self.sentences:
            self.sentences.append(s)


def _month(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 else None


_SEGMENT_BREAKS = frozenset({",", ";", "and", "but", "while", "whereas"})
_CLAUSE_GOES_ON = frozenset({"when", "where", "which", "who", "whom"})  # "since May, when 29 ..."


def _nearest(tok: int, counts: list[tuple[int, int, bool]], doc: Doc) -> int:
    """The count a date or ordinal at token `tok` goes with: the nearest one in its own stretch
    of the sentence between commas and "and" ("29 prisoners in February and 26 in August"),
    else the nearest one."""
    lowers = index_of(doc).lowers

    def apart(c: tuple[int, int, bool]) -> bool:
        a, b = sorted((tok, c[1]))
        return any(lowers[i] in _SEGMENT_BREAKS and lowers[i + 1] not in _CLAUSE_GOES_ON
                   for i in range(a + 1, b))

    same = [c for c in counts if not apart(c)]
    return min(same or counts, key=lambda c: abs(c[1] - tok))[0]


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
        counts = [(main_count if c[0] in aliases else c[0], *c[1:]) for c in s.people
                  if c[0] not in s.totals]
        if not counts:
            uncounted.append(s)
            continue
        waves = {v: main if v == main_count else others.setdefault(v, Wave(v)) for v, _, _ in counts}
        for w in waves.values():
            w.add(s)
        for v in s.moved:
            if v in waves:
                waves[v].moved = True
        for fact, tok, at_event, announced in s.dates + s.since_dates:
            waves[_nearest(tok, counts, s.span.doc)].dates.append((fact, at_event, announced))
        for value, tok in s.ordinals:
            waves[_nearest(tok, counts, s.span.doc)].ordinals.append(value)
        target = main if main_count in waves or len(waves) > 1 else next(iter(waves.values()))
        target.totals.extend(s.totals)
    by_month = {_month(f.value): w for w in others.values() for f, *_ in w.dates
                if _month(f.value)}
    main_days = [f.value for f, at_event, _ in main.dates if at_event and f.value]
    for s in uncounted:
        months = {_month(f.value) for f, *_ in s.dates} - {None}
        target = main if s in lead else next((by_month[m] for m in months if m in by_month), main)
        own_days = [f.value for f, _, at_event, _ in s.dates if at_event and f.value]
        if target is main and main_days and own_days and not any(
                compatible(a, b) for a in own_days for b in main_days):
            continue  # another move on another day ("El Mayo was flown to Texas in July")
        target.add(s)
        target.totals.extend(s.totals)
        for fact, _, at_event, announced in s.dates:
            target.dates.append((fact, at_event, announced))
        target.ordinals.extend(v for v, _ in s.ordinals)
    return main, list(others.values())


def compatible(a: str, b: str) -> bool:
    """Whether two date values can name the same day ("2025-02" and "2025-02-27")."""
    return a.startswith(b) or b.startswith(a)


