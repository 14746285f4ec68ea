"""The pipeline as loaded gives what the model as shipped gives: the same tokenizer, and the
lookup attribute ruler the same annotations as the model's own AttributeRuler."""

from __future__ import annotations

import importlib.util

import pytest
import spacy

from conftest import FIXTURE_ARTICLES, SHARED_ARTICLES
from transfer_extract.attributes import FACTORY, LookupAttributes, Unsupported, lookup_attributes
from transfer_extract.pipeline import DEFAULT_MODELS, UNUSED_IN_DEFAULT_MODELS, load_pipeline

# Contractions and dialect spellings that the model's special rules (several of them
# two-token ones) are about, plus whitespace tokens.
SPECIAL = ("I ain't gonna wait, let's go. Gotta love 'em, y'all.\n\nSomethin' ol' doin' nothin' goin'"
           " he'll she'd they're. There's a plan, and there are two; did he? He did.  \n It is.")


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def both():
    """The model as shipped, and the same model with the lookup in place of its ruler."""
    from transfer_extract.pipeline import default_model_name

    shipped = spacy.load(default_model_name(), exclude=["ner"])
    lookup = spacy.load(default_model_name(), exclude=["ner"])
    lookup_attributes(lookup)
    return shipped, lookup


@pytest.mark.parametrize("name", DEFAULT_MODELS)
def test_default_models_ship_the_stock_tokenizer(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"{name} is not installed")
    components = spacy.load(name, exclude=["tokenizer"]).pipe_names
    shipped = spacy.load(name, exclude=components)
    assert shipped.tokenizer.to_bytes(exclude=["vocab"]) == load_pipeline(name).tokenizer.to_bytes(exclude=["vocab"])


@pytest.mark.parametrize("name", DEFAULT_MODELS)
def test_default_models_ship_the_unused_components_disabled(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        pytest.skip(f"{name} is not installed")
    shipped = spacy.load(name, exclude=["tokenizer"])
    unused = [c for c in UNUSED_IN_DEFAULT_MODELS if c != "tokenizer"]
    assert set(unused) <= set(shipped.disabled)
    assert load_pipeline(name).disabled == []


def test_replaces_the_ruler(both):
    shipped, lookup = both
    assert "attribute_ruler" in shipped.pipe_names
    assert FACTORY in lookup.pipe_names and "attribute_ruler" not in lookup.pipe_names
    assert lookup.pipe_names.index(FACTORY) == shipped.pipe_names.index("attribute_ruler")


@pytest.mark.parametrize("path", [*FIXTURE_ARTICLES, *SHARED_ARTICLES], ids=lambda p: p.stem)
def test_same_annotations_on_articles(both, path):
    shipped, lookup = both
    text = path.read_text("utf-8")
    assert _annotations(lookup(text)) == _annotations(shipped(text))


def test_same_annotations_on_special_words(both):
    shipped, lookup = both
    doc = shipped(SPECIAL)
    assert {t.lemma_ for t in doc} >= {"be", "go", "them", "nothing", "old"}  # the rules did fire
    assert _annotations(lookup(SPECIAL)) == _annotations(doc)


def test_unsupported_rules_keep_the_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "A"})
    with pytest.raises(Unsupported):
        LookupAttributes(nlp).initialize(patterns=ruler.patterns)
    lookup_attributes(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert nlp("a a")[0].lemma_ == "A"


def test_rules_apply_in_the_ruler_order():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["x", "y"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": {"REGEX": "^z"}}, {"LOWER": "x"}]], {"LEMMA": "third"}, index=1)
    expected = [t.lemma_ for t in nlp("x y zz x")]
    assert expected == ["second", "second", "", "third"]
    lookup_attributes(nlp)
    assert nlp.pipe_names == [FACTORY]
    assert [t.lemma_ for t in nlp("x y zz x")] == expected
