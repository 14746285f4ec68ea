"""Bad input: not text, empty, too large, HTML, not English, bad paths, and output safety."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_ARTICLES, check_record
from transfer_extract.cli import app
from transfer_extract.core import chunk_bounds, inspect, mask_html
from transfer_extract.errors import InputError, InputTooLargeError, NotTextError
from transfer_extract.reader import decode, read_input

runner = CliRunner()
ARTICLE = FIXTURE_ARTICLES[0]
ENGLISH = ("Mexico sent 26 prisoners to the United States on Tuesday, and the officials said that"
           " they were part of a deal with the government. ")
SPANISH = ("México envió a 26 presos a Estados Unidos el martes, según dijeron los funcionarios del"
           " gobierno, que hablaron de un acuerdo con las autoridades de ese país. ")


# --- not text ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00binary", "NUL", id="zip-with-nul"),
        pytest.param(bytes(range(256)) * 8, "NUL", id="all-bytes"),
        pytest.param(bytes(range(0x80, 0x100)) * 20, "encoding", id="high-bytes-no-nul"),
        pytest.param(bytes(range(1, 9)) * 300 + b"text", "control", id="control-characters"),
    ],
)
def test_not_text_is_refused_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(NotTextError, match=rf"^blob\.bin: not a text file .*{reason}"):
        decode(data, "blob.bin")


def test_binary_file_in_a_batch_is_one_error_line_and_the_rest_goes_on(nlp, tmp_path: Path) -> None:
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["extract", str(blob), str(ARTICLE), "--format", "jsonl"])
    assert result.exit_code == 1 and len(result.stdout.splitlines()) == 1
    assert result.stderr.strip() == f"Error: {blob}: not a text file (contains NUL bytes)"


# --- empty ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\ufeff"[:0]], ids=["empty", "spaces", "newlines", "nothing"])
def test_empty_input_gives_an_empty_record_with_a_warning(extract_text, text: str) -> None:
    record = extract_text(text)
    assert all(record[k] == [] for k in ("dates", "counts", "cartels", "officials", "people", "quotes", "events"))
    assert record["warnings"] == ["empty input: there is no text to extract facts from"]


def test_empty_file_exits_0(nlp, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(empty)])
    assert result.exit_code == 0 and json.loads(result.stdout)["warnings"]


# --- very large ----------------------------------------------------------------------------

def test_over_the_limit_is_refused_naming_the_option(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 30, "utf-8")
    with pytest.raises(InputTooLargeError, match=r"big\.txt: 150 characters .* limit of 100 .*--max-chars"):
        read_input(big, max_chars=100)
    result = runner.invoke(app, ["extract", str(big), "--max-chars", "100"])
    assert result.exit_code == 1 and "--max-chars" in result.stderr and result.stderr.count("\n") == 1


def test_file_far_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(b"a" * 1000)
    with pytest.raises(InputTooLargeError, match="bytes is more than the limit of 10 characters"):
        read_input(big, max_chars=10)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        pytest.param("one.\n\ntwo.\n\nthree.", 8, id="paragraphs"),
        pytest.param("one line\nanother line\nthird", 10, id="lines"),
        pytest.param("word " * 20, 12, id="spaces"),
        pytest.param("x" * 25, 10, id="no-space"),
        pytest.param("short", 100, id="one-chunk"),
    ],
)
def test_chunks_cover_the_text_exactly(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(0 < b - a <= size for a, b in bounds) and bounds[0][0] == 0


def test_long_article_is_parsed_in_chunks_with_exact_offsets(extract_text, monkeypatch) -> None:
    from transfer_extract import core

    settings = dict(core.load_json("input.json"), chunk_chars=300)
    monkeypatch.setattr(core, "load_json", lambda name: settings)
    text = "".join(f"Mexico sent {n} prisoners to Texas on Tuesday.\n\n" for n in range(11, 41))
    record = extract_text(text)  # check_record: every offset matches the text
    assert [c["value"] for c in record["counts"]] == list(range(11, 41))


# --- HTML ----------------------------------------------------------------------------------

# Tags inside a text that does not open as a web page (web pages: tests/test_html.py).
HTML = ('Cartel news\n<style>p { color: red }</style>'
        '<script>var Sinaloa = "El Chapo Guzman";</script>\n<p class="lead">'
        "Mexico sent 26 prisoners to the United States on Tuesday &amp; more.</p>\n")


def test_tags_in_a_text_are_reported_and_their_text_is_not_extracted(extract_text) -> None:
    record = extract_text(HTML)
    assert any("HTML" in w and "convert" in w for w in record["warnings"])
    facts = json.dumps({k: record[k] for k in ("cartels", "officials", "people", "quotes", "counts")})
    for tag_text in ("Chapo", "Sinaloa", "class", "lead", "color", "amp"):
        assert tag_text not in facts
    assert any(c["text"] == "26" for c in record["counts"])


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        pytest.param("<p>a</p>", 2, id="paragraph"),
        pytest.param("x < y and y > z", 0, id="comparisons"),
        pytest.param("<script>if (a<b) {}</script>rest", 1, id="script-with-lt"),
        pytest.param("<<<<<<a", 0, id="unclosed"),
    ],
)
def test_mask_html_keeps_length_and_newlines(text: str, tags: int) -> None:
    masked, count = mask_html(text)
    assert len(masked) == len(text) and count == tags
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


# --- not English ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "warned"),
    [
        pytest.param(ENGLISH * 2, False, id="english"),
        pytest.param(SPANISH * 2, True, id="spanish"),
        pytest.param("Der Kartellchef wurde am Dienstag an die Vereinigten Staaten ausgeliefert, sagten"
                     " Beamte in Mexiko-Stadt nach einer langen Verhandlung mit der Regierung.", True, id="german"),
        pytest.param("México envió presos.", False, id="too-short-to-tell"),
    ],
)
def test_non_english_is_a_warning(text: str, warned: bool) -> None:
    _, warnings = inspect(text, text)
    assert any("English" in w for w in warnings) is warned


def test_non_english_text_does_not_crash(extract_text) -> None:
    record = extract_text(SPANISH * 3)
    assert any("English" in w for w in record["warnings"])


# --- paths ---------------------------------------------------------------------------------

def _loop(tmp: Path) -> Path:
    (tmp / "a").symlink_to(tmp / "b")
    (tmp / "b").symlink_to(tmp / "a")
    return tmp / "a"


def _unreadable(tmp: Path) -> Path:
    p = tmp / "secret.txt"
    p.write_text("text", "utf-8")
    p.chmod(0)
    return p


def _fifo(tmp: Path) -> Path:
    p = tmp / "pipe.txt"
    os.mkfifo(p)
    return p


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda t: t / "missing.txt", "no such file", id="missing"),
        pytest.param(lambda t: t, "is a directory", id="directory"),
        pytest.param(lambda t: t / "missing" / "x.txt", "no such file", id="missing-folder"),
        pytest.param(_loop, "symbolic link loop", id="symlink-loop"),
        pytest.param(_fifo, "not a regular file", id="fifo-never-hangs"),
        pytest.param(_unreadable, "permission denied", id="unreadable",
                     marks=pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")),
    ],
)
def test_bad_paths_give_one_line_errors(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: {message}" or str(info.value).startswith(f"{path}: {message}")
    result = runner.invoke(app, ["clean", str(path)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}: {message}")
    assert result.stderr.count("\n") == 1


# --- output safety -------------------------------------------------------------------------

def test_existing_out_is_not_touched_without_force(tmp_path: Path) -> None:
    out = tmp_path / "rec.json"
    out.write_text("precious", "utf-8")
    result = runner.invoke(app, ["extract", str(ARTICLE), "--out", str(out)])
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_text("utf-8") == "precious" and os.listdir(tmp_path) == ["rec.json"]


def test_out_directory_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(ARTICLE), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "is a directory" in result.stderr


def test_crash_while_writing_leaves_no_half_record(nlp, tmp_path: Path, monkeypatch) -> None:
    from transfer_extract import cli

    out = tmp_path / "rec.json"
    out.write_text("old", "utf-8")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "replace", boom)
    result = runner.invoke(app, ["extract", str(ARTICLE), "--out", str(out), "--force"])
    assert result.exit_code != 0
    assert out.read_text("utf-8") == "old" and os.listdir(tmp_path) == ["rec.json"]


def test_out_with_force_is_one_whole_record(nlp, tmp_path: Path) -> None:
    out = tmp_path / "rec.json"
    out.write_text("old", "utf-8")
    assert runner.invoke(app, ["extract", str(ARTICLE), "--out", str(out), "--force"]).exit_code == 0
    check_record(json.loads(out.read_text("utf-8")), ARTICLE.read_text("utf-8"))
