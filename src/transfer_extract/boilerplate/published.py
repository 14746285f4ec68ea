"""The publication date a page states, and its dateline.

In order of trust: a leading `date YYYY-MM-DD` marker, a "Published ..." line or segment of a
metadata line ("By X | Outlet | Updated: 2014-02-27 07:20"), a dateline with a full date
("MEXICO CITY, Jan. 21, 2026 (AP) —"), a line near the top holding only a date, an "Updated ..."
line. Lines found here are metadata to strip; the dateline itself is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
HEADER_CHARS = 1500  # datelines and date lines are looked for in the first part of the text only


@dataclass(frozen=True)
class Stated:
    """What the page says about its own date: the publication date (or None), the spans of the
    page lines that say it (timestamps, to strip), and the offsets of the dateline's date (body)."""

    published: date | None
    date_lines: tuple[tuple[int, int], ...]
    dateline: tuple[int, int] | None


def published_from_marker(text: str) -> tuple[date | None, int]:
    """The date of a leading `date YYYY-MM-DD` marker and the marker's end offset (0 if none)."""
    m = _MARKER.match(text)
    if not m:
        return None, 0
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None, 0


def dateline(text: str) -> tuple[int, int] | None:
    """The offsets of the date in a dateline near the top ("MEXICO CITY, Jan. 21, 2026 (AP) —"):
    the day the story was filed, not the day of anything it reports."""
    m = _DATELINE.search(text, 0, HEADER_CHARS)
    return m.span("when") if m else None


def stated_dates(text: str) -> Stated:
    """The publication date `text` states (the marker's first), its metadata lines and dateline."""
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
    filed = dateline(text)
    if filed and (when := parse_day(text[filed[0]:filed[1]])):
        stated.setdefault("dateline", when)
    for key in ("published", "dateline", "date_line", "updated"):
        published = published or stated.get(key)
    return Stated(published, tuple(spans), filed)


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
