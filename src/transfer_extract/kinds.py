"""The registry of the kinds of fact: each kind is declared here once.

A `Kind` is one list of facts in the record: its JSON field, the frozen dataclass of one fact,
the `Extractor` that finds it, how `show` draws it (its columns as a flat row, the spans it marks
in the article text) and, for a kind outside schema.json, the JSON Schema of one fact (else
derived from the dataclass). An `Extractor` is one function `extract(doc, ctx) -> {field: facts}`
with the fields it reads from the extractors before it (`requires`) and those it returns
(`provides`); the run order is derived from those, never kept by hand.

The record (`Record.to_dict`, `Record.from_dict`), the JSON Schema (`record_schema`), saved-record
reading, `show` and the renderers all read `kinds()`. A plugin adds a kind with `register`, or
through the `transfer_extract.kinds` entry point (a callable that registers its kinds), which is
loaded the first time the registry is read. This module imports neither spaCy nor rich.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from importlib.resources import files
from typing import Any, Literal

from transfer_extract.record import (
    Cartel,
    CountFact,
    DateFact,
    Event,
    Official,
    Person,
    Quote,
    Span,
)

__all__ = ["Extractor", "Kind", "extractor_order", "fact_schema", "kinds", "record_schema", "register"]

Row = Callable[[dict[str, Any]], tuple[Any, ...]]
Marks = Callable[[dict[str, Any]], Iterable[tuple[dict[str, Any], str]]]
ENTRY_POINT_GROUP = "transfer_extract.kinds"


@dataclass(frozen=True)
class Extractor:
    """One extractor: `function` ("module:name", imported when first run, or the function itself)
    takes (doc, ctx) and returns record fields by name. It runs after every other extractor that
    provides a field it `requires`; it may refine a field it both requires and provides."""

    name: str
    function: str | Callable[..., dict[str, tuple[Any, ...]]]
    provides: tuple[str, ...]
    requires: tuple[str, ...] = ()

    def load(self) -> Callable[..., dict[str, tuple[Any, ...]]]:
        if not isinstance(self.function, str):
            return self.function
        module, _, name = self.function.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Kind:
    """One kind of fact: a list field of the record.

    `columns` and `row` give a fact as a flat row (a table row in `show`; by default the
    dataclass's fields); `marks` gives the spans `show --evidence` highlights with their labels
    (by default the fact itself when it has start and end); `layout` "fields" draws a fact one
    field a row. `headline`: the article's headline kind, drawn first and summarised in the
    overview rather than counted. `schema`: the JSON Schema of one fact (None: from the dataclass).
    """

    field: str
    fact: type
    extractor: Extractor
    columns: tuple[str, ...] = ()
    row: Row | None = None
    marks: Marks | None = None
    short: str = ""
    style: str = "bold"
    layout: Literal["rows", "fields"] = "rows"
    headline: bool = False
    schema: Mapping[str, Any] | None = None
    label: str = ""

    @property
    def header(self) -> tuple[str, ...]:
        """The column names of the flat row."""
        return self.columns or tuple(f.name for f in dataclasses.fields(self.fact))

    def flat(self, fact: dict[str, Any]) -> tuple[Any, ...]:
        """`fact` (as in the JSON record) as a flat row of `header`."""
        if self.row is not None:
            return self.row(fact)
        return tuple(", ".join(map(str, v)) if isinstance(v, list) else v for v in fact.values())

    def spans(self, fact: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
        """The spans of `fact` that `show --evidence` marks, each with its label."""
        if self.marks is not None:
            return list(self.marks(fact))
        if "start" in fact and "end" in fact:
            return [(fact, f"{self.label or self.field} {fact.get('text', '')}".strip())]
        return []


# --- the built-in kinds ----------------------------------------------------------------------

def _names(spans: list[dict[str, Any]]) -> str:
    return ", ".join(sorted({m["text"] for m in spans}))


def _mentioned(label: str) -> Marks:
    return lambda fact: [(m, f"{label} {fact['name']}") for m in fact["mentions"]]


_EXTRACTORS = "transfer_extract.extractors"
DATES = Extractor("dates", f"{_EXTRACTORS}.dates:extract", provides=("dates",))
COUNTS = Extractor("counts", f"{_EXTRACTORS}.counts:extract", provides=("counts",), requires=("dates",))
ORGANIZATIONS = Extractor("organizations", f"{_EXTRACTORS}.organizations:extract", provides=("cartels",))
PERSONS = Extractor("persons", f"{_EXTRACTORS}.persons:extract", provides=("officials", "people"),
                    requires=("cartels",))
# adds the pronouns that refer to the officials and people found; resolves through cartels too
PRONOUNS = Extractor("pronouns", f"{_EXTRACTORS}.pronouns:extract", provides=("officials", "people"),
                     requires=("officials", "people", "cartels"))
QUOTES = Extractor("quotes", f"{_EXTRACTORS}.quotes:extract", provides=("quotes",),
                   requires=("officials", "people", "cartels"))
EVENTS = Extractor("events", f"{_EXTRACTORS}.events:extract", provides=("events",),
                   requires=("dates", "counts", "cartels"))

_EVENT_FIELDS = {"kind": "kind", "role": "role", "count": "count", "origin": "from", "destination": "to",
                 "date": "date", "cumulative_total": "total", "sequence": "wave", "places": "places",
                 "organizations": "organizations"}

BUILTIN: tuple[Kind, ...] = (
    Kind("dates", DateFact, DATES, ("text", "value", "granularity", "at"),
         lambda d: (d["text"], d["value"], d["granularity"], d["start"]),
         lambda d: [(d, f"date {d['value'] or '?'}")], short="dat", style="black on cyan"),
    Kind("counts", CountFact, COUNTS, ("text", "value", "counted", "kind", "at"),
         lambda c: (c["text"], c["value"], c["counted"], c["kind"], c["start"]),
         lambda c: [(c, f"count {c['value']}" + (f" {c['counted']}" if c.get("counted") else ""))],
         short="cnt", style="black on yellow"),
    Kind("cartels", Cartel, ORGANIZATIONS, ("name", "aliases", "mentions"),
         lambda c: (c["name"], ", ".join(c["aliases"]), len(c["mentions"])),
         _mentioned("cartel"), short="crt", style="white on magenta"),
    Kind("officials", Official, PERSONS, ("name", "title", "country", "mentions"),
         lambda o: (o["name"], o["title"], o["country"], f"{len(o['mentions'])}: {_names(o['mentions'])}"),
         _mentioned("official"), short="off", style="black on green"),
    Kind("people", Person, PERSONS, ("name", "role", "mentions"),
         lambda p: (p["name"], p["role"], f"{len(p['mentions'])}: {_names(p['mentions'])}"),
         _mentioned("person"), short="ppl", style="black on bright_green"),
    Kind("quotes", Quote, QUOTES, ("speaker", "said by", "cue", "quote", "at"),
         lambda q: (q["speaker"] or "?", (q["speaker_mention"] or {}).get("text"), q["cue"],
                    ("(partial) " if q.get("partial") else "") + q["text"], q["start"]),
         lambda q: [(q, f"quote: {q['speaker'] or '?'}")], short="quo", style="italic blue"),
    Kind("events", Event, EVENTS, tuple(_EVENT_FIELDS.values()),
         lambda e: tuple(e.get(key) for key in _EVENT_FIELDS),
         lambda e: [(m, f"{e['kind']} {e['count'] if e['count'] is not None else ''}".strip())
                    for m in e["evidence"]],
         short="evt", style="bold white on red", layout="fields", headline=True, label="event"),
)
# Every extractor in declaration order (the order among those that do not depend on each other).
BUILTIN_EXTRACTORS = (DATES, COUNTS, ORGANIZATIONS, PERSONS, PRONOUNS, QUOTES, EVENTS)

_kinds: dict[str, Kind] = {k.field: k for k in BUILTIN}
_extractors: dict[str, Extractor] = {e.name: e for e in BUILTIN_EXTRACTORS}
_RESERVED = ("schema_version", "source", "published", "boilerplate", "facts", "warnings")


def register(kind: Kind | None = None, *, refiner: Extractor | None = None) -> None:
    """Add `kind` (placed before `warnings` in the record), and/or an extractor that provides no
    kind of its own but refines the facts of others. A field or extractor already registered
    under that name is replaced."""
    if kind is not None:
        if kind.field in _RESERVED or not kind.field.isidentifier():
            raise ValueError(f"{kind.field!r} cannot be the field of a kind of fact")
        if kind.field not in kind.extractor.provides:
            raise ValueError(f"the extractor {kind.extractor.name!r} does not provide {kind.field!r}")
        _kinds[kind.field] = kind
        _extractors[kind.extractor.name] = kind.extractor
    if refiner is not None:
        _extractors[refiner.name] = refiner
    _order.cache_clear()


def unregister(name: str) -> None:
    """Remove the registered kind whose field is `name` and its extractor, or the refiner `name`
    (the built-in kinds stay), e.g. at the end of a test."""
    builtin = {k.field for k in BUILTIN} | {e.name for e in BUILTIN_EXTRACTORS}
    gone = _kinds.pop(name) if name in _kinds and name not in builtin else None
    if gone is not None and gone.extractor.name not in builtin:
        _extractors.pop(gone.extractor.name, None)
    if name not in builtin:
        _extractors.pop(name, None)
    _order.cache_clear()


@cache
def _plugins() -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        ep.load()()


def kinds() -> tuple[Kind, ...]:
    """Every kind of fact, in record order."""
    _plugins()
    return tuple(_kinds.values())


def fields() -> tuple[str, ...]:
    """The JSON fields of the kinds of fact, in record order."""
    return tuple(k.field for k in kinds())


def kind(field_name: str) -> Kind:
    """The kind of fact whose JSON field is `field_name` (KeyError if none)."""
    _plugins()
    return _kinds[field_name]


def extractor_order() -> tuple[Extractor, ...]:
    """Every extractor once, each after the others that provide what it requires (ties in
    declaration order). ValueError when the requirements form a cycle or name no kind."""
    _plugins()
    return _order()


@cache
def _order() -> tuple[Extractor, ...]:
    by_name = dict(_extractors)
    steps = list(by_name)
    providers: dict[str, list[str]] = {}
    for name in steps:
        for f in by_name[name].provides:
            providers.setdefault(f, []).append(name)
    after: dict[str, set[str]] = {}
    for name in steps:
        step = by_name[name]
        needs: set[str] = set()
        for f in step.requires:
            if f not in providers:
                raise ValueError(f"the extractor {name!r} requires {f!r}, which no extractor provides")
            # a refiner runs after the extractors that provide the field, not after other refiners
            needs.update(p for p in providers[f] if p != name
                         and not (f in step.provides and f in by_name[p].requires))
        after[name] = needs
    done: list[str] = []
    while len(done) < len(steps):
        ready = next((n for n in steps if n not in done and after[n] <= set(done)), None)
        if ready is None:
            raise ValueError("the extractors' requirements form a cycle: "
                             + ", ".join(n for n in steps if n not in done))
        done.append(ready)
    return tuple(by_name[n] for n in done)


# --- JSON Schema -----------------------------------------------------------------------------

_SCALARS: dict[Any, dict[str, Any]] = {int: {"type": "integer"}, float: {"type": "number"},
                                       str: {"type": "string"}, bool: {"type": "boolean"}}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Span:
        return {"$ref": "#/$defs/span"}
    if dataclasses.is_dataclass(hint):
        return fact_schema(hint)  # type: ignore[arg-type]
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        if set(options) == {int, float}:
            base: dict[str, Any] = {"type": "number"}
        elif len(options) == 1:
            base = _type_schema(options[0])
        else:
            base = {"anyOf": [_type_schema(a) for a in options]}
        if not nullable:
            return base
        if set(base) == {"type"}:
            return {"type": [base["type"], "null"]}
        return {"anyOf": [base, {"type": "null"}]}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0])}
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    raise TypeError(f"no JSON Schema for {hint!r}")


def fact_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of one fact of dataclass `cls`, from its type hints (every field required)."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    return {"type": "object", "required": names, "properties": {n: _type_schema(hints[n]) for n in names}}


@cache
def _shipped_text() -> str:
    return files("transfer_extract").joinpath("schema.json").read_text("utf-8")


def record_schema() -> dict[str, Any]:
    """The JSON Schema of a record: schema.json, plus every registered kind it does not list."""
    schema = json.loads(_shipped_text())
    props, required = schema["properties"], schema["required"]
    for k in kinds():
        if k.field in props:
            continue
        props[k.field] = {"type": "array", "items": dict(k.schema or fact_schema(k.fact))}
        required.insert(required.index("warnings"), k.field)
    props["warnings"] = props.pop("warnings")
    return schema


def schema_text() -> str:
    """The JSON Schema of a record as text: schema.json as shipped when no plugin adds a kind."""
    if set(fields()) <= set(json.loads(_shipped_text())["properties"]):
        return _shipped_text()
    return json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"


