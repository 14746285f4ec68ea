"""Transfer events: the transfer, extradition or deportation an article reports (first version:
one record built from the sentences that carry a trigger word and a country)."""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc

from transfer_extract.data import load_json
from transfer_extract.extractors import Context
from transfer_extract.record import Event


@cache
def _triggers() -> dict[str, str]:
    table: dict[str, str] = {}
    for kind, words in reversed(load_json("events.json")["triggers"].items()):
        for w in words:
            table[w] = kind
    return table


@cache
def _countries() -> dict[str, str]:
    data = load_json("titles.json")["countries"]
    return {w.lower(): c for c, ws in data.items() for w in ws}


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    triggers, countries = _triggers(), _countries()
    evidence, kinds = [], []
    origin = destination = None
    for sent in doc.sents:
        hits = [triggers[t.lemma_.lower()] for t in sent if t.lemma_.lower() in triggers]
        gpes = [e for e in sent.ents if e.label_ == "GPE" and e.text.lower() in countries]
        if not hits or not gpes:
            continue
        kinds.extend(hits)
        evidence.append(ctx.article.span(sent.start_char, sent.end_char))
        for e in gpes:
            country = countries[e.text.lower()]
            if e.start > 0 and doc[e.start - 1].lower_ in ("to", "into"):
                destination = destination or country
            elif e.root.dep_ in ("nsubj", "poss") or (e.start > 0 and doc[e.start - 1].lower_ == "from"):
                origin = origin or country
    if not evidence:
        return {"events": ()}
    kind = next((k for k in ("extradition", "deportation") if k in kinds), "transfer")
    first, last = evidence[0].start, evidence[-1].end

    def inside(fact: Any) -> bool:
        return any(s.start <= fact.start < s.end for s in evidence)

    counts = [c for c in ctx.found.get("counts", ()) if inside(c)]
    dates = [d for d in ctx.found.get("dates", ()) if inside(d) and d.value]
    cartels = [c.name for c in ctx.found.get("cartels", ())
               if any(first <= m.start < last for m in c.mentions)]
    event = Event(
        kind=kind,
        count=next((int(c.value) for c in counts if c.kind == "cardinal"), None),
        origin=origin,
        destination=destination,
        date=dates[0].value if dates else None,
        cumulative_total=next((int(c.value) for c in counts if c.kind == "total"), None),
        sequence=next((int(c.value) for c in counts if c.kind == "ordinal"), None),
        places=(),
        organizations=tuple(cartels),
        conditions=(),
        evidence=tuple(evidence),
    )
    return {"events": (event,)}
