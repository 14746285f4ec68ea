"""Assembling an Event's fields from a wave's sentences: kind, count, countries, the date of
the move itself, the running total, the sequence, places, cartels and evidence."""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc, Span

from transfer_extract.extractors import Context
from transfer_extract.extractors.events.index import index_of
from transfer_extract.extractors.events.lexicon import countries, country_name, name_key, rules, specific_date
from transfer_extract.extractors.events.sentence import Sentence
from transfer_extract.extractors.events.waves import Wave
from transfer_extract.record import DateFact, Event
from transfer_extract.record import Span as TextSpan

_GRANULARITY = {"day": 0, "month": 1, "year": 2}


def best_date(dates: list[tuple[DateFact, bool, bool]], published: date | None,
               main: bool) -> str | None:
    """The date of the move itself: for the main event only a date governed by an event verb
    ("flew ... on Tuesday", not "said Wednesday"); for a recalled wave any date not of saying,
    one governed by its move verb first ("On Feb. 27, Mexico put 29 prisoners on planes" over
    "The first wave, in late February"). Among those the most specific (day, month, year)."""
    usable = [(f, at_event) for f, at_event, announced in dates
              if (at_event if main else not announced) and f.value
              and (published is None or f.value <= published.isoformat())]
    usable.sort(key=lambda d: (not d[1], _GRANULARITY.get(d[0].granularity or "", 3),
                               not specific_date().search(d[0].text), d[0].start))
    return usable[0][0].value if usable else None


def lead_day(lead: list[Sentence], published: date | None) -> str | None:
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


def build_event(wave: Wave, sents: list[Sentence], doc: Doc, ctx: Context,
           fallback: Event | None, conditions: tuple[str, ...], all_sents: list[Span]) -> Event:
    article = ctx.article
    members = list(wave.sentences)
    rule = rules()
    ix = index_of(doc)
    # a following sentence naming who was in the group ("Among them were ...") belongs to it
    for s in list(members):
        nxt = next((n for n in all_sents if n.start >= s.span.end), None)
        if nxt is not None and not ix.words_in(nxt).isdisjoint(rule.membership_words):
            taken = [m.span.start for m in members] + [
                m.span.start for m in sents if m not in members]
            if nxt.start not in taken:
                members.append(Sentence(nxt))
    members.sort(key=lambda m: m.span.start)
    spans = [m.span for m in members]
    kinds = [k for m in members for k in m.kinds]
    origin = _vote([o for m in members for o in m.origins])
    destination = _vote([d for m in members for d in m.destinations if d != origin])
    if origin is None and destination is not None:
        # the other country the sentences name; a nationality of the people moved does not count
        named = [country_name(e.text) if e.label_ == "GPE" else countries().adjectives.get(name_key(e.text))
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
        if origin is None or origin not in (countries().regions.get(name_key(p)), country_name(p))))
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
        date=best_date(wave.dates, article.published, fallback is None),
        cumulative_total=max(totals, key=lambda t: (totals[t], t)) if totals else None,
        # the main event is the latest one reported: an ordinal of an earlier wave is lower
        sequence=(max if fallback is None else min)(wave.ordinals) if wave.ordinals else None,
        places=tuple(places),
        organizations=tuple(dict.fromkeys(cartels)),
        conditions=conditions,
        evidence=tuple(TextSpan(e.start, e.end, e.text) for e in evidence),
    )


