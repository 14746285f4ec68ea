"""Transfer events: the transfers, extraditions and deportations an article reports.

An article reports an event when one of its lead sentences (the first three) has a trigger word
(data/events.json), a count of people or a person moved, and a country. Then every sentence with
a trigger, a supporting verb ("landed", "delivered") or a numbered wave ("the first group") is
read for counts, dates, ordinals, countries, places and cartels, and sorted into waves: the main
one (the count of the lead) and earlier waves the article recalls ("29 in February and 26 in
August"), each kept only when the text dates or numbers it.

A move word tells of no move when the move did not happen or not yet: denied ("did not
extradite", "never", "no prisoners were sent"), to come ("will send", "would be extradited"),
asked for, refused, planned or expected ("asked Mexico to extradite", "a request to extradite",
"blocked the extradition", "is expected to land"; not_done_verbs and not_done_nouns in
data/events.json). The people moved may be a pronoun ("He was extradited") or whom a vehicle of
the move carries ("a deportation flight carrying dozens of men"); where they were held ("a
Colombian man held in Spain") is the origin before their nationality, and where they are to
face trial ("to face justice in X") the destination when no "to" names one. An ordinal inside a
quotation numbers no wave.

The package: `lexicon` (word rules and countries), `index` (what is read once per doc),
`sentence` (one sentence's move), `happened` (whether a move word tells of a move that happened),
`geography` (from and to), `waves` (grouping sentences),
`assemble` (an Event's fields), `lead` (the lead and its count). `extract` is the public function.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from transfer_extract.extractors import Context
from transfer_extract.extractors.events.assemble import Story, build_event, lead_day
from transfer_extract.extractors.events.index import INDEX_KEY, DocIndex, on_doc
from transfer_extract.extractors.events.lead import lead_count, lead_length, text_sentences
from transfer_extract.extractors.events.lexicon import Rules, country_name, country_phrase, rules
from transfer_extract.extractors.events.sentence import read_sentence
from transfer_extract.extractors.events.waves import group_waves

__all__ = ["DocIndex", "country_name", "country_phrase", "extract", "rules"]


RECENT_DAYS = 31  # a move dated entirely before this many days ahead of publication is no news


def _long_before(value: str | None, published: date | None) -> bool:
    """Whether a date value (a day, month or year) ends more than RECENT_DAYS before
    publication ("was extradited in 2019" in a story of 2026)."""
    if value is None or published is None:
        return False
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        last = date(parts[0], 12, 31)
    elif len(parts) == 2:
        last = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    else:
        last = date(parts[0], parts[1], parts[2])
    return last < published - timedelta(days=RECENT_DAYS)


def _these_people(doc: Doc, counts: tuple[Any, ...], r: Rules) -> int | None:
    """The one number an article gives its group with a demonstrative ("these 26 men", "those 14
    prisoners"), anywhere, quotations included: the group the move took when the move's own
    sentence gives no count. None when there is none or more than one."""
    found = set()
    for c in counts:
        if c.kind != "cardinal" or not c.counted or not isinstance(c.value, int):
            continue
        head = c.counted.split()[-1].lower()
        before = doc.text[max(0, c.start - 8):c.start].split()
        if before and before[-1].lower().lstrip("\"“‘'(") in ("these", "those") and head in r.people_nouns:
            found.add(c.value)
    return found.pop() if len(found) == 1 else None


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    r = rules()
    # a speaker's ordinal numbers no wave ("the first time in our history")
    quoted = ((p.start, p.end) for p in ctx.quote_pieces(doc).pieces)
    doc.user_data[INDEX_KEY] = DocIndex.build(doc, quoted)
    # the day the story was filed dates no move (the dateline is found in the original text)
    filed = tuple(map(ctx.article.to_clean, ctx.article.dateline)) if ctx.article.dateline else (0, 0)
    dates = tuple(f for f in ctx.found.get("dates", ()) if not filed[0] <= f.start < filed[1])
    counts = on_doc(doc, ctx.found.get("counts", ()))
    placed_dates = on_doc(doc, dates)
    all_sents = text_sentences(doc)
    # a lead sentence reports an event alone only with a trigger, so it is read as any other
    n_lead = lead_length(all_sents)
    first = [read_sentence(s, counts, placed_dates, r) for s in all_sents[:n_lead]]
    lead = [x for x in first if x and x.strict]
    if not lead:
        return {"events": ()}
    main_count, aliases = lead_count(lead)
    sents = [x for x in first if x] + [
        x for s in all_sents[n_lead:] if (x := read_sentence(s, counts, placed_dates, r))]
    main, others = group_waves(sents, main_count, aliases, lead)
    story = Story.build(doc, ctx, all_sents, sents)
    main_event = build_event(main, story, None, "reported")
    day = lead_day(lead, ctx.article.published)
    if day is not None and (main_event.date is None or (
            day.startswith(main_event.date) and len(day) > len(main_event.date))):
        main_event = replace(main_event, date=day)  # a day within "this year" says more
    if main_event.count is None and (named := _these_people(doc, ctx.found.get("counts", ()), r)):
        main_event = replace(main_event, count=named)  # "These 26 men have all played a role"
    if all(s.background for s in lead) or _long_before(main_event.date, ctx.article.published):
        main_event = replace(main_event, role="recalled")  # a sentencing story's old extradition
    recalled = []
    for wave in others:
        event = build_event(wave, story, main_event, "recalled")
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
    return {"events": (main_event, *recalled)}
