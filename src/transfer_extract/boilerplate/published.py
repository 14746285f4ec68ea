"""The publication date a page states, and its dateline.

In order of trust: a leading `date YYYY-MM-DD` marker, a "Published ..." line or segment of a
metadata line ("By X | Outlet | Updated: 2014-02-27 07:20"), a dateline with a full date
("MEXICO CITY, Jan. 21, 2026 (AP) —"), a line near the top holding only a date, a metadata line
above the first paragraph with a date in digits or ending with a date ("12/27/2011", "and The Wire
April 5, 2017 6:25 pm"), an "Updated ..." line. Lines found here are metadata to strip; the dateline itself is body.

A wire dateline may give the day without the year ("Quito, Jul 4 (EFE).-"). When nothing else
dates the page, the year is the latest one, not after today and not before a year the text
mentions, in which that day falls on the weekday the dateline's own paragraph names ("... early
Thursday morning"): wire copy names the filing day's weekday for what happened that day. With
no weekday there, or none that fits, the page stays undated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from transfer_extract.data import alternation, load_json

_MARKER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})-(\d{2})\b[ \t]*")
# The keyword opens a line or a segment of a metadata line after a separator (| • ·), so that a
# sentence that merely says something "was updated on ..." is never read as the page's date.
_PUBLISHED_LINE = re.compile(
    r"(?:^|[|•·][ \t]*)[ \t]*(?P<what>first published|last updated|published|updated|posted)"
    r"(?: on)?[ \t]*:?[ \t]+(?P<when>[^\n|]{6,80}?)[ \t]*(?=\||$)",
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
# "MEXICO CITY, Jan. 21, 2026 (AP) —": a place in capitals (or title case, but not "On Tuesday"),
# a full date, then an agency or a dash.
# The place may have accented capitals ("BOGOTÁ, Colombia, Nov. 14, 2025 (AP) —").
_UPPER = "A-ZÀ-ÖØ-Þ"
# The place may have a country or state after it ("SAN SALVADOR, El Salvador, Feb. 4, 2026 —") and
# the date may stand in parentheses ("SAN SALVADOR, El Salvador (Feb. 4, 2026) —").
_PLACE_PART = rf"[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ.]*(?:[ \t]+[{_UPPER}][A-Za-zÀ-ÖØ-öø-ÿ.]*){{0,3}}"
_NOT_PLACE = rf"(?!(?:{alternation(load_json('furniture.json')['not_a_place'])})\b)"
_PLACE = (rf"(?P<place>{_NOT_PLACE}(?:[{_UPPER}][{_UPPER}.'\-]*(?:[ \t]+[{_UPPER}][{_UPPER}.'\-]*)*|{_PLACE_PART})"
          rf"(?:,[ \t]*{_PLACE_PART})*)")
_AGENCY = r"\([A-Za-z][\w .&/'-]{0,30}\)[ \t]*[.:]?[ \t]*"
_DATELINE = re.compile(
    rf"^[ \t]*{_PLACE}(?:,[ \t]+|[ \t]+\()"
    rf"(?P<when>{_FULL_DATE})\)?[ \t]*(?:\(|—|–|-)",
    re.MULTILINE,
)
# A line that is only a date, maybe with a clock time and zone: "Wed 21 Jan 2026 14.05 GMT".
_DATE_LINE = re.compile(
    rf"^[ \t]*(?P<when>{_FULL_DATE})(?:[ \t,]+(?:at[ \t]+)?\d{{1,2}}[.:]\d{{2}}(?:[ \t]*[ap]\.?m\.?)?"
    rf"(?:[ \t]+[A-Z]{{2,4}})?)?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# A date in digits with a four-digit year: "12/27/2011", "12-18-2020" (month and day in either
# order; only an order the numbers themselves show is read, see `_numeric_day`).
_NUMERIC_DATE = r"(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)"
_CLOCK = r"(?:[ \t,]+(?:at[ \t]+)?\d{1,2}[.:]\d{2}(?:[ \t]*[ap]\.?m\.?)?(?:[ \t]+[A-Z]{2,4})?)?"
# A metadata line of the page's header that holds a date: the date alone in digits, maybe with a
# clock time and a section after a bar ("12-18-2020 | Blogs"), or a few words then a date ("and The
# Wire April 5, 2017 6:25 pm", "go to original March 04, 2010"). The words hold no sentence
# punctuation; the line is looked for only above the article's first paragraph (`_header_lines`).
_HEADER_DATE_LINE = re.compile(
    rf"^[ \t]*(?:(?P<words>[^\W\d][^\n.!?;:\"“”|]{{0,58}}?)[ \t]+)?"
    rf"(?P<when>{_FULL_DATE}|{_NUMERIC_DATE}){_CLOCK}"
    rf"(?:[ \t]*[|•·][ \t]*[^\n|•·]{{1,40}}){{0,3}}[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_PROSE_LINE = re.compile(r"^[^\n]{100,}", re.MULTILINE)  # the article's first paragraph
_LAST_WORD = re.compile(r"(\w+)\W*$")


@cache
def _not_after() -> frozenset[str]:
    """Words that, ending the words before a date, make the line a headline or a sentence."""
    return frozenset(w.lower() for w in load_json("furniture.json")["date_line_not_after"])


# The same without a year, after a place in capitals or title case and before an agency in
# parentheses or a dash: "Quito, Jul 4 (EFE).-", "GENEVA, 3 March (Reuters) -".
_YEARLESS_DATELINE = re.compile(
    rf"^[ \t]*{_PLACE},[ \t]+"
    rf"(?P<when>(?P<m1>{_MONTH})[ \t]+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})[ \t]+(?P<m2>{_MONTH}))"
    rf"(?![.,]?[ \t]*\d)[ \t]*(?:{_AGENCY})?[-—–]",
    re.MULTILINE,
)
# A dateline with no date: "QUITO (Reuters) -", "TEGUCIGALPA, Honduras (AP) —", "New Delhi: ..."
# (the colon form only opening a paragraph, not a short headline).
_PLACE_DATELINE = re.compile(
    rf"^[ \t]*{_PLACE}(?:[ \t]*{_AGENCY}[-—–]|[ \t]+[-—–][ \t]|(?P<colon>:)[ \t](?=[^\n]{{80}}))",
    re.MULTILINE,
)
_WEEKDAY = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_WEEKDAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
HEADER_CHARS = 1500  # datelines and date lines are looked for in the first part of the text only


@dataclass(frozen=True)
class Stated:
    """What the page says about its own date: the publication date (or None), the spans of the
    page lines that say it (timestamps, to strip), and the offsets of the dateline's date and of
    the place it names (body; the place may be a word that names none, extractors check)."""

    published: date | None
    date_lines: tuple[tuple[int, int], ...]
    dateline: tuple[int, int] | None
    place: tuple[int, int] | None = None
    # the year of `published` was inferred from a weekday (a dateline without a year)
    inferred: bool = False


def published_from_marker(text: str) -> tuple[date | None, int]:
    """The date of a leading `date YYYY-MM-DD` marker and the marker's end offset (0 if none)."""
    m = _MARKER.match(text)
    if not m:
        return None, 0
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None, 0


