"""The command line, through Typer's runner: exit codes, stdin, several files, errors, --help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_ARTICLES, check_record
from transfer_extract.cli import app

runner = CliRunner()
FIXTURE_FOR_UMASK = next(p for p in FIXTURE_ARTICLES if p.stem == "guatemala-extradition-two-groups")
ARTICLE = FIXTURE_ARTICLES[0]


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("transfer-extract ")


@pytest.mark.parametrize("command", [[], ["extract"], ["clean"], ["schema"], ["batch"], ["show"]],
                         ids=["app", "extract", "clean", "schema", "batch", "show"])
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_schema_is_json() -> None:
    result = run("schema")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"]


def test_extract_one_file_gives_one_json_record(nlp) -> None:
    result = run("extract", str(ARTICLE))
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    check_record(record, ARTICLE.read_text("utf-8"))
    assert record["source"]["path"] == str(ARTICLE)


def test_extract_stdin_gives_the_same_facts(nlp) -> None:
    text = ARTICLE.read_text("utf-8")
    from_file = json.loads(run("extract", str(ARTICLE)).stdout)
    from_stdin = json.loads(run("extract", "-", input=text).stdout)
    assert from_stdin["source"]["path"] is None
    for field in ("published", "dates", "counts", "cartels", "officials", "quotes", "events"):
        assert from_stdin[field] == from_file[field]


def test_several_files_give_jsonl(nlp) -> None:
    result = run("extract", *map(str, FIXTURE_ARTICLES[:3]))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 3
    assert [json.loads(line)["source"]["path"] for line in lines] == list(map(str, FIXTURE_ARTICLES[:3]))


def test_published_overrides_the_marker(nlp) -> None:
    result = run("extract", str(ARTICLE), "--published", "2020-02-02")
    assert json.loads(result.stdout)["published"] == "2020-02-02"


def test_bad_published_date() -> None:
    result = run("extract", str(ARTICLE), "--published", "yesterday")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_table_format(nlp) -> None:
    result = run("extract", str(ARTICLE), "--format", "table")
    assert result.exit_code == 0 and "officials" in result.stdout and "{" not in result.stdout[:5]


def test_missing_file_is_one_line_error_and_exit_1(nlp) -> None:
    result = run("extract", "no/such/file.txt")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no/such/file.txt: no such file"
    assert "Traceback" not in result.output


def test_directory_is_an_error(tmp_path: Path) -> None:
    result = run("clean", str(tmp_path))
    assert result.exit_code == 1 and "is a directory" in result.stderr


def test_one_bad_file_does_not_stop_the_rest(nlp) -> None:
    result = run("extract", "missing.txt", str(ARTICLE), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1 and "missing.txt" in result.stderr


def test_out_is_written_and_not_overwritten_without_force(nlp, tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    assert run("extract", str(ARTICLE), "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text("utf-8"))["source"]["path"] == str(ARTICLE)
    again = run("extract", str(ARTICLE), "--out", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr
    assert run("extract", str(ARTICLE), "--out", str(out), "--force").exit_code == 0


def test_clean_removes_boilerplate() -> None:
    result = run("clean", "-", input="date 2026-01-21\nRead more\nMexico sent 37 people.\n")
    assert result.exit_code == 0
    assert "Read more" not in result.stdout and "Mexico sent 37 people." in result.stdout


def test_unknown_model_is_a_clear_error() -> None:
    result = run("extract", str(ARTICLE), "--model", "xx_no_such_model")
    assert result.exit_code == 1 and "xx_no_such_model" in result.stderr
    assert "Traceback" not in result.output


def test_extract_out_follows_the_umask(tmp_path) -> None:
    import os

    out = tmp_path / "rec.json"
    old = os.umask(0o022)
    try:
        result = run("extract", str(FIXTURE_FOR_UMASK), "--out", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o644


def test_extract_over_the_time_limit_is_one_line_and_the_rest_goes_on(tmp_path, monkeypatch) -> None:
    import time

    import transfer_extract.core as core

    slow = tmp_path / "slow.txt"
    slow.write_text("A slow article about nothing in particular.\n", "utf-8")
    real = core.extract

    def extract(item, **kw):  # the slow article sleeps past the limit, the other is extracted
        if item.path and item.path.endswith("slow.txt"):
            time.sleep(5)
        return real(item, **kw)

    monkeypatch.setattr(core, "extract", extract)
    result = run("extract", str(slow), str(FIXTURE_FOR_UMASK), "--timeout", "0.5", "--format", "jsonl")
    assert result.exit_code == 1
    assert "slow.txt: took longer than the time limit of 0.5 s (raise it with --timeout)" in result.stderr
    assert len(result.stdout.splitlines()) == 1 and "Traceback" not in result.output


def test_records_keep_an_absolute_path_and_show_finds_the_text_from_elsewhere(tmp_path, monkeypatch) -> None:
    import json
    import shutil

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(FIXTURE_FOR_UMASK, work / "a.txt")
    monkeypatch.chdir(work)
    result = run("extract", "a.txt", "--out", "rec.json")
    assert result.exit_code == 0, result.output
    source = json.loads((work / "rec.json").read_text("utf-8"))["source"]
    assert source["path"] == "a.txt" and source["absolute_path"] == str(work / "a.txt")
    monkeypatch.chdir(tmp_path)
    shown = run("show", str(work / "rec.json"), "--evidence")
    assert shown.exit_code == 0 and "no evidence" not in shown.stdout
