"""What `merge` returns: frozen dataclasses whose field order is the JSON order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from transfer_extract.record import _Fact

FIELDS = ("kind", "count", "origin", "destination", "date", "cumulative_total", "sequence")

# reported: an article reports it as its news; recalled: articles only mention it as background
EventRole = Literal["reported", "recalled"]
# reported: the article reports a move; recalled only: it only mentions earlier ones;
# no move found: the record has no event; unreadable: the file could not be read or processed
ArticleStatus = Literal["reported", "recalled only", "no move found", "unreadable"]


@dataclass(frozen=True)
class Supported(_Fact):
    """A value and the articles that state it."""
    value: Any
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Field(_Fact):
    """Every value the articles give a field, the best supported first; `conflict` when they
    disagree (a refined date, "2025-08" and "2025-08-12", is no conflict)."""
    values: tuple[Supported, ...]
    conflict: bool


@dataclass(frozen=True)
class Evidence(_Fact):
    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Check(_Fact):
    """A stated running total against the counts of the route's waves up to the event."""
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
    """One real move, with every report of it: the articles that report it as news
    (`reported_by`) and those that recall it (`recalled_by`)."""
    id: int
    role: EventRole
    sources: tuple[str, ...]
    reported_by: tuple[str, ...]
    recalled_by: tuple[str, ...]
    conflicts: tuple[str, ...]
    notes: tuple[str, ...]
    kind: Field
    count: Field
    origin: Field
    destination: Field
    date: Field
    cumulative_total: Field
    sequence: Field
    people: tuple[Supported, ...]  # the named people moved (named in the evidence)
    consistency: Consistency
    organizations: tuple[Supported, ...]
    places: tuple[Supported, ...]
    conditions: tuple[Supported, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TimelineEntry(_Fact):
    """One wave: an event in date order, with the running total along its route."""
    event: int
    date: str | None
    kind: str | None
    counts: tuple[int, ...]
    origin: str | None
    destination: str | None
    running_total: int | None  # with each wave's best supported count
    running_range: tuple[int, int] | None  # lowest and highest with every stated count
    stated_totals: tuple[int, ...]
    reported_by: tuple[str, ...]
    recalled_by: tuple[str, ...]


@dataclass(frozen=True)
class ArticleEntry(_Fact):
    source: str
    status: ArticleStatus
    reason: str | None
    reported: tuple[int, ...]  # ids of the events it reports
    recalled: tuple[int, ...]  # ids of the events it recalls


@dataclass(frozen=True)
class MergedName(_Fact):
    """A person or official as every article names them: one entry per name once accents,
    case and punctuation are left out; `aliases` are the other spellings and nicknames."""
    name: str
    aliases: tuple[str, ...]
    titles: tuple[Supported, ...]  # officials: title; people: role
    countries: tuple[Supported, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class QuoteSource(_Fact):
    source: str
    start: int
    end: int
    text: str
    fragment: bool  # this article quotes only part of the full text


@dataclass(frozen=True)
class MergedQuote(_Fact):
    """A quotation by content: the fullest text any article gives, with every article quoting it
    or a fragment of it."""
    text: str
    speakers: tuple[Supported, ...]
    sources: tuple[QuoteSource, ...]


@dataclass(frozen=True)
class MergeResult(_Fact):
    articles: tuple[ArticleEntry, ...]
    events: tuple[MergedEvent, ...]
    timeline: tuple[TimelineEntry, ...]
    officials: tuple[MergedName, ...]
    people: tuple[MergedName, ...]
    quotes: tuple[MergedQuote, ...]
