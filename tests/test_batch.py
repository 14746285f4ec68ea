"""Batch processing (batch.py) and the `batch` / `show` commands."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_ARTICLES, FIXTURES, check_record
from transfer_extract.batch import (
    CHUNK,
    CHUNK_BYTES,
    Done,
    append_line,
    chunk_size,
    chunks,
    open_out,
    published_from_name,
    read_done,
    run_batch,
    walk,
)
from transfer_extract.batch.work import Options
from transfer_extract.cli import app

runner = CliRunner()
SMALL = sorted(FIXTURE_ARTICLES, key=lambda p: p.stat().st_size)[:3]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three fixture articles (one in a subfolder), a binary file, a hidden file, a symlink."""
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / ".cache").mkdir()
    shutil.copy(SMALL[0], root / SMALL[0].name)
    shutil.copy(SMALL[1], root / SMALL[1].name)
    shutil.copy(SMALL[2], root / "sub" / SMALL[2].name)
    (root / "zz-binary.txt").write_bytes(b"\x00\x01\x02")
    (root / ".hidden.txt").write_text("hidden", "utf-8")
    (root / ".cache" / "x.txt").write_text("hidden folder", "utf-8")
    (root / "notes.md").write_text("not matched by the glob", "utf-8")
    (root / "link.txt").symlink_to(root / SMALL[0].name)
    return root


def test_walk_skips_hidden_symlinks_and_other_names(folder: Path) -> None:
    names = [p.relative_to(folder).as_posix() for p in walk(folder)]
    assert names == sorted([SMALL[0].name, SMALL[1].name, f"sub/{SMALL[2].name}", "zz-binary.txt"])


@pytest.mark.parametrize(("name", "expected"), [
    ("independent-2026-01-21.txt", date(2026, 1, 21)),
    ("20250826_reuters.txt", date(2025, 8, 26)),
    ("outlet.2024.12.31.txt", date(2024, 12, 31)),
    ("article-123.txt", None),
    ("2026-13-01.txt", None),
    ("2026-02-30.txt", None),
    ("id-120260121.txt", None),
], ids=["dashes", "compact", "dots", "no-date", "bad-month", "impossible-day", "inside-a-number"])
def test_published_from_name(name: str, expected: date | None) -> None:
    assert published_from_name(name) == expected


@pytest.mark.parametrize(("articles", "workers", "size"), [
    (10_000, 1, CHUNK), (10_000, 2, CHUNK), (40, 2, 5), (3, 2, 1), (0, 1, 1),
], ids=["large-one-worker", "large-two-workers", "small-four-tasks-each", "tiny", "empty"])
def test_chunk_size(articles: int, workers: int, size: int) -> None:
    assert chunk_size(articles, workers) == size


