"""Time per doubling of the input on adversarial shapes, per stage (a script, not a test).

Run: PYTHONPATH=src python bench/linear.py [--sizes 4000 8000 16000 32000] [--shapes quotes-spaces ...]
     [--stages] [--budget 60]

For each shape the text is built at every size (characters) and extracted once; the script prints
the seconds per size and the growth per doubling of the input: (last time / first time) to the
power 1 / (number of doublings). Linear time gives about 2, n log n a little more, quadratic 4.
With --stages it also prints the seconds of each stage at the largest size run, with that
stage's growth per doubling. A size whose first run takes longer than --budget seconds ends that shape
(the larger sizes are shown as "-"). Times are wall-clock, so run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from transfer_extract import core
from transfer_extract.boilerplate import find_furniture
from transfer_extract.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


def _names() -> Iterator[str]:
    """Distinct two-word names ("Bamira Celotu"), deterministic."""
    first = ["ba", "ce", "do", "fa", "gi", "lo", "ma", "ne", "pi", "ru", "sa", "to", "vi"]
    for a, b, c, d, e in itertools.product(first, first, first, first, first):
        yield f"{(a + b + 'ra').title()} {(c + d + e).title()}"


def _distinct(template: str) -> Callable[[int], str]:
    """A text of `template` sentences, each with its own name (and number `{n}`)."""
    def build(size: int) -> str:
        parts: list[str] = []
        total = 0
        for n, name in enumerate(_names(), 1):
            part = template.format(name=name, n=n, day=n % 28 + 1, year=1990 + n % 35)
            parts.append(part)
            total += len(part)
            if total >= size:
                break
        return "".join(parts)[:size]
    return build


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _real(size: int) -> str:
    """The fixture articles' body paragraphs (text already in the repository) repeated to `size`.
    Furniture is left out: after a copyright footer the classifier strips the rest of a page,
    which would leave almost nothing to extract."""
    paras = [p for path in sorted(FIXTURES.glob("*.txt"))
             for p in path.read_text("utf-8").split("\n\n") if p.strip() and not find_furniture(p).spans]
    out: list[str] = []
    total = 0
    for p in itertools.cycle(paras):
        out.append(p)
        total += len(p) + 2
        if total >= size:
            break
    return "\n\n".join(out)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "quotes-spaces": _repeat('" '),
    "straight-quotes": _repeat('"'),
    "curly-quotes": _repeat("\u201c"),
    "quoted-phrases": _repeat('"One two three four," said Ruiz, '),
    "quotes-one-para": _distinct('{name} said: "We sent {n} men." '),
    "org-repeated": _repeat("the Sinaloa Cartel "),
    "org-sentences": _repeat("The Sinaloa Cartel denied it. The cartel said so. "),
    "name-repeated": _repeat("Joaquin Guzman said he would go. "),
    "distinct-names": _distinct("{name} met officials. "),
    "title-case-words": _distinct("{name} "),
    "titles": _distinct("Security Minister {name} said she agreed. "),
    "pronouns": _repeat("Mr. Ruiz arrived. She said she left. He said he stayed. "),
    "numbers": _distinct("{n} prisoners were sent. "),
    "dates": _distinct("On January {day}, {year}, {n} men were sent. "),
    "sentence-without-end": _distinct("{name} and {n} prisoners and "),
    "digits": _repeat("7"),
    "punctuation-run": _repeat("!?.,;"),
    "short-lines": _repeat("Mexico\n"),
    "paren-then-capitals": _repeat("Intro line (x) " + "A" * 150 + " end!\n"),
    "related-blocks": _repeat("Related Stories\nA headline of another story\n\nA body paragraph that says something. "),
    "mixed-scripts": _repeat("Mexico \u041c\u0435\u043a\u0441\u0438\u043a\u0430 \u58a8\u897f\u54e5 "),
    "html-tags": _repeat("<p>a</p>"),
    "web-page": _repeat("<p>Mexico sent 26 men to Texas on Tuesday, officials said.</p>\n"),
    "page-list-items": _repeat("<li><a href='/x'>Headline of a story</a></li>\n"),
    "real-paragraphs": _real,
}


class _Stages:
    """Seconds spent in each stage of one `extract`: prepare, each extractor, and the rest
    (mostly the spaCy parse)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._patch()

    def _timed(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
        return run

    def _patch(self) -> None:
        from transfer_extract.extractors import (
            counts,
            dates,
            events,
            organizations,
            persons,
            pronouns,
            quotes,
        )

        core.prepare = self._timed("prepare", core.prepare)  # type: ignore[assignment]
        for module in (dates, counts, organizations, persons, pronouns, quotes, events):
            module.extract = self._timed(module.__name__.rsplit(".", 1)[1], module.extract)  # type: ignore[attr-defined]

    def run(self, text: str) -> tuple[float, dict[str, float]]:
        self.seconds = {}
        start = time.perf_counter()
        core.extract(text)
        total = time.perf_counter() - start
        stages = dict(self.seconds)
        stages["parse+rest"] = total - sum(stages.values())
        return total, stages


def growth(times: list[float]) -> float:
    """The factor per doubling from the first to the last time (sizes doubling each step)."""
    done = [t for t in times if not math.isnan(t)]
    if len(done) < 2:
        return math.nan
    return (max(done[-1], 1e-4) / max(done[0], 1e-4)) ** (1 / (len(done) - 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 8000, 16000, 32000],
                        help="input sizes in characters, each double the one before")
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--stages", action="store_true", help="print the seconds of each stage too")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds after which a shape stops")
    args = parser.parse_args()
    load_pipeline()
    stages = _Stages()
    stages.run("warm up. " * 100)
    print(f"{'shape':<22}" + "".join(f"{n:>10}" for n in args.sizes) + "  per doubling")
    for name in args.shapes:
        times: list[float] = []
        per_stage: list[dict[str, float]] = []
        for size in args.sizes:
            if times and times[-1] > args.budget:
                times.append(math.nan)
                continue
            total, seconds = stages.run(SHAPES[name](size))
            times.append(total)
            per_stage.append(seconds)
        cells = "".join(f"{t:>9.2f}s" if not math.isnan(t) else f"{'-':>10}" for t in times)
        print(f"{name:<22}{cells}  {growth(times):>6.2f}", flush=True)
        if args.stages:
            last = per_stage[-1]
            cells = [f"{k} {v:.2f}s (x{growth([s.get(k, 0.0) for s in per_stage]):.1f})"
                     for k, v in sorted(last.items(), key=lambda kv: -kv[1]) if v >= 0.01]
            print(" " * 4 + "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
