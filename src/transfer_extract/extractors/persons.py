"""Officials and other people: PERSON entities merged into one record per person.

A person is an official when a title of public office stands before the name in any mention
("Mexican President Claudia Sheinbaum"); the country comes from the words before the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from transfer_extract.data import load_json
from transfer_extract.extractors import Context
from transfer_extract.pipeline import CARTEL_LABEL, strip_accents
from transfer_extract.record import Official, Person, Span


@cache
def _title_pattern() -> re.Pattern[str]:
    data = load_json("titles.json")
    countries = sorted((w for ws in data["countries"].values() for w in ws), key=len, reverse=True)
    titles = sorted(data["titles"], key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in countries)
    return re.compile(
        rf"(?:(?P<country>{alt})(?:'s)?\s+)?(?P<title>{'|'.join(re.escape(t) for t in titles)})\s+$"
    )


@cache
def _country_of() -> dict[str, str]:
    data = load_json("titles.json")
    return {w.lower(): c for c, ws in data["countries"].items() for w in ws}


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(strip_accents(name).lower().replace("-", " ").split())


@dataclass
class _Entity:
    name: str
    title: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def matches(self, name: str) -> bool:
        full, part = _tokens(self.name), _tokens(name)
        return bool(part) and (full[-len(part):] == part or part[-len(full):] == full)


def _clean_name(ent: SpacySpan) -> tuple[int, int, str]:
    text = ent.text
    end = ent.end_char
    if text.endswith(("'s", "\u2019s")):
        text, end = text[:-2], end - 2
    return ent.start_char, end, text


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    entities: list[_Entity] = []
    pattern = _title_pattern()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end, name = _clean_name(ent)
        if not name or not name[0].isupper():
            continue
        before = doc.text[max(0, start - 60):start]
        m = pattern.search(before)
        found = next((e for e in entities if e.matches(name)), None)
        if found is None:
            found = _Entity(name)
            entities.append(found)
        elif len(_tokens(name)) > len(_tokens(found.name)):
            found.name = name
        if m and found.title is None:
            found.title = m["title"]
            if m["country"]:
                found.country = _country_of().get(m["country"].lower())
        found.mentions.append(ctx.article.span(start, end))
    # The small model sometimes labels a known surname ORG or GPE ("Sheinbaum"): join those too.
    for ent in doc.ents:
        if ent.label_ in ("PERSON", CARTEL_LABEL, "DATE", "CARDINAL", "ORDINAL"):
            continue
        start, end, name = _clean_name(ent)
        found = next((e for e in entities if e.matches(name) and len(_tokens(name)) < 3), None)
        if found is not None:
            found.mentions.append(ctx.article.span(start, end))
    officials = tuple(
        Official(e.name, e.title, e.country, tuple(sorted(e.mentions, key=lambda s: s.start)))
        for e in entities if e.title
    )
    people = tuple(
        Person(e.name, None, tuple(sorted(e.mentions, key=lambda s: s.start)))
        for e in entities if not e.title
    )
    return {"officials": officials, "people": people}