def test_chunks_hold_at_most_chunk_bytes_of_text(tmp_path: Path) -> None:
    sizes = [CHUNK_BYTES // 3] * 7 + [CHUNK_BYTES * 2] + [10] * 92  # 100 articles: 25 a task at most
    paths = []
    for i, size in enumerate(sizes):
        (path := tmp_path / f"{i}.txt").write_text("x" * size)
        paths.append(str(path))
    got = list(chunks([*paths, str(tmp_path / "missing.txt")], workers=1))
    # three a task by size; a large article alone; then 25 a task; a missing file goes along
    assert [len(c) for c in got] == [3, 3, 1, 1, 25, 25, 25, 18]
    assert [p for c in got for p in c] == [*paths, str(tmp_path / "missing.txt")]


@pytest.mark.parametrize(("content", "kept", "done"), [
    ("", "", {}),
    ('{"source": {"path": "a.txt", "sha256": "a"}}\n', None, {"a.txt": "a"}),
    ('{"source": {"path": "a.txt", "sha256": "a"}}\n{"source": {"sha', '{"source": {"path": "a.txt", "sha256": "a"}}\n',
     {"a.txt": "a"}),
    ('{"source": {"path": "x", "sha256": null}, "error": "x: no such file"}\n', None, {"x": None}),
    ('{"source": {"path": "a.txt", "sha256": "a"}}\n{"source": {"path": "a.txt", "sha256": "b"}}\n', None,
     {"a.txt": "b"}),
], ids=["empty", "complete", "cut-short-last-line", "error-line-without-hash", "newest-line-wins"])
def test_read_done_drops_a_partial_last_line(tmp_path: Path, content: str, kept: str | None,
                                             done: dict[str, str | None]) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(content, "utf-8")
    assert read_done(out).paths == done
    assert out.read_text("utf-8") == (content if kept is None else kept)


def test_one_and_two_workers_give_the_same_lines(folder: Path, nlp) -> None:
    paths = walk(folder)
    one = [e for e in run_batch(paths, workers=1)]
    two = [e for e in run_batch(paths, workers=2)]
    assert one[0].total == len(paths) and one[0].skipped == 0
    assert [e.line for e in one[1:]] == [e.line for e in two[1:]]
    assert [e.path for e in one[1:]] == list(map(str, paths))


def test_resume_skips_what_is_done(folder: Path, nlp) -> None:
    paths = walk(folder)
    first = [e.line for e in list(run_batch(paths[:2]))[1:]]
    done = Done({line["source"]["path"]: line["source"]["sha256"] for line in first})
    events = list(run_batch(paths, done=done))
    assert (events[0].total, events[0].skipped) == (len(paths) - 2, 2)
    assert [e.path for e in events[1:]] == list(map(str, paths[2:]))


def test_batch_command_writes_records_and_error_lines(folder: Path, tmp_path: Path, nlp) -> None:
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the binary file failed
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 4
    errors = [line for line in lines if "error" in line]
    assert len(errors) == 1 and "NUL" in errors[0]["error"] and errors[0]["source"]["path"].endswith("zz-binary.txt")
    for line in lines:
        if "error" not in line:
            check_record(line, Path(line["source"]["path"]).read_text("utf-8"))
    assert "articles per second" in result.stdout and "zz-binary.txt" in result.stdout
    again = runner.invoke(app, ["batch", str(folder), "--out", str(out)])
    assert again.exit_code == 1 and "--resume" in again.stderr
    resumed = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--resume", "--workers", "1"])
    assert resumed.exit_code == 0 and len(out.read_text("utf-8").splitlines()) == 4


def test_batch_on_a_missing_folder() -> None:
    result = runner.invoke(app, ["batch", "no/such/folder", "--out", "x.jsonl"])
    assert result.exit_code == 1 and result.stderr.strip() == "Error: no/such/folder: not a folder"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file with the golden records of three fixtures (by absolute path) and an error line."""
    out = tmp_path_factory.mktemp("show") / "records.jsonl"
    lines = []
    for path in SMALL:
        record = json.loads(path.with_suffix(".json").read_text("utf-8"))
        record["source"]["path"] = str(path)
        lines.append(json.dumps(record))
    lines.append(json.dumps({"source": {"path": "gone.txt", "sha256": None}, "error": "gone.txt: no such file"}))
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


@pytest.mark.parametrize(("args", "present", "absent"), [
    ([], ["articles (4)", "gone.txt", "error", "officials ("], ["⟨"]),
    (["--only", "dates"], ["dates ("], ["officials ("]),
    (["--article", SMALL[1].stem], ["articles (1)"], ["gone.txt"]),
    (["--article", SMALL[1].stem, "--evidence", "--only", "dates"], ["⟨date "], ["⟨official"]),
], ids=["overview-and-tables", "only-dates", "one-article", "evidence"])
def test_show(saved: Path, args: list[str], present: list[str], absent: list[str]) -> None:
    result = runner.invoke(app, ["show", str(saved), *args])
    assert result.exit_code == 0, result.output
    for text in present:
        assert text in result.stdout
    for text in absent:
        assert text not in result.stdout


@pytest.mark.parametrize(("width", "headers", "legend"), [
    (80, ["article", "event", "n", "date", "dat", "cnt", "crt", "off", "ppl", "quo"], True),
    (140, ["article", "event", "count", "date", "dates", "counts", "cartels", "officials", "people", "quotes"], False),
], ids=["80-columns-short-headers", "140-columns-full-headers"])
def test_show_overview_fits_the_terminal(saved: Path, width: int, headers: list[str], legend: bool) -> None:
    result = runner.invoke(app, ["show", str(saved), "--only", "dates"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    overview = result.stdout.split("dates (")[0]
    assert max(len(line) for line in overview.splitlines()) <= width
    assert overview.splitlines()[1].split() == headers
    assert ("quo quotes" in " ".join(overview.split())) == legend
    assert all(path.stem[:8] in overview for path in SMALL)


@pytest.mark.parametrize(("content", "message"), [
    ("not json\n", "1: not a JSON record"),
    ('{"source": {}}\n[1]\n', "2: not a transfer-extract record"),
    ("[{}]", "item 1: not a transfer-extract record"),
    ("[1]", "item 1: not a transfer-extract record"),
    ('{"source": {}, "quotes": "x"}', "'quotes' is not a list of objects"),
], ids=["not-json", "not-a-record", "array-of-empty", "array-of-number", "field-not-list"])
def test_show_bad_file_is_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def _group_gone(pgid: int, seconds: float) -> bool:
    """Whether every process of the group `pgid` has ended (and been reaped) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize(("sig", "workers", "code"), [
    (signal.SIGTERM, "2", 130),
    (signal.SIGKILL, "1", -signal.SIGKILL),
], ids=["sigterm-to-the-group", "kill-9-the-parent"])
def test_a_killed_batch_leaves_complete_lines_and_resume_finishes_it(tmp_path: Path, sig: int, workers: str,
                                                                      code: int, nlp) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    root = tmp_path / "many"
    root.mkdir()
    for i in range(10):  # two chunks of work: killed during the second
        shutil.copy(SMALL[i % 3], root / f"{i:02d}.txt")
        with (root / f"{i:02d}.txt").open("a", encoding="utf-8") as fh:
            fh.write(f"\nNote {i}.\n")  # distinct content hashes
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "transfer_extract", "batch", str(root), "--out", str(out), "--workers", workers]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.05)
    if sig == signal.SIGKILL:
        proc.kill()  # the parent alone: its workers must not outlive it for long
    else:
        os.killpg(proc.pid, sig)  # the whole process group, as a service manager does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert sig == signal.SIGKILL or b"--resume" in err
    assert _group_gone(proc.pid, 30), "a worker process outlived the batch"
    resumed = runner.invoke(app, ["batch", str(root), "--out", str(out), "--resume", "--workers", "1"])
    assert resumed.exit_code == 0, resumed.output
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    paths = [line["source"]["path"] for line in lines]
    assert sorted(paths) == sorted(str(p) for p in root.glob("*.txt")) and len(set(paths)) == 10
    assert all(line["source"]["sha256"] and "error" not in line for line in lines)


