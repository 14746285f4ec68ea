"""Where a move goes from and to: the countries of a sentence's event verbs (subject, "from",
"to", "bound for") and the cities and sites named as where the people were taken."""

from __future__ import annotations

from spacy.tokens import Span, Token

from transfer_extract.extractors.events.index import ancestors, governing_verb, index_of
from transfer_extract.extractors.events.lexicon import (
    Rules,
    countries,
    country_name,
    country_phrase,
    name_key,
    rules,
    strip_the,
)

PLACE_PREPS = ("to", "in", "into", "at", "of", "including")


def np_country(tok: Token) -> str | None:
    """The country of the noun phrase headed by `tok` ("the United States", "Mexico's
    government", "American authorities")."""
    ent = index_of(tok.doc).ent_at.get(tok.i)
    if ent is not None and ent.label_ in ("GPE", "LOC", "NORP", "ORG"):
        found = country_name(ent.text)
        if found:
            return found
    phrase = tok.doc[tok.left_edge.i:tok.i + 1].text
    found = country_phrase(phrase) or country_name(tok.text)
    if found:
        return found
    for child in tok.children:
        if child.dep_ == "poss":
            found = np_country(child)
            if found:
                return found
    if tok.lemma_.lower() in rules().place_nouns:  # "the US city of Phoenix", "the Thai capital"
        for child in tok.children:
            if child.dep_ in ("compound", "amod") and child.i < tok.i:
                found = country_name(child.text) or countries().adjectives.get(name_key(child.text))
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i != tok.i:
                        found = (country_name(obj.text) if obj.lemma_.lower() in rules().place_nouns
                                 else np_country(obj)) or region_country(obj)
                        if found:
                            return found
    return None


def region_country(tok: Token) -> str | None:
    ent = index_of(tok.doc).ent_at.get(tok.i)
    text = ent.text if ent is not None else tok.text
    return countries().regions.get(name_key(text))


def home_country(obj: Token, sent: Span) -> str | None:
    """The country of "their home country", "their countries of origin": the nationality of
    the people the sentence names ("231 Venezuelan migrants"), when it names one only."""
    doc = obj.doc
    phrase = doc[obj.left_edge.i:min(obj.right_edge.i, obj.i + 3) + 1].text.lower()
    if not any(h in phrase for h in rules().home_nouns):
        return None
    found = {countries().adjectives.get(name_key(e.text)) or country_name(e.text)
             for e in index_of(doc).ents_in(sent) if e.label_ == "NORP"} - {None}
    return found.pop() if len(found) == 1 else None


def extradited_from_home(verb: Token) -> str | None:
    """The nationality of the people an extradition verb moves ("37 Mexican nationals were
    extradited"): a country extradites its own nationals more than anyone's, so with no "from"
    it is where they came from. Never for a deportation, which sends people home."""
    if rules().triggers.get(verb.lemma_.lower()) != "extradition":
        return None
    for moved in verb.children:
        if moved.dep_ not in ("nsubjpass", "dobj"):
            continue
        for mod in moved.children:
            if mod.dep_ in ("amod", "compound") and mod.i < moved.i:
                found = countries().adjectives.get(name_key(mod.text))
                if found:
                    return found
    return None


def vehicle_of(trigger: Token, r: Rules) -> Token | None:
    """The vehicle a move noun names ("a deportation flight", "an extradition plane")."""
    head = trigger.head
    if trigger.dep_ == "compound" and head.i != trigger.i and head.lemma_.lower() in r.transport_nouns:
        return head
    return None


