"""Dates: every expression that names a specific day, month or year, resolved against the
publication date with the granularity the text gives.

Resolution rules (news copy):
- a weekday is the most recent such day on or before publication ("said Wednesday" on a
  Wednesday is that day); "next Friday", or a weekday in a clause about the future ("will meet
  on Friday", "is also expected to land on Sunday", "scheduled for Friday", "has until Monday
  to"), is the coming one; "last Friday" is strictly before publication;
- a month or day without a year is the most recent one not after publication, the coming one in
  a future clause; "last year" / "this year" / "of last year" after it set the year, also for
  the months joined to it ("February and August last year");
- "last year", "this month", "next year", "N years ago": from the publication date;
- "yesterday", "last night" are the day before publication; "the previous day", "the day
  after" count from the reference day (the last day named in the sentence or the two before);
  "the same day", "that day" are the reference day, null without one;
- "a year earlier", "two weeks later", "the same month a year earlier" move the reference date
  (of any granularity) by that much;
- "last week" / "next week" are the month of that week (of its Thursday); "this week" is none;
- a range of days in one month ("March 3-5, 2024", "3 to 5 March") is its first day;
- durations ("the past year", "for three years", "in under a year"), ages and clock times are
  not dates; four-digit years count only in 1700-2099 and not before "percent" or a plural noun.
Without a publication date, relative expressions keep `value: None` (and the caller warns).

dateparser is deliberately not used here: it moves a weekday equal to the base date a week
back, loses granularity outside `DateDataParser.period`, and `search_dates` merges neighbouring
numbers ("37 of 92"); the rules above are small and exact.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Doc

from transfer_extract.data import alternation, load_json
from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.numbers import parse_number
from transfer_extract.record import DateFact

_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# a relative day ("the previous day", "that day") counts from the last date named in its
# sentence or in this many sentences before it (a news paragraph)
REFERENCE_SENTENCES = 2
CLAUSE_CHARS = 400  # characters before a date looked at for its clause: a sentence may not end


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    shifts: dict[str, int]
    day_words: dict[str, int]
    relative_days: dict[str, int]
    anaphoric_days: dict[str, int]
    directions: dict[str, int]
    units: dict[str, str]
    may_before: frozenset[str]
    pattern: re.Pattern[str]
    future: re.Pattern[str]
    not_after_year: re.Pattern[str]


@cache
def _words() -> _Words:
    data = load_json("dates.json")
    months = {**data["months"], **data["month_abbreviations"]}
    full = alternation(data["months"])
    abbr = alternation(data["month_abbreviations"])
    month = rf"(?:{full}|(?:{abbr})(?:\.|(?=\s+\d)))(?![\w])"
    wday = rf"(?:{alternation(data['weekdays'])})(?!\w)"
    shift = rf"(?i:{alternation(data['shift_words'])})"

    def yrel(n: int) -> str:
        return rf"(?:,?\s+(?:of\s+)?(?P<yshift{n}>(?i:last|this|next))\s+(?i:year))"

    year = r"(?:1[7-9]\d\d|20\d\d)(?!\d)"
    ordsuf = r"(?:st|nd|rd|th)?"
    number = r"(?:\d+|[A-Za-z]+(?:-[A-Za-z]+)?)"
    # a part of a month or year, kept in the text of the date ("late February", "at the
    # beginning of June", "mid-January"): it does not change the value
    part = rf"(?:(?:(?i:{alternation(data['month_parts'])})(?:-|\s+))|(?i:early|late|mid)(?:-|\s+))?"
    # the end of a range of days in one month ("March 3-5, 2024", "3 to 5 March"): the date is its first day
    to_day = rf"(?:\s*(?:[-–]|to|through)\s*[0-3]?\d{ordsuf}(?![\d:]))?"
    # Where a match can start (a cheap test that spares trying every branch at every offset):
    # a digit, the initial of a month, weekday or shift word, or else only the start of a word.
    # Every branch then asks for its own left edge: no date word starts inside a word ("Blast
    # Friday" is not "last Friday"), though one may follow a hyphen ("mid-January").
    initials = {w[0] for w in (*months, *data["weekdays"])} | {
        c for w in data["shift_words"] for c in (w[0].lower(), w[0].upper())}
    start = rf"(?=[\d{''.join(sorted(initials))}]|(?<![\w-])\w)"
    pattern = rf"""
        {start}(?:
        (?<![\w-])(?P<iso>{year}-(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01]))(?![\w-])
      | (?<!\w)(?:(?:{shift}\s+)?(?P<wd0>{wday}),?\s+)?(?:
            (?P<m1>{month})\s+(?P<d1>[0-3]?\d){ordsuf}(?!\d){to_day}(?:(?:,\s*|\s+)(?P<y1>{year})|{yrel(1)})?
          | (?<![\w.,$])(?P<d2>[0-3]?\d){ordsuf}{to_day}\s+(?:of\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{year})|{yrel(2)})?
        )(?!\s*[:\d])
      | (?<!\w){part}(?P<m3>{month})(?:\s+of)?,?\s+(?P<y3>{year})
      | (?<!\w){part}(?:(?P<mshift>{shift})\s+)?(?P<m4>{month})(?!\s+\d){yrel(4)}?
      | (?<!\w)(?:(?P<wshift>{shift})\s+)?(?P<wd>{wday})
      | (?<![\w-])(?P<dayword>(?i:{alternation(data['day_words'])}))(?![\w-])
      | (?<![\w-])(?P<relday>(?i:{alternation(data['relative_days'])}))(?![\w-])
      | (?<![\w-])(?:(?i:the\s+same\s+)(?P<same>(?i:day|month))\s+)?(?P<rn>(?i:{number}))\s+
            (?P<runit>(?i:{alternation(data['units'])}))\s+(?P<rdir>(?i:{alternation(data['relative_directions'])}))(?![\w-])
      | (?<![\w-])(?P<anaday>(?i:{alternation(data['anaphoric_days'])}))(?![\w-])
      | (?<![\w-])(?P<within>(?i:{alternation(data['within_phrases'])}))\s+(?P<wunit>(?i:year|month))(?![\w-])
      | (?<![\w-])(?P<ushift>(?i:last|this|next))\s+(?P<unit>(?i:year|month))(?![\w-])
      | (?<![\w-])(?P<wkshift>(?i:last|next))\s+(?i:week)(?![\w-])
      | (?<![\w-])(?P<agon>(?i:{number}))\s+(?P<aunit>(?i:{alternation(data['units'])}))\s+(?i:ago)(?![\w-])
      | (?<![\w$€£.,/])(?<!(?<!mid)-)(?:(?i:early|late|mid)-?\s*)?(?P<year>{year})(?![\w/-]|[.,]\d)
        )
    """
    # an adverb may stand between the words of a cue: "is also expected to", "are now due"
    adverb = rf"\s+(?:(?:{alternation(data['future_cue_adverbs'])})\s+)?"
    cues = alternation(data["future_cues"]).replace(r"\s+", adverb)
    future = rf"(?<![\w'’])(?i:{cues})(?![\w])"
    not_after = rf"\s*(?:{alternation(data['not_after_year'])})(?!\w)"
    return _Words(
        months=months,
        weekdays=data["weekdays"],
        shifts=data["shift_words"],
        day_words=data["day_words"],
        relative_days=data["relative_days"],
        anaphoric_days=data["anaphoric_days"],
        directions=data["relative_directions"],
        units=data["units"],
        may_before=frozenset(data["may_needs_before"]),
        pattern=re.compile(pattern, re.VERBOSE),
        future=re.compile(future),
        not_after_year=re.compile(not_after, re.IGNORECASE),
    )


@dataclass(frozen=True)
class Found:
    """One date expression in a text (offsets into that text)."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def _month(name: str) -> int:
    return _words().months[name.rstrip(".")]


