"""How long `export` and `report` take on many records (the README quotes the figures).

Repeats the fixture records to --records records, each with its own copy of its article (the
text plus a line naming the copy, so offsets still hold) and so its own path and sha256, in a
temporary folder; then runs each command in a fresh process and reports wall-clock seconds and
the size of what it wrote. Usage: python bench/export_report.py [--records 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def make_records(folder: Path, count: int) -> Path:
    fixtures = [(json.loads(p.read_text("utf-8")), (ROOT / "fixtures" / "articles" / p.with_suffix(".txt").name))
                for p in sorted((ROOT / "fixtures" / "articles").glob("*.json"))]
    out = folder / "records.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for n in range(count):
            record, text_path = fixtures[n % len(fixtures)]
            data = text_path.read_bytes() + f"\ncopy {n}\n".encode()
            path = folder / "articles" / f"{n // 1000:02d}" / f"{n:05d}-{text_path.name}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            record = {**record, "source": {**record["source"], "path": str(path),
                                           "sha256": hashlib.sha256(data).hexdigest(), "chars": len(data)}}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = make_records(folder, args.records)
        print(f"{args.records} records, {size(records) / 1e6:.1f} MB of JSONL")
        runs = [
            ("export sqlite (new file)", ["export", str(records), "--to", str(folder / "facts.db")], "facts.db"),
            ("export sqlite again (upsert)", ["export", str(records), "--to", str(folder / "facts.db")], "facts.db"),
            ("export sqlite --with-text", ["export", str(records), "--to", str(folder / "text.db"), "--with-text"],
             "text.db"),
            ("export csv", ["export", str(records), "--to", str(folder / "csv"), "--format", "csv"], "csv"),
            ("export parquet", ["export", str(records), "--to", str(folder / "pq"), "--format", "parquet"], "pq"),
            ("report", ["report", str(records), "--out", str(folder / "report.html")], "report.html"),
        ]
        for label, argv, target in runs:
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-m", "transfer_extract", *argv], env=ENV,
                                  capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"{label}: {done.stderr.strip()}")
            took = time.monotonic() - started
            print(f"{label:30s} {took:7.1f} s   {size(folder / target) / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
