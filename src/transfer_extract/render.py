"""Terminal tables for records (rich). Used by the CLI only; the core never imports this."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from transfer_extract.kinds import Kind, kinds
from transfer_extract.merge import FIELDS
from transfer_extract.naming import distinct_names

Only = Collection[str] | str | None  # the kinds of fact shown (None: every kind)


def _kinds_only(only: Only) -> Collection[str] | None:
    return (only,) if isinstance(only, str) else only


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    return table


def _fields_rows(title: str, label: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Table:
    """Facts one field a row (many columns side by side do not fit a terminal), empty fields
    left out, a rule between facts."""
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
    for col in (label, "field", "value"):
        table.add_column(col, overflow="fold")
    for number, row in enumerate(rows, 1):
        cells = [(label, ", ".join(map(str, v)) if isinstance(v, list) else str(v))
                 for label, v in zip(columns, row, strict=True) if v not in (None, [], "")]
        for i, (label, value) in enumerate(cells):
            table.add_row(str(number) if i == 0 else "", label, value, end_section=i == len(cells) - 1)
    return table


def _kind_table(kind: Kind, facts: list[dict[str, Any]]) -> Table:
    """The table of one kind of fact, drawn as its registry entry says."""
    rows = [kind.flat(f) for f in facts]
    if kind.layout == "fields":
        return _fields_rows(kind.field, kind.label or "fact", kind.header, rows)
    return _table(kind.field, list(kind.header), [list(r) for r in rows])


def record_tables(record: dict[str, Any], only: Only = None) -> Group:
    """One renderable for a record: a header and a table per kind of fact (of the kinds in
    `only`, when given)."""
    only = _kinds_only(only)
    src = record["source"]
    page = ""
    if src.get("format") == "html":  # a web page: what it is, and how much article text it held
        page = (f"\nweb page: {escape(src.get('title') or '?')} ({escape(src.get('site') or src.get('url') or '?')})"
                f"  article text: {len(src.get('text') or '')} chars")
    header = Panel(
        f"[bold]{src.get('path') or '<stdin>'}[/]  published: {record.get('published') or '?'}"
        f"  chars: {src['chars']}  boilerplate removed: {len(record['boilerplate'])}{page}",
        expand=False,
    )
    ordered = sorted(kinds(), key=lambda k: not k.headline)  # the headline kind first
    tables = {k.field: _kind_table(k, record.get(k.field) or []) for k in ordered}
    parts: list[Any] = [header]
    shown = [(name, t) for name, t in tables.items() if only is None or name in only]
    parts.extend(t for _, t in shown if t.row_count)
    empty = [name for name, t in shown if not t.row_count]
    if empty:
        parts.append(f"[dim]none found: {', '.join(empty)}[/]")
    if record.get("warnings") and only is None:
        parts.append("[yellow]warnings:[/] " + "; ".join(record["warnings"]))
    return Group(*parts)


def print_records(records: list[dict[str, Any]], console: Console | None = None,
                  only: Only = None) -> None:
    console = console or Console()
    for record in records:
        console.print(record_tables(record, only))


# ---- merge ----------------------------------------------------------------------------------


def _short(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def _shorts(sources: list[str]) -> str:
    return ", ".join(_short(s) for s in sources)


def _values(values: list[dict[str, Any]]) -> str:
    """Every value with its sources: "37 (a.txt, c.txt) | 38 (b.txt)"."""
    return " | ".join(f"{v['value']} ({_shorts(v['sources'])})" for v in values)


def _fields_table(title: str, columns: tuple[str, str, str],
                  items: list[tuple[str, list[tuple[str, str]]]]) -> Table:
    """Items one field a row (several columns side by side do not fit 80 columns): the item's
    label on its first row, empty fields left out, a rule between items."""
    table = Table(title=f"{title} ({len(items)})", title_justify="left", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for label, rows in items:
        rows = [(k, v) for k, v in rows if v not in ("", None)]
        for i, (key, value) in enumerate(rows):
            table.add_row(label if i == 0 else "", key, value, end_section=i == len(rows) - 1)
    return table


def _check(check: dict[str, Any]) -> str:
    return check["status"] + "".join(
        f"; {' + '.join(map(str, c['parts']))} = {c['sum']} against {c['total']} ({_shorts(c['sources'])})"
        for c in check["checks"])


def _event_rows(event: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [("reported by", _shorts(event["reported_by"])), ("recalled by", _shorts(event["recalled_by"]))]
    for key in FIELDS:
        label = _MERGE_LABELS.get(key, key)
        rows.append((label + (" [red](conflict)[/]" if event[key]["conflict"] else ""),
                     _values(event[key]["values"])))
    rows.append(("people moved", _values(event["people"])))
    if event["consistency"]["checks"]:
        rows.append(("total check", _check(event["consistency"])))
    for key in ("organizations", "places", "conditions"):
        rows.append((key, _values(event[key])))
    rows.extend(("note", note) for note in event["notes"])
    return rows


_MERGE_LABELS = {"origin": "from", "destination": "to", "cumulative_total": "stated total",
                 "sequence": "wave"}


def _running(wave: dict[str, Any]) -> str:
    if wave["running_total"] is None:
        return ""
    low, high = wave["running_range"] or (wave["running_total"],) * 2
    return str(wave["running_total"]) + (f" (from {low} to {high} with every count)" if low != high else "")


class _Timeline:
    """The timeline, one row per wave where it fits (WIDE columns), else one field a row."""

    def __init__(self, timeline: list[dict[str, Any]]) -> None:
        self.timeline = timeline

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        waves = self.timeline
        route = [f"{w['origin'] or '?'} -> {w['destination'] or '?'}" for w in waves]
        if options.max_width >= WIDE:
            table = Table(title=f"timeline ({len(waves)})", title_justify="left", expand=False)
            for col in ("event", "date", "kind", "count", "route", "running total", "stated",
                        "reported by", "recalled by"):
                table.add_column(col, overflow="fold")
            for w, r in zip(waves, route, strict=True):
                table.add_row(str(w["event"]), w["date"] or "undated", w["kind"] or "",
                              " / ".join(map(str, w["counts"])), r, _running(w),
                              " / ".join(map(str, w["stated_totals"])),
                              _shorts(w["reported_by"]), _shorts(w["recalled_by"]))
            yield table
            return
        yield _fields_table("timeline", ("event", "field", "value"), [
            (str(w["event"]), [("date", w["date"] or "undated"), ("kind", w["kind"]),
                               ("count", " / ".join(map(str, w["counts"]))), ("route", r),
                               ("running total", _running(w)),
                               ("stated total", " / ".join(map(str, w["stated_totals"]))),
                               ("reported by", _shorts(w["reported_by"])),
                               ("recalled by", _shorts(w["recalled_by"]))])
            for w, r in zip(waves, route, strict=True)])


def merge_tables(result: dict[str, Any]) -> Group:
    """One renderable for a merge result: the articles, the timeline, each event, the people,
    officials and quotes; every table fits 80 columns without cutting words."""
    articles = _table("articles", ["article", "status", "events"], [
        [_short(a["source"]), a["status"] + (f": {a['reason']}" if a["reason"] else ""),
         "; ".join(p for p in (
             f"reports {', '.join(map(str, a['reported']))}" if a["reported"] else "",
             f"recalls {', '.join(map(str, a['recalled']))}" if a["recalled"] else "") if p)]
        for a in result["articles"]])
    parts: list[Any] = [articles, _Timeline(result["timeline"])]
    parts.append(_fields_table("events", ("event", "field", "values (sources)"),
                               [(str(e["id"]), _event_rows(e)) for e in result["events"]]))
    for key, label in (("officials", "title"), ("people", "role")):
        if result[key]:
            parts.append(_fields_table(key, ("name", "field", "value"), [
                (p["name"], [("aliases", ", ".join(p["aliases"])), (label, _values(p["titles"])),
                             ("country", _values(p["countries"])), ("articles", _shorts(p["sources"]))])
                for p in result[key]]))
    if result["quotes"]:
        parts.append(_fields_table("quotes", ("quote", "field", "value"), [
            (str(n), [("text", q["text"]), ("said by", _values(q["speakers"])),
                      ("articles", ", ".join(_short(s["source"]) + (" (a fragment)" if s["fragment"] else "")
                                             for s in q["sources"]))])
            for n, q in enumerate(result["quotes"], 1)]))
    return Group(*parts)


def print_merge(result: dict[str, Any], console: Console | None = None) -> None:
    (console or Console()).print(merge_tables(result))




def _label(record: dict[str, Any]) -> str:
    src = record.get("source") or {}
    return src.get("path") or (src.get("sha256") or "<stdin>")[:12]


# Short headers for terminals narrower than WIDE: ten columns of full headers do not fit 80.
WIDE = 110
_HEADLINE_SHORT = {"event": "event", "count": "n", "date": "date"}


def _counted() -> list[Kind]:
    """The kinds counted in the overview: all but the headline kind (summarised instead)."""
    return [k for k in kinds() if not k.headline]


class _Overview:
    """The overview table, laid out for the width it is drawn in."""

    def __init__(self, lines: list[dict[str, Any]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Any:
        short = options.max_width < WIDE
        lines = self.lines
        counted = _counted()
        shorts = {**_HEADLINE_SHORT, **{k.field: k.short or k.field for k in counted}}
        legend = ", ".join(f"{v} {k}" for k, v in shorts.items() if v != k)
        table = Table(title=f"articles ({len(lines)})", title_justify="left", box=box.SIMPLE_HEAD,
                      show_edge=False, padding=(0, 1, 0, 0), caption=legend if short else None,
                      caption_justify="left")
        table.add_column("article", overflow="fold", min_width=12)
        for col in (*_HEADLINE_SHORT, *(k.field for k in counted)):
            table.add_column(shorts[col] if short else col, no_wrap=col != "event", overflow="fold",
                             justify="left" if col in ("event", "date") else "right")
        errors: list[str] = []
        for line, name in zip(lines, distinct_names([_label(line) for line in lines]), strict=True):
            if "error" in line:
                errors.append(f"[red]failed:[/] {line['error']}")
                table.add_row(name, "[red]error[/]", *[""] * (len(counted) + 2))
                continue
            events = line.get("events") or []
            first = next((e for e in events if e.get("role") != "recalled"), {})
            event = f"{first['kind']}" + (f" +{len(events) - 1}" if len(events) > 1 else "") if first else "-"
            table.add_row(name, event, "" if first.get("count") is None else str(first["count"]),
                          first.get("date") or "", *[str(len(line.get(k.field) or [])) for k in counted])
        yield table
        yield from errors


def overview_table(lines: list[dict[str, Any]]) -> _Overview:
    """One row per saved line: the article (the shortest end of its path that tells it apart),
    its first event's kind, count and date, and the number of each kind of fact; failed articles
    are marked and listed below. Below
    WIDE columns the figures get short headers, explained under the table."""
    return _Overview(lines)


def summary_table(stats: dict[str, Any]) -> Table:
    """The end-of-batch summary: one row per figure."""
    table = Table(title="batch", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    for key, value in stats.items():
        table.add_row(key, f"{value:.1f}" if isinstance(value, float) else str(value))
    return table


def _marks(record: dict[str, Any], only: Only) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) for every fact span of `record`."""
    only = _kinds_only(only)
    return sorted((span["start"], span["end"], k.field, label)
                  for k in kinds() if only is None or k.field in only
                  for fact in record.get(k.field, []) for span, label in k.spans(fact)
                  if span["end"] > span["start"])


def evidence_text(record: dict[str, Any], text: str, only: Only = None) -> Text:
    """The article text with every fact's span highlighted and a label after it."""
    marks = _marks(record, only)
    styles = {k.field: k.style for k in kinds()}
    body = Text(text)
    for bp in record.get("boilerplate", []):
        body.stylize("dim strike", bp["start"], bp["end"])
    ends: dict[int, list[tuple[str, str]]] = {}
    for start, end, kind, label in marks:
        body.stylize(styles[kind], start, end)
        ends.setdefault(end, []).append((kind, label))
    out = Text()
    offset = 0  # offset in `text` of the end of what has been appended
    for part in body.divide(sorted(ends)):
        out.append_text(part)
        offset += len(part.plain)
        for kind, label in ends.get(offset, []):
            out.append(f"⟨{label}⟩", style=f"bold {styles[kind].split(' on ')[-1]}")
    return out
