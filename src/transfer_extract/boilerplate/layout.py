"""Where a line stands: the furniture classifier over the lines of a page.

One pass gives every line the kind of furniture it is made of (`signals.own_kind`, then the phrase
rules). Then position and neighbours decide the rest:
- the lead is the first line that reads as a body paragraph; before it (the header) the headline
  and standfirst stay and short labels of a few words (menus, section names) go;
- a "Related" / "Featured" header owns the headline-like lines that follow it without a blank line;
- in the body, a line of sentence words with no closing punctuation is a caption (body paragraphs
  close; the text's very last line may be cut off and stays; a line reporting speech, "told
  Parliament that ...", is body that lost its stop), as is a one-sentence line set apart
  by more blank lines than the text uses between paragraphs;
- a copyright or comment prompt after the lead ends the article: every line after it goes.
Every step is a single pass over the lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from transfer_extract.boilerplate import phrases
from transfer_extract.boilerplate.signals import (
    all_caps,
    ends_sentence,
    header_name,
    is_label,
    is_list_item,
    lists,
    opens_quote,
    own_kind,
)

_LINE = re.compile(r"[^\n]*\n?")
_INNER_SENTENCE = re.compile(r"[.!?][\"\u201d\u2019]?\s+[A-Z\u201c\"]")


@dataclass(frozen=True)
class Line:
    start: int  # offsets of the line's text without surrounding space
    end: int
    text: str
    gap: int  # blank lines between this line and the previous line with text
    words: int
    line_end: int  # the end of the whole line, a glued teaser included


def lines_of(text: str, start: int = 0) -> list[Line]:
    """The lines of text[start:] that hold text, with the blank lines before each; a teaser glued
    to a line's last sentence ("... cartel.Also Read: ...") is left out of the line."""
    found: list[Line] = []
    gap = 0
    for m in _LINE.finditer(text, start):
        if not m.group():
            break
        raw = m.group().rstrip("\n")
        stripped = raw.strip()
        if not stripped:
            gap += 1
            continue
        s = m.start() + len(raw) - len(raw.lstrip())
        if teaser := lists().teaser.search(stripped):  # a teaser glued on is not the line's end
            stripped = stripped[:teaser.start()].rstrip() or stripped
        found.append(Line(s, s + len(stripped), stripped, gap, len(stripped.split()),
                          m.start() + len(raw.rstrip())))
        gap = 0
    return found


def _is_paragraph(line: Line) -> bool:
    return line.words >= lists().limits["paragraph_min_words"] and ends_sentence(line.text)


def classify(lines: list[Line]) -> list[str | None]:
    """The kind of furniture of each line, or None for body lines."""
    seen: set[str] = set()
    kinds: list[str | None] = []
    for line in lines:
        kinds.append(own_kind(line.text) or phrases.line_kind(line.text, seen))
        phrases.remember(line.text, seen)
    _related_runs(lines, kinds)
    lead = next((i for i, (ln, k) in enumerate(zip(lines, kinds, strict=True))
                 if k is None and _is_paragraph(ln)),
                len(lines))
    _header(lines, kinds, lead)
    tail = next((i for i in range(lead + 1, len(lines))
                 if kinds[i] in lists().tail_kinds and lines[i].words <= 25), len(lines))
    _body(lines, kinds, lead, tail)
    for i in range(tail + 1, len(lines)):
        kinds[i] = kinds[i] or "related"
    return kinds


def _headline_like(line: Line) -> bool:
    """A headline of another story: no sentence's full stop at the end, no opening quote."""
    return not line.text.endswith((".", ":", ";")) and not opens_quote(line.text)


def _related_runs(lines: list[Line], kinds: list[str | None]) -> None:
    """A related-stories header and the run of headline-like lines right under it (no blank
    line between)."""
    headers = lists().related_headers
    owned_max = lists().limits["owned_max_words"]
    i = 0
    while i < len(lines):
        if kinds[i] in (None, "read_more", "related") and header_name(lines[i].text) in headers:
            kinds[i] = kinds[i] or "related"
            j = i + 1
            while (j < len(lines) and lines[j].gap == 0 and lines[j].words <= owned_max
                   and (kinds[j] is not None or _headline_like(lines[j]))):
                kinds[j] = kinds[j] or "related"
                j += 1
            i = j
        else:
            i += 1


def _header(lines: list[Line], kinds: list[str | None], lead: int) -> None:
    """Before the lead: the headline (the first line of four words or more, else the first line
    left) and what reads as text stay; labels of a few words go."""
    free = [i for i in range(lead) if kinds[i] is None]
    headline = next((i for i in free if lines[i].words >= 4), free[0] if free else -1)
    label_max = lists().limits["label_max_words"]
    for i in free:
        line = lines[i]
        if (i != headline and line.words <= label_max and is_label(line.text)
                and not all_caps(line.text) and not opens_quote(line.text)):
            kinds[i] = "navigation"


def _body(lines: list[Line], kinds: list[str | None], lead: int, tail: int) -> None:
    lim = lists().limits
    gaps = Counter(ln.gap for ln in lines[lead + 1:tail])
    usual = gaps.most_common(1)[0][0] if gaps else 1
    last = len(lines) - 1
    for i in range(lead + 1, min(tail, last)):
        line = lines[i]
        if kinds[i] is not None or opens_quote(line.text) or is_list_item(line.text):
            continue
        if not ends_sentence(line.text) and line.words >= lim["caption_min_words"] \
                and not lists().attribution.search(line.text):  # "X told Parliament that ..." lost its stop
            kinds[i] = "caption"
        elif (line.gap >= usual + lim["gap_extra_blank_lines"]
              and line.words <= lim["gap_caption_max_words"]
              and lines[i + 1].gap <= usual
              and not _INNER_SENTENCE.search(line.text)):
            kinds[i] = "caption"
