"""Cartels and other criminal organizations, one record per organization, aliases merged."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from transfer_extract.data import load_json
from transfer_extract.extractors import Context
from transfer_extract.pipeline import CARTEL_LABEL, strip_accents
from transfer_extract.record import Cartel, Span

_GENERIC = re.compile(r"\b(cartel|gang|cártel|mafia|clan)\b", re.IGNORECASE)


def _key(name: str) -> str:
    return " ".join(strip_accents(name).lower().replace("-", " ").split())


def _known() -> dict[str, dict]:
    """Known organizations by the normalized form of each name and alias."""
    table = {}
    for org in load_json("cartels.json")["organizations"]:
        for n in (org["name"], *org.get("aliases", [])):
            table[_key(n)] = org
    return table


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    known = _known()
    mentions: dict[str, list[Span]] = {}
    aliases: dict[str, list[str]] = {}
    for ent in doc.ents:
        text = ent.text
        if ent.label_ == CARTEL_LABEL:
            name = ent.ent_id_ or known.get(_key(text), {}).get("name", text)
        elif ent.label_ in ("ORG", "PERSON", "NORP", "GPE") and _GENERIC.search(text):
            text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
            name = known.get(_key(text), {}).get("name", text)
        else:
            continue
        start = ent.end_char - len(text)
        mentions.setdefault(name, []).append(ctx.article.span(start, ent.end_char))
        if _key(text) != _key(name) and text not in aliases.setdefault(name, []):
            aliases[name].append(text)
    cartels = tuple(
        Cartel(name, tuple(aliases.get(name, ())), tuple(spans)) for name, spans in mentions.items()
    )
    return {"cartels": cartels}
