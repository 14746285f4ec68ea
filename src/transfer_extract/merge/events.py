"""Groups of reports into merged events, placed in date order with running totals.

- Each field lists every value with the articles that state it; values that disagree are a
  conflict and stay listed side by side, never resolved.
- Events are ordered by date (the most precise date the reports agree on); an undated event
  with a stated sequence ("the second transfer") takes that place among its route's waves, other
  undated events come last.
- The running total adds the waves of one route (origin, destination) in that order, with each
  wave's best supported count, and its range with every stated count; it stops (null) at the
  first wave without a count or a place.
- A stated running total ("bringing the total to 92") is checked against the waves the articles
  that state it give: the earlier waves they recall on the route, merged with every other report
  of them, plus this one (29 + 26 + 37 = 92); short of the sequence they state, it is incomplete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from transfer_extract.merge.names import supported
from transfer_extract.merge.reports import Report, dates_agree
from transfer_extract.merge.results import (
    FIELDS,
    Check,
    Consistency,
    Evidence,
    Field,
    MergedEvent,
    Supported,
    TimelineEntry,
)


def _field(reports: list[Report], key: str) -> Field:
    values = supported((r.event.get(key), r.source) for r in reports)
    if key == "date":
        conflict = any(not dates_agree(a.value, b.value) or (
            a.value != b.value and len(a.value) == len(b.value) == 10)
            for a in values for b in values)
    else:
        conflict = len(values) > 1
    return Field(values, conflict)


def _top(field: Field) -> Any:
    return field.values[0].value if field.values else None


def _sources(reports: Iterable[Report], role: str | None = None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.source for r in reports if role in (None, r.role)))


@dataclass
class _Placed:
    """A group of reports with its fields, where it stands and its running totals."""
    reports: list[Report]
    fields: dict[str, Field]
    date: str | None  # the most precise date its reports agree on (no year in passing)
    placed: bool = False
    running: int | None = None
    low: int | None = None
    high: int | None = None
    position: int = 0  # its place among the waves of its route

    @property
    def route(self) -> tuple[Any, Any]:
        return (_top(self.fields["origin"]), _top(self.fields["destination"]))


def _date(reports: list[Report]) -> str | None:
    usable = supported((r.date, r.source) for r in reports)
    if not usable:
        return None
    most = max(len(u.value) for u in usable)
    return next(u.value for u in usable if len(u.value) == most)  # best supported, then first


def place(groups: list[list[Report]]) -> list[_Placed]:
    """The groups in timeline order, with running totals along each route."""
    items = [_Placed(g, {k: _field(g, k) for k in FIELDS}, _date(g)) for g in groups]
    routes: dict[tuple[Any, Any], list[_Placed]] = {}
    for item in items:
        routes.setdefault(item.route, []).append(item)
    keyed: list[tuple[str, int, _Placed]] = []
    for route in routes.values():
        dated = sorted((x for x in route if x.date), key=lambda x: x.date or "")
        sequenced = sorted((x for x in route if not x.date and _top(x.fields["sequence"])),
                           key=lambda x: _top(x.fields["sequence"]))
        ordered: list[_Placed] = []
        taken = 0
        for x in sequenced:  # "the second transfer" goes second
            while len(ordered) < _top(x.fields["sequence"]) - 1 and taken < len(dated):
                ordered.append(dated[taken])
                taken += 1
            ordered.append(x)
        ordered += dated[taken:]
        ordered += [x for x in route if not x.date and not _top(x.fields["sequence"])]
        following: list[str | None] = [None] * len(ordered)  # the date of the next dated wave
        upcoming: str | None = None
        for i in range(len(ordered) - 1, -1, -1):
            upcoming = ordered[i].date or upcoming
            following[i] = upcoming
        running: tuple[int, int, int] | None = (0, 0, 0)
        for i, x in enumerate(ordered):
            counts = [v.value for v in x.fields["count"].values]
            x.placed = x.date is not None or _top(x.fields["sequence"]) is not None
            x.position = i
            if running is None or not counts or not x.placed:
                running = None
            else:
                running = (running[0] + counts[0], running[1] + min(counts), running[2] + max(counts))
            if running is not None:
                x.running, x.low, x.high = running
            key = following[i] or "9999"
            keyed.append((key, 0 if x.placed else 1, x))
    keyed.sort(key=lambda k: (k[0], k[1]))  # stable: a route's undated waves stay before their successor
    return [x for _, _, x in keyed]


def recalls(placed: list[_Placed]) -> dict[str, list[_Placed]]:
    """For each article, the waves it recalls."""
    out: dict[str, list[_Placed]] = {}
    for x in placed:
        for source in _sources(x.reports, "recalled"):
            out.setdefault(source, []).append(x)
    return out


def _consistency(x: _Placed, recalled: dict[str, list[_Placed]]) -> Consistency:
    totals = x.fields["cumulative_total"]
    if not totals.values or not x.placed:
        return Consistency("not checkable", ())
    checks = []
    missing = False
    for total in totals.values:
        earlier = {id(y): y for s in total.sources for y in recalled.get(s, ())
                   if y.route == x.route and y.placed and y.position < x.position}
        # the count stated by the articles that state this total
        stating = set(total.sources)
        count = next((r.event.get("count") for r in x.reports
                      if r.source in stating and r.event.get("count") is not None),
                     _top(x.fields["count"]))
        counts = [_top(y.fields["count"]) for y in sorted(earlier.values(), key=lambda y: y.position)]
        if count is None or None in counts or not counts:
            continue
        parts = (*counts, count)
        missing = missing or len(parts) < (_top(x.fields["sequence"]) or 0)
        checks.append(Check(total.value, total.sources, parts, sum(parts), sum(parts) == total.value))
    if not checks:
        return Consistency("not checkable", ())
    if all(c.consistent for c in checks):
        status = "consistent"
    elif missing:
        status = "incomplete"  # earlier waves the articles do not give
    else:
        status = "inconsistent"
    return Consistency(status, tuple(checks))


def _notes(x: _Placed) -> tuple[str, ...]:
    return tuple(f"date {r.event['date']} ({r.source}) is a year the article mentions in passing:"
                 " not used to match or place the event"
                 for r in x.reports if r.event.get("date") and r.date is None)


def _union(reports: list[Report], key: str) -> tuple[Supported, ...]:
    return supported((v, r.source) for r in reports for v in r.event.get(key, []))


def merged_event(n: int, x: _Placed, names: dict[tuple[str, ...], str],
                 recalled: dict[str, list[_Placed]]) -> MergedEvent:
    """The merged event of `x`; `names` gives the united spelling of each person's name,
    `recalled` the waves each article recalls."""
    from transfer_extract.merge.reports import name_key

    reported = _sources(x.reports, "reported")
    return MergedEvent(
        id=n,
        role="reported" if reported else "recalled",
        sources=_sources(x.reports),
        reported_by=reported,
        recalled_by=_sources(x.reports, "recalled"),
        conflicts=tuple(k for k in FIELDS if x.fields[k].conflict),
        notes=_notes(x),
        **x.fields,
        people=supported((names.get(name_key(p), p), r.source) for r in x.reports for p in r.people),
        consistency=_consistency(x, recalled),
        organizations=_union(x.reports, "organizations"),
        places=_union(x.reports, "places"),
        conditions=_union(x.reports, "conditions"),
        evidence=tuple(Evidence(r.source, e["start"], e["end"], e["text"])
                       for r in x.reports for e in r.event.get("evidence", [])),
    )


def timeline_entry(n: int, x: _Placed) -> TimelineEntry:
    origin, destination = x.route
    return TimelineEntry(
        event=n, date=x.date, kind=_top(x.fields["kind"]),
        counts=tuple(v.value for v in x.fields["count"].values),
        origin=origin, destination=destination,
        running_total=x.running,
        running_range=None if x.low is None or x.high is None else (x.low, x.high),
        stated_totals=tuple(v.value for v in x.fields["cumulative_total"].values),
        reported_by=_sources(x.reports, "reported"),
        recalled_by=_sources(x.reports, "recalled"),
    )
