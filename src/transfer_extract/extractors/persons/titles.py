"""Titles and offices around a name, and the country of an office: from the text around the
title first (a country word, a state or city, "of X"), then from the office-holders the tool
knows (`offices.py`), then from the rest of the text (`office_country`: the agency the article
places, the dateline's place, the one state the article names)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from transfer_extract.data import alternation, trie_alternation
from transfer_extract.extractors.offices import known_office
from transfer_extract.extractors.persons.lexicon import _countries, _country_of, _country_word, _data, _region_of
from transfer_extract.extractors.persons.names import _Entity
from transfer_extract.extractors.places import countries, country_name, name_key


def _in_title(title: str) -> str | None:
    """A country word inside a title ("U.S." of "Assistant U.S. Attorney"), as written."""
    found = _country_word().search(title)
    return found.group() if found else None



@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    # tries, not plain alternations: these run before every capitalized name
    countries = trie_alternation(w for ws in _countries().values() for w in ws)
    titles = trie_alternation(data["titles"])
    prefixes = trie_alternation(data["prefixes"])
    regions = trie_alternation(_region_of())
    mods = trie_alternation(data["office_modifiers"])
    heads = trie_alternation(data["office_heads"])
    title_mods = trie_alternation(m for m in data["office_modifiers"] if m not in data["scope_modifiers"])
    return {
        # "Mexico's Security Secretary " / "then-President " right before a name (titles capitalized)
        "before": re.compile(
            rf"(?:\b(?:(?P<country>{countries})|(?P<region>{regions}))(?:'s|’s)?\s+)?(?:(?i:{prefixes}))?"
            # capitalized office words join the title: "Justice Minister", "External Affairs Minister"
            rf"(?P<title>(?:(?=[A-Z])(?i:{title_mods})\s+){{0,2}}{titles})\s+$"
        ),
        # "the president of Mexico, " right before a name
        "of": re.compile(rf"(?i:the\s+)?(?P<title>(?i:{titles}))\s+of\s+(?P<country>{countries})\s*,\s*$"),
        # "The DEA administrator, " / "El Salvador's minister of justice and security, " / "A
        # federal judge in Washington, " right before a name: a title in apposition, at most two
        # words before it and a short scope after it
        "appos": re.compile(
            rf"(?<![\w'’])(?:(?i:the|a|an)\s+)?(?:(?P<country>{countries})(?:'s|’s)?\s+)?"
            rf"(?:[\w'’-]+\s+){{0,2}}?(?P<title>(?i:{titles}))"
            rf"(?:\s+(?P<prep>(?i:of|for|in|to))\s+(?P<scope>[^,;:.!?\"“”()\n]{{1,50}}?))?\s*,\s*$"
        ),
        # ", Mexico's president," right after a name
        "after": re.compile(
            rf"^\s*,\s*(?:(?i:the|a|an)\s+)?(?:(?i:{prefixes}))?(?:(?P<country>{countries})(?:'s|’s)?\s+)?"
            rf"(?:(?i:{prefixes}))?(?P<title>(?i:{titles}))\b(?:\s+of\s+(?P<country2>{countries}))?"
            # "secretary of Security and Citizen Protection of Mexico": a country further on
            rf"(?:(?P<scope>(?:\s+(?i:of|for|and)\s+[^,;:!?\"“”()\n]{{1,60}}?))(?=\s*[,;:(\n]|\.\s|\.$))?"
        ),
        # "The Minister of Defense " right before a name: an office of a capitalized domain
        "of_before": re.compile(
            rf"(?:\b(?P<country>{countries})(?:'s|’s|')?\s+)?(?:(?i:{prefixes}))?"
            rf"(?P<title>(?i:{heads}|{titles})\s+of\s+(?:the\s+)?(?=[A-Z])(?i:{title_mods}))\s+$"
        ),
        # " of Ecuador" right after a titled name ("President Daniel Noboa of Ecuador")
        "of_after": re.compile(rf"^\s+of\s+(?:the\s+)?(?P<country>{countries})\b"),
        # "police spokesman " / "then Honduran defense minister " right before a name: a lower-case
        # office needs a modifier before its head ("cartel chief" is no office)
        "role_before": re.compile(
            rf"(?<![\w'’-])(?:(?i:{prefixes}))?(?:(?P<country>{countries})(?:'s|’s)?\s+)?(?:(?i:{prefixes}))?"
            rf"(?P<title>(?i:(?:{mods})(?:\s+(?:{mods})){{0,2}}\s+(?:{heads})))\s+$"
        ),
        # "the general commander of the Police, " right before a name
        "role_appos": re.compile(
            rf"(?<![\w'’])(?i:the|a|an)\s+(?:(?P<country>{countries})(?:'s|’s)?\s+)?"
            rf"(?P<title>(?P<mods>(?i:(?:{mods})\s+){{0,3}})(?i:{heads})"
            rf"(?:\s+(?i:of|for|in|at)\s+(?P<scope>[^,;:.!?\"“”()\n]{{1,60}}?))?)\s*,\s*$"
        ),
        # ", chief of Colombia's Judicial Police," / ", a public prosecutor at the ..." right after a name
        "role_after": re.compile(
            rf"^\s*,\s*(?:(?i:the|a|an)\s+)?(?:(?i:{prefixes}))?"
            rf"(?P<title>(?i:(?:(?:{mods})\s+){{0,3}}(?:{heads}))\s+(?i:of|at|for|in|with)\s+"
            rf"(?P<scope>[^,;:!?\"“”()\n]{{3,80}}?))(?=\s*[,;:(\n]|\s+(?:said|told|says|added)\b|\.\s*$)"
        ),
        "alias": re.compile(
            r"^\s*(?:,\s*\d{1,3}\s*)?,?\s*\(?(?:alias|aka|a\.k\.a\.|also known as|known(?:\s+[\w’']+){0,3}\s+as)\s+"
            r"(?:the\s+)?(?:[\"“](?P<quoted>[^\"”]{1,40}?)[,.]?[\"”]|[‘'](?P<single>[^'’\n]{1,40}?)[,.]?[’'](?!\w)"
            r"|(?P<bare>[A-ZÁÉÍÓÚÑ][\w\- ]{0,30}?)(?=[,.;)]|$))"
        ),
    }



@cache
def _titles() -> tuple[str, ...]:
    return tuple(_data()["titles"])


def _title_before(before: str) -> re.Match[str] | None:
    """The "before", else the "of" or "appos" pattern's match in `before` (the text right before
    a name). A cheap test first, so the patterns run only where they can match: "before" needs a
    title (as written in the data) and whitespace at the end, the others a final ','."""
    pats = _patterns()
    end = before.rstrip()
    if len(end) < len(before) and end.endswith(_titles()):  # "Gov." is a title, "Justice." is not
        found = pats["before"].search(before)
        rank = _rank_of(found["title"]) if found and not found["country"] else None
        if found and rank:
            # "military chief General ": the office before the rank is the title
            office = before[:found.end("title") - len(rank)]
            if office.rstrip().lower().endswith(_heads()) and (role := pats["role_before"].search(office)):
                return role
        if found:
            return found
    if len(end) < len(before) and end.lower().endswith(_heads()):
        return pats["role_before"].search(before)
    if len(end) < len(before) and end.lower().endswith(_title_mods()) and " of " in end[-60:]:
        return pats["of_before"].search(before)
    if not end.endswith(","):
        return None
    return (pats["of"].search(before) if "of" in before else None) or _appos(before)


def _role_appos(sentence: str) -> re.Match[str] | None:
    """A lower-case office in apposition before a name: a modifier, or a scope naming an
    agency ("the general commander of the Police, "), so that "the head of the gang, " is none."""
    found = _patterns()["role_appos"].search(sentence)
    if found and (found["mods"] or _agency(found["scope"])):
        return found
    return None


def _role_after(after: str) -> re.Match[str] | None:
    """", chief of Colombia's Judicial Police," right after a name (the scope names an agency)."""
    found = _patterns()["role_after"].match(after)
    return found if found and _agency(found["scope"]) else None


@cache
def _title_mods() -> tuple[str, ...]:
    data = _data()
    return tuple(m.lower() for m in data["office_modifiers"] if m not in data["scope_modifiers"])


def title_text(t: re.Match[str]) -> str:
    """The title a match names: the data's spelling, with an office's domain after "of" when
    the text names one ("the Minister of Defense, " -> "Minister of Defense"; not "the
    president of Mexico", whose scope is a country)."""
    title = _canonical_title(t["title"])
    found = t.groupdict()
    scope = found.get("scope")
    if found.get("prep") and found["prep"].lower() == "of" and scope and not _country_word().search(scope) \
            and not _region_word().search(scope) and scope.split()[-1][:1].isupper():
        return f"{title} of {scope}"
    return title


@cache
def _ranks() -> frozenset[str]:
    return frozenset(r.lower() for r in _data()["ranks"])


def _rank_of(title: str) -> str | None:
    """The military rank a title ends with ("General" of "chief General"), or None."""
    words = title.lower().split()
    return next((title[-len(r):] for r in _ranks() if tuple(words[-len(r.split()):]) == tuple(r.split())), None)


@cache
def _heads() -> tuple[str, ...]:
    return tuple(h.lower() for h in _data()["office_heads"])


@cache
def _agencies() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(_data()['office_agencies'])})(?!\w)")


