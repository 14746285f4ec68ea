"""Officials and other people: one record per real-world person, whatever label the model gave.

Names come from PERSON entities, from capitalized words after a title of public office
("President Sheinbaum", which the small model may call an organization), from a name followed by
an office or an alias ("Ana Lira, secretary of ...", "X, also known as ...") and from the short
names of known office holders ("Sheinbaum"). Mentions merge when one
name's words are a run of the other's ("Harfuch", "Garcia Harfuch", "Omar García Harfuch");
a later pass adds every other place where a known name's words stand ("Sheinbaum's cabinet").
A person is an official when a title stands before a mention ("Mexican President Claudia
Sheinbaum", "the president of Mexico, Claudia Sheinbaum", "The DEA administrator, Terrance
Cole,") or after it as an apposition ("Sheinbaum, Mexico's president"); the country comes from
the text around the title, then from the office holders the tool knows, then from the agency the
article places, the dateline's place or the one state it names (`titles.office_country`).
Organizations, places, landforms, cartel names and names that modify a noun ("the La Tolva penal
center", "the Trump administration") never become people.

Parts: `lexicon` (the words read: titles.json, countries, honorifics, places), `names` (name runs,
their edges and roles, and which person a name is), `titles` (titles and offices around a name and
an office's country, from the text, then from `offices.py`); `extract` here puts them together.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.offices import short_names
from transfer_extract.extractors.persons.lexicon import (
    HONORIFICS,
    PLACE_BEFORE,
    PLACE_NOUNS,
    _country_of,
    _modifier,
    _not_a_person,
    _region_of,
)
from transfer_extract.extractors.persons.names import (
    _NICKNAMED,
    _capitalized,
    _Entity,
    _first_match,
    _line_end,
    _name_run,
    _role,
    _strip_name,
    _Tokens,
    _within,
    without_nicknames,
)
from transfer_extract.extractors.persons.titles import (
    _agency_countries,
    _in_title,
    _known_office,
    _patterns,
    _role_after,
    _scope_country,
    _title_before,
    office_country,
    office_of_role,
    place_country,
    title_text,
)
from transfer_extract.pipeline import name_words
from transfer_extract.record import Official, Person, Span


def _after_place_noun(doc: Doc, start: int) -> bool:
    """Whether the name at token `start` follows a place noun: "village Pipal Kalan", "the town
    of San Marcos"."""
    i = start - 1
    if i >= 1 and doc[i].lower_ == "of":
        i -= 1
    return i >= 0 and doc[i].lower_ in PLACE_NOUNS


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{2}")


def _initials(name: str) -> bool:
    """Whether `name` opens with initials before a capitalized surname: "JD Vance", "J.D. Vance"."""
    words = name.split()
    return len(words) > 1 and _INITIALS.fullmatch(words[0]) is not None and _capitalized(words[-1]) \
        and words[0].strip(".").lower() not in _country_of()