# --- faults: an article too slow, a worker that dies, files a batch cannot read ---------------

def _prepare_nothing(options: Options) -> None:
    """No model: the fake work below needs none."""


def _fake_work(paths: list[str], options: Options) -> Iterator[tuple[int, dict[str, Any]]]:
    """A line at once for each path, but a path named slow* hangs, die* kills its worker, and
    after late* the task is done only a moment after its last line."""
    for n, path in enumerate(paths):
        if path.startswith("slow"):
            time.sleep(60)  # far past the limit of the tests
        if path.startswith("die"):
            os.kill(os.getpid(), signal.SIGKILL)
        yield n, {"source": {"path": path, "sha256": "x"}}
        if path.startswith("late"):
            time.sleep(0.3)


@pytest.mark.parametrize(("names", "errors"), [
    (["a", "b", "slow", "c", "d"], {"slow": "time limit of 1 s"}),
    (["a", "die", "b"], {"die": "died (killed by signal 9"}),
    (["die", "slow", "a", "b"], {"die": "died", "slow": "time limit"}),
    (["a", "b", "c"], {}),
], ids=["a-slow-article-among-good-ones", "a-worker-killed", "both", "all-good"])
def test_the_pool_gives_every_article_exactly_one_line(names: list[str], errors: dict[str, str]) -> None:
    import multiprocessing

    from transfer_extract.batch.pool import Pool

    pool = Pool(2, Options(), 1.0, work=_fake_work, prepare=_prepare_nothing)
    try:  # one task: the good articles of a failed task are retried one by one
        got = list(pool.run([[(i, name) for i, name in enumerate(names)]]))
    finally:
        pool.close()
    assert sorted(i for i, _ in got) == list(range(len(names)))
    for i, line in got:
        name = names[i]
        assert (name in errors) == ("error" in line), line
        if name in errors:
            assert line["error"].startswith(f"{name}: ") and errors[name] in line["error"]
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_a_task_sent_before_the_last_one_is_done_keeps_its_time_limit() -> None:
    """The next task may go to a worker between its last line and its "done"; a slow article in
    it still runs into the limit (and the one after it is not lost)."""
    from transfer_extract.batch.pool import Pool

    pool = Pool(1, Options(), 1.0, work=_fake_work, prepare=_prepare_nothing)
    try:
        got = dict(pool.run([[(0, "late")], [(1, "slow")], [(2, "b")]]))
    finally:
        pool.close()
    assert sorted(got) == [0, 1, 2] and "time limit" in got[1]["error"] and "error" not in got[2]


