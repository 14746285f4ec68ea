"""Time vs input size on adversarial inputs: each doubling of the size should about double the time.

Run: PYTHONPATH=src python bench/linear.py [--sizes 2000 4000 8000]
Prints one line per input kind with the seconds per size and the ratio of the last to the first
time divided by the ratio of sizes (about 1 for linear time, about the size ratio for quadratic).
"""

from __future__ import annotations

import argparse
import time

from transfer_extract.core import extract
from transfer_extract.pipeline import load_pipeline

KINDS = {
    "straight quotes": '"',
    "curly quotes": "\u201c",
    "quoted phrases": '"one two three four" ',
    "digits": "7",
    "capitals": "A",
    "capital words": "CARTEL LEADER ",
    "spaces": " ",
    "one long line": "Mexico sent 26 men to Texas; ",
    "html tags": "<p>a</p>",
    "web page": "<p>Mexico sent 26 men to Texas on Tuesday, officials said.</p>\n",
    "page list items": "<li><a href='/x'>Headline of a story</a></li>\n",
}
PAGE_KINDS = {"web page", "page list items"}  # these open with a doctype: read through trafilatura


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    args = parser.parse_args()
    load_pipeline()
    print(f"{'input':<16}" + "".join(f"{n:>10}" for n in args.sizes) + "   growth/size-growth")
    for name, unit in KINDS.items():
        times = []
        for n in args.sizes:
            text = (unit * (n // len(unit) + 1))[:n]
            if name in PAGE_KINDS:
                text = "<!DOCTYPE html><html><body>" + text
            start = time.perf_counter()
            extract(text)
            times.append(time.perf_counter() - start)
        ratio = (times[-1] / max(times[0], 1e-6)) / (args.sizes[-1] / args.sizes[0])
        print(f"{name:<16}" + "".join(f"{t:>9.2f}s" for t in times) + f"   {ratio:.2f}")


if __name__ == "__main__":
    main()
