"""The real articles beside the repo (skipped when ../shared/articles is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED_ARTICLES, needs_shared


@needs_shared
@pytest.mark.parametrize("path", SHARED_ARTICLES, ids=lambda p: p.stem)
def test_record_is_valid_with_exact_offsets(path: Path, extract_text) -> None:
    record = extract_text(path.read_text("utf-8"))
    assert record["published"] == "2026-01-21"
    assert record["events"], "each shared article reports a transfer"