def test_the_pool_stops_when_workers_cannot_start() -> None:
    from transfer_extract.batch.pool import Pool
    from transfer_extract.errors import TransferExtractError

    pool = Pool(1, Options(), 1.0, work=_fake_work, prepare=_die_at_start)
    try:
        with pytest.raises(TransferExtractError, match="while loading the model"):
            list(pool.run([[(0, "a")]]))
    finally:
        pool.close()


def _die_at_start(options: Options) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_files_over_the_limit_are_error_lines_and_resume_goes_past_them(tmp_path: Path, nlp) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    shutil.copy(SMALL[0], root / "a.txt")
    (root / "b-long.txt").write_text("Word " * 1000, "utf-8")  # 5,000 characters: decoded, then refused
    (root / "c-huge.txt").write_text("Word " * 4000, "utf-8")  # more bytes than 4,000 characters can take
    shutil.copy(SMALL[1], root / "d.txt")
    limit = str(max(len(SMALL[0].read_text("utf-8")), len(SMALL[1].read_text("utf-8")), 4000))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(root), "--out", str(out), "--max-chars", limit, "--workers", "1"])
    assert result.exit_code == 1, result.output
    lines = {Path(line["source"]["path"]).name: line for line in map(json.loads, out.read_text("utf-8").splitlines())}
    assert sorted(lines) == ["a.txt", "b-long.txt", "c-huge.txt", "d.txt"]
    assert "error" not in lines["a.txt"] and "error" not in lines["d.txt"]
    for name in ("b-long.txt", "c-huge.txt"):
        assert f"the limit of {limit}" in lines[name]["error"] and "--max-chars" in lines[name]["error"]
    assert "failures" in result.stdout and "c-huge.txt" in result.stdout
    resumed = runner.invoke(app, ["batch", str(root), "--out", str(out), "--max-chars", limit, "--resume",
                                  "--workers", "1", "--timeout", "0"])
    assert resumed.exit_code == 0, resumed.output
    assert len(out.read_text("utf-8").splitlines()) == 4


@pytest.mark.parametrize(("line_for", "file", "finished"), [
    (None, "same", False),
    ("a.txt", "same", True),
    ("copy-of-a.txt", "same", False),
    ("a.txt", "edited", False),
    ("a.txt", "unreadable-then", True),
    ("a.txt", "fifo", True),
    (None, "fifo", False),
], ids=["no-line-yet", "done", "an-identical-copy-elsewhere", "edited-since", "error-line-without-content",
        "now-a-fifo-is-not-opened", "a-fifo-without-a-line"])
