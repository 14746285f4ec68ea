"""An article's text as HTML with every fact marked, in the manner of displaCy's span renderer
(spans may overlap; each gets its kind's colour and a label) but on exact character offsets,
with the paragraphs kept, the stripped furniture struck through and each quote linked to the
mention of its speaker. One pass over the sorted span boundaries: linear in text and facts."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from transfer_extract.kinds import kinds


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # the classes of the marked text
    label: str  # shown after the span ('' for none)
    anchor: str = ""  # an id at the span's start ('' for none)
    link: str = ""  # the label links to this id
    data: tuple[tuple[str, str], ...] = ()  # data attributes of the marked text (name, value)


def marks(record: dict[str, Any], prefix: str) -> list[Mark]:
    """Every fact span of `record` (each kind's spans, as `show --evidence` marks them), the
    boilerplate, and each quote's speaker mention; ids start with `prefix`."""
    out: list[Mark] = []
    for bp in record.get("boilerplate") or []:
        out.append(Mark(bp["start"], bp["end"], "bp", f"furniture: {bp.get('kind', '')}"))
    for k in kinds():
        for n, fact in enumerate(record.get(k.field) or []):
            fid = f"{prefix}-{k.field}-{n}"
            for i, (span, label) in enumerate(k.spans(fact)):
                if span["end"] <= span["start"]:
                    continue
                anchor = fid if i == 0 else f"{fid}-{i}"
                if k.field == "quotes":
                    speaker = fact.get("speaker_mention")
                    link = f"{fid}-speaker" if speaker else ""
                    out.append(Mark(span["start"], span["end"], f"f k-{k.field}", label, anchor, link,
                                    (("q", fid),)))
                    if speaker and speaker["end"] > speaker["start"]:
                        out.append(Mark(speaker["start"], speaker["end"], "spk", "", f"{fid}-speaker",
                                        data=(("sq", fid),)))
                    continue
                out.append(Mark(span["start"], span["end"], f"f k-{k.field}", label, anchor))
    return out


def _attrs(active: list[Mark]) -> str:
    classes = " ".join(dict.fromkeys(c for m in active for c in m.css.split()))
    data: dict[str, list[str]] = {}
    for m in active:
        for name, value in m.data:
            data.setdefault(name, []).append(value)
    extra = "".join(f' data-{name}="{escape(" ".join(v))}"' for name, v in data.items())
    return f'class="{classes}"{extra}'


def highlighted(text: str, record: dict[str, Any], prefix: str) -> str:
    """The HTML of `text` with the marks of `record` (offsets outside the text are left out)."""
    found = [m for m in marks(record, prefix) if 0 <= m.start < m.end <= len(text)]
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, list[Mark]] = {}
    for m in found:
        opens.setdefault(m.start, []).append(m)
        closes.setdefault(m.end, []).append(m)
    cuts = sorted({0, len(text), *opens, *closes})
    active: list[Mark] = []
    parts: list[str] = []
    for here, nxt in zip(cuts, cuts[1:] + [None], strict=True):
        ended = closes.get(here, [])
        if ended:
            gone = {id(m) for m in ended}
            active = [m for m in active if id(m) not in gone]
            for m in sorted(ended, key=lambda m: -m.start):  # the inner span's label first
                if m.label:
                    cls = m.css.split()[-1]
                    label = escape(m.label)
                    parts.append(f'<a class="lbl {cls}" href="#{m.link}">{label}</a>' if m.link
                                 else f'<span class="lbl {cls}">{label}</span>')
        for m in opens.get(here, []):
            if m.anchor:
                parts.append(f'<a id="{escape(m.anchor)}"></a>')
            active.append(m)
        if nxt is None:
            break
        piece = escape(text[here:nxt])
        parts.append(f"<span {_attrs(active)}>{piece}</span>" if active else piece)
    return "".join(parts)
