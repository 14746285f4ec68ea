"""Transfer events: the transfers, extraditions and deportations an article reports.

An article reports an event when one of its lead sentences (the first three) has a trigger word
(data/events.json), a count of people or a person moved, and a country. Then every sentence with
a trigger, a supporting verb ("landed", "delivered") or a numbered wave ("the first group") is
read for counts, dates, ordinals, countries, places and cartels, and sorted into waves: the main
one (the count of the lead) and earlier waves the article recalls ("29 in February and 26 in
August"), each kept only when the text dates or numbers it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from transfer_extract.article import Article
from transfer_extract.boilerplate import dateline
from transfer_extract.data import alternation, load_json
from transfer_extract.extractors import Context, doc_text
from transfer_extract.record import CountFact, DateFact, Event
from transfer_extract.record import Span as TextSpan

LEAD_SENTENCES = 3  # body sentences; lines before them (headline, dateline, kicker) come along
LEAD_MAX_LINES = 8  # ... but no more than this many sentences and lines in all
_PLACE_PREPS = ("to", "in", "into", "at", "of", "including")


@cache
def _specific_date() -> re.Pattern[str]:
    """A date text that names a day or month itself: a digit, a weekday, or a month (by the
    first three letters of its name), from data/dates.json."""
    data = load_json("dates.json")
    words = {m[:3] for m in data["months"]} | set(data["weekdays"])
    return re.compile(rf"\d|{alternation(words)}", re.IGNORECASE)


# ---------------------------------------------------------------- rules and countries


@dataclass(frozen=True)
class Rules:
    triggers: dict[str, str]
    transport_verbs: frozenset[str]
    transport_nouns: frozenset[str]
    support_verbs: frozenset[str]
    support_idiom_objects: frozenset[str]
    announce_verbs: frozenset[str]
    people_nouns: frozenset[str]
    wave_nouns: frozenset[str]
    exclude_words: frozenset[str]
    contrast_words: frozenset[str]
    membership_words: frozenset[str]
    more_words: frozenset[str]
    future_modals: frozenset[str]
    approximate_before: re.Pattern[str]
    approximate_numbers: frozenset[str]
    conditions: tuple[tuple[re.Pattern[str], str], ...]
    # derived: the words a token must have (as lemma or form) to trigger, support or transport,
    # and those that tell a sentence is about people moved
    event_words: frozenset[str]
    peopled_words: frozenset[str]


@cache
def rules() -> Rules:
    data = load_json("events.json")
    triggers: dict[str, str] = {}
    for kind, words in data["triggers"].items():
        for w in words:
            triggers.setdefault(w, kind)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data[key])

    transport_verbs, support_verbs = words("transport_verbs"), words("support_verbs")
    return Rules(
        triggers=triggers,
        transport_verbs=transport_verbs,
        transport_nouns=words("transport_nouns"),
        support_verbs=support_verbs,
        support_idiom_objects=words("support_idiom_objects"),
        announce_verbs=words("announce_verbs"),
        people_nouns=words("people_nouns"),
        wave_nouns=words("wave_nouns"),
        exclude_words=words("exclude_words"),
        contrast_words=words("contrast_words"),
        membership_words=words("membership_words"),
        more_words=words("more_words"),
        future_modals=words("future_modals"),
        approximate_before=re.compile(data["approximate_before"], re.IGNORECASE),
        approximate_numbers=words("approximate_numbers"),
        conditions=tuple((re.compile(c["pattern"], re.IGNORECASE), c["label"])
                         for c in data["conditions"]),
        event_words=frozenset(triggers) | transport_verbs | support_verbs,
        peopled_words=words("people_nouns") | words("transport_nouns") | {"they", "them"},
    )


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
            names[_key(n)] = country
        for m in forms.get("metonyms", []):
            names[_key(m)] = country
            metonyms.add(_key(m))
        for a in forms.get("adjectives", []):
            adjectives[_key(a)] = country
        for r in forms.get("regions", []):
            regions[_key(r)] = country
    return Countries(names, frozenset(metonyms), adjectives, regions,
                     frozenset(data["authority_nouns"]))


def _strip_the(text: str) -> str:
    """A place name without a leading "the" or a possessive ("El Salvador's" -> "El Salvador")."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).rstrip(".,")
    return re.sub(r"['’]s$", "", text)


