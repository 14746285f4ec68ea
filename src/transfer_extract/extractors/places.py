"""Countries as news text names them (data/countries.json): names, abbreviations and capitals
used for the country, adjectives, and the states and cities of each. Shared by the extractors
that need a country from a word: events (from and to), persons (a dateline's place), counts (a
nationality before a currency or a people noun)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transfer_extract.data import load_json


@dataclass(frozen=True)
class Countries:
    names: dict[str, str]  # lower-case name or metonym -> country
    metonyms: frozenset[str]
    adjectives: dict[str, str]
    regions: dict[str, str]
    authority_nouns: frozenset[str]


@cache
def countries() -> Countries:
    data = load_json("countries.json")
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    regions: dict[str, str] = {}
    metonyms: set[str] = set()
    for country, forms in data["countries"].items():
        for n in forms["names"]:
            names[name_key(n)] = country
        for m in forms.get("metonyms", []):
            names[name_key(m)] = country
            metonyms.add(name_key(m))
        for a in forms.get("adjectives", []):
            adjectives[name_key(a)] = country
        for r in forms.get("regions", []):
            regions[name_key(r)] = country
    return Countries(names, frozenset(metonyms), adjectives, regions,
                     frozenset(data["authority_nouns"]))


def strip_the(text: str) -> str:
    """A place name without a leading "the" or a possessive ("El Salvador's" -> "El Salvador")."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).rstrip(".,")
    return re.sub(r"['’]s$", "", text)


def name_key(text: str) -> str:
    """Lookup form of a name: no leading "the", lower case, no dots ("the U.S." -> "us")."""
    return strip_the(text).lower().replace(".", "")


def country_name(text: str) -> str | None:
    """The country a name, abbreviation or capital-as-metonym stands for ("the U.S." ->
    "United States", "Washington" -> "United States"); None for anything else."""
    return countries().names.get(name_key(text))
