"""Golden records: each fixture article's record equals the JSON beside it.

After a deliberate change, refresh them with `make golden` (UPDATE_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import FIXTURE_ARTICLES, ROOT, check_record
from transfer_extract.core import Input, extract

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("path", FIXTURE_ARTICLES, ids=lambda p: p.stem)
def test_golden(path: Path, nlp) -> None:
    text = path.read_text("utf-8")
    record = extract(Input(text, str(path.relative_to(ROOT)))).to_dict()
    check_record(record, text)
    expected_path = path.with_suffix(".json")
    if UPDATE:
        expected_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert expected_path.exists(), f"no golden file; run `make golden` to create {expected_path}"
    expected = json.loads(expected_path.read_text("utf-8"))
    assert list(record) == list(expected), f"{path.name}: the record's fields differ"
    for field in expected:
        assert record[field] == expected[field], f"{path.name}: field {field!r} differs"


def test_there_are_enough_fixture_articles() -> None:
    assert len(FIXTURE_ARTICLES) >= 8
