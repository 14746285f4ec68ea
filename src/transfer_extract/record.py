"""The record: frozen dataclasses whose field order is the JSON order.

Every fact that points into the article carries `start`/`end`, character offsets into the
article text, so that `text[start:end] == fact.text` always holds: the input text itself, or for
an HTML page the article text extracted from it, which the record carries as `source.text`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

SCHEMA_VERSION = 1
T = TypeVar("T")

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
    absolute_path: str | None = None  # of a file read from disk (`path` is as it was given)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if self.format == "text":
            for name in ("format", "title", "url", "author", "site", "text"):
                del data[name]
        if self.absolute_path is None:
            del data["absolute_path"]
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
    """The facts of one article. `facts` holds each kind of fact by its JSON field (see
    `transfer_extract.kinds`); `to_dict()` lists every registered kind, in registry order, between
    `boilerplate` and `warnings`. The built-in kinds are also typed attributes (`record.dates`)."""

    schema_version: int = SCHEMA_VERSION
    source: Source
    published: str | None
    boilerplate: tuple[Boilerplate, ...] = ()
    facts: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from transfer_extract.kinds import fields

        known = fields()
        unknown = set(self.facts) - set(known)
        if unknown:
            raise ValueError(f"no kind of fact is registered as {', '.join(sorted(unknown))}")
        object.__setattr__(self, "facts", {name: tuple(self.facts[name]) for name in known if name in self.facts})

    def __hash__(self) -> int:
        return hash((self.source, self.published, self.boilerplate, tuple(self.facts.items()), self.warnings))

    def of(self, field_name: str) -> tuple[Any, ...]:
        """The facts of the kind whose JSON field is `field_name` (empty if none were found)."""
        return self.facts.get(field_name, ())

    @property
    def dates(self) -> tuple[DateFact, ...]:
        return self.of("dates")

    @property
    def counts(self) -> tuple[CountFact, ...]:
        return self.of("counts")

    @property
    def cartels(self) -> tuple[Cartel, ...]:
        return self.of("cartels")

    @property
    def officials(self) -> tuple[Official, ...]:
        return self.of("officials")

    @property
    def people(self) -> tuple[Person, ...]:
        return self.of("people")

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self.of("quotes")

    @property
    def events(self) -> tuple[Event, ...]:
        return self.of("events")

    def to_dict(self) -> dict[str, Any]:
        from transfer_extract.kinds import fields

        return {"schema_version": self.schema_version, "source": self.source.to_dict(),
                "published": self.published, "boilerplate": _plain(self.boilerplate),
                **{name: _plain(self.of(name)) for name in fields()}, "warnings": list(self.warnings)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Record:
        """The record a `to_dict()` gave (as saved in JSON); ValueError if `data` is not one.
        `Record.from_dict(r.to_dict()) == r` and `from_dict(d).to_dict() == d` for a saved record."""
        from transfer_extract.kinds import kinds

        if not isinstance(data, Mapping) or "error" in data or not isinstance(data.get("source"), Mapping):
            raise ValueError("not a transfer-extract record")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"schema_version {data.get('schema_version')!r} is not {SCHEMA_VERSION}")
        return cls(schema_version=SCHEMA_VERSION, source=_build(Source, data["source"]),
                   published=data.get("published"),
                   boilerplate=tuple(_build(Boilerplate, b) for b in data.get("boilerplate", ())),
                   facts={k.field: tuple(_build(k.fact, f) for f in data.get(k.field, ())) for k in kinds()},
                   warnings=tuple(data.get("warnings", ())))


def _build(cls: type[T], data: Mapping[str, Any]) -> T:
    """A `cls` (a fact dataclass) from its `to_dict()`: missing keys take their defaults."""
    if not isinstance(data, Mapping):
        raise ValueError(f"a {cls.__name__} is an object, not {type(data).__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"unknown field of a {cls.__name__}: {', '.join(sorted(unknown))}")
    return cls(**{name: _value(hints[name], value) for name, value in data.items()})


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        facts = [a for a in args if dataclasses.is_dataclass(a)]
        return _build(facts[0], value) if facts and isinstance(value, Mapping) else value
    if origin is tuple:
        return tuple(_value(args[0], v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
