"""Officials and other people: one record per real-world person, whatever label the model gave.

Names come from PERSON entities and from capitalized words after a title of public office
("President Sheinbaum", which the small model may call an organization). Mentions merge when one
name's words are a run of the other's ("Harfuch", "Garcia Harfuch", "Omar García Harfuch");
a later pass adds every other place where a known name's words stand ("Sheinbaum's cabinet").
A person is an official when a title stands before a mention ("Mexican President Claudia
Sheinbaum", "the president of Mexico, Claudia Sheinbaum", "The DEA administrator, Terrance
Cole,") or after it as an apposition ("Sheinbaum, Mexico's president"); the country comes from
the text around the title.
Organizations, places and cartel names never become people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from spacy.tokens import Doc

from transfer_extract.data import alternation, load_json, trie_alternation
from transfer_extract.extractors import Context, doc_text, token_texts
from transfer_extract.extractors.offices import known_office
from transfer_extract.pipeline import name_words
from transfer_extract.record import Official, Person, Span

PLACE_BEFORE = frozenset(load_json("context.json")["place_before"])
QUOTES = "\"“”'‘’"
ROLE_STOP = frozenset(load_json("context.json")["role_stop"])
_CAP = r"[A-ZÁÉÍÓÚÑ][\w'’-]+"
# First names, a nickname in quotes, surnames: 'Ismael "El Mayo" Zambada'
_NICKNAMED = re.compile(
    rf"(?<![\w'’]){_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+[\"“](?P<nick>[A-ZÁÉÍÓÚÑ][^\"”\n]{{0,30}}?)[\"”]"
    rf"[ \t]+{_CAP}(?:[ \t]+(?:de[ \t]+|del[ \t]+)?{_CAP}){{0,2}}"
)
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


def _in_title(title: str) -> str | None:
    """A country word inside a title ("U.S." of "Assistant U.S. Attorney"), as written."""
    found = _country_word().search(title)
    return found.group() if found else None


@cache
def _region_of() -> dict[str, str]:
    """The states and cities of data/countries.json, as written, and their country."""
    return {r: c for c, entry in load_json("countries.json")["countries"].items()
            for r in entry.get("regions", ())}


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
    return {
        # "Mexico's Security Secretary " / "then-President " right before a name (titles capitalized)
        "before": re.compile(
            rf"(?:\b(?:(?P<country>{countries})|(?P<region>{regions}))(?:'s|’s)?\s+)?(?:(?i:{prefixes}))?"
            rf"(?P<title>{titles})\s+$"
        ),
        # "the president of Mexico, " right before a name
        "of": re.compile(rf"(?i:the\s+)?(?P<title>(?i:{titles}))\s+of\s+(?P<country>{countries})\s*,\s*$"),
        # "The DEA administrator, " / "El Salvador's minister of justice and security, " / "A
        # federal judge in Washington, " right before a name: a title in apposition, at most two
        # words before it and a short scope after it
        "appos": re.compile(
            rf"(?<![\w'’])(?:(?i:the|a|an)\s+)?(?:(?P<country>{countries})(?:'s|’s)?\s+)?"
            rf"(?:[\w'’-]+\s+){{0,2}}?(?P<title>(?i:{titles}))"
            rf"(?:\s+(?i:of|for|in|to)\s+(?P<scope>[^,;:.!?\"“”()\n]{{1,50}}?))?\s*,\s*$"
        ),
        # ", Mexico's president," right after a name
        "after": re.compile(
            rf"^\s*,\s*(?:(?i:the|a|an)\s+)?(?:(?i:{prefixes}))?(?:(?P<country>{countries})(?:'s|’s)?\s+)?"
            rf"(?:(?i:{prefixes}))?(?P<title>(?i:{titles}))\b(?:\s+of\s+(?P<country2>{countries}))?"
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
            r"(?:[\"“](?P<quoted>[^\"”]{1,40}?)[,.]?[\"”]|(?P<bare>[A-ZÁÉÍÓÚÑ][\w\- ]{0,30}?)(?=[,.;)]|$))"
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
        if found:
            return found
    if len(end) < len(before) and end.lower().endswith(_heads()):
        return pats["role_before"].search(before)
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
def _country_of() -> dict[str, str]:
    return {w.lower(): c for c, ws in _countries().items() for w in ws}


@cache
def _title_words() -> set[str]:
    return {w.lower().strip(".") for t in _data()["titles"] for w in t.split()}


def _canonical_title(title: str) -> str:
    """The title as the data file writes it ("security secretary" -> "Security Secretary")."""
    return next((t for t in _data()["titles"] if t.lower() == title.lower()), title)


@cache
def _roles() -> set[str]:
    return {r.lower() for r in _data()["roles"]}


@dataclass
class _Entity:
    name: str
    title: str | None = None
    country: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # cleaned-text char offsets
    single_place: bool = False
    honorific: bool = False  # named once after "Mr.", "Ms", "Sra.": a person, even by one word

    def matches(self, name: str) -> bool:
        full, part = name_words(self.name), name_words(name)
        return bool(part) and (_within(part, full) or _within(full, part))


_MAX_NAME_WORDS = 8


def _first_match(entities: list[_Entity], name: str, by_word: dict[str, set[int]],
                 by_name: dict[tuple[str, ...], set[int]]) -> int | None:
    """The number of the first entity whose name `name` is a run of, or that is a run of
    `name`, found through the indexes rather than by testing every entity: an entity that
    `name` is a run of has every word of `name` (the smallest of those sets bounds the work),
    and one that is a run of `name` has the words of one of `name`'s runs."""
    words = name_words(name)
    sets = sorted((by_word.get(w, set()) for w in set(words)), key=len)
    found = set(sets[0]).intersection(*sets[1:]) if sets and sets[0] else set()
    for i in range(len(words)):  # names have a few words: longer runs are never a known name
        for j in range(i + 1, min(len(words), i + _MAX_NAME_WORDS) + 1):
            found |= by_name.get(words[i:j], set())
    return next((k for k in sorted(found) if entities[k].matches(name)), None)


