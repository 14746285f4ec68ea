"""Loading of the word lists and patterns in `transfer_extract/data/` (cached, read once)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_json(name: str) -> Any:
    """The parsed contents of `data/<name>`."""
    return json.loads(files("transfer_extract").joinpath("data", name).read_text("utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of `data/<name>`."""
    text = files("transfer_extract").joinpath("data", name).read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
