"""The `cartel_ruler` pipeline component: known criminal organizations as CARTEL entities.

Every name and alias in data/cartels.json, with and without accents and hyphens, is matched on
lower case by a PhraseMatcher (a token-pattern EntityRuler was ten times slower); the first word
must not be written in lower case ("La Línea" is a gang, "la línea" a line). Like spaCy's
EntityRuler with `overwrite_ents`, longer matches win, then earlier ones, and an entity already
on the doc that overlaps a match gives way. The entity's `ent_id_` is the organization's name.
Placed before the statistical NER, which keeps these entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
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
    """Known organizations as CARTEL entities. Like spaCy's rulers it takes its data through
    `initialize(organizations=...)` (a list of {"name", "aliases"} as in data/cartels.json, the
    default) and saves it with the pipeline; run before any `initialize`, it uses the default."""

    def __init__(self, nlp: Language, name: str = COMPONENT) -> None:
        self.nlp = nlp
        self.name = name
        self.organizations: list[dict[str, Any]] | None = None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.order: dict[int, int] = {}

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   organizations: list[dict[str, Any]] | None = None) -> None:
        """Match `organizations` (default: those of data/cartels.json) and nothing else."""
        if organizations is None:
            organizations = load_json("cartels.json")["organizations"]
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.order = {}
        self.organizations = [{"name": o["name"], "aliases": list(o.get("aliases", []))} for o in organizations]
        for org in self.organizations:
            names = {org["name"], *org["aliases"]}
            self.matcher.add(org["name"], list(self.nlp.tokenizer.pipe(name_variants(names))))
            self.order[self.nlp.vocab.strings[org["name"]]] = len(self.order)

    def __call__(self, doc: Doc) -> Doc:
        if self.organizations is None:
            self.initialize()
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

    # --- serialization: the organizations, as JSON ----------------------------------------------

    def _data(self) -> list[dict[str, Any]]:
        if self.organizations is None:
            self.initialize()
        return self.organizations or []

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps({"organizations": self._data()}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CartelRuler:
        self.initialize(organizations=srsly.json_loads(data)["organizations"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "organizations.json", self._data())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CartelRuler:
        self.initialize(organizations=srsly.read_json(Path(path) / "organizations.json"))
        return self


@Language.factory(COMPONENT, assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_cartel_ruler(nlp: Language, name: str) -> CartelRuler:
    """The `cartel_ruler` component (its organizations: see `CartelRuler.initialize`)."""
    return CartelRuler(nlp, name)
