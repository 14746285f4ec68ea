"""Throughput benchmark: plain spaCy vs `transfer-extract batch` with one and two workers.

Builds a corpus of varied copies of the fixture articles (and of ../shared/articles when it is
there) in a temporary folder, then runs, each in a fresh process and on the same texts:

  baseline   plain `nlp.pipe` of the same spaCy pipeline over the raw texts, no extraction
  batch -w1  `transfer-extract batch` with one worker
  batch -w2  `transfer-extract batch` with two workers
  cold       `transfer-extract extract` on one short article, process start to output

Every figure is wall-clock time from process start (model loading included) and the peak
resident memory of the largest process. Usage: python bench/throughput.py [--articles 1000]

With --dask (needs the extra `dask`), it runs instead, on the same texts:

  batch -w2               `transfer-extract batch` with two worker processes
  dask local, file        `batch --dask local --workers 2`, the client writing one file
  dask local, folder      `batch --dask local --workers 2`, the workers writing partition files

and gives each Dask run's throughput as a share of the local pool's (cluster start included).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "fixtures" / "articles", ROOT.parent / "shared" / "articles"]
COLD_RUNS = 5
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

BASELINE = """
import sys, pathlib, spacy
from transfer_extract.pipeline import default_model_name
nlp = spacy.load(default_model_name())
texts = [p.read_text("utf-8") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))]
n = sum(1 for _ in nlp.pipe(texts))
print(n)
"""

# Runs a command and reports its wall time and the peak RSS of its largest process
# and the CPU time it used (RUSAGE_CHILDREN covers the command and the worker processes it waited for).
# On a machine shared with other work, CPU use below 100% per worker means the wall time was
# limited by the other load, not by this program.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": wall, "peak_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime,
                  "rc": done.returncode}))
"""


def build_corpus(folder: Path, count: int) -> int:
    """`count` articles: copies of the source articles, each made distinct (its own reference
    line and a rotation of its closing paragraphs), so content hashes all differ."""
    sources = [p for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))]
    texts = [p.read_text("utf-8") for p in sources]
    for i in range(count):
        text = texts[i % len(texts)]
        paragraphs = text.rstrip("\n").split("\n\n")
        k = (i // len(texts)) % 3
        if len(paragraphs) > 6 and k:  # swap two of the last paragraphs
            paragraphs[-2 - k], paragraphs[-1] = paragraphs[-1], paragraphs[-2 - k]
        body = "\n\n".join(paragraphs) + f"\n\nRef. {i:06d}\n"
        (folder / f"{i % 10}" ).mkdir(exist_ok=True)
        (folder / f"{i % 10}" / f"a{i:06d}-{sources[i % len(sources)].stem}.txt").write_text(body, "utf-8")
    return sum(len(p.read_text("utf-8")) for p in folder.rglob("*.txt"))


def measure(cmd: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=ENV, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    result = json.loads(out.stdout)
    if result["rc"] not in (0,):
        raise SystemExit(f"failed ({result['rc']}): {' '.join(cmd)}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--dask", action="store_true", help="a LocalCluster of 2 workers against batch -w2")
    args = parser.parse_args()
    # Byte-compiled as an installed package is (the editable install runs from the sources, and
    # with PYTHONDONTWRITEBYTECODE set every start would compile them anew).
    compileall.compile_dir(ROOT / "src", quiet=1)
    cli = [sys.executable, "-m", "transfer_extract"]
    with tempfile.TemporaryDirectory(prefix="te-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        chars = build_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {chars / args.articles:.0f} characters on average; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        if args.dask:
            return _dask(cli, corpus, Path(tmp), args.articles)
        runs = {
            "baseline (plain nlp.pipe)": [sys.executable, "-c", BASELINE, str(corpus)],
            "batch --workers 1": [*cli, "batch", str(corpus), "--out", f"{tmp}/w1.jsonl", "--workers", "1"],
            "batch --workers 2": [*cli, "batch", str(corpus), "--out", f"{tmp}/w2.jsonl", "--workers", "2"],
        }
        rates: dict[str, float] = {}
        for name, cmd in runs.items():
            r = measure(cmd)
            rates[name] = args.articles / r["seconds"]
            print(f"{name:28} {r['seconds']:8.1f} s {rates[name]:8.2f} articles/s   peak {r['peak_mb']:6.0f} MB   "
                  f"CPU {r['cpu']:6.1f} s ({r['cpu'] / r['seconds']:.0%} of one core)",
                  flush=True)
        same = _lines(Path(tmp, "w1.jsonl")) == _lines(Path(tmp, "w2.jsonl"))
        short = min((p for d in SOURCES if d.is_dir() for p in d.glob("*.txt")), key=lambda p: p.stat().st_size)
        # Five starts, after the batch runs have put the files in the page cache; the median is
        # the figure, the range shows how much other load on the machine moved it.
        colds = sorted((measure([*cli, "extract", str(short), "--format", "json"]) for _ in range(COLD_RUNS)),
                       key=lambda r: r["seconds"])
        base, one, two = rates.values()
        print(f"batch -w1 / baseline: {one / base:.2f}x   batch -w2 / batch -w1: {two / one:.2f}x   "
              f"same output with 1 and 2 workers: {same}")
        cold = colds[len(colds) // 2]
        print(f"extract, one short article ({short.stat().st_size} bytes), process start to output: "
              f"median {cold['seconds']:.2f} s of {COLD_RUNS} runs ({colds[0]['seconds']:.2f}-"
              f"{colds[-1]['seconds']:.2f} s), peak {cold['peak_mb']:.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f}")


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()


def _dask(cli: list[str], corpus: Path, tmp: Path, articles: int) -> None:
    runs = {
        "batch --workers 2": [*cli, "batch", str(corpus), "--out", f"{tmp}/w2.jsonl", "--workers", "2"],
        "dask local -w2, file out": [*cli, "batch", str(corpus), "--out", f"{tmp}/dask.jsonl", "--workers", "2",
                                     "--dask", "local"],
        "dask local -w2, folder out": [*cli, "batch", str(corpus), "--out", f"{tmp}/parts/", "--workers", "2",
                                       "--dask", "local"],
    }
    rates: dict[str, float] = {}
    for name, cmd in runs.items():
        r = measure(cmd)
        rates[name] = articles / r["seconds"]
        share = f"   {rates[name] / rates['batch --workers 2']:.2f} of batch -w2" if rates else ""
        print(f"{name:28} {r['seconds']:8.1f} s {rates[name]:8.2f} articles/s   CPU {r['cpu']:6.1f} s{share}",
              flush=True)
    local = _lines(tmp / "w2.jsonl")
    parts = [line for p in sorted((tmp / "parts").glob("part-*.jsonl")) for line in _lines(p)]
    print(f"same lines as batch -w2: file {_lines(tmp / 'dask.jsonl') == local}, folder {parts == local}; "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
