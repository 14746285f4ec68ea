"""Merging what several articles say about the moves they report. Never prints.

Works on records as plain dicts (`Record.to_dict()`, or lines of a file written by `extract` or
`batch`), so saved records can be merged without the model.

- Every event of every record is a report: the article's reported event, and the earlier
  moves it recalls. Reports of the same move become one event (`reports.py` says when), so a
  wave one article recalls and another reports is one event, and two waves stay two.
- Each event lists every value with its sources; disagreements are listed, never resolved.
  The timeline has one row per event in date order with running totals (`events.py`).
- People, officials and quotes are united across the articles (`names.py`).
- Every input article is listed with what became of it: the events it reports or recalls, or
  why it has none (no move found, unreadable).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from transfer_extract.merge.events import merged_event, place, recalls, timeline_entry
from transfer_extract.merge.names import merge_names, merge_quotes
from transfer_extract.merge.reports import dates_agree, group_reports, name_key, reports_of
from transfer_extract.merge.results import (
    FIELDS,
    ArticleEntry,
    MergedEvent,
    MergeResult,
    TimelineEntry,
)
from transfer_extract.saved import newest_per_path, read_saved

__all__ = ["FIELDS", "MergeResult", "MergedEvent", "TimelineEntry", "dates_agree", "is_record_file",
           "looks_like_records", "merge", "read_records"]


def read_records(path: str | Path, warnings: list[str] | None = None) -> list[dict[str, Any]]:
    """The records and error lines in a file saved by `extract` or `batch`, the newest line of
    each article path only; with `warnings`, malformed lines are skipped and named there."""
    return newest_per_path(read_saved(path, warnings))


def is_record_file(path: str) -> bool:
    """A file named as records (.json, .jsonl)."""
    return Path(path).suffix.lower() in (".json", ".jsonl")


def looks_like_records(text: str) -> bool:
    """Text that is JSON rather than prose: it opens with an object or an array."""
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def _source_name(record: dict[str, Any], n: int) -> str:
    return (record.get("source") or {}).get("path") or f"record {n}"


def merge(records: list[dict[str, Any]], unreadable: Iterable[tuple[str, str]] = ()) -> MergeResult:
    """One event per move the records report or recall, a timeline, the united people,
    officials and quotes, and every article with what became of it. `records` may hold error
    lines (`{"source": ..., "error": ...}`); `unreadable` are (path, why) of inputs that gave no
    record."""
    sources = [_source_name(r, n) for n, r in enumerate(records, 1)]
    good = [(r, s, n) for n, (r, s) in enumerate(zip(records, sources, strict=True)) if "error" not in r]
    reports = [rep for r, s, n in good for rep in reports_of(r, s, n)]
    officials = merge_names(((o, s) for r, s, _ in good for o in r.get("officials", [])), "title")
    people = merge_names(((p, s) for r, s, _ in good for p in r.get("people", [])), "role")
    names = {name_key(spelling): p.name for p in people + officials
             for spelling in (p.name, *p.aliases)}
    placed = place(group_reports(reports))
    recalled = recalls(placed)
    events = tuple(merged_event(n, x, names, recalled) for n, x in enumerate(placed, 1))
    timeline = tuple(timeline_entry(n, x) for n, x in enumerate(placed, 1))
    return MergeResult(
        articles=_articles(records, sources, events, unreadable),
        events=events,
        timeline=timeline,
        officials=officials,
        people=people,
        quotes=merge_quotes((q, s) for r, s, _ in good for q in r.get("quotes", [])),
    )


def _articles(records: list[dict[str, Any]], sources: list[str], events: tuple[MergedEvent, ...],
              unreadable: Iterable[tuple[str, str]]) -> tuple[ArticleEntry, ...]:
    reported: dict[str, list[int]] = {}
    recalled: dict[str, list[int]] = {}
    for e in events:
        for s in e.reported_by:
            reported.setdefault(s, []).append(e.id)
        for s in e.recalled_by:
            recalled.setdefault(s, []).append(e.id)
    out = []
    for record, source in zip(records, sources, strict=True):
        rep, rec = tuple(reported.get(source, ())), tuple(recalled.get(source, ()))
        if "error" in record:
            out.append(ArticleEntry(source, "unreadable", str(record["error"]), (), ()))
        elif rep:
            out.append(ArticleEntry(source, "reported", None, rep, rec))
        elif rec:
            out.append(ArticleEntry(source, "recalled only", "it only mentions earlier moves", (), rec))
        else:
            out.append(ArticleEntry(source, "no move found", "no transfer, extradition or deportation"
                                    " found in the article", (), ()))
    out.extend(ArticleEntry(path, "unreadable", why, (), ()) for path, why in unreadable)
    return tuple(out)