@dataclass(frozen=True)
class _Found:
    """A pattern's match in the text's header and the header's offset in the text."""

    match: re.Match[str]
    offset: int

    def span(self, group: str) -> tuple[int, int]:
        start, end = self.match.span(group)
        return start + self.offset, end + self.offset


def _datelines(text: str) -> tuple[_Found | None, _Found | None, _Found | None]:
    """The first dateline near the top of `text` with a full date, without a year, and without a
    date, each read once; a line may open after a leading `date YYYY-MM-DD` marker ("date
    2020-01-25 BOGOTA, Jan. 23 (Xinhua) —")."""
    _, start = published_from_marker(text)
    header = text[start:start + HEADER_CHARS]
    dated, yearless, bare = (pattern.search(header) for pattern in
                             (_DATELINE, _YEARLESS_DATELINE, _PLACE_DATELINE))
    return (_Found(dated, start) if dated else None, _Found(yearless, start) if yearless else None,
            _Found(bare, start) if bare else None)


def _place_of(found: tuple[_Found | None, ...]) -> tuple[int, int] | None:
    """The place of the dateline that stands first."""
    present = [f for f in found if f is not None]
    return min(present, key=lambda f: f.match.start()).span("place") if present else None


def dateline(text: str) -> tuple[int, int] | None:
    """The offsets of the date in a dateline near the top ("MEXICO CITY, Jan. 21, 2026 (AP) —"):
    the day the story was filed, not the day of anything it reports."""
    dated = _datelines(text)[0]
    return dated.span("when") if dated else None


