"""Choosing saved records by their events and dates, for `show` and `report`. Never prints.

Event filters (`has_event`, `kind`, `country`) look at the article's reported events (and its
recalled ones with `recalled`): a record is kept when one such event passes them all, and, with
`since`/`until`, is dated in that range (its own date, or when it has none the article's
publication date). Without an event filter `since`/`until` judge the publication date. A date
of a month or a year is in a range that any of its days is in.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Selection:
    article: str | None = None  # a part of the path
    has_event: bool = False
    kind: str | None = None  # transfer, extradition, deportation
    country: str | None = None  # the event's origin or destination
    since: date | None = None
    until: date | None = None
    recalled: bool = False  # recalled events count as well as reported ones

    @property
    def on_events(self) -> bool:
        """Whether the filters are on events (`recalled` alone asks for articles with an event,
        reported or recalled)."""
        return self.has_event or self.recalled or self.kind is not None or self.country is not None


def date_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; None when not such a date."""
    if not value:
        return None
    try:
        bits = [int(b) for b in value.split("-")]
        if len(bits) == 1:
            return date(bits[0], 1, 1), date(bits[0], 12, 31)
        if len(bits) == 2:
            return date(bits[0], bits[1], 1), date(bits[0], bits[1], calendar.monthrange(bits[0], bits[1])[1])
        if len(bits) == 3:
            day = date(*bits)
            return day, day
    except ValueError:
        return None
    return None


def _in_range(value: str | None, sel: Selection) -> bool:
    if sel.since is None and sel.until is None:
        return True
    span = date_range(value)
    if span is None:
        return False
    return (sel.since is None or span[1] >= sel.since) and (sel.until is None or span[0] <= sel.until)


def _event_passes(event: dict[str, Any], published: str | None, sel: Selection) -> bool:
    if event.get("role") == "recalled" and not sel.recalled:
        return False
    if sel.kind is not None and (event.get("kind") or "").casefold() != sel.kind.casefold():
        return False
    if sel.country is not None and sel.country.casefold() not in {
            (event.get(k) or "").casefold() for k in ("origin", "destination")}:
        return False
    return _in_range(event.get("date") or published, sel)


def selected(line: dict[str, Any], sel: Selection) -> bool:
    """Whether the saved line (a record, or an error line: kept only by `article`) is chosen."""
    path = (line.get("source") or {}).get("path") or ""
    if sel.article is not None and sel.article not in path:
        return False
    if "error" in line:
        return not sel.on_events and sel.since is None and sel.until is None
    if sel.on_events:
        return any(_event_passes(e, line.get("published"), sel) for e in line.get("events") or [])
    return _in_range(line.get("published"), sel)


def select(lines: Iterable[dict[str, Any]], sel: Selection) -> list[dict[str, Any]]:
    """The chosen lines, in order."""
    return [line for line in lines if selected(line, sel)]