def _key(text: str) -> str:
    """Lookup form of a name: no leading "the", lower case, no dots ("the U.S." -> "us")."""
    return _strip_the(text).lower().replace(".", "")


def country_name(text: str) -> str | None:
    """The country a name, abbreviation or capital-as-metonym stands for ("the U.S." ->
    "United States", "Washington" -> "United States"); None for anything else."""
    return countries().names.get(_key(text))


def country_phrase(text: str) -> str | None:
    """The country of a noun phrase that names one: a country name, or an adjective before an
    authority noun ("American soil", "U.S. federal agents", "Mexican authorities")."""
    found = country_name(text)
    if found:
        return found
    c = countries()
    words = _strip_the(text).split()
    if len(words) >= 2 and words[-1].lower() in c.authority_nouns:
        found = country_name(" ".join(words[:-1]))
        for w in words[:-1]:
            found = found or c.adjectives.get(_key(w)) or country_name(w)
        return found
    return None


# ---------------------------------------------------------------- what the rules look up


@dataclass(frozen=True)
class _DocIndex:
    """What the rules look up in a doc again and again, read once per doc: the lower-case
    lemma and the lower form of every token, the entities (spaCy builds `doc.ents` anew on every
    access) and the text."""

    lemmas: list[str]
    lowers: list[str]
    ents: tuple[Span, ...]
    ent_at: dict[int, Span]  # token index -> the entity that holds it
    text: str

    @classmethod
    def build(cls, doc: Doc) -> _DocIndex:
        strings = doc.vocab.strings
        hashes = doc.to_array([LEMMA, LOWER]).reshape(len(doc), 2).tolist()
        lemma_of = {h: strings[h].lower() for h in {lemma for lemma, _ in hashes}}
        ents = tuple(doc.ents)
        return cls(lemmas=[lemma_of[lemma] for lemma, _ in hashes],
                   lowers=[strings[lower] for _, lower in hashes],
                   ents=ents,
                   ent_at={i: e for e in ents for i in range(e.start, e.end)},
                   text=doc_text(doc))

    def lemmas_in(self, span: Span) -> set[str]:
        return set(self.lemmas[span.start:span.end])

    def words_in(self, span: Span) -> set[str]:
        """The lemmas and lower forms of the tokens of `span`."""
        return self.lemmas_in(span) | set(self.lowers[span.start:span.end])

    def ents_in(self, span: Span) -> list[Span]:
        """`span.ents`: the entities that lie wholly within `span`."""
        found = []
        for ent in self.ents:
            if ent.start >= span.start:
                if ent.end > span.end:
                    break
                found.append(ent)
        return found

    def text_of(self, span: Span) -> str:
        """`span.text`."""
        return self.text[span.start_char:span.end_char]


_INDEX_KEY = "transfer_extract.events.index"


def _index(doc: Doc) -> _DocIndex:
    """The index of `doc`, built by `extract` for the run (in `doc.user_data`)."""
    ix = doc.user_data.get(_INDEX_KEY)
    if ix is None:
        ix = doc.user_data[_INDEX_KEY] = _DocIndex.build(doc)
    return ix  # type: ignore[no-any-return]


# ---------------------------------------------------------------- facts mapped onto the doc


def _on_doc(doc: Doc, article: Article, facts: tuple[Any, ...]) -> list[tuple[Span, Any]]:
    found = []
    for fact in facts:
        span = doc.char_span(article.to_clean(fact.start), article.to_clean(fact.end),
                             alignment_mode="expand")
        if span is not None and len(span):
            found.append((span, fact))
    return found


# ---------------------------------------------------------------- one sentence


@dataclass
class _Sentence:
    span: Span
    kinds: list[str] = field(default_factory=list)
    people: list[tuple[int, int, bool]] = field(default_factory=list)  # value, token, approx
    moved: set[int] = field(default_factory=set)  # counts that are what an event verb moves
    totals: list[int] = field(default_factory=list)
    # fact, token, governed by an event verb, governed by a verb of saying
    dates: list[tuple[DateFact, int, bool, bool]] = field(default_factory=list)
    since_dates: list[tuple[DateFact, int, bool, bool]] = field(default_factory=list)  # "since May"
    ordinals: list[tuple[int, int]] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    destinations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    person_moved: bool = False
    group_moved: bool = False  # people moved without a number ("dozens of cartel members")
    strict: bool = False  # a trigger, people and a country: this sentence alone reports an event