_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # "U.S", "J" (before their last period)
# a sentence end; the word before the mark is read separately, over a few characters, since
# "[\w.]*" before the mark would rescan a long run of word characters at every position
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_WORD_BEFORE = re.compile(r"[\w.]*$")
_WORD_CHARS = 24  # longer than any abbreviation or run of initials


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_json("dates.json")["abbreviations"])


def _sentence_start(text: str, pos: int) -> int:
    """The start of the sentence that holds offset `pos` (abbreviations and initials such as
    "Feb." or "U.S." do not end one)."""
    starts = _sentence_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]


@lru_cache(maxsize=8)
def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    abbreviations = _abbreviations()
    for m in _BOUNDARY.finditer(text):
        word = "" if m.group()[0] == "\n" else \
            _WORD_BEFORE.search(text, max(0, m.start() - _WORD_CHARS), m.start()).group()
        if word in abbreviations or _INITIALS.fullmatch(word):
            continue
        starts.append(m.end())
    return starts


def _clause_before(text: str, start: int) -> str:
    """The text of the sentence clause that ends at `start`: after a semicolon or a quotation
    mark ('"We will cooperate," she said on Tuesday': the quote's tense is not the date's)."""
    head = text[max(_sentence_start(text, start), start - CLAUSE_CHARS):start]
    return head[max(head.rfind(c) for c in ';"\u201c\u201d') + 1:]


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + delta
    return n // 12, n % 12 + 1


