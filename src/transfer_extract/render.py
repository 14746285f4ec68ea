"""Terminal tables for records (rich). Used by the CLI only; the core never imports this."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    return table


def _names(spans: list[dict]) -> str:
    return ", ".join(sorted({m["text"] for m in spans}))


def record_tables(record: dict[str, Any], only: str | None = None) -> Group:
    """One renderable for a record: a header and a table per kind of fact."""
    src = record["source"]
    header = Panel(
        f"[bold]{src.get('path') or '<stdin>'}[/]  published: {record.get('published') or '?'}"
        f"  chars: {src['chars']}  boilerplate removed: {len(record['boilerplate'])}",
        expand=False,
    )
    tables = {
        "events": _table("events", ["kind", "count", "from", "to", "date", "total", "wave",
                                    "places", "organizations"],
                         [[e["kind"], e["count"], e["origin"], e["destination"], e["date"],
                           e["cumulative_total"], e["sequence"], ", ".join(e["places"]),
                           ", ".join(e.get("organizations", []))] for e in record["events"]]),
        "dates": _table("dates", ["text", "value", "granularity", "at"],
                        [[d["text"], d["value"], d["granularity"], d["start"]]
                         for d in record["dates"]]),
        "counts": _table("counts", ["text", "value", "counted", "kind", "at"],
                         [[c["text"], c["value"], c["counted"], c["kind"], c["start"]]
                          for c in record["counts"]]),
        "cartels": _table("cartels", ["name", "aliases", "mentions"],
                          [[c["name"], ", ".join(c["aliases"]), len(c["mentions"])]
                           for c in record["cartels"]]),
        "officials": _table("officials", ["name", "title", "country", "mentions"],
                            [[o["name"], o["title"], o["country"],
                              f"{len(o['mentions'])}: {_names(o['mentions'])}"]
                             for o in record["officials"]]),
        "people": _table("people", ["name", "role", "mentions"],
                         [[p["name"], p["role"], f"{len(p['mentions'])}: {_names(p['mentions'])}"]
                          for p in record["people"]]),
        "quotes": _table("quotes", ["speaker", "said by", "cue", "quote", "at"],
                         [[q["speaker"] or "?",
                           (q["speaker_mention"] or {}).get("text"), q["cue"],
                           ("(partial) " if q.get("partial") else "") + q["text"], q["start"]]
                          for q in record["quotes"]]),
    }
    parts: list[Any] = [header]
    parts.extend(t for name, t in tables.items() if only in (None, name))
    if record.get("warnings") and only is None:
        parts.append("[yellow]warnings:[/] " + "; ".join(record["warnings"]))
    return Group(*parts)


def print_records(records: list[dict[str, Any]], console: Console | None = None,
                  only: str | None = None) -> None:
    console = console or Console()
    for record in records:
        console.print(record_tables(record, only))


# ---- merge ----------------------------------------------------------------------------------


def _short(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def _values(field: dict[str, Any]) -> str:
    """Every value with its sources: "37 (a.txt, c.txt) | 38 (b.txt)"."""
    return " | ".join(f"{v['value']} ({', '.join(_short(s) for s in v['sources'])})"
                      for v in field["values"]) or "-"


def merge_tables(result: dict[str, Any]) -> Group:
    """One renderable for a merge result: a table per event and the timeline."""
    parts: list[Any] = []
    for event in result["events"]:
        table = Table(title=f"event {event['id']}: {len(event['sources'])} article(s)"
                      + (f", conflicts: {', '.join(event['conflicts'])}" if event["conflicts"] else ""),
                      title_justify="left", show_header=True)
        table.add_column("field")
        table.add_column("values (sources)", overflow="fold")
        for key in ("kind", "count", "origin", "destination", "date", "cumulative_total", "sequence"):
            mark = " [red]conflict[/]" if event[key]["conflict"] else ""
            table.add_row(key + mark, _values(event[key]))
        for wave in event["earlier_waves"]:
            table.add_row("earlier wave", f"count {_values(wave['count'])}; date {_values(wave['date'])}"
                          f"; sequence {_values(wave['sequence'])}")
        check = event["consistency"]
        table.add_row("consistency", check["status"] + "".join(
            f"; {' + '.join(map(str, c['parts']))} = {c['sum']} vs {c['total']}"
            f" ({', '.join(_short(s) for s in c['sources'])})" for c in check["checks"]))
        for key in ("organizations", "places", "conditions", "officials"):
            table.add_row(key, _values({"values": event[key]}))
        for quote in event["quotes"]:
            who = quote["speaker"] or "?"
            table.add_row(f"quote ({who})", f"{quote['text']} "
                          f"({', '.join(_short(s['source']) for s in quote['sources'])})")
        parts.append(table)
    parts.append(_table("timeline", ["date", "kind", "count", "route", "running total",
                                     "stated total", "event", "articles"],
                        [[t["date"], t["kind"], " / ".join(map(str, t["counts"])),
                          f"{t['origin']} -> {t['destination']}", t["running_total"],
                          " / ".join(map(str, t["stated_totals"])), t["event"],
                          len(t["sources"])] for t in result["timeline"]]))
    return Group(*parts)


def print_merge(result: dict[str, Any], console: Console | None = None) -> None:
    (console or Console()).print(merge_tables(result))
