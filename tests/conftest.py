"""Shared test fixtures: the trained pipeline (loaded once per session) and the article paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"
SHARED = ROOT.parent / "shared" / "articles"
FIXTURE_ARTICLES = sorted(FIXTURES.glob("*.txt"))
SHARED_ARTICLES = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []

needs_shared = pytest.mark.skipif(not SHARED_ARTICLES, reason=f"{SHARED} is absent")


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(files("transfer_extract").joinpath("schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def spans(data: Any) -> Iterator[dict[str, Any]]:
    """Every span (a dict with start, end and text) anywhere in a record."""
    if isinstance(data, dict):
        if {"start", "end", "text"} <= data.keys():
            yield data
        for value in data.values():
            yield from spans(value)
    elif isinstance(data, list):
        for value in data:
            yield from spans(value)


def check_record(record: dict[str, Any], text: str) -> None:
    """The record validates against the schema and every span's offsets match the text."""
    _validator().validate(record)
    for span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span


@pytest.fixture(scope="session")
def nlp():
    """The trained English pipeline with our rule components, loaded once per test session."""
    from transfer_extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """extract_text(text, published=None) -> record dict, checked against schema and offsets."""
    from transfer_extract.core import extract

    def run(text: str, published: Any = None) -> dict[str, Any]:
        record = extract(text, published=published).to_dict()
        check_record(record, text)
        return record

    return run
