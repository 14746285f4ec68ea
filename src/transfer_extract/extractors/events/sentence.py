"""Reading one sentence's move: its trigger words and kinds, the people moved (a count, one
person or a group), the dates and ordinals it gives, and the countries and places."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Span, Token

from transfer_extract.extractors.events.geography import directions, places_of, vehicle_of
from transfer_extract.extractors.events.happened import hypothetical, not_done
from transfer_extract.extractors.events.index import (
    OnDoc,
    ancestors,
    background_mark,
    governing_verb,
    index_of,
)
from transfer_extract.extractors.events.lexicon import Rules, country_name
from transfer_extract.record import CountFact, DateFact

SUBTREE_MAX = 40  # tokens of a subtree looked at: a phrase, not a whole sentence without end
PHRASE_MAX = 15  # tokens after a count looked at for the people it counts
HEDGE_CHARS = 40  # characters before a count looked at for a hedge ("more than", "about")
PHRASE_MODIFIERS = 5  # tokens between an ordinal and its noun looked at for a wave noun

@dataclass(frozen=True)
class PeopleCount:
    """A count of people in a sentence: its value, its token, and whether it is hedged."""

    value: int
    token: int
    approx: bool


@dataclass(frozen=True)
class DateMention:
    """A date in a sentence: governed by an event verb (`at_event`) or by a verb of saying
    (`announced`)."""

    fact: DateFact
    token: int
    at_event: bool
    announced: bool


@dataclass(frozen=True)
class OrdinalMention:
    """An ordinal of a wave ("the third group") and its token."""

    value: int
    token: int


@dataclass(eq=False)
class Sentence:
    """What one sentence says about a move (compared by identity)."""

    span: Span
    kinds: list[str] = field(default_factory=list)  # of its explicit labels, in order
    people: list[PeopleCount] = field(default_factory=list)
    moved: set[int] = field(default_factory=set)  # counts that are what an event verb moves
    totals: list[int] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    since_dates: list[DateMention] = field(default_factory=list)  # "since May"
    ordinals: list[OrdinalMention] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    destinations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    person_moved: bool = False
    group_moved: bool = False  # people moved without a number ("dozens of cartel members")
    strict: bool = False  # a trigger, people and a country: this sentence alone reports an event
    background: bool = False  # every trigger tells of an earlier move ("X, who was extradited in 2019")


def _excluded(tok: Token, r: Rules) -> bool:
    """Whether an exclusion word or a currency sign is near `tok`: among the three tokens on
    either side, its children and its head; not one that describes a person of the people
    nouns ("a money launderer")."""
    ix = index_of(tok.doc)
    near = [*range(max(tok.i - 3, 0), min(tok.i + 4, len(tok.doc))),
            *(c.i for c in tok.children), tok.head.i]
    return any((ix.lemmas[i] in r.exclude_words or ix.lowers[i] in r.exclude_words
                or ix.lowers[i] in ("$", "€")) and not _describes_person(tok.doc[i], r) for i in near)


def _describes_person(tok: Token, r: Rules) -> bool:
    return tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in r.people_nouns


def _trigger_kind(tok: Token, sent: Span, r: Rules) -> str | None:
    ix = index_of(tok.doc)
    lemma, lower = ix.lemmas[tok.i], ix.lowers[tok.i]
    kind = r.triggers.get(lemma) or r.triggers.get(lower)
    if kind is not None and lemma in r.verb_triggers and tok.pos_ not in ("VERB", "AUX"):
        kind = None  # "a right-hand man", "a flight of stairs"
    if kind is None and lemma in r.transport_verbs and not (
            ix.words_in(sent).isdisjoint(r.transport_nouns)):
        kind = "transfer"
    if kind is None or _excluded(tok, r) or not_done(tok, r):
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
        for c in tok.children) and not not_done(tok, r)


def _event_verb(tok: Token, sent: Span, r: Rules) -> bool:
    lemma = tok.lemma_.lower()
    return (_trigger_kind(tok, sent, r) is not None or _support(tok, r)
            or (lemma in r.transport_verbs and not not_done(tok, r)))


def _of_a_wave(tok: Token, sent: Span, r: Rules) -> bool:
    """Whether an ordinal numbers a wave: "the third group", "the second such transfer", a
    wave noun inside its noun phrase ("the first U.S. flight carrying deportees", however the
    parser joins it), "the first of three flights", or "the second time (this year) the
    government has sent ..." (a clause on "time" whose verb is a move)."""
    ix = index_of(tok.doc)
    head = tok.head
    if head.lemma_.lower() == "time" and any(
            c.dep_ in ("relcl", "acl", "ccomp") and _event_verb(c, sent, r) for c in head.children):
        return True
    if head.lemma_.lower() in r.wave_nouns or head.head.lemma_.lower() in r.wave_nouns:
        return True
    if tok.i < head.i <= tok.i + PHRASE_MODIFIERS and any(
            ix.lemmas[j] in r.wave_nouns for j in range(tok.i + 1, head.i)):
        return True
    return any(o.dep_ == "pobj" and o.lemma_.lower() in r.wave_nouns
               for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)


