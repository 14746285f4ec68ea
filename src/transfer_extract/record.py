"""The record: frozen dataclasses whose field order is the JSON order.

Every fact that points into the article carries `start`/`end`, character offsets into the
article text, so that `text[start:end] == fact.text` always holds: the input text itself, or for
an HTML page the article text extracted from it, which the record carries as `source.text`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

SCHEMA_VERSION = 1

Granularity = Literal["day", "month", "year"]
CountKind = Literal["cardinal", "ordinal", "total"]
EventKind = Literal["transfer", "extradition", "deportation"]
# the move that is the article's news, or an earlier one it mentions as background
Role = Literal["reported", "recalled"]


def _plain(value: Any) -> Any:
    if isinstance(value, _Fact):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class _Fact:
    """Base of every result: `to_dict()` gives JSON-ready data in field order."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Span(_Fact):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Boilerplate(_Fact):
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Source(_Fact):
    """Where the article came from. `chars` and `sha256` describe the input as read; for an HTML
    page (`format` "html") the page's metadata and the extracted article `text`, into which every
    offset points, follow. A plain-text record has none of those keys."""

    path: str | None
    sha256: str
    chars: int
    encoding: str = "utf-8"
    format: Literal["text", "html"] = "text"
    title: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if self.format == "text":
            for name in ("format", "title", "url", "author", "site", "text"):
                del data[name]
        return data


@dataclass(frozen=True)
class DateFact(_Fact):
    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity | None


@dataclass(frozen=True)
class CountFact(_Fact):
    start: int
    end: int
    text: str
    value: int | float
    counted: str | None
    kind: CountKind


@dataclass(frozen=True)
class Cartel(_Fact):
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class Official(_Fact):
    name: str
    title: str | None
    country: str | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class Person(_Fact):
    name: str
    role: str | None
    mentions: tuple[Span, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote(_Fact):
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_mention: Span | None
    cue: str | None
    partial: bool = False
    content: str = ""  # the quoted words without quotation marks, split parts joined
    parts: tuple[Span, ...] = ()  # each part of a quotation split by its cue (else empty)


@dataclass(frozen=True, kw_only=True)
class Event(_Fact):
    type: Literal["transfer"] = "transfer"
    kind: EventKind
    role: Role
    count: int | None
    origin: str | None
    destination: str | None
    date: str | None
    cumulative_total: int | None
    sequence: int | None
    places: tuple[str, ...]
    organizations: tuple[str, ...]
    conditions: tuple[str, ...]
    evidence: tuple[Span, ...]


@dataclass(frozen=True, kw_only=True)
class Record(_Fact):
    schema_version: int = SCHEMA_VERSION
    source: Source
    published: str | None
    boilerplate: tuple[Boilerplate, ...] = ()
    dates: tuple[DateFact, ...] = ()
    counts: tuple[CountFact, ...] = ()
    cartels: tuple[Cartel, ...] = ()
    officials: tuple[Official, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
