"""How a predicted fact is matched with a gold fact: names, countries, cartels, quotes, titles.

Every rule here is written down in the README ("Evaluating on your own articles"):
- text is compared without case, accents, punctuation at word edges and extra spaces;
- two names are the same person when they share a surname: equal names, or the last word of the
  shorter name is a word of the longer one other than its first (given) name ("García Harfuch"
  = "Omar Garcia Harfuch", "Trump" = "Donald Trump", but "Donald" is not "Donald Trump");
- countries by their canonical name in `data/countries.json` (names, abbreviations, adjectives);
- cartels by their canonical name in `data/cartels.json` (aliases and short names);
- quotes by their opening words: the gold `start_words` (up to six) begin the quotation's words;
- titles when equal once country words, "former", "then", "acting", "interim", articles and
  prepositions are left out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from transfer_extract.data import load_json

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_FILLER = frozenset({"the", "a", "an", "former", "then", "ex", "acting", "interim", "of", "for", "at", "in",
                     "to", "with", "and"})


def fold(text: str) -> str:
    """Lower case, no accents, hyphens and dots as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[-‐‑–—]", " ", text).split())


def words(text: str) -> list[str]:
    """The words of `text`, folded, punctuation stripped from their edges (empty ones dropped)."""
    out = (_EDGE.sub("", w) for w in fold(text).split())
    return [w for w in out if w]


def same_person(a: str | None, b: str | None) -> bool:
    """Whether names `a` and `b` share a surname (see the module docstring)."""
    if not a or not b:
        return False
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return short[-1] in long_[1:] or (len(short) > 1 and short[-1] == long_[-1])


@cache
def _country_names() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, entry in load_json("countries.json")["countries"].items():
        for name in (canonical, *entry.get("names", ()), *entry.get("adjectives", ())):
            table[" ".join(words(name))] = canonical
    return table


def country(name: str | None) -> str | None:
    """The canonical country name of `name` (itself, folded, when the country is unknown)."""
    if not name:
        return None
    key = " ".join(words(name))
    return _country_names().get(key, key)


@cache
def _cartel_names() -> dict[str, str]:
    table: dict[str, str] = {}
    for org in load_json("cartels.json")["organizations"]:
        for name in (org["name"], *org.get("aliases", ()), *org.get("short", ())):
            table[" ".join(words(name))] = org["name"]
    return table


def cartel(name: str) -> str:
    """The canonical name of the organization `name` (folded `name` when it is not known)."""
    key = " ".join(words(name))
    found = _cartel_names().get(key)
    if found is None and key.startswith(("the ", "los ", "el ", "la ")):
        found = _cartel_names().get(key.split(" ", 1)[1])
    return fold(found) if found else key


@cache
def _country_words() -> frozenset[str]:
    return frozenset(w for key in _country_names() for w in key.split())


def title(text: str | None) -> str | None:
    """A title reduced for comparison: folded, without country words, 'former' or articles."""
    if not text:
        return None
    drop = _FILLER | _country_words()
    kept = [w for w in words(text) if w not in drop]
    return " ".join(kept) or None


QUOTE_WORDS = 6
MIN_QUOTE_WORDS = 4


def quote_opening(text: str) -> list[str]:
    """The first words of a quotation (at most six), as matched against a gold `start_words`."""
    return words(text)[:QUOTE_WORDS]


def quote_matches(gold_start: str, predicted_text: str) -> bool:
    """Whether a predicted quotation opens with the gold quotation's first words."""
    want = quote_opening(gold_start)
    have = words(predicted_text)
    return bool(want) and have[:len(want)] == want


def snippet_pattern(snippet: str) -> re.Pattern[str]:
    """A pattern finding `snippet` in a text, any run of spaces matching any run of spaces."""
    parts = [re.escape(p) for p in snippet.split()]
    return re.compile(r"\s+".join(parts))