def _fmt(d: date, granularity: str) -> str:
    return d.strftime(_FORMATS[granularity])


def _year_of(month: int, day: int | None, pub: date, future: bool) -> int:
    """The year of a month (and day) written without one: the most recent not after `pub`,
    or the coming one when the clause is about the future."""
    key, pub_key = (month, day or 0), (pub.month, pub.day if day else 0)
    if future:
        return pub.year if key >= pub_key else pub.year + 1
    return pub.year if key <= pub_key else pub.year - 1


def _day(year: int, month: int, day: int) -> date | None:
    if 1 <= day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _explicit_year(m: re.Match[str]) -> int | None:
    y = m["y1"] or m["y2"] or m["y3"]
    return int(y) if y else None


def _yshift(m: re.Match[str]) -> str | None:
    return m["yshift1"] or m["yshift2"] or m["yshift4"]


def _week_month(pub: date, weeks: int) -> str:
    """The month of the week `weeks` weeks from the one of `pub`: the month of its Thursday
    (as ISO weeks are counted), so that a week across two months has the one of most of its days."""
    thursday = pub - timedelta(days=pub.weekday()) + timedelta(days=3 + 7 * weeks)
    return _fmt(thursday, "month")


_RANK = {"day": 0, "month": 1, "year": 2}


def _from_reference(m: re.Match[str], ref: tuple[date, str] | None) -> tuple[str | None, str] | None:
    """(value, granularity) of "a year earlier", "two days later", "the same month a year
    earlier": the reference date (the last one named nearby) moved by that much, in the unit's
    granularity or the one "the same day/month" names; value None without a reference as fine."""
    w = _words()
    n = parse_number(m["rn"])
    if not isinstance(n, int) or n > 500:
        return None
    unit = w.units[m["runit"].lower()]
    granularity = m["same"].lower() if m["same"] else ("day" if unit == "week" else unit)
    if ref is None or _RANK[ref[1]] > _RANK[granularity]:
        return None, granularity
    n *= w.directions[m["rdir"].lower()]
    base = ref[0]
    if unit == "year":
        moved = _day(base.year + n, base.month, base.day) or date(base.year + n, base.month, 28)
    elif unit == "month":
        y, mo = _shift_months(base.year, base.month, n)
        moved = date(y, mo, min(base.day, calendar.monthrange(y, mo)[1]))
    else:
        moved = base + timedelta(days=n * (7 if unit == "week" else 1))
    return _fmt(moved, granularity), granularity