def _vehicles(verb: Token, r: Rules) -> list[Token]:
    """The vehicles of a move word: the one a move noun names, or the subject of a verb that is
    one ("a deportation flight from the United States ... landed")."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
             and c.lemma_.lower() in r.transport_nouns]
    vehicle = vehicle_of(verb, r)
    return found + ([vehicle] if vehicle is not None else [])


def held_in(verb: Token) -> str | None:
    """The country where the people a move verb moves were held ("A Colombian man held in Spain
    was extradited", "a suspect who was arrested in Medellin"): a clause of holding on them,
    with "in" a country or a place of one."""
    custody = rules().custody_verbs
    for moved in verb.children:
        if moved.dep_ not in ("nsubjpass", "dobj"):
            continue
        for clause in moved.children:
            if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in custody:
                continue
            for prep in clause.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for obj in prep.children:
                        found = obj.dep_ == "pobj" and (np_country(obj) or region_country(obj))
                        if found:
                            return found
    return None


def tried_in(verb: Token) -> str | None:
    """The country a move takes people to face justice in ("sent 26 men to face justice in the
    United States", "extradited to stand trial in Spain", "3 suspects to face charges in Peru"):
    an infinitive of a trial verb on the move verb or on what it moves, with "in" (on it or on
    its object) a country or a place of one."""
    trial = rules().trial_verbs
    clauses = [c for c in verb.children if c.dep_ in ("advcl", "xcomp")] + [
        c for moved in verb.children if moved.dep_ in ("dobj", "nsubjpass")
        for c in moved.children if c.dep_ in ("acl", "relcl")]
    for clause in clauses:
        if clause.lemma_.lower() not in trial or not any(
                c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in clause.children):
            continue
        holders = [clause] + [c for c in clause.children if c.dep_ == "dobj"]
        for prep in (p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "in"):
            for obj in prep.children:
                found = obj.dep_ == "pobj" and (np_country(obj) or region_country(obj))
                if found:
                    return found
    return None


def directions(sent: Span, verbs: list[Token]) -> tuple[list[str], list[str]]:
    origins: list[str] = []
    destinations: list[str] = []
    r = rules()
    for verb in verbs:
        receiving = verb.lemma_.lower() in r.receiving_verbs
        for child in verb.children:
            if child.dep_ == "nsubj" or (child.dep_ == "compound" and verb.pos_ != "VERB"):
                found = np_country(child)
                if found:
                    (destinations if receiving and child.dep_ == "nsubj" else origins).append(found)
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = np_country(obj) or region_country(obj)
                        if found:
                            origins.append(found)
        # "a deportation flight from the United States (carrying ...) landed in Guatemala City"
        for vehicle in _vehicles(verb, r):
            for prep in vehicle.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "to"):
                    for obj in prep.children:
                        found = obj.dep_ == "pobj" and (np_country(obj) or region_country(obj))
                        if found:
                            (origins if prep.lower_ == "from" else destinations).append(found)
        # "sent 26 prisoners to the United States": the parser makes "to" a prep or, after a
        # verb of giving, a dative; it may also hang it on the object
        preps = [c for c in verb.children if c.dep_ in ("prep", "dative")] + [
            g for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for g in c.children
            if g.dep_ in ("prep", "dative")]
        for prep in preps:
            # a city under "to" is where they were taken, under "in" only after a verb of
            # arriving ("landed in Amritsar"), not "arrested in Sinaloa"
            arriving = verb.lemma_.lower() in r.arrival_verbs
            city = prep.lower_ == "to" or (prep.lower_ == "in" and arriving)
            if prep.lower_ in ("to", "into", "in", "onto", "on") or (prep.lower_ == "at" and arriving):
                # "landed at the airport in Amritsar": the place of the site
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if arriving:
                    objs += [o for site in objs for p in site.children if p.dep_ == "prep"
                             and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
                for obj in objs:
                    if obj.dep_ == "pobj":
                        found = np_country(obj) or (region_country(obj) if city or arriving else None) or (
                            home_country(obj, sent) if prep.lower_ == "to" else None)
                        if found:
                            destinations.append(found)
    if not destinations:  # "sent 26 men to face justice in the United States"
        destinations.extend(c for c in (tried_in(verb) for verb in verbs) if c)
    if not origins:  # "A Colombian man held in Spain was extradited": where they were held
        origins.extend(c for c in (held_in(verb) for verb in verbs) if c and c not in destinations)
    if not origins:  # "37 Mexican nationals were extradited to the United States"
        origins.extend(c for c in (extradited_from_home(verb) for verb in verbs)
                       if c and c not in destinations)
    lowers = index_of(sent.doc).lowers
    for i in range(sent.start, sent.end):  # "planes bound for the United States"
        if lowers[i] == "bound":
            for prep in sent.doc[i].children:
                if prep.lower_ == "for":
                    destinations.extend(
                        c for o in prep.children if o.dep_ == "pobj" and (c := np_country(o)))
    return origins, destinations


def places_of(sent: Span, verbs: list[Token]) -> list[str]:
    """Cities and sites named as where the people were taken: GPEs that are not countries,
    under "to"/"in" of an event verb, and the lists they head ("Washington, Houston and …")."""
    c = countries()
    places: list[str] = []
    verb_ids = {v.i for v in verbs}
    for ent in index_of(sent.doc).ents_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        name = strip_the(ent.text)
        listed = ent.root.dep_ == "conj" or any(ch.dep_ == "conj" for ch in ent.root.children)
        if name_key(name) in c.names and not (name_key(name) in c.metonyms and listed):
            continue
        prep = next((a for a in ancestors(ent.root) if a.dep_ == "prep"), None)
        verb = governing_verb(ent.root)
        if prep is None or prep.lower_ not in PLACE_PREPS or verb is None or verb.i not in verb_ids:
            continue
        if name in places:
            continue
        places.append(name)
    return places


