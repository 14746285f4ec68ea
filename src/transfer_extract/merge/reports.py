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
- and something positive in common: agreeing dates, or, with a date missing, a moved person
  named by both, or an equal count above one. An equal count alone never makes two undated
  single-person moves one.
A report joins the first event it agrees with on every report already in it.
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


def _months(value: str) -> Iterator[str]:
    """The months a date can share a move with: its own, and a neighbour within close days."""
    day = _day(value)
    if day is None:
        yield value[:7]
        return
    span = settings()["close_days"]
    yield from dict.fromkeys((day + timedelta(days=d)).isoformat()[:7] for d in range(-span, span + 1))


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
    keys: list[tuple[str, ...]] = field(default_factory=list)
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
        self.keys.extend(k for k in report.keys if k not in self.keys)
        if report.count is not None:
            self.counts.add(report.count)


def _shares(a: tuple[tuple[str, ...], ...] | list[tuple[str, ...]],
            b: tuple[tuple[str, ...], ...] | list[tuple[str, ...]]) -> bool:
    return any(same_name(x, y) for x in a for y in b)


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
    if r.date and group.dates:
        return True
    return _shares(r.keys, group.keys) or (r.count is not None and r.count > 1 and r.count in group.counts)


class Grouper:
    """Reports into groups, each report compared only with the groups it can join: those of a
    month (or year) its date shares, of a moved person's surname, or of its count."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.by_date: dict[tuple[str, str], list[int]] = {}
        self.by_other: dict[tuple[str, Any], list[int]] = {}  # person and count keys, every group
        self.undated: dict[tuple[str, Any], list[int]] = {}  # the same, of groups without a date

    def _other_keys(self, r: Report) -> list[tuple[str, Any]]:
        keys: list[tuple[str, Any]] = [("person", k[-1]) for k in r.keys]
        if r.count is not None and r.count > 1:
            keys.append(("count", r.count))
        return keys

    def _candidates(self, r: Report) -> list[int]:
        found: set[int] = set()
        if r.date:
            year = r.date[:4]
            date_keys = [("year", year)] if len(r.date) == 4 else [("month", m) for m in _months(r.date)]
            date_keys.append(("year only", year))
            for key in date_keys:
                found.update(self.by_date.get(key, ()))
            for key in self._other_keys(r):
                found.update(g for g in self.undated.get(key, ()) if not self.groups[g].dates)
        else:
            for key in self._other_keys(r):
                found.update(self.by_other.get(key, ()))
        return sorted(found)

    def _index(self, n: int, r: Report) -> None:
        if r.date:
            year = r.date[:4]
            keys = [("year", year)] + ([("year only", year)] if len(r.date) == 4
                                       else [("month", r.date[:7])])
            for key in keys:
                if n not in (bucket := self.by_date.setdefault(key, [])):
                    bucket.append(n)
        for key in self._other_keys(r):
            for index in (self.by_other, self.undated) if not self.groups[n].dates else (self.by_other,):
                if n not in (bucket := index.setdefault(key, [])):
                    bucket.append(n)

    def add(self, r: Report) -> None:
        n = next((g for g in self._candidates(r) if agrees(self.groups[g], r)), None)
        if n is None:
            n = len(self.groups)
            self.groups.append(Group())
        self._index(n, r)
        self.groups[n].add(r)


def group_reports(reports: list[Report]) -> list[list[Report]]:
    """The reports grouped by move: dated reports first, so that an undated one joins a move
    whose dates are known; within that, in input order."""
    grouper = Grouper()
    for r in sorted(reports, key=lambda r: (r.date is None, r.article, r.order)):
        grouper.add(r)
    return [sorted(g.reports, key=lambda r: (r.article, r.order)) for g in grouper.groups]
