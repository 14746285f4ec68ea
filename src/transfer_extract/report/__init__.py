"""The evidence report: saved records as one self-contained HTML page (no network: its CSS and
script are inline). An overview table (sortable), the merged timeline as a chart when several
articles report events, and per article its event cards and its text with every fact marked
(`highlight.py`). Never prints."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

from transfer_extract.evidence import article_text
from transfer_extract.kinds import Kind, kinds
from transfer_extract.naming import distinct_names
from transfer_extract.record import _Fact
from transfer_extract.report.highlight import highlighted
from transfer_extract.report.timeline import timeline_svg

__all__ = ["Report", "build_report"]

OPEN_UP_TO = 30  # articles drawn open; past this they are closed until opened or linked to

# the colours of rich's styles in kinds.py, for the page (light background, strong label)
_COLOURS = {"cyan": ("#d4f4f7", "#117a85"), "yellow": ("#fff2b3", "#8a6d00"), "magenta": ("#f6d6f3", "#8e2c85"),
            "green": ("#d5f2d9", "#1e7b34"), "bright_green": ("#e5f9c8", "#4f7d0a"), "blue": ("#dde8fb", "#2456a6"),
            "red": ("#fbd9d5", "#b03a2e")}
_SPARE = [("#e8e0f7", "#5b3c99"), ("#fde3cc", "#a4520c"), ("#dcefee", "#2b6f6b")]


@dataclass(frozen=True)
class Report(_Fact):
    html: str
    articles: int
    errors: int
    timeline_waves: int
    missing_text: tuple[str, ...]


def _asset(name: str) -> str:
    return files("transfer_extract.report").joinpath(name).read_text("utf-8")


def _kind_colours() -> dict[str, tuple[str, str]]:
    out = {}
    spare = iter(_SPARE * 10)
    for k in kinds():
        words = k.style.split()
        name = words[words.index("on") + 1] if "on" in words else words[-1]
        out[k.field] = _COLOURS.get(name) or next(spare)
    return out


def _kind_css() -> str:
    rules = []
    for k in kinds():
        light, strong = _kind_colours()[k.field]
        if k.headline:  # long evidence sentences: underlined, not filled
            rules.append(f".text .k-{k.field} {{ border-bottom: 3px solid {strong}; }}")
        else:
            rules.append(f".text .k-{k.field} {{ background: {light}; }}")
        if k.field == "quotes":
            rules.append(f".text .k-{k.field} {{ font-style: italic; }}")
        rules.append(f".lbl.k-{k.field}, .legend .k-{k.field} {{ background: {strong}; color: #fff; }}")
    return "\n".join(rules)


def _legend() -> str:
    items = "".join(f'<span class="lbl k-{k.field}">{escape(k.label or k.field)}</span>' for k in kinds())
    return (f'<p class="legend">Marks: {items}<span class="lbl bp">furniture (struck through)</span> '
            "— hover a quote to see its speaker; a quote's label links to the mention.</p>")


def _cell(value: Any, num: bool = False, sort: str | None = None) -> str:
    text = "" if value is None else escape(str(value))
    attr = f' data-sort="{escape(sort)}"' if sort is not None else ""
    return f'<td class="num"{attr}>{text}</td>' if num else f"<td{attr}>{text}</td>"


def _overview(lines: list[dict[str, Any]], names: list[str]) -> str:
    counted = [k for k in kinds() if not k.headline]
    head = ["#", "article", "published", "event", "count", "date", "from", "to",
            *(k.field for k in counted), "warnings"]
    numeric = {"#", "count", "warnings", *(k.field for k in counted)}
    rows = []
    for n, (line, name) in enumerate(zip(lines, names, strict=True)):
        link = f'<td><a href="#a{n}">{escape(name)}</a></td>'
        if "error" in line:
            rows.append(f'<tr class="error">{_cell(n + 1, True)}{link}<td colspan="{len(head) - 2}">'
                        f"error: {escape(str(line['error']))}</td></tr>")
            continue
        events = line.get("events") or []
        first = next((e for e in events if e.get("role") != "recalled"), None)
        event = "-" if first is None else first["kind"] + (f" +{len(events) - 1}" if len(events) > 1 else "")
        rows.append("<tr>" + _cell(n + 1, True) + link + _cell(line.get("published"))
                    + _cell(event) + _cell((first or {}).get("count"), True)
                    + _cell((first or {}).get("date")) + _cell((first or {}).get("origin"))
                    + _cell((first or {}).get("destination"))
                    + "".join(_cell(len(line.get(k.field) or []), True) for k in counted)
                    + _cell(len(line.get("warnings") or []), True) + "</tr>")
    header = "".join(f'<th class="num">{escape(h)}</th>' if h in numeric else f"<th>{escape(h)}</th>"
                     for h in head)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


_CARD_FIELDS = (("count", "count"), ("origin", "from"), ("destination", "to"), ("date", "date"),
                ("cumulative_total", "stated total"), ("sequence", "wave"), ("places", "places"),
                ("organizations", "organizations"), ("conditions", "conditions"))


def _card(event: dict[str, Any], fid: str) -> str:
    rows = []
    for key, label in _CARD_FIELDS:
        value = event.get(key)
        if value in (None, [], ""):
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        rows.append(f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>")
    evidence = " ".join(f'<a href="#{fid if i == 0 else f"{fid}-{i}"}">[{i + 1}]</a>'
                        for i in range(len(event.get("evidence") or [])))
    if evidence:
        rows.append(f"<dt>evidence</dt><dd>{evidence}</dd>")
    role = event.get("role") or "reported"
    return (f'<div class="card {escape(role)}"><h4>{escape(role)} {escape(event.get("kind") or "event")}</h4>'
            f"<dl>{''.join(rows)}</dl></div>")


def _facts_tables(record: dict[str, Any]) -> str:
    parts = []
    for k in kinds():
        facts = record.get(k.field) or []
        if not facts:
            continue
        parts.append(_kind_table(k, facts))
    return f'<details class="facts"><summary>facts as tables</summary>{"".join(parts)}</details>' if parts else ""


def _kind_table(k: Kind, facts: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in k.header)
    body = "".join("<tr>" + "".join(_cell(", ".join(map(str, v)) if isinstance(v, list) else v)
                                    for v in k.flat(f)) + "</tr>" for f in facts)
    return (f"<h4>{escape(k.field)} ({len(facts)})</h4>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _article(n: int, line: dict[str, Any], name: str, is_open: bool, missing: list[str]) -> str:
    src = line.get("source") or {}
    opened = " open" if is_open else ""
    title = f'<h3>{escape(name)}</h3> <span class="meta">{escape(src.get("path") or "<stdin>")}'
    if "error" in line:
        return (f'<article id="a{n}"><details{opened}><summary>{title}</span></summary>'
                f'<p class="missing">error: {escape(str(line["error"]))}</p></details></article>')
    title += f" · published {escape(line.get('published') or '?')} · {escape(str(src.get('chars', '?')))} chars"
    if src.get("format") == "html":
        title += f" · web page: {escape(src.get('title') or '?')} ({escape(src.get('site') or src.get('url') or '?')})"
    title += "</span>"
    events = line.get("events") or []
    cards = "".join(_card(e, f"a{n}-events-{i}") for i, e in enumerate(events))
    text, why = article_text(line)
    if text is None:
        missing.append(why or "")
        body = f'<p class="missing">no text: {escape(why or "")}</p>'
    else:
        body = f'<div class="text">{highlighted(text, line, f"a{n}")}</div>'
    warnings = "".join(f'<p class="missing">warning: {escape(w)}</p>' for w in line.get("warnings") or [])
    return (f'<article id="a{n}"><details{opened}><summary>{title}</summary>'
            f'{warnings}<div class="cards">{cards}</div>{body}{_facts_tables(line)}</details></article>')


def _timeline(lines: list[dict[str, Any]], names: dict[str, str]) -> tuple[str, int]:
    """The merged timeline's chart and table, when more than one article has an event."""
    if sum(1 for r in lines if "error" not in r and r.get("events")) < 2:
        return "", 0
    from transfer_extract.merge import merge

    waves = [w.to_dict() for w in merge(lines).timeline]
    if not waves:
        return "", 0

    def who(sources: list[str]) -> str:
        return ", ".join(escape(names.get(s, s)) for s in sources)

    rows = "".join(
        "<tr>" + _cell(w["event"], True) + _cell(w["date"] or "undated") + _cell(w["kind"])
        + _cell(" / ".join(map(str, w["counts"]))) + _cell(f"{w['origin'] or '?'} → {w['destination'] or '?'}")
        + _cell(w["running_total"], True) + _cell(" / ".join(map(str, w["stated_totals"])))
        + f"<td>{who(w['reported_by'])}</td><td>{who(w['recalled_by'])}</td></tr>" for w in waves)
    head = "".join(f"<th>{h}</th>" for h in ("event", "date", "kind", "counts", "route", "running total",
                                              "stated totals", "reported by", "recalled by"))
    return (f'<section id="timeline"><h2>Timeline of the events ({len(waves)} waves, merged across articles)</h2>'
            f"{timeline_svg(waves)}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>",
            len(waves))


