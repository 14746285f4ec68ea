"""Property tests: for any Unicode text, `extract` returns a record that validates against the
schema, whose spans all lie inside the text and match it, and two runs give the same record."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transfer_extract.core import chunk_bounds, mask_html

NEWSY = st.sampled_from(["Mexico", "sent", "37", "cartel", "members", "to", "the", "United States",
                         "on", "Tuesday", "\u201c", "\u201d", '"', "said", "Sheinbaum", "CJNG", ".",
                         "\n", "\n\n", " ", "<p>", "&amp;", "Cártel", "extradited", "2025"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(NEWSY, max_size=80).map(" ".join))
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@QUICK
@given(text=TEXTS)
def test_any_text_gives_a_valid_record_with_exact_offsets_twice_the_same(extract_text, text: str) -> None:
    assert extract_text(text) == extract_text(text)  # extract_text checks schema and offsets


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400), size=st.integers(1, 50))
def test_chunks_always_rebuild_the_text(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b - a <= size for a, b in bounds)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("<>/&;#ap x\n=\"'!-"), max_size=200))
def test_mask_html_keeps_the_length(text: str) -> None:
    masked, _ = mask_html(text)
    assert len(masked) == len(text)