def test_resume_knows_an_article_by_path_and_content(tmp_path: Path, line_for: str | None, file: str,
                                                     finished: bool) -> None:
    path = tmp_path / "a.txt"
    digest = hashlib.sha256(b"Mexico sent 26 men.").hexdigest()
    if file == "fifo":
        os.mkfifo(path)  # opening it would block: it must not be opened
    else:
        path.write_bytes(b"Mexico sent 26 men." + (b" And more." if file == "edited" else b""))
    paths = {} if line_for is None else {
        str(tmp_path / line_for): None if file == "unreadable-then" else digest}
    assert Done(paths).finished(str(path)) is finished


def test_a_second_batch_on_the_same_output_is_refused(tmp_path: Path) -> None:
    from transfer_extract.errors import OutputError

    out = tmp_path / "out.jsonl"
    first = open_out(out)
    try:
        with pytest.raises(OutputError, match="another batch is writing it"):
            open_out(out)
        result = runner.invoke(app, ["batch", str(tmp_path), "--out", str(out), "--resume"])
        assert result.exit_code == 1 and "another batch" in result.stderr and "Traceback" not in result.output
    finally:
        os.close(first)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_one_clear_error() -> None:
    from transfer_extract.errors import OutputError

    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        with pytest.raises(OutputError, match="out.jsonl: cannot write"):
            append_line(fd, {"source": {}}, "out.jsonl")
    finally:
        os.close(fd)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)],
                         ids=["022", "002", "077"])
def test_the_output_is_created_with_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        os.close(open_out(tmp_path / "out.jsonl"))
    finally:
        os.umask(old)
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == mode


def test_the_model_is_loaded_once_however_it_is_named(nlp) -> None:
    from transfer_extract.pipeline import default_model_name, load_pipeline

    assert load_pipeline() is load_pipeline(None) is load_pipeline(default_model_name()) is nlp


@pytest.mark.parametrize("shape", ["one-json-record", "json-array"])
def test_show_reads_extract_json_output(tmp_path: Path, shape: str) -> None:
    record = json.loads(SMALL[1].with_suffix(".json").read_text("utf-8"))
    path = tmp_path / "rec.json"
    other = {**record, "source": {**record["source"], "path": "elsewhere/other.txt"}}
    path.write_text(json.dumps(record if shape == "one-json-record" else [record, other], indent=2), "utf-8")
    result = runner.invoke(app, ["show", str(path), "--only", "officials"])
    assert result.exit_code == 0, result.output
    assert f"articles ({1 if shape == 'one-json-record' else 2})" in result.stdout


def test_show_events_one_field_a_row_in_80_columns() -> None:
    """Each event's fields are rows, so names are wrapped at spaces, never cut inside a word."""
    from rich.console import Console

    from transfer_extract.render import record_tables

    path = FIXTURES / "mexico-transfer-37-outlet-c-dateline.json"
    record = json.loads(path.read_text("utf-8"))
    console = Console(width=80, record=True)
    console.print(record_tables(record, only="events"))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "events (3)" in text
    words = {word.strip(",│") for word in text.split()}
    for event in record["events"]:
        assert str(event["count"]) in words
        for name in event["organizations"]:
            assert all(word in words for word in name.split()), name


def test_show_skips_a_cut_line_and_keeps_the_newest_line_of_a_path(tmp_path: Path) -> None:
    record = json.loads(SMALL[1].with_suffix(".json").read_text("utf-8"))
    older = {**record, "officials": []}  # the line a --resume after an edit supersedes
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(older) + "\n" + json.dumps(record) + "\n" + '{"source": {"pa', "utf-8")
    result = runner.invoke(app, ["show", str(path), "--only", "officials"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "articles (1)" in result.stdout and "Rodrigo Ascencio" in result.stdout
    assert f"Warning: {path}:3: not a JSON record" in result.stderr


def test_a_file_of_no_records_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("not json\nnor this\n", "utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 1 and "Error:" in result.stderr and "Traceback" not in result.output