def build_report(lines: list[dict[str, Any]], title: str = "transfer-extract report") -> Report:
    """The page for saved lines (records and error lines, as `read_saved` gives them): texts are
    read from the articles' files when unchanged (a web page's record carries its own)."""
    from transfer_extract import __version__

    labels = [(r.get("source") or {}).get("path") or f"record {n}" for n, r in enumerate(lines, 1)]
    names = distinct_names(labels)
    missing: list[str] = []
    is_open = len(lines) <= OPEN_UP_TO
    articles = "\n".join(_article(n, line, name, is_open, missing)
                         for n, (line, name) in enumerate(zip(lines, names, strict=True)))
    timeline, waves = _timeline(lines, dict(zip(labels, names, strict=True)))
    errors = sum(1 for r in lines if "error" in r)
    with_events = sum(1 for r in lines if "error" not in r and r.get("events"))
    summary = (f"{len(lines) - errors} articles, {with_events} with events, {errors} errors"
               + (f"; {len(missing)} without their text" if missing else ""))
    html = Template(_asset("template.html")).substitute(
        version=escape(__version__), title=escape(title), css=_asset("report.css"), kind_css=_kind_css(),
        summary=escape(summary), timeline=timeline, overview=_overview(lines, names), legend=_legend(),
        articles=articles, js=_asset("report.js"))
    return Report(html, len(lines) - errors, errors, waves, tuple(missing))
