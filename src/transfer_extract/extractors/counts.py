"""Counts: CARDINAL and ORDINAL entities with the thing they count, from the dependency parse."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from transfer_extract.extractors import Context
from transfer_extract.extractors.numbers import parse_number, parse_ordinal
from transfer_extract.record import CountFact

_TOTAL = re.compile(r"\b(?:in total|total(?:ing)? (?:of |to )?|a total of|bringing the total to|"
                    r"total(?:ling)?|altogether|so far|to date)\b", re.IGNORECASE)


def counted_phrase(head: Token) -> str:
    """The noun phrase a number counts: the head noun with its compounds and adjectives."""
    keep = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i > head.i - 4]
    start = min([t.i for t in keep] + [head.i])
    # keep only the contiguous stretch that ends at the head
    words = [t.text for t in head.doc[start:head.i + 1] if t.dep_ != "nummod" and not t.like_num]
    return " ".join(words)


def _counted(ent: Span) -> str | None:
    root = ent.root
    if root.dep_ in ("nummod", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
        return counted_phrase(root.head)
    # "37 of them", "29 people were part of the first group": the number stands as the noun
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return counted_phrase(objs[0])
    return None


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    facts = []
    for ent in doc.ents:
        if ent.label_ == "CARDINAL":
            value = parse_number(ent.text)
            kind = "cardinal"
            window = doc[max(ent.start - 4, 0):min(ent.end + 3, len(doc))].text
            if _TOTAL.search(window):
                kind = "total"
        elif ent.label_ == "ORDINAL":
            value = parse_ordinal(ent.text)
            kind = "ordinal"
        else:
            continue
        if value is None:
            continue
        span = ctx.article.span(ent.start_char, ent.end_char)
        facts.append(CountFact(span.start, span.end, span.text, value, _counted(ent), kind))
    return {"counts": tuple(facts)}