def _resolve(m: re.Match[str], pub: date | None, future: bool, ref: date | None,
             inherited: int | None, anchor: tuple[date, str] | None = None,
             ) -> tuple[str | None, str | None] | None:
    """(value, granularity) of one match; None when the match names no date after all. `ref`
    is the last day named nearby, `anchor` the last date of any granularity (as a date, with
    its granularity)."""
    w = _words()
    if m["iso"]:
        y, mo, d = (int(p) for p in m["iso"].split("-"))
        day = _day(y, mo, d)
        return (_fmt(day, "day"), "day") if day else None
    if m["m1"] or m["m2"]:
        month = _month(m["m1"] or m["m2"])
        dnum = int(m["d1"] or m["d2"])
        year = _explicit_year(m)
        if year is None and _yshift(m) and pub:
            year = pub.year + w.shifts[_yshift(m).lower()]
        if year is None and _yshift(m) is None and inherited is not None:
            year = inherited
        if year is None:
            if pub is None:
                return (None, "day") if 1 <= dnum <= 31 else None
            year = _year_of(month, dnum, pub, future)
            if m["wd0"]:  # "Friday, Jan. 30": the year in which that day is a Friday
                year = next((y for y in (year, year + 1, year - 1) if (d := _day(y, month, dnum))
                             and d.weekday() == w.weekdays[m["wd0"]]), year)
        day = _day(year, month, dnum)
        return (_fmt(day, "day"), "day") if day else None
    if m["m3"]:
        return f"{int(m['y3']):04d}-{_month(m['m3']):02d}", "month"
    if m["m4"]:
        month = _month(m["m4"])
        if inherited is not None and not _yshift(m) and not m["mshift"]:
            return f"{inherited:04d}-{month:02d}", "month"
        if pub is None:
            return None, "month"
        if _yshift(m):
            year = pub.year + w.shifts[_yshift(m).lower()]
        elif m["mshift"]:
            shift = w.shifts[_norm(m["mshift"])]
            if shift < 0:
                year = pub.year if month < pub.month else pub.year - 1
            elif shift > 0:
                year = pub.year if month > pub.month else pub.year + 1
            else:
                year = _year_of(month, None, pub, future)
        else:
            year = _year_of(month, None, pub, future)
        return f"{year:04d}-{month:02d}", "month"
    if m["wd"]:
        if pub is None:
            return None, "day"
        wd = w.weekdays[m["wd"]]
        shift = w.shifts[_norm(m["wshift"])] if m["wshift"] else 0
        if shift > 0 or (future and not m["wshift"]):
            delta = (wd - pub.weekday()) % 7
            if shift > 0 and delta == 0:
                delta = 7
            return _fmt(pub + timedelta(days=delta), "day"), "day"
        delta = (pub.weekday() - wd) % 7
        if shift < 0 and delta == 0:
            delta = 7
        return _fmt(pub - timedelta(days=delta), "day"), "day"
    if m["dayword"]:
        if pub is None:
            return None, "day"
        return _fmt(pub + timedelta(days=w.day_words[m["dayword"].lower()]), "day"), "day"
    if m["relday"]:
        base = ref or pub
        if base is None:
            return None, "day"
        return _fmt(base + timedelta(days=w.relative_days[_norm(m["relday"])]), "day"), "day"
    if m["rn"]:
        return _from_reference(m, anchor)
    if m["anaday"]:
        if ref is None:
            return None, "day"
        return _fmt(ref + timedelta(days=w.anaphoric_days[_norm(m["anaday"])]), "day"), "day"
    if m["within"]:  # "earlier this year", "the end of the month": this one
        unit = m["wunit"].lower()
        if pub is None:
            return None, unit
        return (f"{pub.year:04d}", "year") if unit == "year" else (_fmt(pub, "month"), "month")
    if m["wkshift"]:  # "last week": the month of that week ("this week" is the present one)
        return (_week_month(pub, w.shifts[m["wkshift"].lower()]) if pub else None), "month"
    if m["ushift"]:
        unit = m["unit"].lower()
        if pub is None:
            return None, unit
        shift = w.shifts[m["ushift"].lower()]
        if unit == "year":
            return f"{pub.year + shift:04d}", "year"
        y, mo = _shift_months(pub.year, pub.month, shift)
        return f"{y:04d}-{mo:02d}", "month"
    if m["agon"]:
        n = parse_number(m["agon"])
        if not isinstance(n, int) or n > 500:
            return None
        unit = w.units[m["aunit"].lower()]
        if pub is None:
            return None, "month" if unit == "week" else unit
        if unit == "year":
            return f"{pub.year - n:04d}", "year"
        if unit == "month":
            y, mo = _shift_months(pub.year, pub.month, -n)
            return f"{y:04d}-{mo:02d}", "month"
        if unit == "week":
            return _week_month(pub, -n), "month"
        return _fmt(pub - timedelta(days=n), "day"), "day"
    return m["year"], "year"