def _agency(scope: str | None) -> bool:
    return bool(scope) and _agencies().search(scope) is not None


def _appos(before: str) -> re.Match[str] | None:
    """A title in apposition before a name ("The DEA administrator, "), within its sentence."""
    sentence = re.split(r"[.!?]\s+(?=[A-Z\"“])|\n", before)[-1]
    if not sentence.rstrip().endswith(","):
        return None
    return _patterns()["appos"].search(sentence) or _role_appos(sentence)


def _scope_country(t: re.Match[str]) -> str | None:
    """A country word in the scope after a title ("minister of security of Ecuador")."""
    found = _country_word().search(t.groupdict().get("scope") or "")
    return found.group() if found else None



@cache
def _qualified_office() -> re.Pattern[str]:
    """A role that is an office: a title of public office (as written) after qualifiers that
    only an office takes: a public agency's acronym, country and place words, "acting"-like prefixes,
    office modifiers ("HSI El Paso acting Special Agent in Charge", "FBI Director")."""
    data = _data()
    countries = trie_alternation(w for ws in _countries().values() for w in ws)
    qualifier = (rf"(?:{trie_alternation(data['agency_acronyms'])}|{countries}"
                 rf"|{trie_alternation(_region_of())}|(?i:{trie_alternation(p.strip(' -') for p in data['prefixes'])})"
                 rf"|(?i:{trie_alternation(data['office_modifiers'])}))")
    return re.compile(rf"(?:{qualifier}\s+)+(?P<title>{trie_alternation(data['titles'])})")