def _moved(tok: Token, sent: Span, r: Rules) -> bool:
    """Whether the count at `tok` is what a move moves: under an event verb ("flew 238 men",
    "twenty-six more inmates were flown"), with one of its own ("the 26 handed in August"),
    describing a wave ("The first group, 29 prisoners, left"; "a second group of 26"; "29
    people were part of the first group that were extradited"); not the subject of something
    else they did ("14 of those sent ... have pleaded not guilty")."""
    verb = governing_verb(tok)
    if verb is not None and _event_verb(verb, sent, r):
        return True
    noun = tok.head if tok.dep_ == "nummod" else tok
    if any(c.dep_ in ("acl", "relcl") and _event_verb(c, sent, r) for c in noun.children):
        return True
    for anc in ancestors(tok):
        if verb is not None and anc.i == verb.i:
            break
        if anc.lemma_.lower() in r.wave_nouns:
            return True
    if verb is not None and verb.lemma_.lower() == "be":
        return any(t.lemma_.lower() in r.wave_nouns or _event_verb(t, sent, r)
                   for c in verb.children if c.dep_ in ("attr", "acomp")
                   for t in islice(c.subtree, SUBTREE_MAX))
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
    return not (lemma in r.wave_nouns or lemma in r.day_parts or lemma in r.transport_nouns or lemma in r.triggers
                or head.lower_ in r.triggers)


def _people_count(span: Span, fact: CountFact, triggers: set[int], r: Rules) -> bool:
    if fact.kind == "ordinal":
        return False
    counted = (fact.counted or "").lower().split()
    if counted:
        head = counted[-1]
        if head in r.people_nouns or head.rstrip("s") in r.people_nouns:
            return True
    if _people_follow(span, r):
        return True  # "17 more suspected ... gang members", "112 Indians"
    if counted:
        return False
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if prev in r.more_words or nxt in r.more_words:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (
            root.head.head.lemma_.lower() in r.wave_nouns):
        return True  # "a second group of 26"
    return any(i in triggers for i in range(span.root.i - 3, span.root.i + 4)) and span.root.dep_ in (
        "dobj", "nsubj", "nsubjpass", "pobj", "conj", "appos")


_PHRASE_ENDS = frozenset({",", ";", ":", ".", "of", "from", "to", "in", "on", "at", "who", "that"})


def _people_follow(span: Span, r: Rules) -> bool:
    """Whether the noun phrase a count opens names people: a people noun or a plural of
    nationality ("Indians", "Venezuelans") before the phrase ends (a verb, a comma, a
    preposition), within a few words ("17 more suspected Tren de Aragua and MS-13 gang
    members")."""
    doc = span.doc
    for i in range(span.end, min(span.end + PHRASE_MAX, len(doc))):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ in _PHRASE_ENDS:
            return False
        if tok.tag_ in ("NNS", "NNPS") and (
                tok.lemma_.lower() in r.people_nouns or tok.lower_ in r.people_nouns
                or tok.ent_type_ == "NORP"):
            return True
    return False