def _skip(m: re.Match[str], text: str) -> bool:
    """Matches that look like dates but are not meant as one."""
    w = _words()
    before = text[max(0, m.start() - 40):m.start()].rstrip()
    prev_word = re.search(r"([\w-]+)\W*$", before)
    prev = prev_word[1].lower() if prev_word else ""
    if m["m4"] and m["m4"] == "May" and not m["mshift"] and not _yshift(m) and m.start() == m.start("m4"):
        return prev.removeprefix("mid-") not in w.may_before
    if (m["ushift"] or m["wkshift"]) and prev in ("the", "a", "that", "every", "each", "per"):
        return True  # "the last year" is a duration
    if m["year"]:
        if w.not_after_year.match(text, m.end()):
            return True
        if re.search(r"(?i)(?:\bage[ds]?|\bno\.|#|\bnumber|\barticle|\bsection)\s*$", before):
            return True
    return False


def find_dates(text: str, published: date | None, doc: Doc | None = None) -> list[Found]:
    """Every date expression in `text`, resolved against `published`.

    `doc` (a parse of `text`), when given, rejects four-digit numbers that count a plural noun
    ("2000 soldiers")."""
    w = _words()
    matches = [m for m in w.pattern.finditer(text) if not _skip(m, text)]
    if doc is not None:
        matches = [m for m in matches if not (m["year"] and _counts_noun(doc, m.start(), m.end()))]
    # the year of "February and August last year" reaches back over the conjunction
    inherited: list[int | None] = [None] * len(matches)
    for i in range(len(matches) - 2, -1, -1):
        cur, nxt = matches[i], matches[i + 1]
        if not (cur["m4"] or cur["m1"] or cur["m2"]) or _explicit_year(cur) or _yshift(cur):
            continue
        if not re.fullmatch(r"\s*(?:,\s*)?(?:and|or|to|through|until|,|-|–)\s*", text[cur.end():nxt.start()]):
            continue
        year = _explicit_year(nxt)
        if year is None and _yshift(nxt) and published:
            year = published.year + w.shifts[_yshift(nxt).lower()]
        if year is None and nxt["m4"] and published and nxt["m4"] and not nxt["mshift"]:
            year = inherited[i + 1]
        inherited[i] = year
    found: list[Found] = []
    last_day: tuple[int, date] | None = None  # (offset, day) of the last day-level date
    last_any: tuple[int, date, str] | None = None  # the last date of any granularity
    starts = _sentence_starts(text)
    for m, inh in zip(matches, inherited, strict=True):
        future = bool(w.future.search(_clause_before(text, m.start())))
        if m["wshift"] or m["mshift"]:
            future = future and w.shifts[_norm(m["wshift"] or m["mshift"])] >= 0
        # the reference: the last date named in this sentence or the few before it
        reach = starts[max(bisect.bisect_right(starts, m.start()) - 1 - REFERENCE_SENTENCES, 0)]
        ref = last_day[1] if last_day is not None and last_day[0] >= reach else None
        anchor = last_any[1:] if last_any is not None and last_any[0] >= reach else None
        resolved = _resolve(m, published, future, ref, inh, anchor)
        if resolved is None:
            continue
        value, granularity = resolved
        found.append(Found(m.start(), m.end(), m.group(), value, granularity))
        if value and granularity:
            last_any = (m.start(), _as_date(value), granularity)
            if granularity == "day":
                last_day = (m.start(), last_any[1])
    return found


def _as_date(value: str) -> date:
    """The first day of a date value of any granularity ("2025", "2025-02", "2025-02-27")."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _counts_noun(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > tok.i


def is_relative(found: Found) -> bool:
    """True for an expression that needed a publication date and had none."""
    return found.value is None and found.granularity is not None


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    published = ctx.article.published
    facts = []
    found = find_dates(doc_text(doc), published, doc)
    for f in found:
        facts.append(DateFact(f.start, f.end, f.text, f.value, f.granularity))  # type: ignore[arg-type]
    unresolved = sum(is_relative(f) for f in found)
    if unresolved and published is None:
        ctx.warnings.append(
            f"no publication date known: {unresolved} relative date(s) left unresolved"
            " (give --published YYYY-MM-DD)"
        )
    return {"dates": tuple(facts)}
