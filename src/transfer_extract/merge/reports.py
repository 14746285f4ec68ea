"""Reports of moves and which of them describe the same move.

A *report* is one event of one record, reported (the article's news) or recalled (an earlier
move it mentions). Reports are one event when they describe the same move:
- never two reports of one article;
- the same route where both state it (origin, destination), the same sequence where both state
  it, and kinds of one family (a generic "transfer" matches any kind; "extradition" never
  matches "deportation");
- dates that agree where both are dated (equal, one refines the other, or a few days apart);
- for moves of named people (one person, or as many people named in the evidence as moved),
  the same people: two such moves that share nobody are two events whatever their dates;
- and something positive in common: close dates of one precision (two days, two months), or,
  when one date only refines the other ("2025-02" and "2025-02-27") or a date is missing, a
  moved person named by both or an equal count above one (for moves not identified by who was
  moved). An equal count alone never makes two undated single-person moves one.
A report joins the first event it agrees with on every report already in it; dated reports
come first, so an undated one joins a move whose dates are known.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from transfer_extract.data import load_json
from transfer_extract.evaluation.match import words


@cache
def settings() -> dict[str, Any]:
    return load_json("merge.json")


def name_key(name: str) -> tuple[str, ...]:
    """A name without case, accents and punctuation: the key people are grouped by."""
    return tuple(words(name))


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same person: equal names, or the shorter's words are the end of the longer's
    ("Arellano Felix" = "Benjamin Arellano Felix"; "Juan Lopez" is not "Pedro Lopez")."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and (short == long_ or (len(short) > 1 and long_[-len(short):] == short))


# ---------------------------------------------------------------- dates


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two dates that can name the same day: one refines the other, or they are close."""
    if a is None or b is None:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= settings()["close_days"]


def passing_year(event: dict[str, Any], role: str, published: str | None) -> bool:
    """A reported event dated only by a year long before its article: a year the article
    mentions in passing ("the 1985 killing"), not the date of its news."""
    when = event.get("date")
    if role != "reported" or not when or len(when) != 4 or not published or not when.isdigit():
        return False
    return int(published[:4]) - int(when) > settings()["passing_year_gap"]


def kinds_agree(a: str | None, b: str | None) -> bool:
    generic = settings()["generic_kinds"]
    return a is None or b is None or a == b or a in generic or b in generic


def _close_days(value: str) -> list[str]:
    """The days a day date can share a move with (itself and those within close days)."""
    day = _day(value)
    if day is None:
        return [value]
    span = settings()["close_days"]
    return [(day + timedelta(days=d)).isoformat() for d in range(-span, span + 1)]


# ---------------------------------------------------------------- reports


