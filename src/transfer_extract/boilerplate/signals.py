"""What one line of page text is made of: the signals the furniture classifier combines.

Each function looks at one line (stripped of surrounding space) and nothing else; where the line
stands is `layout.py`'s business. Word lists come from `data/furniture.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transfer_extract.data import alternation, load_json

_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "january", "february", "march", "april", "june", "july", "august", "september",
           "october", "november", "december", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
           "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
           "saturday", "sunday"}
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "\u201d", "\u2019", "'", "\u2026", ".)", "?)", "!)")
_QUOTE_OPEN = ('"', "\u201c", "\u2018", "'", "\u00ab")
_LIST_MARKER = re.compile(r"^(?:[-\u2013\u2014\u2022*\u25cf\u25aa]\s|\d{1,2}[.)]\s)")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
_TOKEN_EDGE = ",.|/\\\u2013\u2014-:;()[]"
_NUMBERISH = re.compile(r"^\d[\d:./-]*(?:st|nd|rd|th|am|pm)?$", re.IGNORECASE)
# A handle in parentheses or a link to a post; a bare URL (an embed on a short line only).
_EMBED = re.compile(r"\(@\w{1,30}\)|\bpic\.twitter\.com/|\bt\.co/\w|https?://|\bwww\.\w")
_HANDLE_SIGNOFF = re.compile(r"^[-\u2013\u2014]\s*[^()\n]{1,60}\(@\w{1,30}\)")
# A closing parenthesis, maybe followed by a name ("(AP Photo/Name)The Associated Press").
# The words after it are split by spaces only one way (a space between words is required), so a
# long run of capitals is never tried in every split.
_PAREN_TAIL = re.compile(r"\(([^()]{1,160})\)(?:\s*[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})?\s*\.?$")
_END_CHARS = 240
_PIPE_CREDIT = re.compile(r"\|\s*(?:image|photo|picture|credit|source|video)s?\s*:", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>\n]{0,200})?/?>")
_SOURCE_LINE = re.compile(r"^(?:source|sources|photo|image|credit)s?\s*:", re.IGNORECASE)
_BREADCRUMB_SEP = re.compile(r"\s(?:/|>|\u203a|\u00bb)\s")
# A run of letters of one script (Latin, Cyrillic, Arabic, Chinese/Japanese); the group says which.
_SCRIPT_RUN = re.compile(r"([A-Za-z\u00c0-\u024f]+)|([\u0400-\u04ff]+)|([\u0600-\u06ff]+)|([\u3040-\u9fff]+)")
_CAPITALIZED = re.compile(r"^[\"'\u201c\u2018(]?[A-Z\u00c0-\u00de0-9#@]")


@dataclass(frozen=True)
class Phrases:
    """Phrases found in a lowercased line by substring search (faster than a regex alternation
    over every position), each occurrence checked for word edges where the phrase has them."""

    phrases: tuple[str, ...]

    def search(self, lower: str) -> bool:
        for p in self.phrases:
            i = lower.find(p)
            while i != -1:
                before = lower[i - 1] if i else " "
                after = lower[i + len(p)] if i + len(p) < len(lower) else " "
                if ((not p[0].isalnum() or not before.isalnum())
                        and (not p[-1].isalnum() or not after.isalnum())):
                    return True
                i = lower.find(p, i + 1)
        return False


@dataclass(frozen=True)
class Lists:
    agencies: frozenset[str]
    agency_slash: re.Pattern[str]
    credit_words: re.Pattern[str]
    credit_org_tails: frozenset[str]
    staff_words: frozenset[str]
    time_words: frozenset[str]
    related_headers: frozenset[str]
    teaser: re.Pattern[str]
    tail_kinds: frozenset[str]
    caption_cues: Phrases
    attribution: re.Pattern[str]
    phrases: tuple[tuple[str, int, Phrases], ...]
    link_artifact: re.Pattern[str]
    ad_size: re.Pattern[str]
    temperature: re.Pattern[str]
    limits: dict[str, float]


def _words(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)", re.IGNORECASE)


@cache
def lists() -> Lists:
    data = load_json("furniture.json")
    agencies = alternation(data["agencies"])
    return Lists(
        agencies=frozenset(a.lower() for a in data["agencies"]),
        agency_slash=re.compile(rf"(?<!\w)(?:{agencies})(?:\s(?:Photo|Images))?\s?/\s?[A-Z][\w.'\u2019-]*"
                                rf"(?:\s[A-Z][\w.'\u2019-]*){{0,3}}\s*\)?\.?$", re.IGNORECASE),
        credit_words=_words(data["credit_words"]),
        credit_org_tails=frozenset(data["credit_org_tails"]),
        staff_words=frozenset(data["staff_words"]),
        time_words=frozenset(data["time_words"]),
        related_headers=frozenset(data["related_headers"]),
        teaser=re.compile(rf"(?<=[.!?\u201d\"\u2019])\s*(?:{alternation(data['teaser_labels'])})[^\n]*"),
        tail_kinds=frozenset(data["tail_kinds"]),
        caption_cues=Phrases(tuple(c.lower() for c in data["caption_cues"])),
        attribution=_words(data["attribution_words"]),
        phrases=tuple((p["kind"], p["max_words"], Phrases(tuple(w.lower() for w in p["phrases"])))
                      for p in data["line_phrases"]),
        link_artifact=re.compile(rf" ?\((?:{alternation(data['link_artifacts'])})\)"),
        ad_size=re.compile(data["patterns"]["ad_size"], re.IGNORECASE),
        temperature=re.compile(data["patterns"]["temperature"]),
        limits=data["limits"],
    )


def ends_sentence(line: str) -> bool:
    return line.endswith(_SENTENCE_END)


def opens_quote(line: str) -> bool:
    return line.startswith(_QUOTE_OPEN)


def is_list_item(line: str) -> bool:
    return _LIST_MARKER.match(line) is not None


def is_label(line: str) -> bool:
    """A name or label of a few words, none of them a sentence's end."""
    return not ends_sentence(line) and any(c.isalpha() for c in line)


