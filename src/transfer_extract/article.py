"""An article as the extractors see it: the original text, the cleaned text, and the map between.

The cleaned text is the original with the boilerplate spans cut out. Extractors work on the
cleaned text; `Article.span()` turns cleaned-text offsets back into offsets of the original.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from transfer_extract.boilerplate import find_furniture
from transfer_extract.record import Boilerplate, Span


@dataclass(frozen=True)
class Article:
    text: str
    clean: str
    published: date | None
    boilerplate: tuple[Boilerplate, ...]
    # The date in the dateline ("MEXICO CITY, Jan. 21, 2026 (AP) —"), offsets into `text`: the day
    # the story was filed, found once here for the extractors.
    dateline: tuple[int, int] | None
    # The place the dateline names ("QUITO" of "QUITO (Reuters) -"), offsets into `text`: where
    # the story was filed; the extractors decide whether it names a country.
    dateline_place: tuple[int, int] | None
    # `published` is the dateline's day in a year inferred from the weekday its paragraph names
    published_inferred: bool
    # Kept segments: clean_starts[i] in the cleaned text is orig_starts[i] in the original.
    clean_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def to_original(self, offset: int) -> int:
        """The original offset of cleaned-text offset `offset` (an end offset maps to the
        end of the segment it closes)."""
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        if i > 0 and offset == self.clean_starts[i]:
            i -= 1  # an end offset at a seam belongs to the segment before
        i = max(i, 0)
        return self.orig_starts[i] + offset - self.clean_starts[i] if self.orig_starts else offset

    def span(self, start: int, end: int) -> Span:
        """A `Span` of the original text for cleaned-text offsets `start`..`end`."""
        s = self.to_start(start)
        e = self.to_original(end) if end > start else s
        return Span(s, e, self.text[s:e])

    def to_clean(self, offset: int) -> int:
        """The cleaned-text offset of original offset `offset` (the inverse of `to_start`)."""
        if not self.orig_starts:
            return offset
        i = max(bisect.bisect_right(self.orig_starts, offset) - 1, 0)
        return self.clean_starts[i] + offset - self.orig_starts[i]

    def to_start(self, offset: int) -> int:
        """The original offset of a start offset (a start at a seam belongs to the segment after)."""
        i = max(bisect.bisect_right(self.clean_starts, offset) - 1, 0)
        return self.orig_starts[i] + offset - self.clean_starts[i] if self.orig_starts else offset


def in_original(value: Any, article: Article) -> Any:
    """`value` (a fact, or a tuple of them) with every span in it, at any depth, moved from the
    cleaned text's offsets, where the extractors work, to the original text's: the one place
    where offsets are mapped, when the record is built. A span is any dataclass with `start`,
    `end` and `text`; its `text` becomes the original's."""
    if isinstance(value, tuple):
        return tuple(in_original(v, article) for v in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = {f.name: in_original(getattr(value, f.name), article) for f in dataclasses.fields(value)
               if isinstance(getattr(value, f.name), tuple) or dataclasses.is_dataclass(getattr(value, f.name))}
    names = {f.name for f in dataclasses.fields(value)}
    if {"start", "end", "text"} <= names:
        span = article.span(value.start, value.end)
        changes.update(start=span.start, end=span.end, text=span.text)
    return dataclasses.replace(value, **changes) if changes else value


def prepare(text: str, published: date | None = None) -> Article:
    """Strip the boilerplate of `text`; `published` overrides the date the text states."""
    furniture = find_furniture(text)
    spans = furniture.spans
    parts: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    pos = length = 0
    for bp in [*spans, Boilerplate(len(text), len(text), "", "")]:
        if bp.start > pos:
            clean_starts.append(length)
            orig_starts.append(pos)
            parts.append(text[pos:bp.start])
            length += bp.start - pos
        pos = max(pos, bp.end)
    return Article(
        text=text,
        clean="".join(parts),
        published=published or furniture.published,
        boilerplate=spans,
        dateline=furniture.dateline,
        dateline_place=furniture.dateline_place,
        published_inferred=published is None and furniture.published_inferred,
        clean_starts=tuple(clean_starts),
        orig_starts=tuple(orig_starts),
    )
