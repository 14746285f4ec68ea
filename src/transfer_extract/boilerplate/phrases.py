"""The phrase rules of `data/boilerplate.json`: appeals that run over several sentences (donation
blocks), whole lines matching a pattern or holding a phrase, credits removed inline, lines in
capitals (other stories' headlines) and a line repeating an earlier short line.

These are one signal of the line classifier in `layout.py`; alone they never remove text that
none of them matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transfer_extract.data import alternation, load_json


@dataclass(frozen=True)
class _Block:
    kind: str
    signals: re.Pattern[str]
    ends: re.Pattern[str]
    min_signals: int
    max_gap: int


@dataclass(frozen=True)
class _Rules:
    blocks: tuple[_Block, ...]
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    phrases: tuple[tuple[str, re.Pattern[str]], ...]
    inline: tuple[tuple[str, re.Pattern[str]], ...]
    max_chars: int
    max_line_chars: int
    headline_kind: str
    headline_min_words: int
    headline_max_chars: int


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    body = alternation(phrases, longest_first=False)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@cache
def _rules() -> _Rules:
    data = load_json("boilerplate.json")
    headline = data["capital_headline"]
    return _Rules(
        blocks=tuple(
            _Block(b["kind"], _alternation(b["signals"]), _alternation(b["end"]),
                   b["min_signals"], b["max_gap"])
            for b in data["blocks"]
        ),
        lines=tuple((r["kind"], re.compile(r["regex"], re.IGNORECASE)) for r in data["lines"]),
        phrases=tuple((p["kind"], _alternation(p["phrases"])) for p in data["line_phrases"]),
        inline=tuple((r["kind"], re.compile(r["regex"])) for r in data["inline"]),
        max_chars=data["max_chars"],
        max_line_chars=data["max_line_chars"],
        headline_kind=headline["kind"],
        headline_min_words=headline["min_words"],
        headline_max_chars=headline["max_chars"],
    )


def _is_capital_headline(line: str, rules: _Rules) -> bool:
    if len(line) > rules.headline_max_chars or len(line.split()) < rules.headline_min_words:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _normalized(line: str) -> str:
    """A line as its repeat is compared: lower case, no punctuation ("Arrested under X: Y" is
    "Arrested under X Y" copied without its colon)."""
    return " ".join(_PUNCTUATION.sub(" ", line.lower()).split())


_PUNCTUATION = re.compile(r"[^\w\s]")


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Credits and artifacts removed wherever they stand in text[start:end]."""
    return [(m.start(), m.end(), kind) for kind, pattern in _rules().inline
            for m in pattern.finditer(text, start, end)]


def block_span(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The appeal (a donation block) opening the line text[start:end], if any."""
    return _block(text, start, end, _rules())


def remember(line: str, seen: set[str]) -> None:
    """Note a short line without closing punctuation, so that its repeat is found."""
    if len(line) <= _rules().headline_max_chars and not line.endswith((".", '"', "\u201d")):
        seen.add(_normalized(line))


def _block(text: str, start: int, end: int, rules: _Rules) -> tuple[int, int, str] | None:
    """An appeal that opens the line text[start:end] and runs, while signal and end phrases
    follow each other closely, up to its last end phrase."""
    while start < end and text[start].isspace():
        start += 1
    for block in rules.blocks:
        signals: set[str] = set()
        pos, block_end = start, None
        while True:
            limit = min(end, pos + block.max_gap)
            nxt_signal = block.signals.search(text, pos, limit)
            nxt_end = block.ends.search(text, pos, limit)
            if nxt_end is not None and (nxt_signal is None or nxt_end.start() <= nxt_signal.start()):
                pos = block_end = nxt_end.end()
            elif nxt_signal is not None:
                signals.add(nxt_signal.group().lower())
                pos = nxt_signal.end()
            else:
                break
        if block_end is not None and len(signals) >= block.min_signals:
            return start, block_end, block.kind
    return None


def line_kind(line: str, seen: set[str]) -> str | None:
    """The kind of furniture a whole line (stripped) is by the phrase rules, or None."""
    rules = _rules()
    if len(line) > rules.max_line_chars:
        return None
    for kind, pattern in rules.lines:
        if pattern.match(line):
            return kind
    for kind, pattern in rules.phrases:
        if pattern.search(line):
            return kind
    if _is_capital_headline(line, rules):
        return rules.headline_kind
    if _normalized(line) and _normalized(line) in seen and not line.endswith((".", '"', "\u201d")):
        return "repeated_headline"
    return None


