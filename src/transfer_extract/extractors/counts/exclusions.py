"""What is no count: dates, years, money, percentages, rates, measures, clock times, ages,
durations, numbers inside names and labels, phone numbers, a nickname's number."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transfer_extract.extractors import doc_text
from transfer_extract.extractors.counts.counted import _head_noun
from transfer_extract.extractors.counts.words import _is_number_word, _Words, _words
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.extractors.numbers import parse_number
from transfer_extract.extractors.places import countries, name_key

_YEAR = re.compile(r"^(?:1[7-9]|20)\d\d$")
_EXCLUDED_ENTS = {"MONEY", "PERCENT", "QUANTITY", "TIME", "CARTEL"}  # CARTEL: "Barrio 18"
_NOT_NAME_ENTS = {"GPE", "LOC", "FAC", "NORP", "DATE"}  # "Sinaloa, 14," is no age
_MAX_AGE = 110
_RATE_CHARS = 16  # characters before a number read for a rate cue ("out of every")


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
