"""The words and number tokens counts are read from: data/counts.json and numbers.json, and
the runs of number words in a doc ("37", "twenty-six", "a dozen")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from transfer_extract.data import alternation, load_json
from transfer_extract.extractors import token_texts

_ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class _Words:
    units: frozenset[str]
    scales: frozenset[str]
    ordinals: frozenset[str]
    money_before: frozenset[str]
    money_after: frozenset[str]
    not_count_after: frozenset[str]
    labels: frozenset[str]
    labels_any_case: frozenset[str]
    rate_before: re.Pattern[str]
    age_adverbs: frozenset[str]
    age_before: frozenset[str]
    alias_before: frozenset[str]
    time_units: frozenset[str]
    vague: frozenset[str]
    vague_before: frozenset[str]
    strip: frozenset[str]
    person_nouns: frozenset[str]
    pronouns: frozenset[str]
    total_before: re.Pattern[str]
    total_before_regex: tuple[re.Pattern[str], ...]
    total_pairs: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    total_after: re.Pattern[str]
    not_ordinal_after: re.Pattern[str]
    not_ordinal_before: re.Pattern[str]


@cache
def _words() -> _Words:
    numbers, data = load_json("numbers.json"), load_json("counts.json")
    return _Words(
        units=frozenset(numbers["units"]),
        scales=frozenset(numbers["scales"]),
        ordinals=frozenset(numbers["ordinals"]),
        money_before=frozenset(data["money_before"]),
        money_after=frozenset(w.lower() for w in data["money_after"]),
        not_count_after=frozenset(w.lower() for w in
                                  data["money_after"] + data["percent_after"] + data["measure_after"]),
        labels=frozenset(data["labels"]),
        labels_any_case=frozenset(w.lower() for w in data["labels_any_case"]),
        rate_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(data['rate_before'])})\s+$"),
        age_adverbs=frozenset(data["age_adverbs"]),
        age_before=frozenset(data["age_before"]),
        alias_before=frozenset(data["alias_before"]),
        time_units=frozenset(data["time_units"]),
        vague=frozenset(data["vague"]),
        vague_before=frozenset(data["vague_before"]),
        strip=frozenset(data["strip"]),
        person_nouns=frozenset(w.lower() for w in data["person_nouns"]),
        pronouns=frozenset(data["pronouns"]),
        total_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(data['total_before'])})\s+"
                                r"(?:(?:about|some|nearly|almost|roughly|around|at least|more than|over)\s+)?$"),
        total_before_regex=tuple(re.compile(r, re.IGNORECASE) for r in data["total_before_regex"]),
        total_pairs=tuple((re.compile(p["before"], re.IGNORECASE), re.compile(p["after"], re.IGNORECASE))
                          for p in data["total_pairs"]),
        total_after=re.compile(rf"(?i)^[^;:!?]{{0,90}}?(?<!\w)(?:{alternation(data['total_after'])})(?!\w)"),
        not_ordinal_after=re.compile(rf"(?i)^\s+(?:{alternation(data['not_ordinal_after'])})(?!\w)"),
        not_ordinal_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(data['not_ordinal_before'])})\s+$"),
    )


def _is_digits(text: str) -> bool:
    """A number written in digits ("37", "1,200", "3.5"); the first-character test is a cheap filter."""
    return text[:1].isdigit() and bool(_DIGITS.match(text))


def _is_number_word(text: str, lower: str) -> bool:
    w = _words()
    return _is_digits(text) or lower in w.units or lower in w.scales


@dataclass(frozen=True)
class _Tokens:
    """Per-token facts of a doc the counts need, computed once per doc (`_tokens`)."""

    idxs: list[int]
    texts: list[str]
    lowers: list[str]
    digits: list[bool]  # written in digits (`_is_digits`)
    numbers: list[int]  # indices of number words (`_is_number_word`), "a" and "an" among them
    ordinals: list[int]  # indices of ordinals ("third", "3rd")


def _tokens(doc: Doc) -> _Tokens:
    """The doc's `_Tokens`, from arrays (a Token object per token costs more than the tests)."""
    toks = doc.user_data.get(_TOKENS_KEY)
    if toks is None:
        w = _words()
        idxs, texts = token_texts(doc)
        lowers = [t.lower() for t in texts]
        digits = [_is_digits(t) for t in texts]
        numbers = [i for i, low in enumerate(lowers) if digits[i] or low in w.units or low in w.scales]
        ordinals = [i for i, low in enumerate(lowers)
                    if low in w.ordinals or (texts[i][:1].isdigit() and _ORDINAL_DIGITS.match(texts[i]))]
        toks = doc.user_data[_TOKENS_KEY] = _Tokens(idxs, texts, lowers, digits, numbers, ordinals)
    return toks


_TOKENS_KEY = "transfer_extract.counts.tokens"


def _number_groups(doc: Doc) -> list[Span]:
    """Maximal runs of number tokens: "37", "twenty - six", "a dozen", "two hundred and fifty"."""
    w = _words()
    toks = _tokens(doc)
    lowers, digits = toks.lowers, toks.digits
    groups: list[Span] = []
    end = 0
    for i in toks.numbers:  # a group starts at a number word, or at "a"/"an" before a scale
        if i < end:
            continue  # inside the group before
        starts = lowers[i] not in ("a", "an")
        if not starts and i + 1 < len(doc) and lowers[i + 1] in ("dozen", *w.scales):
            starts = True
        if not starts:
            continue
        j = i + 1
        while j < len(doc):
            if _is_number_word(toks.texts[j], lowers[j]) and lowers[j] not in ("a", "an") and not digits[j] \
                    and not digits[j - 1]:
                j += 1
            elif digits[j - 1] and lowers[j] in w.scales:
                j += 1  # "14 million"
            elif toks.texts[j] == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_ \
                    and j + 1 < len(doc) and lowers[j + 1] in w.units and not digits[j - 1]:
                j += 2  # "twenty-six"
            elif lowers[j] == "and" and lowers[j - 1] in w.scales and j + 1 < len(doc) \
                    and lowers[j + 1] in w.units:
                j += 2  # "two hundred and fifty"
            else:
                break
        groups.append(doc[i:j])
        end = j
    return groups
