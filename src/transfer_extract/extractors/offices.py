"""What the tool knows of office-holders (`data/office_holders.json`): who held which office, for
which country, when. Used by the persons extractor only where the text does not say it.

A name matches a holder when they share a surname (the last word of the shorter name is a word
of the longer one other than its first) and, when both give a first name, the first names agree
(one starts with the other: "Pam" = "Pamela", or they are one letter apart: "Nicols" =
"Nicolás") or the name is one of the holder's aliases; a
one-word name alone only when it is one of the holder's `short` names ("Trump"). An
answer is given only when every matching office agrees on the country: two holders of one name
in different countries give none. The country is never guessed from what the article is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from transfer_extract.data import load_json
from transfer_extract.pipeline import name_words

_DROP_IN_TITLES = frozenset({"former", "then", "acting", "interim", "the"})


@dataclass(frozen=True)
class Office:
    title: str
    country: str
    start: date
    end: date | None  # None: still in office

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Holder:
    name: str
    names: tuple[tuple[str, ...], ...]  # the name and its aliases, as folded words
    offices: tuple[Office, ...]
    short: frozenset[str] = frozenset()  # one-word names that identify the holder alone


@dataclass(frozen=True)
class KnownOffice:
    """The office a name holds (or held: `former`) on a day, as far as the data knows."""

    holder: str
    title: str
    country: str
    former: bool


def _words(text: str) -> tuple[str, ...]:
    """The words of a name as the persons extractor compares them, without edge punctuation."""
    return tuple(w.strip(".,'’") for w in name_words(text) if w.strip(".,'’"))


@cache
def holders() -> tuple[Holder, ...]:
    out = []
    for h in load_json("office_holders.json")["holders"]:
        offices = tuple(Office(o["title"], o["country"], date.fromisoformat(o["from"]),
                               date.fromisoformat(o["to"]) if o["to"] else None) for o in h["offices"])
        out.append(Holder(h["name"], tuple(_words(n) for n in (h["name"], *h["aliases"])), offices,
                          frozenset(w for n in h.get("short", ()) for w in _words(n))))
    return tuple(out)


@cache
def short_names() -> frozenset[str]:
    """Every holder's `short` names, as folded words ("trump", "sheinbaum")."""
    return frozenset(w for h in holders() for w in h.short)


@cache
def _by_surname() -> dict[str, tuple[Holder, ...]]:
    index: dict[str, list[Holder]] = {}
    for h in holders():
        for words in h.names:
            for w in set(words[1:] or words):
                index.setdefault(w, []).append(h)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def _same(name: tuple[str, ...], known: tuple[str, ...]) -> bool:
    if name == known:
        return True
    short, long_ = (name, known) if len(name) <= len(known) else (known, name)
    if short[-1] not in long_[1:]:
        return False
    if len(short) == 1:
        return True
    a, b = short[0], long_[0]
    return a.startswith(b) or b.startswith(a) or _one_letter_apart(a, b)


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` (four letters or more) differ by one letter left out, added or
    changed: "Nicols" (a mangled "Nicolás") is "Nicolas"."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]


def _title_key(title: str) -> tuple[str, ...]:
    return tuple(w for w in _words(title) if w not in _DROP_IN_TITLES)


def known_office(name: str, title: str | None, on: date | None) -> KnownOffice | None:
    """The office `name` holds on the day `on` (or, after its term, held), of the title `title`
    when it is given; None when the data does not know it or its holders disagree on the country.
    A one-word name is looked up only with a title ("President Petro"), or when it is one of a
    holder's `short` names ("Trump")."""
    words = _words(name)
    if not words:
        return None
    if len(words) == 1 and title is None:
        found = [h for h in holders() if words[0] in h.short]
    else:
        found = [h for h in _by_surname().get(words[-1], ()) if any(_same(words, n) for n in h.names)]
    want = _title_key(title) if title else None
    offices = [(h, o) for h in found for o in h.offices
               if want is None or _title_key(o.title)[-len(want):] == want
               or want[-len(_title_key(o.title)):] == _title_key(o.title)]
    if not offices or len({o.country for _, o in offices}) > 1:
        return None
    if on is not None:
        current = [(h, o) for h, o in offices if o.held_on(on)]
        if current:
            h, o = current[0]
            return KnownOffice(h.name, o.title, o.country, former=False)
        past = [(h, o) for h, o in offices if o.end is not None and o.end <= on]
        if not past:
            return None  # not yet in office on that day
        h, o = max(past, key=lambda ho: ho[1].end or date.max)
        return KnownOffice(h.name, o.title, o.country, former=True)
    h, o = max(offices, key=lambda ho: ho[1].start)
    return KnownOffice(h.name, o.title, o.country, former=o.end is not None)
