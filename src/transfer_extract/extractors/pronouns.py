"""Pronoun and title mentions: "she", "his", "the minister" tied to the official or person record
they refer to ("the minister": the latest person named before with that word in the title or role,
when the noun has no other modifier and no "of" after it: "the president of Colombia" may be
someone else).

Runs after `persons` and before `quotes`; the resolution rules are those of `coref.Resolver`
(most recent compatible person, preferring the subject; no answer rather than a guess).
Only subjects and possessives outside quotation marks are tied: a pronoun inside a quotation
speaks from the speaker's point of view, and an object pronoun ("ordered him held", Case=Acc)
refers to someone other than the person just named.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from transfer_extract.data import load_json
from transfer_extract.extractors import Context
from transfer_extract.extractors.coref import token_lowers, word_ids
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.record import Span

_DEPS = ("nsubj", "nsubjpass", "poss")


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    officials, people = ctx.found.get("officials", ()), ctx.found.get("people", ())
    if not officials and not people:
        return {}
    words = load_json("coref.json")
    pronouns = {*words["male_pronouns"], *words["female_pronouns"]}
    resolver = ctx.resolver(doc)
    quoted = Intervals((q.start, q.end) for q in ctx.quote_pieces(doc).pieces)
    found: dict[str, list[Span]] = {}
    roles = word_ids(doc, words["role_nouns"])
    ids = word_ids(doc, pronouns) | roles
    for i, lower in enumerate(token_lowers(doc)[1]):
        if lower not in ids:
            continue  # a set lookup first: most tokens are no pronoun
        tok = doc[i]
        if lower in roles:
            if _bare_title(tok) and not quoted.holds(tok.idx):
                name = resolver.resolve(tok)
                if name is not None:
                    found.setdefault(name, []).append(Span(doc[i - 1].idx, tok.idx + len(tok.text),
                                                           doc[i - 1:i + 1].text))
            continue
        if (tok.pos_ == "PRON" and tok.dep_ in _DEPS
                and "Acc" not in tok.morph.get("Case")
                and not quoted.holds(tok.idx)):
            name = resolver.resolve(tok)
            if name is not None:
                found.setdefault(name, []).append(Span(tok.idx, tok.idx + len(tok.text), tok.text))

    def with_pronouns(records: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            replace(r, mentions=tuple(sorted((*r.mentions, *found[r.name]), key=lambda s: s.start)))
            if r.name in found else r
            for r in records
        )

    return {"officials": with_pronouns(officials), "people": with_pronouns(people)}


def _bare_title(tok: Token) -> bool:
    """ "the minister": a noun right after "the", with no other modifier and no "of" after it."""
    doc = tok.doc
    return (tok.pos_ == "NOUN" and tok.i > 0 and doc[tok.i - 1].lower_ == "the"
            and all(c.i == tok.i - 1 for c in tok.lefts)
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("of", "'s", "’s")))
