"""`batch --dask` and transfer_extract.dask on a LocalCluster of two worker processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_ARTICLES
from transfer_extract.cli import app

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from transfer_extract.batch import ArticleDone, BatchStart  # noqa: E402
from transfer_extract.batch.work import Options  # noqa: E402
from transfer_extract.dask import records  # noqa: E402
from transfer_extract.dask.inputs import list_articles  # noqa: E402
from transfer_extract.dask.outputs import MANIFEST, PLAN, part_name  # noqa: E402
from transfer_extract.dask.run import PartDone, connect, run  # noqa: E402

runner = CliRunner()
SMALL = sorted(FIXTURE_ARTICLES, key=lambda p: p.stat().st_size)[:4]
PEOPLE = ["Ana Ruiz", "Juan Pérez", "Luis Gómez", "Marta Díaz", "Pablo Ortiz", "Sara Vidal"]
PLACES = ["Culiacán", "Monterrey", "Tijuana", "Guadalajara"]


def _generated(n: int) -> str:
    """A short wire-style article made up here: a date, a count, a transfer and a quote."""
    person, place = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)]
    return (f"{place}, March {n % 27 + 1}, 2024 - Mexican authorities extradited {person} to the United States"
            f" on Tuesday, officials said. {n % 9 + 2} people were arrested in {place} the same week.\n\n"
            f'"This is a step forward," said the attorney general. Case number {n:04d}.\n')


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A LocalCluster of two worker processes, each with the pipeline loaded, for the whole module."""
    with connect("local", workers=2) as c:
        yield c


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """Fixture and generated articles (some in a subfolder), a binary file, and what batch skips."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for i, path in enumerate(SMALL):
        shutil.copy(path, (root / "sub" if i % 2 else root) / path.name)
    for n in range(12):
        (root / ("sub" if n % 3 else "") / f"gen-{n:02d}.txt").write_text(_generated(n), "utf-8")
    (root / "zz-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (root / ".hidden.txt").write_text(_generated(99), "utf-8")
    (root / ".hidden" / "x.txt").write_text(_generated(98), "utf-8")
    (root / "link.txt").symlink_to(root / "gen-00.txt")
    (root / "notes.md").write_text("not matched", "utf-8")
    return root


def _local_batch(articles: Path, out: Path) -> list[str]:
    result = runner.invoke(app, ["batch", str(articles), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the binary file fails
    return out.read_text("utf-8").splitlines()


def _address(client: Any) -> str:
    return client.scheduler.address


def _folder_lines(folder: Path) -> list[str]:
    return [line for part in sorted(folder.glob("part-*.jsonl")) for line in part.read_text("utf-8").splitlines()]


def test_file_output_has_the_lines_of_a_local_batch(client: Any, articles: Path, tmp_path: Path) -> None:
    expected = _local_batch(articles, tmp_path / "local.jsonl")
    out = tmp_path / "dask.jsonl"
    result = runner.invoke(app, ["batch", str(articles), "--out", str(out), "--dask", _address(client)])
    assert result.exit_code == 1, result.output
    assert out.read_text("utf-8").splitlines() == expected
    assert "failed:" in result.output and "zz-binary.txt: not a text file" in result.output


def test_folder_output_has_the_lines_of_a_local_batch_and_a_manifest(client: Any, articles: Path,
                                                                     tmp_path: Path) -> None:
    expected = _local_batch(articles, tmp_path / "local.jsonl")
    out = tmp_path / "records"
    result = runner.invoke(app, ["batch", str(articles), "--out", f"{out}/", "--dask", _address(client)])
    assert result.exit_code == 1, result.output
    assert _folder_lines(out) == expected
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["articles"] == len(expected) == sum(p["articles"] for p in manifest["partitions"])
    assert [p["file"] for p in manifest["partitions"]] == sorted(p.name for p in out.glob("part-*.jsonl"))
    assert not list(out.glob(".*"))  # no temporary file left


def test_bad_file_gets_an_error_line_and_the_rest_goes_on(client: Any, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "dask.jsonl"
    runner.invoke(app, ["batch", str(articles), "--out", str(out), "--dask", _address(client)])
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    errors = [line for line in lines if "error" in line]
    assert [Path(line["source"]["path"]).name for line in errors] == ["zz-binary.txt"]
    assert len(lines) == len(SMALL) + 12 + 1


def test_resume_finishes_a_half_written_folder(client: Any, articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "records"
    runner.invoke(app, ["batch", str(articles), "--out", str(out) + "/", "--dask", _address(client)])
    expected = _folder_lines(out)
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) > 2
    # an interrupted run: no manifest, some partitions missing, a temporary file of a killed task
    (out / MANIFEST).unlink()
    for part in parts[1::2]:
        part.unlink()
    (out / f".{parts[1].name}.0123.tmp").write_text('{"half": ', "utf-8")
    # a file added since: the plan of the interrupted run decides what is finished
    (articles / "late.txt").write_text(_generated(50), "utf-8")
    again = runner.invoke(app, ["batch", str(articles), "--out", str(out), "--dask", _address(client)])
    assert again.exit_code == 1 and "already holds a batch output" in again.output
    resumed = runner.invoke(app, ["batch", str(articles), "--out", str(out), "--resume", "--dask", _address(client)])
    plan = json.loads((out / PLAN).read_text("utf-8"))["partitions"]
    redone = [path for p in parts[1::2] for path in plan[int(p.name[5:10])]]
    assert resumed.exit_code == int(any(p.endswith("zz-binary.txt") for p in redone)), resumed.output
    written_again = len(redone)
    assert f"{written_again} articles to process" in resumed.output
    assert _folder_lines(out) == expected
    assert (out / MANIFEST).exists() and not list(out.glob(".*"))


def test_a_worker_killed_mid_run_loses_nothing(client: Any, articles: Path, tmp_path: Path) -> None:
    for n in range(12, 36):
        (articles / f"more-{n:02d}.txt").write_text(_generated(n), "utf-8")
    expected = _local_batch(articles, tmp_path / "local.jsonl")
    out = tmp_path / "records"
    seen: list[str] = []
    killed = False
    for event in run(client, str(articles), f"{out}/", options=Options()):
        if isinstance(event, PartDone) and not killed:
            pids = client.run(os.getpid)  # {worker address: pid}
            busy = [a for a, tasks in client.processing().items() if tasks] or list(pids)
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed = True
        if isinstance(event, PartDone):
            seen.append(event.part)
    assert killed
    assert sorted(seen) == sorted(set(seen)) == [part_name(n) for n in range(len(seen))]
    assert _folder_lines(out) == expected  # every article exactly once, in order
    client.wait_for_workers(2, timeout=60)  # the nanny has started a new one


def test_records_bag_on_an_fsspec_filesystem() -> None:
    fs = fsspec.filesystem("memory")
    root = "memory:///te-bag"  # as fsspec names its paths
    for n in range(5):
        fs.pipe(f"{root}/{'sub/' if n % 2 else ''}g{n}.txt", _generated(n).encode("utf-8"))
    fs.pipe(f"{root}/.hidden/h.txt", b"hidden")
    fs.pipe(f"{root}/bad.txt", b"\x00\x00")
    fs.pipe(f"{root}/notes.md", b"other name")
    listing = list_articles(root)
    assert [p.removeprefix(root + "/") for p in listing] == ["bad.txt", "g0.txt", "g2.txt", "g4.txt",
                                                             "sub/g1.txt", "sub/g3.txt"]
    assert list(list_articles(f"{root}/sub/*.txt")) == [f"{root}/sub/g1.txt", f"{root}/sub/g3.txt"]
    lines = records(root).compute(scheduler="sync")  # the memory filesystem lives in this process
    assert [line["source"]["path"] for line in lines] == list(listing)
    assert "not a text file" in lines[0]["error"]
    assert all("error" not in line and line["dates"] and line["quotes"] for line in lines[1:])


def test_records_bag_on_the_cluster_matches_batch(client: Any, articles: Path, tmp_path: Path) -> None:
    expected = [json.loads(line) for line in _local_batch(articles, tmp_path / "local.jsonl")]
    assert client.compute(records(articles)).result() == expected


def test_local_glob_skips_hidden_files_and_links(articles: Path) -> None:
    found = [Path(p).relative_to(articles).as_posix() for p in list_articles(f"{articles}/**/*.txt")]
    assert found == sorted(found)
    assert "link.txt" not in found and not any(p.startswith(".") or "/." in p for p in found)
    assert "sub/gen-01.txt" in found and "zz-binary.txt" in found


def test_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "x.jsonl"),
                                 "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1


def test_api_file_mode_yields_a_start_then_every_article_in_order(client: Any, articles: Path) -> None:
    events = list(run(client, str(articles), None))
    assert isinstance(events[0], BatchStart) and events[0].total == len(events) - 1
    assert [e.path for e in events[1:] if isinstance(e, ArticleDone)] == list(list_articles(str(articles)))