def _within(part: tuple[str, ...], full: tuple[str, ...]) -> bool:
    n = len(part)
    return any(full[i:i + n] == part for i in range(len(full) - n + 1))


def _capitalized(text: str) -> bool:
    return text[:1].isupper() and any(c.islower() for c in text) and text.lower() not in _title_words()


@dataclass(frozen=True)
class _Tokens:
    """The token offsets and texts of a doc and which of them are capitalized name words,
    computed once (from arrays: a Token object per token costs more than all the tests here)."""

    idxs: list[int]
    texts: list[str]
    caps: list[bool]
    capitalized: list[int]  # the indices of the capitalized tokens

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        idxs, texts = token_texts(doc)
        caps = [_capitalized(t) for t in texts]
        return cls(idxs, texts, caps, [i for i, c in enumerate(caps) if c])


def _name_run(toks: _Tokens, i: int) -> int:
    """The end of the run of capitalized name words starting at token `i`."""
    texts, caps = toks.texts, toks.caps
    j = i
    while j < len(texts) and (caps[j] or (j > i and texts[j].lower() in ("de", "del") and j + 1 < len(texts)
                                          and caps[j + 1])):
        j += 1
    return j


def _strip_name(doc: Doc, start: int, end: int) -> tuple[int, int, list[str]]:
    """Drop a possessive, titles and quotes at the edges; return quoted nicknames found inside."""
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].lower_.strip(".") in _title_words() or doc[start].is_punct
                           or doc[start].lower_ in ("the", "then")
                           or (doc[start].lower_ in HONORIFICS and end - start > 1)  # "Ms Thitiwadee"
                           or (doc[start].lower_ in _roles() and end - start > 2)):  # "Analyst Ana Ruiz"
        start += 1
    nick = re.findall(r"[\"“]([^\"”]+)[\"”]", doc[start:end].text) if end > start else []
    return start, end, nick


def _role(doc: Doc, start: int, end: int) -> str | None:
    """ "Northeast Cartel leader NAME", "Another defendant, NAME" or "NAME, a leader of ..."."""
    roles = _roles()
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and doc[i].lower_ in roles:
        k = i
        while k > max(0, i - 3) and (doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[k - 1].lower_ in ("'s", "’s")) \
                and "\n" not in doc[k - 1].whitespace_ and doc[k - 1].ent_type_ not in ("PERSON", "DATE", "CARDINAL") \
                and doc[k - 1].dep_ != "ROOT":  # a modifier never heads the sentence (the
            k -= 1  # headline verb "sign" in "Betis sign Mexican forward NAME", tagged a noun)
        return doc[k:i + 1].text
    j = end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        while j + 1 < len(doc) and doc[j].like_num and doc[j + 1].text == ",":
            j += 2  # an age: "NAME, 51, a ..."
        if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
            j += 1
        k = j
        while k < len(doc) and k - j < 12 and doc[k].lower_ not in ROLE_STOP and not doc[k].is_sent_start:
            k += 1
        words = [t for t in doc[j:k] if t.text not in QUOTES]
        while words and words[0].pos_ in ("ADV", "DET"):
            words = words[1:]  # "once the head of ..."
        if words and any(t.lower_ in roles for t in words):
            return "".join(t.text_with_ws for t in words).strip()
    return None