def _excluded(tok: Token, r: Rules) -> bool:
    """Whether an exclusion word or a currency sign is near `tok`: among the three tokens on
    either side, its children and its head; not one that describes a person of the people
    nouns ("a money launderer")."""
    ix = _index(tok.doc)
    near = [*range(max(tok.i - 3, 0), min(tok.i + 4, len(tok.doc))),
            *(c.i for c in tok.children), tok.head.i]
    return any((ix.lemmas[i] in r.exclude_words or ix.lowers[i] in r.exclude_words
                or ix.lowers[i] in ("$", "€")) and not _describes_person(tok.doc[i], r) for i in near)


def _describes_person(tok: Token, r: Rules) -> bool:
    return tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in r.people_nouns


def _trigger_kind(tok: Token, sent: Span, r: Rules) -> str | None:
    ix = _index(tok.doc)
    lemma, lower = ix.lemmas[tok.i], ix.lowers[tok.i]
    kind = r.triggers.get(lemma) or r.triggers.get(lower)
    if kind is None and lemma in r.transport_verbs and not (
            _index(sent.doc).lemmas_in(sent).isdisjoint(r.transport_nouns)):
        kind = "transfer"
    if kind is None or _excluded(tok, r):
        return None
    before = tok.doc[max(tok.i - 3, sent.start):tok.i]
    if any(t.lemma_.lower() in r.contrast_words or t.lower_ in r.contrast_words for t in before):
        return None
    return kind


def _support(tok: Token, r: Rules) -> bool:
    """A verb that carries the move without naming it ("landed", "were taken to"), but not
    an idiom ("took place", "take action")."""
    return tok.lemma_.lower() in r.support_verbs and not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in r.support_idiom_objects
        for c in tok.children)