def all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def all_capitalized(words: list[str]) -> bool:
    return bool(words) and all(_CAPITALIZED.match(w) for w in words)


def glued(line: str) -> int:
    """Words run together without a space, as menus are scraped: "FinancialGovernment"; a
    lowercase run of `glued_prefix` letters directly before a capital, or a change of script."""
    n = lists().limits["glued_prefix"]
    count = len(re.findall(rf"[a-z\u00df-\u00ff]{{{int(n)}}}[A-Z\u00c0-\u00de]", line))
    prev: re.Match[str] | None = None
    for m in _SCRIPT_RUN.finditer(line):
        if prev is not None and prev.end() == m.start() and m.lastindex != prev.lastindex:
            count += 1
        prev = m
    return count


def is_timestamp(words: list[str]) -> bool:
    """A page timestamp or reading time: "March 18, 2014 / 5:35 PM / 4 years ago", "2 min read",
    "2:07 PM – Monday, March 31, 2025"; a line mostly of dates, clock times and time words, with a
    clock time, "ago", "read" or "updated" in it."""
    lim = lists().limits
    if not words or len(words) > lim["timestamp_max_words"]:
        return False
    tw = lists().time_words
    timeish = 0
    anchor = False
    for w in words:
        core = w.strip(_TOKEN_EDGE).lower()
        if not core or _NUMBERISH.match(core) or core.rstrip(".") in _MONTHS or core in tw:
            timeish += 1
        if core in ("ago", "read", "updated", "published", "posted") or _CLOCK.search(w):
            anchor = True
    line = " ".join(words)
    anchor = anchor or _CLOCK.search(line) is not None
    return anchor and any(c.isdigit() for c in line) and timeish >= lim["timestamp_share"] * len(words)