@cache
def _modifier_head() -> re.Pattern[str]:
    return re.compile(rf"(?:'s|’s)?\s+(?:{alternation(_data()['modifier_heads'])})\b")


def _modifier(text: str, end: int) -> bool:
    """Whether the name ending at `end` modifies a noun such as "administration"."""
    return _modifier_head().match(text, end) is not None


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


def _agency_country(agencies: dict[str, set[str]], title: str) -> str | None:
    """The country of an office that names a national agency ("police spokesman"): the one
    country the article gives that agency elsewhere, if it gives exactly one, else the one
    country whose state it names ("Honduran officials"), if exactly one."""
    named = _agency_words().search(title)
    if named is None:
        return None
    countries = agencies.get(named.group().lower()) or agencies.get(_ANY_AGENCY, set())
    return next(iter(countries)) if len(countries) == 1 else None


def _line_end(doc: Doc, start: int, end: int) -> int:
    """`end`, or the end of the first line break between `start` and `end`."""
    for k in range(start, end):
        if "\n" in doc[k].text:
            return k
        if "\n" in doc[k].whitespace_:
            return k + 1
    return end


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


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    pats = _patterns()
    cartel_spans = [(m.start, m.end) for c in ctx.found.get("cartels", ()) for m in c.mentions]
    cartel_keys = {name_words(c.name) for c in ctx.found.get("cartels", ())} | {
        name_words(a) for c in ctx.found.get("cartels", ()) for a in c.aliases}

    def in_cartel(s: int, e: int) -> bool:
        span = ctx.article.span(s, e)
        return any(span.start < ce and cs < span.end for cs, ce in cartel_spans)

    # 1. name candidates: PERSON entities (extended over adjacent capitalized words) and names after titles
    toks = _Tokens.of(doc)
    text = doc_text(doc)
    cands: dict[int, int] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            start = ent.start
            end = _line_end(doc, ent.start, ent.end)  # a name never runs over a line break
            owner = [k for k in range(start, end - 1) if doc[k].lower_ in ("'s", "’s")]
            if owner:  # "Manchester United’s Jose Mourinho": the name follows the possessive
                start = owner[-1] + 1
            while not owner and start > 0 and toks.caps[start - 1] and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].is_alpha and doc[start - 1].lower_ not in HONORIFICS \
                    and not doc[start - 1].ent_type_ and "\n" not in doc[start - 1].whitespace_:
                start -= 1  # a first name the model left out ("Héctor" of "Héctor Sandoval Paz")
            cands[start] = max(cands.get(start, 0), _name_run(toks, end) if end == ent.end < len(doc) else end)
    for i in toks.capitalized:
        if i == 0 or not toks.caps[i - 1]:  # the first word of a run
            idx = toks.idxs[i]
            if _title_before(text[max(0, idx - 80):idx]):
                cands[i] = max(cands.get(i, 0), _name_run(toks, i))
    for m in _NICKNAMED.finditer(text):  # 'Joaquín "El Chapo" Guzmán': one name, the model splits it
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and all(t.pos_ == "PROPN" for t in doc[span.start:span.end]
                                    if t.text[:1].isupper() and t.text not in m["nick"]):
            cands[span.start] = max(cands.get(span.start, 0), span.end)
    entities: list[_Entity] = []
    by_word: dict[str, set[int]] = {}  # a name word -> the entities (by number) whose name has it
    by_name: dict[tuple[str, ...], set[int]] = {}  # a name's words -> the entities of that name
    alias_keys: set[tuple[str, ...]] = set()
    covered: set[int] = set()
    for start in sorted(cands):
        if start in covered:
            continue
        s, e, nicks = _strip_name(doc, start, cands[start])
        if e <= s:
            continue
        span = doc[s:e]
        name = re.sub(r"\s*[\"“][^\"”]+[\"”]\s*", " ", span.text).strip()
        if not name or not _capitalized(name.split()[0]) or _not_a_person(name) \
                or in_cartel(span.start_char, span.end_char) or name_words(name) in cartel_keys:
            continue
        covered.update(range(s, e))
        number = _first_match(entities, name, by_word, by_name)
        if number is None:
            number = len(entities)
            entities.append(_Entity(name))
        found = entities[number]
        if len(name_words(name)) > len(name_words(found.name)):
            found.name = name
        for w in name_words(found.name):
            by_word.setdefault(w, set()).add(number)
        by_name.setdefault(name_words(found.name), set()).add(number)
        found.mentions.append((span.start_char, span.end_char))
        if len(name_words(name)) == 1 and s > 0 and doc[s - 1].lower_ in PLACE_BEFORE:
            found.single_place = True
        if s > 0 and doc[s - 1].lower_ in HONORIFICS:
            found.honorific = True
        for n in nicks:
            if n not in found.aliases:
                found.aliases.append(n)
        after = text[span.end_char:span.end_char + 80]
        m = pats["alias"].match(after)
        alias = m and (m["quoted"] or m["bare"]).strip()
        if alias and alias not in found.aliases:
            found.aliases.append(alias)
        before = text[max(0, span.start_char - 80):span.start_char]
        t = _title_before(before) or pats["after"].match(after) \
            or _role_after(text[span.end_char:span.end_char + 160])
        if t and found.title is None:
            found.title = _canonical_title(t["title"])
            word = t.groupdict().get("country") or t.groupdict().get("country2") or _scope_country(t)
            title_country = _in_title(t["title"])  # "Assistant U.S. Attorney"
            found.country = _country_of().get((word or title_country or "").lower())
            if found.country is None and t.groupdict().get("region"):  # "Sinaloa Governor", "Texas Gov."
                found.country = _region_of()[t["region"]]
        elif t and found.country is None and t.groupdict().get("country"):
            found.country = _country_of().get(t["country"].lower())
        if found.title is not None and found.country is None and (o := pats["of_after"].match(after)):
            found.country = _country_of().get(o["country"].lower())  # "President Noboa of Ecuador"
        if found.role is None and found.title is None:
            found.role = _role(doc, s, e)
    for x in entities:
        alias_keys.update(name_words(a) for a in x.aliases)
    owners: dict[tuple[str, ...], list[_Entity]] = {}  # an alias -> the entities that have it
    for y in entities:
        for key in dict.fromkeys(name_words(a) for a in y.aliases):
            owners.setdefault(key, []).append(y)
    for x in entities:  # a name that is another's alias ("Fito") gives that person its mentions
        owner = next((y for y in owners.get(name_words(x.name), ()) if y is not x), None)
        if owner is not None:
            owner.mentions.extend(x.mentions)
    entities = [x for x in entities
                if name_words(x.name) not in alias_keys and not (len(name_words(x.name)) == 1 and x.single_place)]
    for x in entities:
        _known_office(x, ctx.article.published)
    # a one-word name with no title, role, alias or honorific is not enough to be a person: the small model
    # takes clubs, sites and places for people ("Everton", "Twitter", "Ipswich")
    entities = [x for x in entities
                if len(name_words(x.name)) > 1 or x.title or x.role or x.aliases or x.honorific]
    # named only as a modifier ("the Trump administration"): not a person of the article
    entities = [x for x in entities if not all(_modifier(text, e) for _, e in x.mentions)]
    # 2. every other place where the words of a known name stand ("Sheinbaum's", "Garcia Harfuch")
    known = [(x, name_words(x.name)) for x in entities] + [
        (x, name_words(a)) for x in entities for a in x.aliases]  # 'alias "Fito"' ... "Fito led"
    known_words = {w for _, words in known for w in words}
    for i in toks.capitalized:
        if i in covered or (i > 0 and i - 1 in covered and toks.caps[i - 1]):
            continue
        end = _name_run(toks, i)
        for j in range(end, i, -1):
            start_char, end_char = toks.idxs[i], toks.idxs[j - 1] + len(toks.texts[j - 1])
            words = name_words(text[start_char:end_char])
            if not known_words.issuperset(words):
                continue  # a word no known name has
            found = next((x for x, full in known if _within(words, full)), None)
            if found is not None and not in_cartel(start_char, end_char):
                found.mentions.append((start_char, end_char))
                covered.update(range(i, j))
                break

    def spans(x: _Entity) -> tuple[Span, ...]:
        return tuple(ctx.article.span(s, e) for s, e in sorted(set(x.mentions)))

    agencies = _agency_countries(text) if any(x.title and x.country is None for x in entities) else {}
    for x in entities:
        if x.title and x.country is None:
            x.country = _agency_country(agencies, x.title)
    officials = tuple(Official(x.name, x.title, x.country, spans(x)) for x in entities if x.title)
    people = tuple(Person(x.name, x.role, spans(x), tuple(x.aliases)) for x in entities if not x.title)
    return {"officials": officials, "people": people}
