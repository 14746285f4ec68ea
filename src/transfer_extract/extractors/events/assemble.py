"""Assembling an Event's fields from a wave's sentences: kind, count, countries, the date of
the move itself, the running total, the sequence, places, cartels and evidence."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from transfer_extract.extractors import Context
from transfer_extract.extractors.events.index import index_of
from transfer_extract.extractors.events.lexicon import countries, country_name, name_key, rules, specific_date
from transfer_extract.extractors.events.sentence import DateMention, Sentence
from transfer_extract.extractors.events.waves import Wave
from transfer_extract.record import Event, Role
from transfer_extract.record import Span as TextSpan

_GRANULARITY = {"day": 0, "month": 1, "year": 2}


def best_date(dates: list[DateMention], published: date | None, main: bool) -> str | None:
    """The date of the move itself: for the main event only a date governed by an event verb
    ("flew ... on Tuesday", not "said Wednesday"); for a recalled wave any date not of saying,
    one governed by its move verb first ("On Feb. 27, Mexico put 29 prisoners on planes" over
    "The first wave, in late February"). Among those the most specific (day, month, year)."""
    usable = [d for d in dates
              if (d.at_event if main else not d.announced) and d.fact.value
              and (published is None or d.fact.value <= published.isoformat())]
    usable.sort(key=lambda d: (not d.at_event, _GRANULARITY.get(d.fact.granularity or "", 3),
                               not specific_date().search(d.fact.text), d.fact.start))
    return usable[0].fact.value if usable else None


def lead_day(lead: list[Sentence], published: date | None) -> str | None:
    """The one day the lead sentences name, not as the day something was said: the main event's
    date when none hangs on its move verb, or only a coarser one ("this year"); the parser may
    hang "on Tuesday" on a clause in between ("men it accuses of belonging to the gang to El
    Salvador on Tuesday")."""
    days = {d.fact.value for s in lead for d in s.dates
            if not d.announced and d.fact.granularity == "day" and d.fact.value
            and (published is None or d.fact.value <= published.isoformat())}
    return days.pop() if len(days) == 1 else None


def _vote(values: list[str]) -> str | None:
    """The most frequent value; the first given on a tie."""
    if not values:
        return None
    counts = Counter(values)
    first = {v: -k for k, v in reversed(list(enumerate(values)))}
    return max(counts, key=lambda v: (counts[v], first[v]))


@dataclass(frozen=True)
class Story:
    """What every event of an article is assembled from, read once: its sentences (with their
    first tokens, for bisection), the first tokens of those read for a move, the cartel
    mentions in text order and the conditions the article states."""

    doc: Doc
    ctx: Context
    sentences: list[Span]
    starts: list[int]
    read: frozenset[int]
    mentions: list[tuple[int, str]]  # clean offset of a cartel mention, its cartel
    offsets: list[int]  # the offsets of `mentions`
    conditions: tuple[str, ...]

    @classmethod
    def build(cls, doc: Doc, ctx: Context, sentences: list[Span], read: list[Sentence]) -> Story:
        r, ix = rules(), index_of(doc)
        texts = [ix.text_of(s) for s in sentences]
        conditions = tuple(dict.fromkeys(
            label for text in texts for pattern, label in r.conditions if pattern.search(text)))
        mentions = sorted((m.start, c.name)
                          for c in ctx.found.get("cartels", ()) for m in c.mentions)
        return cls(doc, ctx, sentences, [s.start for s in sentences],
                   frozenset(s.span.start for s in read), mentions, [m[0] for m in mentions],
                   conditions)

    def next_sentence(self, sent: Span) -> Span | None:
        k = bisect_left(self.starts, sent.end)
        return self.sentences[k] if k < len(self.sentences) else None

    def cartels_in(self, spans: list[Span]) -> list[str]:
        """The cartels mentioned inside `spans`, in the order of the cartels found."""
        inside = {name for sp in spans
                  for _, name in self.mentions[bisect_left(self.offsets, sp.start_char):
                                               bisect_left(self.offsets, sp.end_char)]}
        return [c.name for c in self.ctx.found.get("cartels", ()) if c.name in inside]


def build_event(wave: Wave, story: Story, fallback: Event | None, role: Role) -> Event:
    """The event of `wave`; `fallback` is the reported event, whose countries and kind a
    recalled wave takes when its own sentences name none."""
    article = story.ctx.article
    members = list(wave.sentences)
    rule = rules()
    ix = index_of(story.doc)
    # a following sentence naming who was in the group ("Among them were ...") belongs to it
    taken = {m.span.start for m in members} | story.read
    for s in list(members):
        nxt = story.next_sentence(s.span)
        if nxt is not None and not ix.words_in(nxt).isdisjoint(rule.membership_words):
            if nxt.start not in taken:
                taken.add(nxt.start)
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
    # a city of the origin country is where they left from, not where they were taken
    places = list(dict.fromkeys(
        p for m in members for p in m.places
        if origin is None or origin not in (countries().regions.get(name_key(p)), country_name(p))))
    totals = Counter(t for t in wave.totals if wave.count is None or t > wave.count)
    evidence = []
    for sp in spans:
        text = ix.text_of(sp)
        lead = len(text) - len(text.lstrip())
        start, end = sp.start_char + lead, sp.start_char + len(text.rstrip())
        evidence.append(TextSpan(start, end, text[lead:len(text.rstrip())]))
    return Event(
        kind=kinds[0] if kinds else (fallback.kind if fallback else "transfer"),  # type: ignore[arg-type]
        role=role,
        count=wave.count,
        origin=origin,
        destination=destination,
        date=best_date(wave.dates, article.published, fallback is None),
        cumulative_total=max(totals, key=lambda t: (totals[t], t)) if totals else None,
        # the main event is the latest one reported: an ordinal of an earlier wave is lower
        sequence=(max if fallback is None else min)(wave.ordinals) if wave.ordinals else None,
        places=tuple(places),
        organizations=tuple(story.cartels_in(spans)),
        conditions=story.conditions if fallback is None else (),
        evidence=tuple(TextSpan(e.start, e.end, e.text) for e in evidence),
    )
