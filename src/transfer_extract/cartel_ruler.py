"""The `cartel_ruler` pipeline component: known criminal organizations as CARTEL entities.

Every name and alias in data/cartels.json, with and without accents and hyphens, is matched on
lower case by a PhraseMatcher (a token-pattern EntityRuler was ten times slower); the first word
must not be written in lower case ("La Línea" is a gang, "la línea" a line). Like spaCy's
EntityRuler with `overwrite_ents`, longer matches win, then earlier ones, and an entity already
on the doc that overlaps a match gives way. The entity's `ent_id_` is the organization's name.
Placed before the statistical NER, which keeps these entities.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from transfer_extract.data import load_json
from transfer_extract.pipeline import CARTEL_LABEL, strip_accents

COMPONENT = "cartel_ruler"


def name_variants(names: set[str]) -> list[str]:
    """`names` as written, without accents, and with hyphens as spaces, sorted."""
    variants: set[str] = set()
    for name in names:
        for v in (name, strip_accents(name)):
            variants.update({v, v.replace("-", " ")})
    return sorted(variants)


class CartelRuler:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.order: dict[int, int] = {}
        for org in load_json("cartels.json")["organizations"]:
            names = {org["name"], *org.get("aliases", [])}
            self.matcher.add(org["name"], list(nlp.tokenizer.pipe(name_variants(names))))
            self.order[nlp.vocab.strings[org["name"]]] = len(self.order)

    def __call__(self, doc: Doc) -> Doc:
        matches = sorted((-(end - start), start, self.order[key], key, end)
                         for key, start, end in self.matcher(doc) if not doc[start].is_lower)
        taken: set[int] = set()
        entities = list(doc.ents)
        found: list[Span] = []
        for _, start, _, key, end in matches:
            if start in taken or end - 1 in taken:
                continue
            found.append(Span(doc, start, end, label=CARTEL_LABEL, span_id=key))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
        doc.ents = entities + found
        return doc


@Language.factory(COMPONENT)
def make_cartel_ruler(nlp: Language, name: str) -> CartelRuler:
    return CartelRuler(nlp)
