"""Counts: every number that counts people, things, groups or occurrences, with the thing it
counts taken from the dependency parse.

- number phrases are found on the tokens ("37", "1,200", "twenty-six", "Thirty-eight", "a dozen",
  "two hundred"), ordinals too ("the third such transfer");
- not counts: dates and years (the dates found earlier), money ("500 Mexican pesos"),
  percentages, the base of a rate ("per 100,000 residents"), measures, clock times, ages
  ("Rojas, 52,", "Rojas, now 52,", "a 45-year-old", "aged 45"), durations ("for three years"),
  numbers inside names ("MS-13", "Article 5", "commune 18", "a gang 18 cell"), phone numbers,
  decimals, a bare "one" (and the pronoun of "if one doesn't comply");
- `counted` is the noun phrase the number modifies ("Air Force planes", "high-impact criminals")
  without leading "more", "such" and the like; for "37 of them", "29 others" and "the 26 handed
  over in August" it is the people-noun of the nearest count before;
- `kind` is "total" for running totals ("a total of 92", "bringing the total to 92", "92 in
  total", "has now sent 92"), "ordinal" for ordinals, else "cardinal".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from transfer_extract.data import alternation, load_json
from transfer_extract.extractors import Context, doc_text, token_texts
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.extractors.numbers import parse_number, parse_ordinal
from transfer_extract.extractors.places import countries, name_key
from transfer_extract.record import CountFact

_ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(?:1[7-9]|20)\d\d$")
_ANTECEDENT_CHARS = 500  # how far back the noun of "37 of them" is looked for
# How far after a number its total cue is looked for: the total_after and total_pairs patterns
# of counts.json match within the first 90 characters after it, plus the cue itself.
_AFTER_CHARS = 200
_EXCLUDED_ENTS = {"MONEY", "PERCENT", "QUANTITY", "TIME", "CARTEL"}  # CARTEL: "Barrio 18"
_NOT_NAME_ENTS = {"GPE", "LOC", "FAC", "NORP", "DATE"}  # "Sinaloa, 14," is no age
_MAX_AGE = 110
_RATE_CHARS = 16  # characters before a number read for a rate cue ("out of every")


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


def _prev(doc: Doc, i: int, n: int = 1) -> Token | None:
    return doc[i - n] if i - n >= 0 else None


def _not_a_count(group: Span, doc: Doc, date_spans: Intervals) -> bool:
    """Numbers that are dates, money, percentages, measures, clock times, ages, durations,
    parts of names or phone numbers."""
    w = _words()
    first, last = group[0], group[-1]
    if date_spans.overlaps(group.start_char, group.end_char):
        return True
    if len(group) == 1 and _YEAR.match(first.text) and not (
            first.dep_ == "nummod" and first.head.tag_ == "NNS" and first.head.i > first.i):
        return True  # a year, unless it counts a plural noun ("2000 troops")
    if any(t.ent_type_ in _EXCLUDED_ENTS for t in group):
        return True
    value = parse_number(group.text)
    if value is None or not float(value).is_integer():
        return True
    if group.text.lower() in w.vague or (len(group) == 1 and first.lower_ == "one" and last.dep_ != "nummod"):
        return True
    before = _prev(doc, group.start)
    after = doc[group.end] if group.end < len(doc) else None
    if len(group) == 1 and first.lower_ == "one" and after is not None and after.pos_ in ("AUX", "VERB"):
        return True  # a pronoun: "if one doesn't comply"
    if before is not None and before.lower_ in w.labels_any_case and not _counts_plural(last):
        return True  # "commune 18", "carrera 81", "a gang 18 criminal structure" (not "zone 3 soldiers")
    text = doc_text(doc)
    if w.rate_before.search(text, max(0, group.start_char - _RATE_CHARS), group.start_char):
        return True  # the base of a rate: "46.5 per 100,000 residents"
    if before is not None and before.lower_ in w.vague_before and group.text.lower() in w.scales:
        return True  # "several thousand members"
    if before is not None and (before.text in w.money_before or before.text in w.labels):
        return True
    two = _prev(doc, group.start, 2)
    if before is not None and before.text == "." and two is not None and f"{two.text}." in w.labels:
        return True  # "Center No. 1", split by the tokenizer as "No" "." "1"
    if before is not None and before.text == "-" and not before.whitespace_:
        return True  # "MS-13", "555-1234"
    if after is not None and after.text in ("-", ":", "/", ".") and not last.whitespace_ \
            and not after.whitespace_ and group.end + 1 < len(doc) and not doc[group.end + 1].is_space:
        return True  # "52-year-old", "10:30", "50/month", "3.5" (not "to 118. Mexico")
    if after is not None and after.lower_ in w.not_count_after:
        return True
    # a ratio: "four in ten Mexicans", "one out of five"
    if after is not None and after.lower_ in ("in", "out") and _ratio_next(doc, group.end):
        return True
    k = group.start - 1
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ == "out":
        k -= 1  # "out of"
    if before is not None and doc[k].lower_ in ("in", "out") and k >= 1 \
            and _is_number_word(doc[k - 1].text, doc[k - 1].lower_):
        return True
    # a range: "between 1 and 3 percent", "$5 to $10"
    k = group.end
    if k + 2 < len(doc) and doc[k].lower_ in ("and", "to", "or", "-") \
            and _is_number_word(doc[k + 1].text, doc[k + 1].lower_) \
            and (doc[k + 2].lower_ in w.not_count_after or _money_after(doc, k + 2, w)):
        return True
    if before is not None and before.lower_ in w.age_before:
        return True
    # a nickname: 'alias "El 200"', "alias '200'"
    if any(t.lower_ in w.alias_before for t in doc[max(0, group.start - 3):group.start]):
        return True
    # "Mercedes Rojas, 52," / "Rojas (52)" / 'Luis "N," 52,': a name, then a number in apposition
    if before is not None and before.text in ('"', "\u201d", "'") and two is not None and two.text == ",":
        before, two = two, _prev(doc, group.start, 3)
    elif before is not None and before.lower_ in w.age_adverbs and two is not None and two.text == ",":
        before, two = two, _prev(doc, group.start, 3)  # "Sloot, now 35,"
    if before is not None and before.text in (",", "(") and two is not None and two.pos_ == "PROPN" \
            and (two.ent_type_ not in _NOT_NAME_ENTS or _name_taken_for_place(doc, two, group)) \
            and value <= _MAX_AGE and (after is None or after.text in (",", ")", ".", ";")):
        return True
    # money: "between $2,300 and 3,500", "15 million (Colombian pesos"
    if before is not None and before.lower_ in ("and", "to", "or", "-") and two is not None \
            and (two.ent_type_ == "MONEY" or (_prev(doc, group.start, 3) is not None
                                              and _prev(doc, group.start, 3).text in w.money_before)):
        return True
    if _money_after(doc, group.end, w):
        return True
    # a measure in feet and inches: "6ft 3in"
    if after is not None and after.lower_ == "in" and before is not None \
            and before.lower_ in w.not_count_after:
        return True
    head_name = _head_noun(last)
    if head_name is not None and head_name.tag_ == "NNP" and head_name.ent_type_ != "NORP" \
            and head_name.i == group.end and name_key(head_name.text) not in countries().adjectives:
        return True  # a name with a number: "9 News", "Channel 4" is a label ("Forty Guatemalan" is none)
    if after is not None and after.lower_ in ("years", "year") and group.end + 1 < len(doc) \
            and doc[group.end + 1].lower_ == "old":
        return True
    head = _head_noun(last)
    return head is not None and head.lemma_.lower() in w.time_units


def _counts_plural(tok: Token) -> bool:
    """Whether the number `tok` counts a plural noun right after it ("3 soldiers", "3 more soldiers")."""
    head = _head_noun(tok)
    return head is not None and head.tag_ in ("NNS", "NNPS") and head.i - tok.i <= 3


def _money_after(doc: Doc, i: int, w: _Words) -> bool:
    """Whether a currency follows at token `i`, after a scale word, a nationality or a
    parenthesis: "15 million (Colombian pesos", "10 million pesos", "445,000 Honduran lempiras"."""
    while i < len(doc) and doc[i].lower_ in w.scales:
        i += 1
    if i + 1 < len(doc) and name_key(doc[i].text) in countries().adjectives \
            and doc[i + 1].lower_ in w.money_after:
        return True
    if i < len(doc) and doc[i].text == "(":
        return any(t.lower_ in w.money_after for t in doc[i + 1:i + 4])
    return i < len(doc) and doc[i].lower_ in w.money_after


def _name_taken_for_place(doc: Doc, name: Token, group: Span) -> bool:
    """A name the model tagged as a place, opening its clause ("Varga, 42, was taken", where
    "Culiacán, Sinaloa, 14," has a comma before the place), with the number tagged an age."""
    prev = _prev(doc, name.i, 1)
    return name.ent_type_ == "GPE" and doc[group.start].ent_type_ == "DATE" \
        and (name.is_sent_start or prev is None or prev.is_space)


def _ratio_next(doc: Doc, i: int) -> bool:
    """Whether doc[i:] reads "in ten" / "out of five" (a number after it)."""
    j = i + 1
    if j < len(doc) and doc[i].lower_ == "out" and doc[j].lower_ == "of":
        j += 1
    return j < len(doc) and _is_number_word(doc[j].text, doc[j].lower_) and not _YEAR.match(doc[j].text)


def _head_noun(tok: Token) -> Token | None:
    """The noun a number modifies ("37 cartel members" -> members)."""
    if tok.dep_ in ("nummod", "amod", "quantmod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i > tok.i:
        head = tok.head
        while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
            head = head.head  # "Forty Guatemalan migrants", parsed as a compound of a compound
        return head
    if tok.dep_ == "quantmod" and tok.head.dep_ == "nummod":
        return _head_noun(tok.head)
    return None


def _phrase(doc: Doc, start: int, head: Token) -> str | None:
    """The text from token `start` to the head noun, without leading stop words."""
    w = _words()
    i = start
    while i < head.i and (doc[i].lower_ in w.strip or doc[i].tag_ in ("JJS", "CC", "DT", "RBS")
                          or doc[i].is_punct or doc[i].like_num):
        i += 1
    return doc[i:head.i + 1].text or None


def _counted(group: Span, doc: Doc) -> tuple[str | None, Token | None]:
    """(counted phrase, its head noun), or (None, None) when it must come from elsewhere."""
    last = group[-1]
    head = _head_noun(last)
    if head is not None:
        return _phrase(doc, group.end, head), head
    for child in last.children:  # "37 of them", "29 of the prisoners"
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return _phrase(doc, child.i + 1, objs[0]), objs[0]
    return None, None


def _refers_back(group: Span, doc: Doc) -> bool:
    """A bare number that stands for a noun said before: "the 26 handed over in August",
    "for any of the 92", "it sent 26 more", "another 26" (but not "topped 130")."""
    last = group[-1]
    after = doc[group.end] if group.end < len(doc) else None
    before = doc[group.start - 1] if group.start > 0 else None
    if after is not None and after.tag_ == "VBN":
        return True
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in last.children):
        return True  # "37 of them"
    if after is not None and after.lower_ in ("more", "others", "other", "others'"):
        return True  # "it sent 26 more"
    if last.dep_ == "conj":
        return True  # "29 prisoners in February and 26 in August"
    if before is not None and before.text == "," and after is not None and after.lower_ in ("in", "on", "from"):
        return True  # "29 people in February, 26 in August"
    return before is not None and before.lower_ in ("the", "those", "these", "all", "another", "further")


def _is_total(group: Span, doc: Doc, sents: list[Span], sent_starts: list[int], text: str) -> bool:
    w = _words()
    sent = sents[bisect.bisect_right(sent_starts, group.start) - 1] if sents else doc[:]
    before = text[max(sent.start_char, group.start_char - 60):group.start_char]
    # the cues after the number are within a clause's first words: never read the whole rest of
    # a long sentence for each number in it
    after = text[group.end_char:min(sent.end_char, group.end_char + _AFTER_CHARS)]
    if w.total_before.search(before) or w.total_after.search(after):
        return True
    if any(b.search(before) and a.search(after) for b, a in w.total_pairs):
        return True
    before = text[max(sent.start_char, group.start_char - 160):group.start_char]
    return any(r.search(before) for r in w.total_before_regex)


def _ordinal_ok(tok: Token, text: str) -> bool:
    """An ordinal of an occurrence ("the third such transfer"), not "first and foremost",
    "at first", an adverb ("first reported") or part of a name ("Second Amendment")."""
    w = _words()
    if w.not_ordinal_after.match(text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 20]):
        return False
    if w.not_ordinal_before.search(text[max(0, tok.idx - 12):tok.idx]):
        return False
    if tok.is_title and not tok.is_sent_start:
        return False
    if tok.dep_ in ("advmod", "npadvmod") or tok.pos_ == "ADV":
        return False
    if tok.lower_ == "second" and tok.pos_ == "NOUN":
        return False
    return True


CountTuple = tuple[int, int, str, int, str | None, str]


def find_counts(doc: Doc, date_spans: Sequence[tuple[int, int]] = ()) -> list[CountTuple]:
    """(start, end, text, value, counted, kind) of every count in `doc` (offsets into doc_text(doc))."""
    w = _words()
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    sent_starts = [s.start for s in sents]
    text = doc_text(doc)
    dated = Intervals(date_spans)
    found: list[tuple[int, int, str, int, str | None, str, Token | None]] = []
    for i in _tokens(doc).ordinals:
        tok = doc[i]
        if dated.overlaps(tok.idx, tok.idx + len(tok.text)):
            continue
        value = parse_ordinal(tok.text)
        if value is None or not _ordinal_ok(tok, text):
            continue
        head = tok.head if tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i else None
        if head is None and tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an"):
            continue  # "a second", "an eighth": a unit or a fraction, not an occurrence
        if head is None and tok.i > 1 and doc[tok.i - 1].lower_ == "the" and doc[tok.i - 2].lower_ == "on":
            continue  # "on the 14th": a day of the month
        counted = _phrase(doc, tok.i + 1, head) if head is not None else None
        found.append((tok.idx, tok.idx + len(tok.text), tok.text, value, counted, "ordinal", head))
    for group in _number_groups(doc):
        if _not_a_count(group, doc, dated):
            continue
        value = parse_number(group.text)
        assert value is not None
        counted, head = _counted(group, doc)
        kind = "total" if _is_total(group, doc, sents, sent_starts, text) else "cardinal"
        if counted is None and head is None and kind != "total" and not _refers_back(group, doc):
            kind += "-alone"
        found.append((group.start_char, group.end_char, group.text, int(value), counted, kind, head))
    found.sort(key=lambda f: f[0])
    starts = [f[0] for f in found]
    people: dict[int, list[int]] = {}  # the counts of people so far, by value
    out: list[CountTuple] = []
    for n, (start, end, written, value, counted, kind, head) in enumerate(found):
        alone = kind.endswith("-alone")
        kind = kind.removesuffix("-alone")
        if kind != "ordinal" and not alone and (counted is None or (head is not None and head.lower_ in w.pronouns)):
            # "the 37", "all three": that very group, so a count of the same value anywhere before;
            # for "all three" nothing else
            before = text[max(0, start - 4):start].lower()
            near = found[bisect.bisect_left(starts, start - _ANTECEDENT_CHARS, 0, n):n]
            same = people.get(value) if before.endswith(("all ", "the ")) else None
            if same:
                counted = found[same[-1]][4]
            else:
                counted = _antecedent(near, value, whole=before.endswith("all "))
        if _of_people(found[n]):
            people.setdefault(value, []).append(n)
        out.append((start, end, written, value, counted, kind))
    return out


def _of_people(f: tuple[Any, ...]) -> bool:
    """Whether the count `f` (as `find_counts` collects them) counts people."""
    counted, kind, head = f[4], f[5], f[6]
    if kind == "ordinal" or counted is None or head is None:
        return False
    return bool(head.lower_ in _words().person_nouns or head.ent_type_ == "NORP")


def _antecedent(before: list[tuple[Any, ...]], value: int, whole: bool = False) -> str | None:
    """The counted phrase of the nearest earlier count of people with the same value, else
    (unless the number names a `whole` group: "all three") of the nearest earlier count of
    people."""
    same = [f for f in before if f[3] == value]
    for f in [*reversed(same), *([] if whole else reversed(before))]:
        if _of_people(f):
            return f[4]
    return None


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    date_spans: list[tuple[int, int]] = []
    dates = ctx.found.get("dates", ())  # in the doc's offsets, as every fact until the record is built
    if dates:
        dated = Intervals((d.start, d.end) for d in dates)
        toks = _tokens(doc)
        for idx, text in zip(toks.idxs, toks.texts, strict=True):
            if text.isalpha() or not any(c.isdigit() for c in text):
                continue  # only numbers written in digits are parts of dates
            if dated.overlaps(idx, idx + len(text)):
                date_spans.append((idx, idx + len(text)))
    facts = []
    for start, end, text, value, counted, kind in find_counts(doc, date_spans):
        facts.append(CountFact(start, end, text, value, counted, kind))  # type: ignore[arg-type]
    return {"counts": tuple(facts)}
