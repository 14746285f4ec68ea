"""Merging what several articles say about one event. Never prints.

Works on records as plain dicts (`Record.to_dict()`, or lines of a JSONL file written by
`extract`), so saved records can be merged without the model.

- Each record's reported event (its first whose role is not "recalled") is a *report*.
  Reports of the same route (origin, destination) and compatible kind and sequence are one
  event when their dates are close (within two days, or one date refines the other: "2025-08"
  and "2025-08-12") or, when a date is missing, when their counts are equal. Two reports from
  one article are never merged.
- Each field of a merged event lists every value with the articles that state it; values that
  disagree are a conflict and stay listed side by side, never resolved.
- The earlier waves the articles recall (their further events) are merged the same way and
  attached to the event; with a stated running total they give a consistency check
  (29 + 26 + 37 = 92).
- The timeline lists every event and every recalled wave not already an event, in date order,
  with a running total along each route.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from transfer_extract.record import _Fact
from transfer_extract.saved import read_saved

FIELDS = ("kind", "count", "origin", "destination", "date", "cumulative_total", "sequence")
CLOSE_DAYS = 2
GENERIC_KIND = "transfer"  # "sent", "handed over": an outlet may use it for an extradition too


# ---------------------------------------------------------------- reading records


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The records (error lines left out) in a file saved by `extract` or `batch`."""
    return [r for r in read_saved(path) if "error" not in r]


def is_record_file(path: str) -> bool:
    return Path(path).suffix.lower() in (".json", ".jsonl")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Supported(_Fact):
    value: Any
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Field(_Fact):
    values: tuple[Supported, ...]
    conflict: bool


@dataclass(frozen=True)
class Evidence(_Fact):
    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class MergedQuote(_Fact):
    text: str
    speaker: str | None
    sources: tuple[Evidence, ...]


@dataclass(frozen=True)
class Wave(_Fact):
    count: Field
    date: Field
    sequence: Field
    kind: Field
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Check(_Fact):
    total: int
    sources: tuple[str, ...]
    parts: tuple[int, ...]
    sum: int
    consistent: bool


@dataclass(frozen=True)
class Consistency(_Fact):
    status: str  # consistent | inconsistent | incomplete | not checkable
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class MergedEvent(_Fact):
    id: int
    sources: tuple[str, ...]
    conflicts: tuple[str, ...]
    kind: Field
    count: Field
    origin: Field
    destination: Field
    date: Field
    cumulative_total: Field
    sequence: Field
    earlier_waves: tuple[Wave, ...]
    consistency: Consistency
    organizations: tuple[Supported, ...]
    places: tuple[Supported, ...]
    conditions: tuple[Supported, ...]
    officials: tuple[Supported, ...]
    quotes: tuple[MergedQuote, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TimelineEntry(_Fact):
    date: str | None
    kind: str | None
    count: int | None
    counts: tuple[int, ...]
    origin: str | None
    destination: str | None
    running_total: int | None
    stated_totals: tuple[int, ...]
    event: int | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class MergeResult(_Fact):
    events: tuple[MergedEvent, ...]
    timeline: tuple[TimelineEntry, ...]


# ---------------------------------------------------------------- grouping


@dataclass
class _Report:
    source: str
    event: dict[str, Any]
    record: dict[str, Any]


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
    return da is not None and db is not None and abs((da - db).days) <= CLOSE_DAYS


def _kinds_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or GENERIC_KIND in (a, b)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    for key in ("origin", "destination", "sequence"):
        if a.get(key) is not None and b.get(key) is not None and a[key] != b[key]:
            return False
    if not _kinds_agree(a.get("kind"), b.get("kind")):
        return False
    if a.get("date") and b.get("date"):
        return dates_agree(a["date"], b["date"])
    return a.get("count") is not None and a.get("count") == b.get("count")


def _group(reports: list[_Report]) -> list[list[_Report]]:
    groups: list[list[_Report]] = []
    for rep in reports:
        for group in groups:
            if rep.source not in {g.source for g in group} and any(
                    _same(rep.event, g.event) for g in group):
                group.append(rep)
                break
        else:
            groups.append([rep])
    return groups


# ---------------------------------------------------------------- consolidating


def _sources(reports: Iterable[_Report]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.source for r in reports))


