"""Time of the events and dates stages vs input size, on inputs dense in what they read.

Run: PYTHONPATH=src python bench/events_linear.py [--sizes 2000 4000 8000 16000]

Each input repeats one unit (many move sentences, many waves with dates and counts, many
countries, one sentence without end, many relative dates) up to the size. For each it prints
the seconds the events stage and the dates stage took at each size, and their growth divided by
the growth of the size: about 1 for linear time, about the size ratio for quadratic. The whole
pipeline is run (the stages need the parse), but only the two stages are timed, so the figures
are not hidden under the parser's time.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from transfer_extract.core import extract
from transfer_extract.extractors import dates, events
from transfer_extract.pipeline import load_pipeline

KINDS = {
    "move sentences": "Mexico sent 26 prisoners to the United States on Tuesday, the third such transfer. ",
    "waves with dates": "It sent 29 people in February, 26 in August and 12 in November last year. ",
    "countries": "Colombia, India, Thailand, Panama and Peru deported 5 men to Spain. ",
    "one long sentence": "flown to Houston on Monday with 12 inmates from Mexico and ",
    "relative dates": "The day after, a year earlier, the same day, last week, on March 3-5, 2024. ",
    "recalled moves": "Ortiz, who was extradited from Mexico in 2019, was sentenced on Friday. ",
}

PUBLISHED = date(2026, 1, 21)


def _timed(stage: str, fn: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - start
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    args = parser.parse_args()
    load_pipeline()
    spent: dict[str, float] = defaultdict(float)
    events.extract = _timed("events", events.extract, spent)  # type: ignore[method-assign]
    dates.extract = _timed("dates", dates.extract, spent)  # type: ignore[method-assign]
    growth = args.sizes[-1] / args.sizes[0]
    print(f"{'input':<18}{'stage':<8}" + "".join(f"{n:>10}" for n in args.sizes) + "   growth/size-growth")
    for name, unit in KINDS.items():
        times: dict[str, list[float]] = defaultdict(list)
        for n in args.sizes:
            text = (unit * (n // len(unit) + 1))[:n]
            spent.clear()
            extract(text, published=PUBLISHED)
            for stage in ("events", "dates"):
                times[stage].append(spent[stage])
        for stage, row in times.items():
            ratio = (row[-1] / max(row[0], 1e-6)) / growth
            print(f"{name:<18}{stage:<8}" + "".join(f"{t:>9.3f}s" for t in row) + f"   {ratio:.2f}")


if __name__ == "__main__":
    main()
