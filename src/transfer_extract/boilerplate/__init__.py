"""Page furniture: what a scraped page puts around and inside an article, found to be stripped.

`find_furniture(text)` returns every span to remove, each with a `kind` (caption, credit, byline,
timestamp, navigation, ad, embed, related, share, comments, promo, copyright, widget, link,
metadata, and the phrase rules' kinds: donation, newsletter, cookie, read_more, photo_credit,
repeated_headline, editor_note), the publication date the page states and the offsets of its
dateline's date. Lines are classified by what they are made of and where they stand
(`layout.py`, signals in `signals.py`, word lists in `data/furniture.json` and
`data/boilerplate.json`); `explain` shows the text with each stripped block marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from transfer_extract.boilerplate import phrases
from transfer_extract.boilerplate.layout import classify, lines_of
from transfer_extract.boilerplate.published import dateline, published_from_marker, stated_dates
from transfer_extract.boilerplate.signals import lists
from transfer_extract.record import Boilerplate

__all__ = ["Furniture", "dateline", "explain", "find_boilerplate", "find_furniture",
           "published_from_marker"]


@dataclass(frozen=True)
class Furniture:
    """The furniture of a page: spans to strip (sorted, not overlapping), the publication date
    the page states, and the offsets of the date in its dateline and of the place the dateline
    names (body, never stripped)."""

    spans: tuple[Boilerplate, ...]
    published: date | None
    dateline: tuple[int, int] | None
    dateline_place: tuple[int, int] | None = None
    published_inferred: bool = False  # the year of `published` comes from a weekday, not the text

    def to_dict(self) -> dict:
        return {"spans": [b.to_dict() for b in self.spans],
                "published": self.published.isoformat() if self.published else None,
                "dateline": list(self.dateline) if self.dateline else None,
                "dateline_place": list(self.dateline_place) if self.dateline_place else None}


def find_furniture(text: str) -> Furniture:
    """The furniture of `text`, in one pass over its lines."""
    found: list[tuple[int, int, str]] = []
    _, marker_end = published_from_marker(text)
    if marker_end:
        found.append((len(text) - len(text.lstrip()), marker_end, "metadata"))
    lines = lines_of(text, marker_end)
    lx = lists()
    for line, kind in zip(lines, classify(lines), strict=True):
        block = phrases.block_span(text, line.start, line.end)
        if block is not None:  # an appeal; article text after it on the line stays
            found.append(block)
        elif kind:
            found.append((line.start, line.end, kind))
            continue
        found.extend(phrases.inline_spans(text, line.start, line.end))
        if m := lx.teaser.search(text, line.start, line.line_end):
            found.append((m.start() + len(m.group()) - len(m.group().lstrip()), m.end(), "related"))
        found.extend((m.start(), m.end(), "link")
                     for m in lx.link_artifact.finditer(text, line.start, line.end))
    stated = stated_dates(text)
    found.extend((s, e, "timestamp") for s, e in stated.date_lines)
    return Furniture(tuple(_merge(text, found)), stated.published, stated.dateline, stated.place,
                     stated.inferred)


def find_boilerplate(text: str) -> tuple[list[Boilerplate], date | None]:
    """The boilerplate spans of `text` (sorted, not overlapping) and the stated publication date."""
    furniture = find_furniture(text)
    return list(furniture.spans), furniture.published


def explain(text: str, spans: tuple[Boilerplate, ...] | list[Boilerplate]) -> str:
    """`text` with each stripped span marked and labelled: `[[kind: ...]]`."""
    out: list[str] = []
    pos = 0
    for bp in spans:
        out.append(text[pos:bp.start])
        out.append(f"[[{bp.kind}: {text[bp.start:bp.end]}]]")
        pos = bp.end
    out.append(text[pos:])
    return "".join(out)


def _merge(text: str, found: list[tuple[int, int, str]]) -> list[Boilerplate]:
    """Sorted, non-overlapping spans; an overlap keeps the first span's kind."""
    merged: list[list] = []
    for start, end, kind in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, kind])
    return [Boilerplate(s, e, text[s:e], k) for s, e, k in merged if e > s]