def _field(reports: list[_Report], key: str) -> Field:
    by_value: dict[Any, list[str]] = {}
    for r in reports:
        value = r.event.get(key)
        if value is not None:
            by_value.setdefault(value, []).append(r.source)
    values = sorted(by_value.items(), key=lambda kv: -len(set(kv[1])))
    supported = tuple(Supported(v, tuple(dict.fromkeys(s))) for v, s in values)
    if key == "date":
        conflict = any(not dates_agree(a.value, b.value) or (
            a.value != b.value and len(a.value) == len(b.value) == 10)
            for a in supported for b in supported)
    else:
        conflict = len(supported) > 1
    return Field(supported, conflict)


def _union(pairs: Iterable[tuple[str, str]]) -> tuple[Supported, ...]:
    found: dict[str, list[str]] = {}
    for value, source in pairs:
        found.setdefault(value, [])
        if source not in found[value]:
            found[value].append(source)
    return tuple(Supported(v, tuple(s)) for v, s in found.items())


def _norm(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def _quotes(reports: list[_Report]) -> tuple[MergedQuote, ...]:
    merged: list[tuple[str, str, str | None, list[Evidence]]] = []  # key, text, speaker, sources
    for r in reports:
        for q in r.record.get("quotes", []):
            key = _norm(q["text"])
            if not key:
                continue
            ev = Evidence(r.source, q["start"], q["end"], q["text"])
            for i, (k, text, speaker, sources) in enumerate(merged):
                if k == key or (min(len(k), len(key)) >= 20 and (k in key or key in k)):
                    if all(s.source != r.source for s in sources):
                        sources.append(ev)
                    merged[i] = (k, text, speaker or q.get("speaker"), sources)
                    break
            else:
                merged.append((key, q["text"], q.get("speaker"), [ev]))
    return tuple(MergedQuote(text, speaker, tuple(src)) for _, text, speaker, src in merged)


def _wave(reports: list[_Report]) -> Wave:
    return Wave(_field(reports, "count"), _field(reports, "date"), _field(reports, "sequence"),
                _field(reports, "kind"), _sources(reports))


def _top(field: Field) -> Any:
    return field.values[0].value if field.values else None


def _consistency(reports: list[_Report], waves: list[Wave]) -> Consistency:
    totals = _field(reports, "cumulative_total")
    if not totals.values:
        return Consistency("not checkable", ())
    earlier = [_top(w.count) for w in waves]
    if any(c is None for c in earlier) or not earlier:
        return Consistency("not checkable", ())
    checks = []
    for total in totals.values:
        # the count stated by the articles that state this total
        count = next((r.event.get("count") for r in reports
                      if r.source in total.sources and r.event.get("count") is not None),
                     _top(_field(reports, "count")))
        if count is None:
            continue
        parts = (*earlier, count)
        checks.append(Check(total.value, total.sources, parts, sum(parts), sum(parts) == total.value))
    if not checks:
        return Consistency("not checkable", ())
    sequence = _top(_field(reports, "sequence"))
    if all(c.consistent for c in checks):
        status = "consistent"
    elif sequence is not None and len(earlier) < sequence - 1:
        status = "incomplete"  # earlier waves the articles do not give
    else:
        status = "inconsistent"
    return Consistency(status, tuple(checks))


def _event(n: int, group: list[_Report], waves: list[list[_Report]]) -> MergedEvent:
    fields = {key: _field(group, key) for key in FIELDS}
    merged_waves = [_wave(w) for w in waves]
    merged_waves.sort(key=lambda w: (_top(w.sequence) or 99, _top(w.date) or "9999"))
    if all(_top(w.date) for w in merged_waves):
        merged_waves.sort(key=lambda w: _top(w.date))
    officials = _union((o["name"], r.source) for r in group for o in r.record.get("officials", []))
    return MergedEvent(
        id=n,
        sources=_sources(group),
        conflicts=tuple(k for k in FIELDS if fields[k].conflict),
        **fields,
        earlier_waves=tuple(merged_waves),
        consistency=_consistency(group, merged_waves),
        organizations=_union((o, r.source) for r in group for o in r.event.get("organizations", [])),
        places=_union((p, r.source) for r in group for p in r.event.get("places", [])),
        conditions=_union((c, r.source) for r in group for c in r.event.get("conditions", [])),
        officials=officials,
        quotes=_quotes(group),
        evidence=tuple(Evidence(r.source, e["start"], e["end"], e["text"])
                       for r in group for e in r.event.get("evidence", [])),
    )


def _source_name(record: dict[str, Any], n: int) -> str:
    return (record.get("source") or {}).get("path") or f"record {n}"


def merge(records: list[dict[str, Any]]) -> MergeResult:
    """One consolidated record per event the records report, and a timeline of all events."""
    mains: list[_Report] = []
    recalled: list[_Report] = []
    for n, record in enumerate(records, 1):
        source = _source_name(record, n)
        events = record.get("events", [])
        # the reported event: the first whose role is not "recalled" (records saved before the
        # role was stated have none: their first event)
        reported = next((i for i, e in enumerate(events) if e.get("role") != "recalled"), None)
        for i, event in enumerate(events):
            (mains if i == reported else recalled).append(_Report(source, event, record))
    groups = _group(mains)
    wave_groups = _group(recalled)
    events = []
    for n, group in enumerate(groups, 1):
        sources = {r.source for r in group}
        waves = [w for w in wave_groups if any(r.source in sources for r in w)]
        events.append(_event(n, group, waves))
    return MergeResult(tuple(events), _timeline(groups, wave_groups, events))


def _timeline(groups: list[list[_Report]], wave_groups: list[list[_Report]],
              events: list[MergedEvent]) -> tuple[TimelineEntry, ...]:
    items: list[tuple[list[_Report], int | None]] = [(g, e.id) for g, e in zip(groups, events, strict=True)]
    for wave in wave_groups:
        match = next((i for i, (g, _) in enumerate(items) if any(
            _same(w.event, r.event) for w in wave for r in g)), None)
        if match is None:
            items.append((wave, None))
        else:
            items[match] = (items[match][0] + wave, items[match][1])

    def entry(reports: list[_Report], event: int | None) -> TimelineEntry:
        f = {key: _field(reports, key) for key in FIELDS}
        dates = sorted((v.value for v in f["date"].values), key=lambda d: (-len(d), d))
        return TimelineEntry(
            date=dates[0] if dates else None,
            kind=_top(f["kind"]),
            count=_top(f["count"]),
            counts=tuple(v.value for v in f["count"].values),
            origin=_top(f["origin"]),
            destination=_top(f["destination"]),
            running_total=None,
            stated_totals=tuple(v.value for v in f["cumulative_total"].values),
            event=event,
            sources=_sources(reports),
        )

    routes: dict[tuple[str | None, str | None], list[tuple[TimelineEntry, int | None]]] = {}
    for reports, event in items:
        t = entry(reports, event)
        seq = _top(_field(reports, "sequence"))
        routes.setdefault((t.origin, t.destination), []).append((t, seq))
    out: list[tuple[str, TimelineEntry]] = []
    for route in routes.values():
        ordered = sorted((x for x in route if x[0].date), key=lambda x: x[0].date or "")
        for t, seq in sorted((x for x in route if not x[0].date and x[1]), key=lambda x: x[1] or 0):
            ordered.insert(min((seq or 1) - 1, len(ordered)), (t, seq))  # "the first group"
        ordered += [x for x in route if not x[0].date and not x[1]]
        running: int | None = 0
        for i, (t, seq) in enumerate(ordered):
            placed = t.date is not None or seq is not None
            running = None if running is None or t.count is None or not placed else running + t.count
            key = t.date or next((n.date for n, _ in ordered[i:] if n.date), None) or "9999"
            out.append((key, replace(t, running_total=running)))
    out.sort(key=lambda kv: kv[0])  # stable: a route's undated waves stay before their successor
    return tuple(t for _, t in out)