@dataclass
class Report:
    source: str
    article: int  # the record's place among the inputs
    order: int  # the event's place in its record
    role: str  # reported | recalled
    event: dict[str, Any]
    date: str | None  # the date used to match and place it (None for a year in passing)
    people: tuple[str, ...]  # the named people the evidence names (as the record spells them)
    keys: tuple[tuple[str, ...], ...]  # their name keys, with their aliases'

    @property
    def identity(self) -> bool:
        """A move identified by who was moved: one person, or as many as the evidence names."""
        count = self.event.get("count")
        return bool(self.people) and count is not None and (count == 1 or count == len(self.people))

    @property
    def count(self) -> int | None:
        return self.event.get("count")


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    from bisect import bisect_right

    i = bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def moved_people(record: dict[str, Any], event: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's people (and former officials) with a mention inside the event's evidence."""
    spans = sorted((e["start"], e["end"]) for e in event.get("evidence", []))
    starts = [s for s, _ in spans]
    former = set(settings()["moved_official_titles"])
    found = []
    candidates = [*record.get("people", []),
                  *(o for o in record.get("officials", [])
                    if former & set(words(o.get("title") or "")))]
    for person in candidates:
        if any(_inside(spans, starts, m["start"], m["end"]) for m in person.get("mentions", [])):
            found.append(person)
    return found


def reports_of(record: dict[str, Any], source: str, article: int) -> list[Report]:
    """Every event of `record` as a report; the reported one is the first not recalled (records
    saved before roles were stated have none: their first event)."""
    events = record.get("events", [])
    reported = next((i for i, e in enumerate(events) if e.get("role") != "recalled"), None)
    out = []
    for i, event in enumerate(events):
        role = "reported" if i == reported else "recalled"
        people = moved_people(record, event)
        keys = tuple(dict.fromkeys(k for p in people for n in (p["name"], *p.get("aliases", []))
                                   if (k := name_key(n))))
        when = None if passing_year(event, role, record.get("published")) else event.get("date")
        out.append(Report(source, article, i, role, event, when, tuple(p["name"] for p in people), keys))
    return out


# ---------------------------------------------------------------- grouping


@dataclass
class Group:
    """The reports of one move, with the distinct values a newcomer must agree with."""
    reports: list[Report] = field(default_factory=list)
    articles: set[int] = field(default_factory=set)
    values: dict[str, set[Any]] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)
    identities: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)
    keys: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)  # by name_end
    counts: set[int] = field(default_factory=set)

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.articles.add(report.article)
        for key in ("origin", "destination", "sequence", "kind"):
            if report.event.get(key) is not None:
                self.values.setdefault(key, set()).add(report.event[key])
        if report.date:
            self.dates.add(report.date)
        if report.identity and report.keys not in self.identities:
            self.identities.append(report.keys)
        for k in report.keys:
            if k not in (known := self.keys.setdefault(name_end(k), [])):
                known.append(k)
        if report.count is not None:
            self.counts.add(report.count)


def name_end(key: tuple[str, ...]) -> tuple[str, ...]:
    """The last two words of a name (the whole of a one-word name): two names `same_name` calls
    one person end the same way."""
    return key[-2:]


def _shares(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    return any(same_name(x, y) for x in a for y in b)


def _shares_any(a: tuple[tuple[str, ...], ...], group: Group) -> bool:
    return any(same_name(x, y) for x in a for y in group.keys.get(name_end(x), ()))


def agrees(group: Group, r: Report) -> bool:
    """`r` contradicts no report of `group` and shares something positive with it."""
    if r.article in group.articles:
        return False
    for key in ("origin", "destination", "sequence"):
        value = r.event.get(key)
        if value is not None and group.values.get(key, set()) - {value}:
            return False
    if not all(kinds_agree(r.event.get("kind"), k) for k in group.values.get("kind", ())):
        return False
    if not all(dates_agree(r.date, d) for d in group.dates):
        return False
    if r.identity and not all(_shares(r.keys, ident) for ident in group.identities):
        return False
    if r.date and any(len(d) == len(r.date) for d in group.dates):
        return True  # close dates of one precision; a finer or coarser one needs more in common
    return _shares_any(r.keys, group) or (_by_count(r) and not group.identities
                                           and r.count in group.counts)


def _by_count(r: Report) -> bool:
    """A report an equal count can match: more than one person, not identified by who."""
    return r.count is not None and r.count > 1 and not r.identity


ANY, UNKNOWN = "*", "?"


Key = tuple[Any, ...]


def _own(when: str) -> Key:
    """Where a date is filed for reports of the same precision to find it."""
    return ({4: "year only", 7: "month only"}.get(len(when), "day"), when)


def _with(when: str, other: Key) -> list[Key]:
    """Where a date is filed with a count or a person, for a finer or coarser date to find it."""
    if len(when) == 4:
        return [("year only", when, *other), ("year", when, *other)]
    return [("month", when[:7], *other), ("year", when[:4], *other)]


def _sought(when: str, others: list[Key], identity: bool) -> list[Key]:
    """The keys of the dates that can agree with `when`: the same precision close to it, or
    another precision with a count or person in common. A move identified by who was moved
    seeks, among those of its own precision, only the moves of nobody named and of its people."""
    if len(when) == 4:
        own = [("year only", when)]
    else:
        own = [("month only", when)] if len(when) == 7 else [("day", d) for d in _close_days(when)]
    if identity:
        people = [o for o in others if o[0] == "person"]
        own = [(*k, *extra) for k in own for extra in (("anonymous",), *people)]
    coarser = [("year", when, *o) for o in others] if len(when) == 4 else [
        k for o in others for k in (("month", when[:7], *o), ("year only", when[:4], *o))]
    return own + coarser


class Grouper:
    """Reports into groups, each report compared only with the groups it could join: of its
    route (or one not stated), with a date of its precision close to its own, or a count or a
    moved person in common (and a date that a finer or coarser one of it can refine)."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.index: dict[Key, list[int]] = {}
        self.filed: dict[int, list[tuple[str, str]]] = {}  # the routes each group is filed under
        self.others: dict[int, dict[Key, None]] = {}  # the count and person keys of each group

    @staticmethod
    def _other_keys(r: Report) -> list[Key]:
        keys: list[Key] = [("person", name_end(k)) for k in r.keys]
        if _by_count(r):
            keys.append(("count", r.count))
        return keys

    @staticmethod
    def _routes_filed(group: Group) -> list[tuple[str, str]]:
        o = next(iter(group.values.get("origin", ())), UNKNOWN)
        d = next(iter(group.values.get("destination", ())), UNKNOWN)
        return [(o, d), (o, ANY), (ANY, d), (ANY, ANY)]

    @staticmethod
    def _routes_sought(r: Report) -> list[tuple[str, str]]:
        o, d = r.event.get("origin"), r.event.get("destination")
        origins = [o, UNKNOWN] if o is not None else [ANY]
        destinations = [d, UNKNOWN] if d is not None else [ANY]
        return [(a, b) for a in origins for b in destinations]

    def _candidates(self, r: Report) -> Iterator[int]:
        """The groups `r` could join, the closest kind of match first (a date of its precision,
        then a count or person with a finer or coarser date, then an undated group); each once."""
        seen: set[int] = set()
        others = self._other_keys(r)
        routes = self._routes_sought(r)
        if r.date:
            keys = [(*route, *key) for key in _sought(r.date, others, r.identity) for route in routes]
            keys += [(*route, "undated", *o) for o in others for route in routes]
        else:
            keys = [(*route, "any", *o) for o in others for route in routes]
        for key in keys:
            for g in self.index.get(key, ()):
                if g not in seen:
                    seen.add(g)
                    yield g

    def _file(self, n: int, r: Report, new_date: bool) -> None:
        """File group `n` under the keys `r` adds (all its keys when `r` told its route); keys
        filed before stay: a candidate is always checked. `new_date`: `r` brings a date the
        group did not have."""
        group = self.groups[n]
        routes = self._routes_filed(group)
        refile = routes != self.filed.get(n)
        self.filed[n] = routes
        others = self.others.setdefault(n, {})
        new = [o for o in dict.fromkeys(self._other_keys(r)) if o not in others]
        others.update(dict.fromkeys(new))
        tags = [("anonymous",)] if not group.identities else []
        dates = sorted(group.dates)
        keys: list[Key] = []
        for when in dates:
            own = _own(when)
            if refile or (new_date and when == r.date):
                keys += [own, *((*own, *t) for t in tags), *((*own, *o) for o in others if o[0] == "person")]
                keys.extend(k for o in others for k in _with(when, o))
            else:
                keys += [(*own, *o) for o in new if o[0] == "person"]
                keys.extend(k for o in new for k in _with(when, o))
        for o in others if refile else new:
            keys.append(("any", *o))
            if not dates:
                keys.append(("undated", *o))
        for route in routes:
            for key in keys:
                bucket = self.index.setdefault((*route, *key), [])
                if not bucket or bucket[-1] != n:
                    bucket.append(n)

    def add(self, r: Report) -> None:
        n = next((g for g in self._candidates(r) if agrees(self.groups[g], r)), None)
        if n is None:
            n = len(self.groups)
            self.groups.append(Group())
        new_date = bool(r.date) and r.date not in self.groups[n].dates
        self.groups[n].add(r)
        self._file(n, r, new_date)


def group_reports(reports: list[Report]) -> list[list[Report]]:
    """The reports grouped by move: dated reports first, so that an undated one joins a move
    whose dates are known; within that, in input order."""
    grouper = Grouper()
    for r in sorted(reports, key=lambda r: (r.date is None, r.article, r.order)):
        grouper.add(r)
    return [sorted(g.reports, key=lambda r: (r.article, r.order)) for g in grouper.groups]
