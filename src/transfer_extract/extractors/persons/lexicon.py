"""The words the persons extractor reads: data/titles.json, countries, honorifics, places."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from transfer_extract.data import alternation, load_json, trie_alternation
from transfer_extract.pipeline import name_words

PLACE_BEFORE = frozenset(load_json("context.json")["place_before"])
PLACE_NOUNS = frozenset(load_json("context.json")["place_nouns"])
QUOTES = "\"“”'‘’"
ROLE_STOP = frozenset(load_json("context.json")["role_stop"])
ALIAS_WORDS = frozenset(load_json("context.json")["alias_words"])
_COREF = load_json("coref.json")
HONORIFICS = frozenset(_COREF["male_honorifics"] + _COREF["female_honorifics"])



@cache
def _data() -> dict[str, Any]:
    return load_json("titles.json")


@cache
def _countries() -> dict[str, list[str]]:
    """The words that name each country: titles.json's forms ("Mexico's") and the names and
    adjectives of data/countries.json."""
    words = {c: list(ws) for c, ws in _data()["countries"].items()}
    for country, entry in load_json("countries.json")["countries"].items():
        known = words.setdefault(country, [])
        known.extend(w for w in (*entry.get("names", ()), *entry.get("adjectives", ())) if w not in known)
    return words



@cache
def _country_word() -> re.Pattern[str]:
    """Any country word of `_countries`, as written ("US", not "us"), as a whole word."""
    return re.compile(rf"(?<![\w.])(?:{trie_alternation(w for ws in _countries().values() for w in ws)})(?!\w)")



@cache
def _region_of() -> dict[str, str]:
    """The states and cities of data/countries.json, as written, and their country."""
    return {r: c for c, entry in load_json("countries.json")["countries"].items()
            for r in entry.get("regions", ())}



@cache
def _country_of() -> dict[str, str]:
    return {w.lower(): c for c, ws in _countries().items() for w in ws}


@cache
def _title_words() -> set[str]:
    return {w.lower().strip(".") for t in _data()["titles"] for w in t.split()}



@cache
def _roles() -> set[str]:
    return {r.lower() for r in _data()["roles"]}



@cache
def _modifier_head() -> re.Pattern[str]:
    return re.compile(rf"(?:'s|’s)?\s+(?:{alternation(_data()['modifier_heads'])})\b")


def _modifier(text: str, end: int) -> bool:
    """Whether the name ending at `end` modifies a noun such as "administration"."""
    return _modifier_head().match(text, end) is not None



def _not_a_person(name: str) -> bool:
    data = _data()
    words = set(name.replace("-", " ").split())
    if words & set(data["not_person_words"]) or name.isupper() or name in data["not_names"]:
        return True
    return name_words(name) in _places()


@cache
def _places() -> frozenset[tuple[str, ...]]:
    data = _data()
    return frozenset({name_words(p) for p in data["places"]}
                     | {name_words(w) for ws in _countries().values() for w in ws})

