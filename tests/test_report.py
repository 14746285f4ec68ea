"""`report`: the HTML page (marks, furniture, quotes and speakers, cards, timeline), and the
page in a real headless Chromium (skipped when /usr/bin/chromium or `chromium` is not installed)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from transfer_extract.cli import app
from transfer_extract.report import build_report
from transfer_extract.report.highlight import highlighted

runner = CliRunner()


def _plain(fragment: str) -> str:
    """The text of highlighted HTML: tags and labels dropped."""
    fragment = re.sub(r'<(a|span) class="lbl[^"]*"[^>]*>.*?</\1>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _mini(text: str, **facts: Any) -> dict[str, Any]:
    return {"source": {"path": "mini.txt", "sha256": "0" * 64, "chars": len(text)}, "published": None,
            "boilerplate": facts.pop("boilerplate", []), **facts, "warnings": []}


TEXT = 'Read more\nMexico sent 29 <prisoners> on Tuesday. "We act," Ana Díaz said.'


def _at(part: str) -> dict[str, Any]:
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part), "text": part}


SPANS = {
    "counts": [{**_at("29"), "value": 29, "counted": "prisoners", "kind": "cardinal"}],
    "dates": [{**_at("Tuesday"), "value": "2026-01-20", "granularity": "day"}],
    "events": [{"kind": "transfer", "count": 29, "evidence": [_at("Mexico sent 29 <prisoners> on Tuesday.")]}],
    "quotes": [{**_at('"We act,"'), "speaker": "Ana Díaz", "speaker_mention": _at("Ana Díaz")}],
    "boilerplate": [{**_at("Read more"), "kind": "read_more"}],
}


def test_marks_keep_the_text_exactly() -> None:
    out = highlighted(TEXT, _mini(TEXT, **json.loads(json.dumps(SPANS))), "a0")
    assert _plain(out) == TEXT
    assert "&lt;prisoners&gt;" in out and "<prisoners>" not in out


@pytest.mark.parametrize(("needle", "why"), [
    ('<span class="bp">Read more</span>', "furniture struck through"),
    ('class="lbl k-counts">count 29 prisoners<', "a count labelled"),
    ('class="f k-events k-counts"', "overlapping spans both marked"),
    ('href="#a0-quotes-0-speaker">quote: Ana Díaz<', "the quote's label links to its speaker"),
    ('<a id="a0-quotes-0-speaker"></a><span class="spk" data-sq="a0-quotes-0">Ana Díaz', "the speaker anchored"),
], ids=["furniture", "label", "overlap", "quote-link", "speaker-anchor"])
def test_marks(needle: str, why: str) -> None:
    assert needle in highlighted(TEXT, _mini(TEXT, **json.loads(json.dumps(SPANS))), "a0"), why


def test_spans_outside_the_text_are_left_out() -> None:
    record = _mini("short", counts=[{"start": 3, "end": 90, "text": "x", "value": 1, "counted": None,
                                     "kind": "cardinal"}])
    assert highlighted("short", record, "a0") == "short"


def _fixture_lines(*names: str) -> list[dict[str, Any]]:
    paths = [FIXTURES / f"{n}.json" for n in names] if names else sorted(FIXTURES.glob("*.json"))
    lines = [json.loads(p.read_text("utf-8")) for p in paths]
    for line in lines:  # the records name their files relative to the repository
        line["source"]["path"] = str(ROOT / line["source"]["path"])
    return lines


def test_page_is_self_contained() -> None:
    page = build_report(_fixture_lines()).html
    assert not re.search(r'(src|href)="(https?:)?//', page), "nothing is fetched"
    assert "<script>" in page and "<style>" in page and "Content-Security-Policy" in page
    assert page.count("<article ") == len(list(FIXTURES.glob("*.json")))


def test_timeline_only_when_several_articles_report_events() -> None:
    assert "<svg" in build_report(_fixture_lines("mexico-transfer-37-outlet-a", "mexico-transfer-38-outlet-b")).html
    assert "<svg" not in build_report(_fixture_lines("mexico-transfer-37-outlet-a")).html


def test_event_card_and_missing_text() -> None:
    lines = _fixture_lines("deportation-venezuelans-el-salvador")
    assert 'class="card reported"' in build_report(lines).html
    lines[0]["source"]["sha256"] = "1" * 64  # the file no longer matches
    result = build_report(lines)
    assert "has changed since it was processed" in result.html and len(result.missing_text) == 1


def test_report_command(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in _fixture_lines()), "utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(records), "--out", str(out), "--kind", "extradition"])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").count("<article ") == 3
    again = runner.invoke(app, ["report", str(records), "--out", str(out)])
    assert again.exit_code == 1 and "already exists" in again.stderr


# --- in a real browser -----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_page_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report(_fixture_lines()).html, "utf-8")
    url = page.as_uri()
    loaded = _chromium(tmp_path / "profile-1", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                       "--dump-dom", f"{url}#selftest")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    console = [line for line in loaded.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], "the page wrote to the console"
    assert 'data-ready="1"' in loaded.stdout, "the page's script did not run to its end"
    assert not re.search(r"<html[^>]*data-errors", loaded.stdout), "an error was caught on the page"
    verdict = re.search(r'data-selftest="([^"]*)"', loaded.stdout)
    assert verdict and verdict.group(1) == "ok"
    shot = tmp_path / "report.png"
    taken = _chromium(tmp_path / "profile-2", "--window-size=1280,2400", f"--screenshot={shot}", url)
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