def _modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at tokens `start`..`end` stands between "the" and a common noun it
    modifies: "the La Tolva penal center", "the Trump administration" name a thing."""
    if start == 0 or doc[start - 1].lower_ != "the":
        return False
    k = end
    while k < min(end + 3, len(doc)) and doc[k].text.islower() and doc[k].pos_ in ("ADJ", "NOUN"):
        if doc[k].pos_ == "NOUN":
            return True  # "penal center"
        k += 1
    return False


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    pats = _patterns()
    cartel_spans = [(m.start, m.end) for c in ctx.found.get("cartels", ()) for m in c.mentions]
    cartel_keys = {name_words(c.name) for c in ctx.found.get("cartels", ())} | {
        name_words(a) for c in ctx.found.get("cartels", ()) for a in c.aliases}

    def in_cartel(s: int, e: int) -> bool:
        span = Span(s, e, text[s:e])
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
            if owner:  # "Real Betis’s Luis Ortega": the name follows the possessive
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
    for i in toks.capitalized:  # "Ana Lira, secretary of ...", "Felipe Cabrera, alias ...": a name the
        # model missed, told by the office or alias after it
        if i in cands or (i > 0 and toks.caps[i - 1]):
            continue
        end = _name_run(toks, i)
        if 2 <= end - i <= 4 and end < len(doc) and toks.texts[end] == "," \
                and all(doc[k].pos_ == "PROPN" for k in range(i, end)):
            after = text[toks.idxs[end]:toks.idxs[end] + 160]
            if pats["alias"].match(after) or pats["after"].match(after) or _role_after(after):
                cands[i] = end
    known_short = {(w,) for w in short_names()}
    for i in toks.capitalized:  # "Sheinbaum and President Donald Trump": a holder's short name,
        # whatever the model calls it; alone, not the first word of a longer name ("Trump Tower")
        if i not in cands and name_words(toks.texts[i]) in known_short \
                and not (i + 1 < len(doc) and toks.caps[i + 1]) and not (i > 0 and toks.caps[i - 1]):
            cands[i] = i + 1
    for m in _NICKNAMED.finditer(text):  # 'Joaquín "El Chapo" Guzmán': one name, the model splits it
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and all(t.pos_ == "PROPN" for t in doc[span.start:span.end]
                                    if t.text[:1].isupper() and t.text not in (m["nick"] or m["nick1"])):
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
        name = without_nicknames(span.text)
        if not name or not (_capitalized(name.split()[0]) or _initials(name)) or _not_a_person(name) \
                or in_cartel(span.start_char, span.end_char) or name_words(name) in cartel_keys \
                or _after_place_noun(doc, s) or _modifies_a_noun(doc, s, e):
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
        alias = m and (m["quoted"] or m["single"] or m["bare"]).strip()
        if alias and alias not in found.aliases:
            found.aliases.append(alias)
        before = text[max(0, span.start_char - 80):span.start_char]
        t = _title_before(before) or pats["after"].match(after) \
            or _role_after(text[span.end_char:span.end_char + 160])
        if t and found.title is None:
            found.title = title_text(t)
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
            if found.role and (office := office_of_role(found.role)):  # "NAME, FBI Director, said"
                found.title, found.country = office
                found.role = None
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
    # 2. every other place where the words of a known name stand ("Sheinbaum's", "Garcia Harfuch")
    # a name's words match as any run of them ("Garcia Harfuch"), an alias's only whole ('alias
    # "Fito"' ... "Fito led"; the "El" of "El Paso" is no mention of "El Mayo")
    known = [(x, name_words(x.name), False) for x in entities] + [
        (x, name_words(a), True) for x in entities for a in x.aliases]
    known_words = {w for _, words, _ in known for w in words}
    for i in toks.capitalized:
        if i in covered or (i > 0 and i - 1 in covered and toks.caps[i - 1]):
            continue
        end = _name_run(toks, i)
        for j in range(end, i, -1):
            start_char, end_char = toks.idxs[i], toks.idxs[j - 1] + len(toks.texts[j - 1])
            words = name_words(text[start_char:end_char])
            if not known_words.issuperset(words):
                continue  # a word no known name has
            found = next((x for x, full, whole in known if (words == full if whole else _within(words, full))),
                         None)
            if found is not None and not in_cartel(start_char, end_char):
                found.mentions.append((start_char, end_char))
                covered.update(range(i, j))
                break

    # named only as a modifier ("the Trump administration"): not a person of the article
    entities = [x for x in entities if not all(_modifier(text, e) for _, e in x.mentions)]

    def spans(x: _Entity) -> tuple[Span, ...]:
        return tuple(Span(s, e, text[s:e]) for s, e in sorted(set(x.mentions)))

    agencies = _agency_countries(text) if any(x.title and x.country is None for x in entities) else {}
    place = ctx.article.dateline_place
    filed_in = place_country(ctx.article.text[place[0]:place[1]]) if place else None
    for x in entities:
        if x.title and x.country is None:
            x.country = office_country(agencies, x.title, filed_in)
    officials = tuple(Official(x.name, x.title, x.country, spans(x)) for x in entities if x.title)
    people = tuple(Person(x.name, x.role, spans(x), tuple(x.aliases)) for x in entities if not x.title)
    return {"officials": officials, "people": people}