def office_of_role(role: str) -> tuple[str, str | None] | None:
    """The title and country of a role that names an office ("HSI El Paso acting Special Agent
    in Charge": the whole role, United States), or None ("Real Madrid President" is no office)."""
    if _qualified_office().fullmatch(role) is None:
        return None
    word = _country_word().search(role)
    if word:
        return role, _country_of().get(word.group().lower())
    region = _region_word().search(role)
    return role, _region_of()[region.group()] if region else None


@cache
def _region_word() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{trie_alternation(_region_of())})(?!\w)")


def _canonical_title(title: str) -> str:
    """The title as the data file writes it ("security secretary" -> "Security Secretary")."""
    return next((t for t in _data()["titles"] if t.lower() == title.lower()), title)



@cache
def _agency_words() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(_data()['national_agencies'])})(?!\w)")


@cache
def _qualified_agency() -> re.Pattern[str]:
    """A country word before an agency: "Ecuador's National Police", "Thai police"."""
    countries = trie_alternation(w for ws in _countries().values() for w in ws)
    return re.compile(rf"(?<![\w'’])(?P<country>{countries})(?:'s|’s|')?\s+(?:(?i:national|federal|judicial)\s+)?"
                      rf"(?P<agency>(?i:{alternation([*_data()['national_agencies'], *_data()['state_words']])}))"
                      rf"(?!\w)")


def _agency_countries(text: str) -> dict[str, set[str]]:
    """The countries the text gives each national agency ("Thai police": police -> Thailand),
    read once per article."""
    found: dict[str, set[str]] = {}
    for m in _qualified_agency().finditer(text):
        country = _country_of().get(m["country"].lower())
        if country:
            found.setdefault(m["agency"].lower(), set()).add(country)
            found.setdefault(_ANY_AGENCY, set()).add(country)
    return found


_ANY_AGENCY = "*"  # the key of every country the article gives any agency or the state


def office_country(agencies: dict[str, set[str]], title: str, filed_in: str | None = None) -> str | None:
    """The country of an office the text gives none. For an office that names a national agency
    ("police spokesman"): the one country the article gives that agency elsewhere, else the one
    country whose state it names ("Honduran officials"), if exactly one. Then, for any office
    not held abroad, the country of the dateline's place (wire style: a story filed from Quito
    writes "armed forces commander", "Interior Minister" for Ecuador's own and qualifies
    everyone else's; a story naming "U.S. authorities" does not make its Interior Minister
    American)."""
    named = _agency_words().search(title)
    given = agencies.get(named.group().lower(), set()) if named else set()
    if len(given) == 1:
        return next(iter(given))
    state = agencies.get(_ANY_AGENCY, set()) if named and not given else set()
    if len(state) == 1:
        return next(iter(state))
    if filed_in and (not given or filed_in in given) and _foreign_posts().search(title) is None:
        return filed_in
    return None


@cache
def _foreign_posts() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(_data()['foreign_posts'])})(?!\w)")


def place_country(place: str) -> str | None:
    """The country a dateline's place names ("QUITO", "SAN SALVADOR, El Salvador", "Amritsar"):
    a country, capital, state or city of data/countries.json, the last part of the place first."""
    for part in reversed(place.split(",")):
        found = country_name(part) or countries().regions.get(name_key(part))
        if found:
            return found
    return None


def _known_office(x: _Entity, published: date | None) -> None:
    """The country of `x`'s office, or its office, from `data/office_holders.json` where the
    text gives neither ("President Gustavo Petro"; "Nicolás Maduro" after his term: a former
    President). A one-word name becomes the holder's full name."""
    if x.title is not None and x.country is not None:
        return
    known = known_office(x.name, x.title, published)
    if known is None:
        return
    if x.title is None:
        x.title = f"former {known.title}" if known.former else known.title
        x.role = None
    x.country = known.country
    if len(x.name.split()) == 1:
        x.name = known.holder  # "Trump" alone: the holder's full name