def credit_kind(line: str) -> str | None:
    """"caption" for a line carrying a picture credit (a closing parenthesis naming a photo, an
    agency or a slash credit, "| Image: ...", "REUTERS/Name" at the end, a caption cue), "credit"
    for a bare credit or source line; else None."""
    lx = lists()
    words = line.split()
    if _SOURCE_LINE.match(line) and len(words) <= 8:
        return "credit"
    end = line[-_END_CHARS:]  # the patterns anchored at the end look at the end only
    if lx.agency_slash.search(end) or _PIPE_CREDIT.search(line):
        return "caption"
    m = _PAREN_TAIL.search(end)
    if m and len(m[1].split()) <= 12 and ("/" in m[1] or lx.credit_words.search(m[1])
                                          or m[1].strip().lower() in lx.agencies):
        return "caption"
    if len(words) <= 60 and lx.caption_cues.search(line.lower()):
        return "caption"
    if len(words) == 1 and lx.credit_words.fullmatch(line.strip(":")):
        return "caption"
    return None


def short_credit(words: list[str]) -> bool:
    """"Colombia Army", "Presidencia Handout": a few capitalized words ending in who took it."""
    return (2 <= len(words) <= 4 and all_capitalized(words)
            and words[-1].lower() in lists().credit_org_tails)


def byline_kind(line: str, words: list[str]) -> str | None:
    lx = lists()
    if line.startswith("By ") and "|" in line:
        return "byline"
    if len(words) <= lx.limits["short_line_max_words"] and not ends_sentence(line):
        if any(w in lx.staff_words for w in words) and all_capitalized(words):
            return "byline"
        if (len(words) <= 4 and words[0].lower() in lx.agencies and all_capitalized(words)
                and len(words) > 1):
            return "byline"
    return None


def separated_kind(line: str, words: list[str]) -> str | None:
    """A line cut in segments by pipes or slashes (share rows, metadata rows, breadcrumbs)."""
    lim = lists().limits
    if ends_sentence(line) and not line.endswith(":"):
        return None
    lower = line.lower()
    if line.count("|") >= lim["pipe_min"]:
        if re.search(r"\b(?:share|facebook|twitter|whatsapp|linkedin|email|print)\b", lower):
            return "share"
        return "byline" if lower.startswith("by ") else "navigation"
    if len(_BREADCRUMB_SEP.findall(line)) >= lim["slash_min"]:
        return "navigation"
    if line.startswith("#") and len(words) <= 4:
        return "navigation"
    return None


def phrase_kind(line: str, words: list[str]) -> str | None:
    if opens_quote(line):
        return None
    lower = line.lower()
    for kind, max_words, found in lists().phrases:
        if len(words) <= max_words and found.search(lower):
            return kind
    return None


def own_kind(line: str) -> str | None:
    """The kind of furniture a line is by what it is made of alone, or None (markup left by a
    scraper, "<i> United Press International</i>", is read without its tags)."""
    if "<" in line:
        line = _TAG.sub(" ", line).strip()
    words = line.split()
    if not words:
        return None
    if line.lower() in lists().agencies:
        return "credit"  # an agency's name alone on its line
    lim = lists().limits
    if _HANDLE_SIGNOFF.match(line) or ((embed := _EMBED.search(line)) and (
            embed.group().startswith(("(", "pic", "t.co")) and not opens_quote(line)
            or len(words) <= 3)):
        return "embed"
    if len(words) <= lim["widget_max_words"]:
        if lists().ad_size.search(line):
            return "ad"
        if lists().temperature.search(line):
            return "widget"
    kind = phrase_kind(line, words) or credit_kind(line)
    if kind:
        return kind
    if kind := byline_kind(line, words):
        return kind
    if is_timestamp(words):
        return "timestamp"
    if kind := separated_kind(line, words):
        return kind
    if ends_sentence(line):
        return None
    g = glued(line)
    if g >= 2 or (g == 1 and len(words) <= lim["label_max_words"]):
        return "navigation"
    return "credit" if short_credit(words) else None


def header_name(line: str) -> str:
    """The line as a related-stories header would be listed: lower case, no closing colon."""
    return " ".join(line.lower().rstrip(":.!\u2013\u2014- ").split())
