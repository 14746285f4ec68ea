"""`make quality`: score the extractor on each gold set that is present, one table, a column a set.

Sets: our fixtures (fixtures/gold/ against fixtures/articles/), the two shared real articles
(fixtures/shared_gold/ against ../shared/articles/) and the development set
(../shared/devset/gold/ against $DEVSET_TEXTS, default ~/.cache/transfer-extract/devset).
A set whose texts are absent is left out. `--json FILE` also writes every figure as JSON.
No network is needed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from rich.console import Console

from transfer_extract.evaluation import Evaluation, evaluate
from transfer_extract.render_evaluation import sets_table

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def sets() -> dict[str, tuple[Path, Path]]:
    texts = Path(os.environ.get("DEVSET_TEXTS", Path.home() / ".cache/transfer-extract/devset"))
    return {
        "fixtures": (ROOT / "fixtures" / "gold", ROOT / "fixtures" / "articles"),
        "shared": (ROOT / "fixtures" / "shared_gold", ROOT.parent / "shared" / "articles"),
        "devset": (DEVSET / "gold", texts),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures of every set here")
    args = parser.parse_args()
    results: dict[str, Evaluation] = {}
    for name, (gold, texts) in sets().items():
        if not gold.is_dir() or not texts.is_dir() or not any(texts.glob("*.txt")):
            print(f"{name}: skipped ({texts if gold.is_dir() else gold} is absent)", file=sys.stderr)
            continue
        results[name] = evaluate(gold, texts=texts)
        for line in results[name].errors:
            print(f"{name}: {line}", file=sys.stderr)
    if not results:
        print("no gold set is present", file=sys.stderr)
        return 1
    Console().print(sets_table(results))
    if args.json:
        args.json.write_text(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
