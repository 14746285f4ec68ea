"""Find page furniture (banners, prompts, credits, related headlines) and the metadata marker.

`find_boilerplate(text)` returns the spans to remove, each with a kind, and the publication date
stated by a leading `date YYYY-MM-DD` marker, else a "Published ..." line, a dateline with a full
date ("MEXICO CITY, Jan. 21, 2026 (AP) —"), a line near the top holding only a date, or an
"Updated ..." line. It never removes text that is not matched by one of the rules in
`data/boilerplate.json` or by the metadata patterns here (marker, Published/Updated and date lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from transfer_extract.data import alternation, load_json
from transfer_extract.record import Boilerplate

_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*")
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?P<what>published|updated|posted|first published|last updated)(?: on)?:?[ \t]+"
    r"(?P<when>[^\n]{6,80})$",
    re.IGNORECASE | re.MULTILINE,
)
# A written date with day, month and year: "Jan. 21, 2026", "January 21, 2026", "21 January 2026",
# "2026-01-21" (optionally after a weekday). The year must be there: a dateline without one
# cannot be resolved.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FULL_DATE = (rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
              rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
_WHEN = re.compile(_FULL_DATE)
# "MEXICO CITY, Jan. 21, 2026 (AP) —": a place in capitals, a full date, then an agency or a dash.
# The place may have accented capitals ("BOGOTÁ, Colombia, Nov. 14, 2025 (AP) —").
_UPPER = "A-ZÀ-ÖØ-Þ"
# The place may have a country or state after it ("SAN SALVADOR, El Salvador, Feb. 4, 2026 —") and
# the date may stand in parentheses ("SAN SALVADOR, El Salvador (Feb. 4, 2026) —").
_PLACE_PART = rf"[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ.]*(?:[ \t]+[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ.]*){{0,3}}"
_DATELINE = re.compile(
    rf"^[ \t]*[{_UPPER}][{_UPPER}.'\- ]+(?:,[ \t]*{_PLACE_PART})*(?:,[ \t]+|[ \t]+\()"
    rf"(?P<when>{_FULL_DATE})\)?[ \t]*(?:\(|—|–|-)",
    re.MULTILINE,
)
# A line that is only a date, maybe with a clock time and zone: "Wed 21 Jan 2026 14.05 GMT".
_DATE_LINE = re.compile(
    rf"^[ \t]*(?P<when>{_FULL_DATE})(?:[ \t,]+(?:at[ \t]+)?\d{{1,2}}[.:]\d{{2}}(?:[ \t]*[ap]\.?m\.?)?"
    rf"(?:[ \t]+[A-Z]{{2,4}})?)?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_HEADER_CHARS = 1500  # datelines and date lines are looked for in the first part of the text only
_LINE = re.compile(r"[^\n]+")


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


def published_from_marker(text: str) -> tuple[date | None, int]:
    """The date of a leading `date YYYY-MM-DD` marker and the marker's end offset (0 if none)."""
    m = _MARKER.match(text)
    if not m:
        return None, 0
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None, 0


def _is_capital_headline(line: str, rules: _Rules) -> bool:
    if len(line) > rules.headline_max_chars or len(line.split()) < rules.headline_min_words:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _normalized(line: str) -> str:
    return " ".join(line.lower().split())


def find_boilerplate(text: str) -> tuple[list[Boilerplate], date | None]:
    """The boilerplate spans of `text` (sorted, not overlapping) and the stated publication date."""
    rules = _rules()
    found: list[tuple[int, int, str]] = []
    published, marker_end = published_from_marker(text)
    if marker_end:
        found.append((len(text) - len(text.lstrip()), marker_end, "metadata"))

    for m in _LINE.finditer(text):
        block = _block(text, max(m.start(), marker_end), m.end(), rules)
        if block is not None:
            found.append(block)

    seen_lines: set[str] = set()
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = start + len(line)
        kind = _line_kind(line, rules, seen_lines)
        if kind:
            found.append((start, end, kind))
        if len(line) <= rules.headline_max_chars and not line.endswith((".", '"', "\u201d")):
            seen_lines.add(_normalized(line))
        for inline_kind, pattern in rules.inline:
            for im in pattern.finditer(text, m.start(), m.end()):
                found.append((im.start(), im.end(), inline_kind))

    stated: dict[str, date] = {}
    for pm in _PUBLISHED_LINE.finditer(text):
        when = _parse_published(pm["when"])
        if when is not None:
            found.append((pm.start() + len(pm.group()) - len(pm.group().lstrip()), pm.end(),
                          "metadata"))
            key = "updated" if "updated" in pm["what"].lower() else "published"
            stated.setdefault(key, when)
    header = text[:_HEADER_CHARS]
    for dm in _DATE_LINE.finditer(header):
        when = _parse_published(dm["when"])
        if when is not None:
            found.append((dm.start("when"), dm.end(), "metadata"))
            stated.setdefault("date_line", when)
    if (dl := dateline(text)) and (when := _parse_published(text[dl[0]:dl[1]])):
        stated.setdefault("dateline", when)
    for key in ("published", "dateline", "date_line", "updated"):
        published = published or stated.get(key)
    return _merge(text, found), published


def dateline(text: str) -> tuple[int, int] | None:
    """The offsets of the date in a dateline near the top ("MEXICO CITY, Jan. 21, 2026 (AP) —"):
    the day the story was filed, not the day of anything it reports."""
    m = _DATELINE.search(text, 0, _HEADER_CHARS)
    return m.span("when") if m else None


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


def _line_kind(line: str, rules: _Rules, seen: set[str]) -> str | None:
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
    if _normalized(line) in seen and not line.endswith((".", '"', "\u201d")):
        return "repeated_headline"
    return None


def _parse_published(when: str) -> date | None:
    """The day of a "Published ..." line or dateline: a full written date in it, read by
    dateparser (which alone would take "Updated 3 hours ago" or a clock time as today)."""
    import dateparser  # imported here: only a stated date needs it

    m = _WHEN.search(when)
    if m is None:
        return None
    parsed = dateparser.parse(
        m.group(), languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def _merge(text: str, found: list[tuple[int, int, str]]) -> list[Boilerplate]:
    """Sorted, non-overlapping spans; an overlap keeps the first span's kind."""
    merged: list[list] = []
    for start, end, kind in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, kind])
    return [Boilerplate(s, e, text[s:e], k) for s, e, k in merged if e > s]