def _event_verb(tok: Token, sent: Span, r: Rules) -> bool:
    lemma = tok.lemma_.lower()
    return (_trigger_kind(tok, sent, r) is not None or _support(tok, r)
            or lemma in r.transport_verbs)


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above `tok`, passing over verbs used as prepositions ("including")."""
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ != "prep":
            return anc
    return None


def _hypothetical(tok: Token, r: Rules) -> bool:
    """Whether `tok` belongs to a clause about what could or will happen ("a third group
    could follow"), which is no wave that happened."""
    verb = _governing_verb(tok)
    return verb is not None and any(
        c.dep_ == "aux" and c.lower_ in r.future_modals for c in verb.children)


def _moved(tok: Token, sent: Span, r: Rules) -> bool:
    """Whether the count at `tok` is what a move moves: under an event verb ("flew 238 men",
    "twenty-six more inmates were flown"), with one of its own ("the 26 handed in August"),
    describing a wave ("The first group, 29 prisoners, left"; "a second group of 26"; "29
    people were part of the first group that were extradited"); not the subject of something
    else they did ("14 of those sent ... have pleaded not guilty")."""
    verb = _governing_verb(tok)
    if verb is not None and _event_verb(verb, sent, r):
        return True
    noun = tok.head if tok.dep_ == "nummod" else tok
    if any(c.dep_ in ("acl", "relcl") and _event_verb(c, sent, r) for c in noun.children):
        return True
    for anc in tok.ancestors:
        if verb is not None and anc.i == verb.i:
            break
        if anc.lemma_.lower() in r.wave_nouns:
            return True
    if verb is not None and verb.lemma_.lower() == "be":
        return any(t.lemma_.lower() in r.wave_nouns or _event_verb(t, sent, r)
                   for c in verb.children if c.dep_ in ("attr", "acomp") for t in c.subtree)
    return False


def _describes_thing(span: Span, r: Rules) -> bool:
    """Whether a date modifies a noun other than a move ("a 1798 wartime law", "the 1985
    killing"): it dates that thing, not a transfer ("the Feb. 27 transfer", "Tuesday's flights"
    keep theirs)."""
    root = span.root
    head = root.head
    if root.dep_ not in ("nummod", "amod", "compound", "poss") or span.start <= head.i < span.end:
        return False
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = head.lemma_.lower()
    return not (lemma in r.wave_nouns or lemma in r.transport_nouns or lemma in r.triggers
                or head.lower_ in r.triggers)


def _people_count(span: Span, fact: CountFact, triggers: list[Token], r: Rules) -> bool:
    if fact.kind == "ordinal":
        return False
    counted = (fact.counted or "").lower().split()
    if counted:
        head = counted[-1]
        return head in r.people_nouns or head.rstrip("s") in r.people_nouns
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if prev in r.more_words or nxt in r.more_words:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (
            root.head.head.lemma_.lower() in r.wave_nouns):
        return True  # "a second group of 26"
    return any(abs(t.i - span.root.i) <= 3 for t in triggers) and span.root.dep_ in (
        "dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos")


def _one_person(tok: Token, r: Rules) -> bool:
    """Whether the object of a move is one person: "him", a name, "alleged drug lord X"."""
    if tok.lower_ in ("him", "her"):
        return True
    if tok.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" for c in tok.children):
        return False
    return tok.lemma_.lower() in r.people_nouns or any(t.ent_type_ == "PERSON" for t in tok.subtree)


def _uncounted_group(tok: Token, r: Rules) -> bool:
    """Whether the object of a move is people without a number: "alleged gang members",
    "dozens of cartel members", "a third planeload of Venezuelan men"."""
    heads = [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]
    return any(h.tag_ in ("NNS", "NNPS") and h.lemma_.lower() in r.people_nouns
               and not any(c.dep_ == "nummod" for c in h.children) for h in heads)


def _np_country(tok: Token) -> str | None:
    """The country of the noun phrase headed by `tok` ("the United States", "Mexico's
    government", "American authorities")."""
    ent = _index(tok.doc).ent_at.get(tok.i)
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
            found = _np_country(child)
            if found:
                return found
    return None


def _region_country(tok: Token) -> str | None:
    ent = _index(tok.doc).ent_at.get(tok.i)
    text = ent.text if ent is not None else tok.text
    return countries().regions.get(_key(text))


def _directions(sent: Span, verbs: list[Token]) -> tuple[list[str], list[str]]:
    origins: list[str] = []
    destinations: list[str] = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "nsubj" or (child.dep_ == "compound" and verb.pos_ != "VERB"):
                found = _np_country(child)
                if found:
                    origins.append(found)
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = _np_country(obj) or _region_country(obj)
                        if found:
                            origins.append(found)
        # "sent 26 prisoners to the United States": the parser makes "to" a prep or, after a
        # verb of giving, a dative; it may also hang it on the object
        preps = [c for c in verb.children if c.dep_ in ("prep", "dative")] + [
            g for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for g in c.children
            if g.dep_ in ("prep", "dative")]
        for prep in preps:
            if prep.lower_ in ("to", "into", "in", "onto", "on"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = _np_country(obj) or (
                            _region_country(obj) if prep.lower_ == "to" else None)
                        if found:
                            destinations.append(found)
    lowers = _index(sent.doc).lowers
    for i in range(sent.start, sent.end):  # "planes bound for the United States"
        if lowers[i] == "bound":
            for prep in sent.doc[i].children:
                if prep.lower_ == "for":
                    destinations.extend(
                        c for o in prep.children if o.dep_ == "pobj" and (c := _np_country(o)))
    return origins, destinations


def _places(sent: Span, verbs: list[Token]) -> list[str]:
    """Cities and sites named as where the people were taken: GPEs that are not countries,
    under "to"/"in" of an event verb, and the lists they head ("Washington, Houston and …")."""
    c = countries()
    places: list[str] = []
    verb_ids = {v.i for v in verbs}
    for ent in _index(sent.doc).ents_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        name = _strip_the(ent.text)
        listed = ent.root.dep_ == "conj" or any(ch.dep_ == "conj" for ch in ent.root.children)
        if _key(name) in c.names and not (_key(name) in c.metonyms and listed):
            continue
        prep = next((a for a in ent.root.ancestors if a.dep_ == "prep"), None)
        verb = _governing_verb(ent.root)
        if prep is None or prep.lower_ not in _PLACE_PREPS or verb is None or verb.i not in verb_ids:
            continue
        if name in places:
            continue
        places.append(name)
    return places


def _read_sentence(sent: Span, doc_facts: dict[str, list[tuple[Span, Any]]],
                   r: Rules) -> _Sentence | None:
    ix = _index(sent.doc)
    words = ix.words_in(sent)
    # only a token with an event word as its lemma or form can trigger, support or transport
    candidates = [] if words.isdisjoint(r.event_words) else [
        sent.doc[i] for i in range(sent.start, sent.end)
        if ix.lemmas[i] in r.event_words or ix.lowers[i] in r.event_words]
    triggers = [(t, k) for t in candidates if (k := _trigger_kind(t, sent, r))]
    support = [t for t in candidates if _support(t, r)]
    peopled = not words.isdisjoint(r.peopled_words)
    ordinals = [(int(f.value), s.root.i) for s, f in doc_facts["counts"]
                if f.kind == "ordinal" and sent.start <= s.start < sent.end
                and (s.root.head.lemma_.lower() in r.wave_nouns
                     or s.root.head.head.lemma_.lower() in r.wave_nouns)
                and not _hypothetical(s.root, r)]
    if not triggers and not ((support and peopled) or ordinals):
        return None
    out = _Sentence(sent, kinds=[k for _, k in triggers], ordinals=ordinals)
    verbs = [t for t, _ in triggers] + support + [
        t for t in candidates if ix.lemmas[t.i] in r.transport_verbs]
    trigger_tokens = [t for t, _ in triggers]
    for span, fact in doc_facts["counts"]:
        if not sent.start <= span.start < sent.end or fact.kind == "ordinal":
            continue
        if fact.kind == "total":  # running totals are the counts extractor's call
            out.totals.append(int(fact.value))
        elif _people_count(span, fact, trigger_tokens, r) and fact.value == int(fact.value):
            before = ix.text[sent.start_char:span.start_char]
            approx = bool(r.approximate_before.search(before)) or any(
                t.lower_ in r.approximate_numbers for t in span)
            out.people.append((int(fact.value), span.root.i, approx))
            if _moved(span.root, sent, r):
                out.moved.add(int(fact.value))
    for span, fact in doc_facts["dates"]:
        if sent.start <= span.start < sent.end and fact.value:
            if _describes_thing(span, r):
                continue  # "a 1798 wartime law", "the 1985 killing": no date of a move
            verb = _governing_verb(span.root)
            prev = span.doc[max(span.start - 2, 0):span.start]
            announced = (verb is not None and verb.lemma_.lower() in r.announce_verbs) or any(
                t.lemma_.lower() in r.announce_verbs for t in prev)
            # "flew ... on Tuesday", "planes bound for X on Tuesday" (the verb one above)
            upper = _governing_verb(verb) if verb is not None else None
            at_event = not announced and any(
                v is not None and _event_verb(v, sent, r) for v in (verb, upper))
            since = span.start > 0 and span.doc[span.start - 1].lower_ == "since"
            (out.since_dates if since else out.dates).append(
                (fact, span.root.i, at_event and not since, announced))
    for t in trigger_tokens:
        objects = [ch for ch in t.children if ch.dep_ in ("dobj", "nsubjpass")]
        if any(_one_person(ch, r) for ch in objects):
            out.person_moved = True
        if any(_uncounted_group(ch, r) for ch in objects):
            out.group_moved = True
    out.origins, out.destinations = _directions(sent, verbs)
    out.places = _places(sent, verbs)
    has_country = bool(out.origins or out.destinations) or any(
        country_name(e.text) for e in ix.ents_in(sent) if e.label_ == "GPE")
    out.strict = bool(triggers) and bool(out.people or out.person_moved or out.group_moved) \
        and has_country
    return out


# ---------------------------------------------------------------- waves


@dataclass
class _Wave:
    count: int | None
    sentences: list[_Sentence] = field(default_factory=list)
    dates: list[tuple[DateFact, bool, bool]] = field(default_factory=list)
    ordinals: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    moved: bool = False  # its count is what an event verb moves in some sentence

    def add(self, s: _Sentence) -> None:
        if s not in self.sentences:
            self.sentences.append(s)


def _month(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 else None


_SEGMENT_BREAKS = frozenset({",", ";", "and", "but", "while", "whereas"})
_CLAUSE_GOES_ON = frozenset({"when", "where", "which", "who", "whom"})  # "since May, when 29 ..."


def _nearest(tok: int, counts: list[tuple[int, int, bool]], doc: Doc) -> int:
    """The count a date or ordinal at token `tok` goes with: the nearest one in its own stretch
    of the sentence between commas and "and" ("29 prisoners in February and 26 in August"),
    else the nearest one."""
    lowers = _index(doc).lowers

    def apart(c: tuple[int, int, bool]) -> bool:
        a, b = sorted((tok, c[1]))
        return any(lowers[i] in _SEGMENT_BREAKS and lowers[i + 1] not in _CLAUSE_GOES_ON
                   for i in range(a + 1, b))

    same = [c for c in counts if not apart(c)]
    return min(same or counts, key=lambda c: abs(c[1] - tok))[0]


def _waves(sents: list[_Sentence], main_count: int | None, aliases: set[int],
           lead: list[_Sentence]) -> tuple[_Wave, list[_Wave]]:
    """The main wave and the others, by count; `aliases` are other figures of the main one (a
    headline's "more than 200" for the 238 of the body). A sentence without a count joins the
    wave of its month, or else the main one (a `lead` sentence always the main one), unless its
    move is dated on another day than the main one's."""
    main = _Wave(main_count)
    others: dict[int, _Wave] = {}
    uncounted: list[_Sentence] = []
    for s in sents:
        counts = [(main_count if c[0] in aliases else c[0], *c[1:]) for c in s.people
                  if c[0] not in s.totals]
        if not counts:
            uncounted.append(s)
            continue
        waves = {v: main if v == main_count else others.setdefault(v, _Wave(v)) for v, _, _ in counts}
        for w in waves.values():
            w.add(s)
        for v in s.moved:
            if v in waves:
                waves[v].moved = True
        for fact, tok, at_event, announced in s.dates + s.since_dates:
            waves[_nearest(tok, counts, s.span.doc)].dates.append((fact, at_event, announced))
        for value, tok in s.ordinals:
            waves[_nearest(tok, counts, s.span.doc)].ordinals.append(value)
        target = main if main_count in waves or len(waves) > 1 else next(iter(waves.values()))
        target.totals.extend(s.totals)
    by_month = {_month(f.value): w for w in others.values() for f, *_ in w.dates
                if _month(f.value)}
    main_days = [f.value for f, at_event, _ in main.dates if at_event and f.value]
    for s in uncounted:
        months = {_month(f.value) for f, *_ in s.dates} - {None}
        target = main if s in lead else next((by_month[m] for m in months if m in by_month), main)
        own_days = [f.value for f, _, at_event, _ in s.dates if at_event and f.value]
        if target is main and main_days and own_days and not any(
                _compatible(a, b) for a in own_days for b in main_days):
            continue  # another move on another day ("El Mayo was flown to Texas in July")
        target.add(s)
        target.totals.extend(s.totals)
        for fact, _, at_event, announced in s.dates:
            target.dates.append((fact, at_event, announced))
        target.ordinals.extend(v for v, _ in s.ordinals)
    return main, list(others.values())


def _compatible(a: str, b: str) -> bool:
    """Whether two date values can name the same day ("2025-02" and "2025-02-27")."""
    return a.startswith(b) or b.startswith(a)


_GRANULARITY = {"day": 0, "month": 1, "year": 2}


def _best_date(dates: list[tuple[DateFact, bool, bool]], published: date | None,
               main: bool) -> str | None:
    """The date of the move itself: for the main event only a date governed by an event verb
    ("flew ... on Tuesday", not "said Wednesday"); for a recalled wave any date not of saying,
    one governed by its move verb first ("On Feb. 27, Mexico put 29 prisoners on planes" over
    "The first wave, in late February"). Among those the most specific (day, month, year)."""
    usable = [(f, at_event) for f, at_event, announced in dates
              if (at_event if main else not announced) and f.value
              and (published is None or f.value <= published.isoformat())]
    usable.sort(key=lambda d: (not d[1], _GRANULARITY.get(d[0].granularity or "", 3),
                               not _specific_date().search(d[0].text), d[0].start))
    return usable[0][0].value if usable else None


def _lead_day(lead: list[_Sentence], published: date | None) -> str | None:
    """The one day the lead sentences name, not as the day something was said: the main event's
    date when none hangs on its move verb, or only a coarser one ("this year"); the parser may
    hang "on Tuesday" on a clause in between ("men it accuses of belonging to the gang to El
    Salvador on Tuesday")."""
    days = {f.value for s in lead for f, _, _, announced in s.dates
            if not announced and f.granularity == "day" and f.value
            and (published is None or f.value <= published.isoformat())}
    return days.pop() if len(days) == 1 else None


def _vote(values: list[str]) -> str | None:
    if not values:
        return None
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def _build(wave: _Wave, sents: list[_Sentence], doc: Doc, ctx: Context,
           fallback: Event | None, conditions: tuple[str, ...], all_sents: list[Span]) -> Event:
    article = ctx.article
    members = list(wave.sentences)
    rule = rules()
    ix = _index(doc)
    # a following sentence naming who was in the group ("Among them were ...") belongs to it
    for s in list(members):
        nxt = next((n for n in all_sents if n.start >= s.span.end), None)
        if nxt is not None and not ix.words_in(nxt).isdisjoint(rule.membership_words):
            taken = [m.span.start for m in members] + [
                m.span.start for m in sents if m not in members]
            if nxt.start not in taken:
                members.append(_Sentence(nxt))
    members.sort(key=lambda m: m.span.start)
    spans = [m.span for m in members]
    kinds = [k for m in members for k in m.kinds]
    origin = _vote([o for m in members for o in m.origins])
    destination = _vote([d for m in members for d in m.destinations if d != origin])
    if origin is None and destination is not None:
        # the other country the sentences name; a nationality of the people moved does not count
        named = [country_name(e.text) if e.label_ == "GPE" else countries().adjectives.get(_key(e.text))
                 for m in members for e in ix.ents_in(m.span)
                 if e.label_ == "GPE" or (e.label_ == "NORP" and e.root.dep_ in ("amod", "compound")
                                          and e.root.head.lemma_.lower() not in rule.people_nouns)]
        origin = _vote([c for c in named if c and c != destination])
    if fallback is not None:
        origin = origin or fallback.origin
        destination = destination or fallback.destination
    cartels = []
    for cartel in ctx.found.get("cartels", ()):
        for mention in cartel.mentions:
            start = article.to_clean(mention.start)
            if any(sp.start_char <= start < sp.end_char for sp in spans):
                cartels.append(cartel.name)
                break
    # a city of the origin country is where they left from, not where they were taken
    places = list(dict.fromkeys(
        p for m in members for p in m.places
        if origin is None or origin not in (countries().regions.get(_key(p)), country_name(p))))
    totals = Counter(t for t in wave.totals if wave.count is None or t > wave.count)
    evidence = []
    for sp in spans:
        text = ix.text_of(sp)
        lead = len(text) - len(text.lstrip())
        evidence.append(article.span(sp.start_char + lead, sp.start_char + len(text.rstrip())))
    return Event(
        kind=kinds[0] if kinds else (fallback.kind if fallback else "transfer"),  # type: ignore[arg-type]
        count=wave.count,
        origin=origin,
        destination=destination,
        date=_best_date(wave.dates, article.published, fallback is None),
        cumulative_total=max(totals, key=lambda t: (totals[t], t)) if totals else None,
        # the main event is the latest one reported: an ordinal of an earlier wave is lower
        sequence=(max if fallback is None else min)(wave.ordinals) if wave.ordinals else None,
        places=tuple(places),
        organizations=tuple(dict.fromkeys(cartels)),
        conditions=conditions,
        evidence=tuple(TextSpan(e.start, e.end, e.text) for e in evidence),
    )


def _is_line(sent: Span) -> bool:
    """A headline or other line of its own that ends without a full stop (a line break ends
    a sentence, so a body sentence ends with its punctuation)."""
    return not _index(sent.doc).text_of(sent).rstrip().endswith((".", "!", "?", '"', "'", "\u201d"))


def _lead_length(sents: list[Span]) -> int:
    """How many of `sents` make the lead: up to the LEAD_SENTENCES-th body sentence, so that a
    headline, a kicker or a stray menu line left above the story does not push it out."""
    body = 0
    for n, sent in enumerate(sents[:LEAD_MAX_LINES], 1):
        body += not _is_line(sent)
        if body == LEAD_SENTENCES:
            return n
    return min(len(sents), LEAD_MAX_LINES)


def _same_event(a: _Sentence, b: _Sentence) -> bool:
    """Whether two lead sentences can report the same move: no country named differently."""
    return not (set(a.origins) and set(b.origins) and not set(a.origins) & set(b.origins)) and not (
        set(a.destinations) and set(b.destinations)
        and not set(a.destinations) & set(b.destinations))


def _main_count(lead: list[_Sentence]) -> tuple[int | None, set[int]]:
    """The count of the main event from the lead sentences that report it alone, and the
    other figures given for it: the first sentence's count unless it is a headline or
    approximate ("more than 200") and a body sentence of the same move gives an exact one
    ("flew 238 ..."); 1 for one person moved, None for people moved without a number."""
    first = lead[0]
    if not first.people:
        return (1 if first.person_moved or not first.group_moved else None), set()
    exact = [c for c in first.people if not c[2]]
    if exact and not _is_line(first.span):
        return exact[0][0], set()
    for s in lead[1:]:
        if _is_line(s.span) or not _same_event(first, s):
            continue
        body = [c for c in s.people if not c[2]]
        if body and (exact or all(_close(body[0][0], c[0]) for c in first.people)):
            return body[0][0], {c[0] for c in first.people} - {body[0][0]}
    return (exact or first.people)[0][0], set()


def _close(exact: int, approximate: int) -> bool:
    """Whether an exact count can be what an approximate one rounds ("238" for "more than
    200" or "about 240"): within half to twice the figure."""
    return approximate / 2 <= exact <= approximate * 2


def _sentences(doc: Doc) -> list[Span]:
    """The sentences of `doc` that hold text (a line break starts one: pipeline.py)."""
    ix = _index(doc)
    return [s for s in doc.sents if ix.text_of(s).strip()]


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    r = rules()
    doc.user_data[_INDEX_KEY] = ix = _DocIndex.build(doc)
    filed = dateline(ctx.article.text) or (0, 0)  # the day the story was filed dates no move
    dates = tuple(f for f in ctx.found.get("dates", ()) if not filed[0] <= f.start < filed[1])
    facts = {"counts": _on_doc(doc, ctx.article, ctx.found.get("counts", ())),
             "dates": _on_doc(doc, ctx.article, dates)}
    all_sents = _sentences(doc)
    # a lead sentence reports an event alone only with a trigger, so it is read as any other
    n_lead = _lead_length(all_sents)
    first = [_read_sentence(s, facts, r) for s in all_sents[:n_lead]]
    lead = [x for x in first if x and x.strict]
    if not lead:
        return {"events": ()}
    main_count, aliases = _main_count(lead)
    sents = [x for x in first if x] + [
        x for s in all_sents[n_lead:] if (x := _read_sentence(s, facts, r))]
    main, others = _waves(sents, main_count, aliases, lead)
    texts = [ix.text_of(s) for s in all_sents]
    conditions = tuple(dict.fromkeys(
        label for text in texts for pattern, label in r.conditions if pattern.search(text)))
    main_event = _build(main, sents, doc, ctx, None, conditions, all_sents)
    day = _lead_day(lead, ctx.article.published)
    if day is not None and (main_event.date is None or (
            day.startswith(main_event.date) and len(day) > len(main_event.date))):
        main_event = replace(main_event, date=day)  # a day within "this year" says more
    events = [main_event]
    recalled = []
    for wave in others:
        event = _build(wave, sents, doc, ctx, main_event, (), all_sents)
        if event.count == main_event.cumulative_total:
            continue
        dated = event.date is not None and (main_event.date is None or event.date < main_event.date)
        numbered = event.sequence is not None and (
            main_event.sequence is None or event.sequence < main_event.sequence)
        if wave.moved and (dated or numbered):
            recalled.append(event)
    if all(e.date for e in recalled):
        recalled.sort(key=lambda e: e.date or "")
    else:
        recalled.sort(key=lambda e: (99 if e.sequence is None else e.sequence, e.date or "9999"))
    return {"events": (*events, *recalled)}
