"""Loading of the word lists and patterns in `transfer_extract/data/` (cached, read once)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
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


def alternation(phrases: Iterable[str], *, longest_first: bool = True,
                flexible_space: bool = True) -> str:
    """A regex alternation matching any of `phrases` literally: longest first (so that a phrase
    is not cut short by one it starts with) unless `longest_first` is False, and with each space
    matching any run of whitespace when `flexible_space`."""
    words = sorted(phrases, key=len, reverse=True) if longest_first else list(phrases)
    escaped = (re.escape(w) for w in words)
    if flexible_space:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(escaped)


def trie_alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of `phrases` literally, built as a trie ("Mexic(?:an|o)"), so that
    a pattern with hundreds of names tests a few characters at each position instead of every
    name in turn. Where one phrase continues another, the longer one is tried first."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