def dateline_place(text: str) -> tuple[int, int] | None:
    """The offsets of the place a dateline near the top names ("QUITO" of "QUITO (Reuters) -",
    "SAN SALVADOR, El Salvador" of "SAN SALVADOR, El Salvador, Feb. 4, 2026 —"), or None."""
    return _place_of(_datelines(text))


def year_from_weekday(month: int, day: int, weekday: int, today: date,
                      not_before: int | None = None) -> int | None:
    """The latest year, not after `today` and not before `not_before`, in which `month`/`day`
    falls on `weekday` (Monday 0), or None. Weekdays repeat within 28 years."""
    first = max(not_before or 0, today.year - 28)
    for year in range(today.year, first - 1, -1):
        try:
            day_of = date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        if day_of <= today and day_of.weekday() == weekday:
            return year
    return None


def _yearless_dateline(text: str, today: date, found: _Found | None) -> tuple[date | None, tuple[int, int] | None]:
    """The day and offsets of the dateline without a year `found`, dated by the weekday of its
    paragraph."""
    if found is None:
        return None, None
    m, end = found.match, found.span("when")[1]
    month = _MONTHS.index((m["m1"] or m["m2"])[:3].lower()) + 1
    day = int(m["d1"] or m["d2"])
    paragraph_end = text.find("\n", end)
    named = _WEEKDAY.search(text, end, paragraph_end if paragraph_end >= 0 else len(text))
    if named is None:
        return None, found.span("when")
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= today.year]
    year = year_from_weekday(month, day, _WEEKDAYS.index(named[1]), today, max(years, default=None))
    return (date(year, month, day) if year else None), found.span("when")


def stated_dates(text: str, today: date | None = None) -> Stated:
    """The publication date `text` states (the marker's first), its metadata lines and dateline;
    `today` (the clock's by default) bounds the year of a dateline that gives none."""
    published, _ = published_from_marker(text)
    spans: list[tuple[int, int]] = []
    stated: dict[str, date] = {}
    for pm in _PUBLISHED_LINE.finditer(text):
        when = parse_day(pm["when"])
        if when is not None:
            spans.append((pm.start("what"), pm.end()))
            what = pm["what"].lower()
            stated.setdefault("updated" if "updated" in what else "published", when)
    for dm in _DATE_LINE.finditer(text, 0, HEADER_CHARS):
        when = parse_day(dm["when"])
        if when is not None:
            spans.append((dm.start("when"), dm.end()))
            stated.setdefault("date_line", when)
    for start, end, when in _header_date_lines(text):
        spans.append((start, end))
        stated.setdefault("header_line", when)
    datelines = _datelines(text)
    filed = datelines[0].span("when") if datelines[0] else None
    if filed and (when := parse_day(text[filed[0]:filed[1]])):
        stated.setdefault("dateline", when)
    for key in ("published", "dateline", "date_line", "header_line", "updated"):
        published = published or stated.get(key)
    guessed = False
    if filed is None:
        inferred, filed = _yearless_dateline(text, today or date.today(), datelines[1])
        guessed = published is None and inferred is not None
        published = published or inferred
    return Stated(published, tuple(spans), filed, _place_of(datelines), guessed)


def _header_date_lines(text: str) -> list[tuple[int, int, date]]:
    """(start, end, day) of the date of each metadata line with a date above the article's first
    paragraph (`_HEADER_DATE_LINE`); the span runs from the date to the line's end."""
    _, start = published_from_marker(text)
    end = min(len(text), start + HEADER_CHARS)
    prose = _PROSE_LINE.search(text, start, end)
    if prose is not None:
        end = prose.start()
    found: list[tuple[int, int, date]] = []
    for m in _HEADER_DATE_LINE.finditer(text, start, end):
        words = m["words"]
        if words and ((last := _LAST_WORD.search(words)) is None or last[1].lower() in _not_after()):
            continue
        when = _numeric_day(m) if m["y"] else parse_day(m["when"])
        if when is not None:
            found.append((m.start("when"), m.end(), when))
    return found


def _numeric_day(m: re.Match[str]) -> date | None:
    """The day of a date in digits when its order is plain: "12/27/2011" (month first, as 27 is
    no month) or "27/12/2011"; None when both numbers could be the month ("05/04/2011")."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        month, day = a, b
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day(when: str) -> date | None:
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
