"""The merged timeline (`transfer_extract.merge`) drawn as an inline SVG chart: one bar per
dated wave (its count; its kind's colour) in date order, evenly spaced (a wave years before the
rest would squeeze a time-scaled axis), each labelled with its date, and each route's running
total as a stepped line. Undated waves are left to the table below the chart."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from transfer_extract.selection import date_range

WIDTH, HEIGHT = 860, 330
LEFT, RIGHT, TOP, BOTTOM = 50, 20, 20, 100
KIND_COLOURS = {"transfer": "#c0392b", "extradition": "#8e44ad", "deportation": "#d35400"}
ROUTE_COLOURS = ("#2c3e50", "#16a085", "#2980b9", "#7f8c8d", "#27ae60")


def _day(value: str | None) -> date | None:
    span = date_range(value)
    return None if span is None else span[0] + (span[1] - span[0]) / 2


def timeline_svg(timeline: list[dict[str, Any]]) -> str:
    """The chart, or '' when no wave is dated."""
    dated = [(d, w) for w in timeline if (d := _day(w.get("date"))) is not None]
    if not dated:
        return ""
    dated.sort(key=lambda p: p[0])
    top = max([max(w["counts"] or [0]) for _, w in dated] + [w["running_total"] or 0 for _, w in dated] + [1])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: int) -> float:
        return LEFT + inner_w * (n + 0.5) / len(dated)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - v / top)

    bar = max(2.0, min(28.0, inner_w / (1.6 * len(dated))))
    out = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
           f'aria-label="timeline of {len(dated)} waves" xmlns="http://www.w3.org/2000/svg">',
           f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" class="axis"/>',
           f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{y(0):.1f}" class="axis"/>']
    for tick in sorted({0, round(top / 2), top}):
        out.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">{tick}</text>')
    routes: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for n, (_, w) in enumerate(dated):
        count = max(w["counts"] or [0])
        cx = x(n)
        colour = KIND_COLOURS.get(w.get("kind") or "", "#555")
        tip = escape(f"event {w['event']}: {w.get('kind') or '?'} of {' / '.join(map(str, w['counts'])) or '?'} "
                     f"on {w['date']}, {w.get('origin') or '?'} -> {w.get('destination') or '?'}"
                     + (f", running total {w['running_total']}" if w.get("running_total") is not None else ""))
        out.append(f'<g class="wave" data-event="{w["event"]}"><title>{tip}</title>'
                   f'<rect x="{cx - bar / 2:.1f}" y="{y(count):.1f}" width="{bar:.1f}" '
                   f'height="{y(0) - y(count):.1f}" fill="{colour}"/>'
                   f'<text x="{cx:.1f}" y="{y(count) - 4:.1f}" text-anchor="middle" class="val">{count or "?"}</text>'
                   f'<text transform="translate({cx:.1f},{y(0) + 12:.1f}) rotate(40)" class="tick">'
                   f'{escape(w["date"])}</text></g>')
        if w.get("running_total") is not None:
            key = (w.get("origin") or "?", w.get("destination") or "?")
            routes.setdefault(key, []).append((cx, y(w["running_total"])))
    for n, ((origin, dest), points) in enumerate(routes.items()):
        colour = ROUTE_COLOURS[n % len(ROUTE_COLOURS)]
        steps = [points[0]]
        for px, py in points[1:]:
            steps += [(px, steps[-1][1]), (px, py)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in steps)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2" class="running"/>')
        out.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points)
        out.append(f'<text x="{LEFT + 230 * (n % 3)}" y="{HEIGHT - 22 + 14 * (n // 3)}" class="legend" '
                   f'fill="{colour}">— running total {escape(origin)} → {escape(dest)}</text>')
    out.append("</svg>")
    return "".join(out)