def _one_person(tok: Token, r: Rules) -> bool:
    """Whether the object of a move is one person: "him", "he" (its passive subject), a name,
    "alleged drug lord X", "a suspected drug trafficker", "a Dutchman"; not a country, an
    organization or a thing."""
    if tok.lower_ in r.person_pronouns:
        return True
    if tok.lower_ in ("who", "whom"):  # "an accountant who was extradited", not "men who were"
        return tok.head.dep_ == "relcl" and tok.head.head.tag_ not in ("NNS", "NNPS")
    if tok.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" for c in tok.children):
        return False
    if tok.ent_type_ in ("GPE", "ORG", "NORP", "CARTEL", "LOC", "FAC") and tok.ent_type_ != "":
        # "a Dutchman" may be read as a nationality or an organization
        return tok.lower_ in r.people_nouns or any(t.lemma_.lower() in r.people_nouns for t in tok.lefts)
    return tok.lemma_.lower() in r.people_nouns or any(
        t.ent_type_ == "PERSON" or (t.tag_ == "NN" and t.lemma_.lower() in r.people_nouns)
        for t in islice(tok.subtree, SUBTREE_MAX))


def patients(trigger: Token, kind: str) -> list[Token]:
    """The heads of what a move verb moves: its object, its passive subject, the subject of a
    headline's bare participle ("Suspected trafficker extradited to U.S."), the noun a
    participle describes ("112 Indians deported from the US"), or what follows a noun
    ("the transfer of 26 prisoners", "the extradition of X")."""
    found = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.dep_ == "relcl":  # "the men that were deported": the noun the clause describes
        found = [trigger.head if c.tag_ == "WDT" else c for c in found]
    bare = not found and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)
    # a headline drops the auxiliary, and the parser may read the participle as a past tense:
    # only a state extradites or deports, so a person as its subject is the one moved
    if bare and (trigger.tag_ == "VBN" or (trigger.tag_ == "VBD" and kind != "transfer")):
        found += [c for c in trigger.children if c.dep_ == "nsubj"]
    if trigger.dep_ in ("acl", "relcl") and trigger.tag_ == "VBN":
        found.append(trigger.head)
    if trigger.pos_ == "NOUN":
        found += [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
    return found


def _carried(trigger: Token, r: Rules) -> list[Token]:
    """Who the vehicle a move noun names carries: "a deportation flight carrying dozens of men
    and women", "a deportation flight with 40 migrants"."""
    vehicle = vehicle_of(trigger, r)
    if vehicle is None:
        return []
    found = []
    for c in vehicle.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in r.carrying_words:
            found += [o for o in c.children if o.dep_ == "dobj"]
        elif c.dep_ == "prep" and c.lower_ in r.carrying_words:
            found += [o for o in c.children if o.dep_ == "pobj"]
    return found


def _uncounted_group(tok: Token, r: Rules) -> bool:
    """Whether the object of a move is people without a number: "alleged gang members",
    "dozens of cartel members", "a third planeload of Venezuelan men", "they"."""
    if tok.lower_ in r.group_pronouns:
        return True
    heads = [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]
    return any(h.tag_ in ("NNS", "NNPS") and h.lemma_.lower() in r.people_nouns
               and not any(c.dep_ == "nummod" for c in h.children) for h in heads)




def read_sentence(sent: Span, counts: OnDoc[CountFact], dates: OnDoc[DateFact],
                  r: Rules) -> Sentence | None:
    """What `sent` says about a move, or None when it has no trigger, no supporting verb with
    people and no numbered wave."""
    ix = index_of(sent.doc)
    words = ix.words_in(sent)
    # only a token with an event word as its lemma or form can trigger, support or transport
    candidates = [] if words.isdisjoint(r.event_words) else [
        sent.doc[i] for i in range(sent.start, sent.end)
        if ix.lemmas[i] in r.event_words or ix.lowers[i] in r.event_words]
    triggers = [(t, k) for t in candidates if (k := _trigger_kind(t, sent, r))]
    support = [t for t in candidates if _support(t, r)]
    peopled = not words.isdisjoint(r.peopled_words)
    own_counts = counts.within(sent)
    # a speaker's "the first time in our history" numbers no wave: the sequence is the writer's
    ordinals = [OrdinalMention(int(p.fact.value), p.span.root.i) for p in own_counts
                if p.fact.kind == "ordinal" and not ix.quoted.holds(p.span.start_char)
                and _of_a_wave(p.span.root, sent, r) and not hypothetical(p.span.root, r)]
    if not triggers and not ((support and peopled) or ordinals):
        return None
    # a generic verb of moving ("sent", "handed over") names no kind of its own
    out = Sentence(sent, kinds=[k for t, k in triggers if ix.lemmas[t.i] not in r.generic_triggers],
                   ordinals=ordinals)
    verbs = [t for t, _ in triggers] + support + [
        t for t in candidates if ix.lemmas[t.i] in r.transport_verbs and not not_done(t, r)]
    trigger_tokens = [t for t, _ in triggers]
    trigger_ids = {t.i for t in trigger_tokens}
    for placed in own_counts:
        span, fact = placed.span, placed.fact
        if fact.kind == "ordinal":
            continue
        if fact.kind == "total":  # running totals are the counts extractor's call
            if not hypothetical(span.root, r):
                out.totals.append(int(fact.value))
        elif _people_count(span, fact, trigger_ids, r) and fact.value == int(fact.value):
            before = ix.text[max(sent.start_char, span.start_char - HEDGE_CHARS):span.start_char]
            approx = bool(r.approximate_before.search(before)) or any(
                t.lower_ in r.approximate_numbers for t in span)
            out.people.append(PeopleCount(int(fact.value), span.root.i, approx))
            if _moved(span.root, sent, r):
                out.moved.add(int(fact.value))
    for placed_date in dates.within(sent):
        span, date_fact = placed_date.span, placed_date.fact
        if date_fact.value:
            if _describes_thing(span, r):
                continue  # "a 1798 wartime law", "the 1985 killing": no date of a move
            verb = governing_verb(span.root)
            prev = span.doc[max(span.start - 2, 0):span.start]
            announced = (verb is not None and verb.lemma_.lower() in r.announce_verbs) or any(
                t.lemma_.lower() in r.announce_verbs for t in prev)
            # "flew ... on Tuesday", "planes bound for X on Tuesday" (the verb one above)
            # (not over "and": "extradited X in 2019, and he was sentenced on Tuesday")
            upper = governing_verb(verb) if verb is not None and verb.dep_ != "conj" else None
            # "since Trump took oath on January 20": the day of another event
            mark = background_mark(verb, r.background_marks) if verb is not None else None
            at_event = not announced and mark is None and any(
                v is not None and _event_verb(v, sent, r) for v in (verb, upper))
            since = (span.start > 0 and span.doc[span.start - 1].lower_ == "since") or mark == "since"
            (out.since_dates if since else out.dates).append(
                DateMention(date_fact, span.root.i, at_event and not since, announced))
    for t, kind in triggers:
        objects = patients(t, kind) + _carried(t, r)
        if any(_one_person(ch, r) for ch in objects):
            out.person_moved = True
        if any(_uncounted_group(ch, r) for ch in objects):
            out.group_moved = True
    # a move in a clause of time of its own is another event ("after the US captured X and
    # took him to New York")
    verbs = [v for v in verbs if background_mark(v, r.background_marks) is None]
    out.origins, out.destinations = directions(sent, verbs)
    out.places = places_of(sent, verbs)
    has_country = bool(out.origins or out.destinations) or any(
        country_name(e.text) for e in ix.ents_in(sent) if e.label_ == "GPE")
    out.strict = bool(triggers) and bool(out.people or out.person_moved or out.group_moved) \
        and has_country
    out.background = bool(triggers) and all(_background_move(t, r) for t, _ in triggers)
    return out


def _background_move(tok: Token, r: Rules) -> bool:
    """Whether a move verb tells of an earlier move, as background to other news: in a
    relative clause about a person ("Ortiz, who was extradited in 2019, was sentenced"), in the
    past perfect ("had been extradited"), or in a clause of time of its own."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.ent_type_ == "PERSON"):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        return True
    return background_mark(tok, r.background_marks) is not None

