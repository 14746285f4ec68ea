"""The word rules of the events extractor (data/events.json) and the country names they
resolve to (data/countries.json), read once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transfer_extract.data import alternation, load_json
from transfer_extract.extractors.places import Countries, countries, country_name, name_key, strip_the

__all__ = ["Countries", "Rules", "countries", "country_name", "country_phrase", "name_key", "rules", "specific_date",
           "strip_the"]


@cache
def specific_date() -> re.Pattern[str]:
    """A date text that names a day or month itself: a digit, a weekday, or a month (by the
    first three letters of its name), from data/dates.json."""
    data = load_json("dates.json")
    words = {m[:3] for m in data["months"]} | set(data["weekdays"])
    return re.compile(rf"\d|{alternation(words)}", re.IGNORECASE)


# ---------------------------------------------------------------- rules and countries


@dataclass(frozen=True)
class Rules:
    triggers: dict[str, str]
    generic_triggers: frozenset[str]  # move people without naming the kind ("sent", "handed")
    verb_triggers: frozenset[str]  # trigger only as a verb ("hand", not "a right-hand man")
    transport_verbs: frozenset[str]
    transport_nouns: frozenset[str]
    carrying_words: frozenset[str]  # "a deportation flight carrying dozens of men"
    support_verbs: frozenset[str]
    support_idiom_objects: frozenset[str]
    announce_verbs: frozenset[str]
    people_nouns: frozenset[str]
    person_pronouns: frozenset[str]  # "He was extradited": one person moved
    group_pronouns: frozenset[str]  # "They were deported": people moved without a number
    wave_nouns: frozenset[str]
    exclude_words: frozenset[str]
    contrast_words: frozenset[str]
    membership_words: frozenset[str]
    more_words: frozenset[str]
    future_modals: frozenset[str]
    arrival_verbs: frozenset[str]  # "landed in Amritsar": the city is where they were taken
    background_marks: frozenset[str]  # "since Trump took oath on January 20": another event
    place_nouns: frozenset[str]  # "the US city of Phoenix"
    home_nouns: tuple[str, ...]  # "to their home country"
    day_parts: frozenset[str]  # "on Sunday night" dates the move, not a thing
    custody_verbs: frozenset[str]  # "a man held in Spain": where the people moved were held
    trial_verbs: frozenset[str]  # "sent ... to face justice in the United States"
    receiving_verbs: frozenset[str]  # "Panama has received the flight": the subject is where to
    expectation_verbs: frozenset[str]  # "were expected to total 360": no move that happened
    not_done_verbs: frozenset[str]  # "refused to extradite", "blocked the extradition"
    not_done_nouns: frozenset[str]  # "a request to extradite", "an extradition hearing"
    not_done_objects: frozenset[str]  # "blocked the extradition", not "called the transfer a ..."
    negations: frozenset[str]  # "did not extradite", "no prisoners were sent"
    contrast_conjunctions: frozenset[str]  # "did not extradite him but deported him"
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
        generic_triggers=words("generic_triggers"),
        verb_triggers=words("verb_triggers"),
        transport_verbs=transport_verbs,
        transport_nouns=words("transport_nouns"),
        carrying_words=words("carrying_words"),
        support_verbs=support_verbs,
        support_idiom_objects=words("support_idiom_objects"),
        announce_verbs=words("announce_verbs"),
        people_nouns=words("people_nouns"),
        person_pronouns=words("person_pronouns"),
        group_pronouns=words("group_pronouns"),
        wave_nouns=words("wave_nouns"),
        exclude_words=words("exclude_words"),
        contrast_words=words("contrast_words"),
        membership_words=words("membership_words"),
        more_words=words("more_words"),
        future_modals=words("future_modals"),
        arrival_verbs=words("arrival_verbs"),
        background_marks=words("background_marks"),
        place_nouns=words("place_nouns"),
        home_nouns=tuple(w.lower() for w in data["home_nouns"]),
        day_parts=words("day_parts"),
        custody_verbs=words("custody_verbs"),
        trial_verbs=words("trial_verbs"),
        receiving_verbs=words("receiving_verbs"),
        expectation_verbs=words("expectation_verbs"),
        not_done_verbs=words("not_done_verbs") | words("expectation_verbs"),
        not_done_nouns=words("not_done_nouns"),
        not_done_objects=words("not_done_objects"),
        negations=words("negations"),
        contrast_conjunctions=words("contrast_conjunctions"),
        approximate_before=re.compile(data["approximate_before"], re.IGNORECASE),
        approximate_numbers=words("approximate_numbers"),
        conditions=tuple((re.compile(c["pattern"], re.IGNORECASE), c["label"])
                         for c in data["conditions"]),
        event_words=frozenset(triggers) | transport_verbs | support_verbs,
        peopled_words=words("people_nouns") | words("transport_nouns") | words("group_pronouns"),
    )


def country_phrase(text: str) -> str | None:
    """The country of a noun phrase that names one: a country name, or an adjective before an
    authority noun ("American soil", "U.S. federal agents", "Mexican authorities")."""
    found = country_name(text)
    if found:
        return found
    c = countries()
    words = strip_the(text).split()
    if len(words) >= 2 and words[-1].lower() in c.authority_nouns:
        found = country_name(" ".join(words[:-1]))
        for w in words[:-1]:
            found = found or c.adjectives.get(name_key(w)) or country_name(w)
        return found
    return None

