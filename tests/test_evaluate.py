"""Scoring against hand-written gold: matching rules, exact figures on small hand-made
gold/record pairs, and the `evaluate` command on a two-article gold folder."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from transfer_extract.cli import app
from transfer_extract.evaluation import Gold, Tally, evaluate, score_article
from transfer_extract.evaluation.gold import check_gold
from transfer_extract.evaluation.match import cartel, country, quote_matches, same_person

ROOT = Path(__file__).resolve().parent.parent
GOLD_FOLDERS = [ROOT / "fixtures" / "gold", ROOT / "fixtures" / "shared_gold",
                ROOT.parent / "shared" / "devset" / "gold"]


def gold(**facts: Any) -> Gold:
    data = {"id": "a", "published": "2026-01-21", "published_in_text": True, "cartels": [],
            "officials": [], "people_other": [], "quotes": [], "counts": [], "dates": [],
            "transfer_event": None, "boilerplate": [], **facts}
    return Gold("a", "a.json", check_gold(data, "a.json"))


def record(**facts: Any) -> dict[str, Any]:
    return {"source": {"path": "a.txt", "sha256": "0", "chars": 0}, "published": "2026-01-21",
            "boilerplate": [], "dates": [], "counts": [], "cartels": [], "officials": [],
            "people": [], "quotes": [], "events": [], **facts}


def quote(content: str, speaker: str | None) -> dict[str, Any]:
    return {"text": f'"{content}"', "content": content, "speaker": speaker}


def figures(t: Tally) -> tuple[int, int, int]:
    return t.tp, t.predicted, t.gold


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Omar García Harfuch", "Omar Garcia Harfuch", True),
    ("García Harfuch", "Omar Garcia Harfuch", True),
    ("Trump", "Donald Trump", True),
    ("Donald Trump", "Donald", False),
    ("Pam Bondi", "Pamela Bondi", True),
    ("Joaquín Guzmán Loera", "Joaquín Guzmán", True),
    ("Claudia Sheinbaum", "Claudia Ruiz", False),
    ("US Department of Justice", "Department of Justice", True),
    ("", "Bondi", False),
], ids=lambda v: str(v))
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


@pytest.mark.parametrize(("a", "b"), [
    ("U.S.", "United States"), ("US", "United States"), ("American", "United States"),
    ("México", "Mexico"), ("Mexican", "Mexico"),
], ids=lambda v: v)
def test_country_aliases(a: str, b: str) -> None:
    assert country(a) == country(b)


@pytest.mark.parametrize(("a", "b"), [
    ("CJNG", "Jalisco New Generation Cartel"),
    ("Beltrán Leyva Organization", "Beltrán-Leyva Cartel"),
    ("the Sinaloa cartel", "Sinaloa Cartel"),
], ids=lambda v: v)
def test_cartel_aliases(a: str, b: str) -> None:
    assert cartel(a) == cartel(b)


@pytest.mark.parametrize(("start", "predicted", "matched"), [
    ("These 26 men have all played", "These 26 men have all played a role.", True),
    ("these 26 men have all played", "“These 26 men, have all played a role", True),
    ("These 26 men have all played", "Those 26 men have all played a role", False),
    ("These 26 men have all played", "These 26 men", False),
], ids=["same", "case-and-punctuation", "other-word", "predicted-shorter"])
def test_quote_opening(start: str, predicted: str, matched: bool) -> None:
    assert quote_matches(start, predicted) is matched


def test_missed_quote_and_wrong_speaker() -> None:
    g = gold(quotes=[{"start_words": "We will not negotiate with", "speaker": "Claudia Sheinbaum"},
                     {"start_words": "The transfer was carried out", "speaker": "Omar García Harfuch"},
                     {"start_words": "No one told us anything", "speaker": None}])
    r = record(quotes=[quote("We will not negotiate with criminals", "Sheinbaum"),
                       quote("The transfer was carried out at dawn", "Sheinbaum"),
                       quote("a genuine danger", None)])  # under four words: not scored
    s = score_article(g, r)
    assert figures(s.metrics["quotes"]) == (2, 2, 3)
    assert figures(s.metrics["quote_speaker"]) == (1, 2, 2)
    assert figures(s.metrics["quote_speaker_e2e"]) == (1, 2, 2)
    assert {(m.metric, m.what) for m in s.misses} == {("quotes", "missed"), ("quote_speaker", "wrong")}


def test_officials_title_and_country_aliases() -> None:
    g = gold(officials=[{"name": "Pamela Bondi", "title": "Attorney General", "country": "United States"},
                        {"name": "Claudia Sheinbaum", "title": "President", "country": "Mexico"},
                        {"name": "Gustavo Petro", "title": "President", "country": "Colombia"}],
             people_other=["Ovidio Guzmán"])
    r = record(officials=[{"name": "Bondi", "title": "U.S. Attorney General", "country": "U.S."},
                          {"name": "Claudia Sheinbaum", "title": "Mexican President", "country": None},
                          {"name": "September", "title": "Justice", "country": None}],
               people=[{"name": "Ovidio Guzmán López"}, {"name": "Reuters"}])
    s = score_article(g, r)
    assert figures(s.metrics["officials"]) == (2, 3, 3)
    assert figures(s.metrics["official_title"]) == (2, 2, 2)
    assert figures(s.metrics["official_country"]) == (1, 1, 2)
    assert figures(s.metrics["people"]) == (1, 2, 1)


def test_cartels_counts_dates_by_canonical_name_and_value() -> None:
    g = gold(cartels=["Jalisco New Generation Cartel", "Gulf Cartel"],
             counts=[{"value": 37, "kind": "cardinal"}, {"value": 3, "kind": "ordinal"},
                     {"value": 92, "kind": "total"}],
             dates=[{"text": "Tuesday", "value": "2026-01-20"}, {"text": "in August", "value": "2025-08"}])
    r = record(cartels=[{"name": "CJNG"}],
               counts=[{"value": 37, "counted": "prisoners", "kind": "cardinal"},
                       {"value": 37, "counted": "prisoners", "kind": "cardinal"},
                       {"value": 3, "counted": "transfer", "kind": "cardinal"},
                       {"value": 92, "counted": "prisoners", "kind": "total"}],
               dates=[{"text": "Tuesday", "value": "2026-01-20"}, {"text": "Tuesday", "value": "2026-01-20"},
                      {"text": "2008", "value": "2008"}])
    s = score_article(g, r)
    assert figures(s.metrics["cartels"]) == (1, 1, 2)
    assert figures(s.metrics["counts"]) == (2, 3, 3)  # repeated 37 once; a cardinal 3 is not "the third"
    assert figures(s.metrics["dates"]) == (1, 2, 2)


EVENT = {"count": 26, "origin": "Mexico", "destination": "United States", "date": "2025-08-12",
         "cumulative_total": None, "sequence": 2, "kind": "transfer"}


def test_reported_event_skips_recalled_ones() -> None:
    recalled = {**EVENT, "count": 29, "date": "2025-02", "sequence": 1, "role": "recalled"}
    reported = {**EVENT, "origin": "Mexican", "destination": "U.S.", "sequence": None, "role": "reported"}
    s = score_article(gold(transfer_event=EVENT), record(events=[recalled, reported]))
    assert figures(s.metrics["event_found"]) == (1, 1, 1)
    assert figures(s.metrics["event_fields"]) == (5, 5, 6)  # sequence missed; null total not counted


def test_event_on_an_article_without_one_is_false() -> None:
    s = score_article(gold(), record(events=[EVENT]))
    assert figures(s.metrics["event_false"]) == (1, 1, 1)
    assert figures(s.metrics["event_found"]) == (0, 0, 0)


def test_empty_article_scores_nothing() -> None:
    s = score_article(gold(), record())
    rest = {name: figures(t) for name, t in s.metrics.items() if name not in ("event_false", "published")}
    assert set(rest.values()) == {(0, 0, 0)}
    assert figures(s.metrics["event_false"]) == (0, 0, 1)
    assert figures(s.metrics["published"]) == (1, 1, 1)
    assert s.misses == []


def test_published_only_scored_when_the_text_states_it() -> None:
    stated = score_article(gold(), record(published="2026-01-20"))
    assert figures(stated.metrics["published"]) == (0, 1, 1)
    unstated = score_article(gold(published_in_text=False), record(published="2026-01-20"))
    assert figures(unstated.metrics["published"]) == (0, 0, 0)


def test_boilerplate_snippets_inside_stripped_spans_and_body_kept() -> None:
    text = "Photo: AP Images\nThe cartel said \"we will keep fighting for this\" in a note.\nRead more"
    g = gold(boilerplate=["Photo: AP Images", "Read more"], body_must_keep=["in a note."],
             quotes=[{"start_words": "we will keep fighting for", "speaker": None}])
    r = record(boilerplate=[{"start": 0, "end": 16, "text": "Photo: AP Images", "kind": "credit"}])
    s = score_article(g, r, text)
    assert figures(s.metrics["boilerplate"]) == (1, 1, 2)
    assert s.metrics["boilerplate"].precision is None
    assert figures(s.metrics["body_kept"]) == (2, 2, 2)
    eaten = record(boilerplate=[{"start": 17, "end": len(text), "text": text[17:], "kind": "related"}])
    assert figures(score_article(g, eaten, text).metrics["body_kept"]) == (0, 2, 2)


@cache
def _gold_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(files("transfer_extract").joinpath("gold.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", [p for folder in GOLD_FOLDERS if folder.is_dir()
                                  for p in sorted(folder.glob("*.json"))], ids=lambda p: p.stem)
def test_gold_files_follow_the_schema(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    _gold_validator().validate(data)
    check_gold(data, str(path))


# ---- the command ------------------------------------------------------------------------------

runner = CliRunner()


def _gold_folder(tmp_path: Path) -> tuple[Path, Path]:
    """Two gold files and a JSONL of their saved records (no model needed)."""
    folder = tmp_path / "gold"
    folder.mkdir()
    one = gold(cartels=["Sinaloa Cartel"], transfer_event=EVENT).data
    two = {**gold(officials=[{"name": "Gustavo Petro", "title": "President", "country": "Colombia"}]).data,
           "id": "b"}
    (folder / "a.json").write_text(json.dumps(one), "utf-8")
    (folder / "b.json").write_text(json.dumps(two), "utf-8")
    recs = tmp_path / "records.jsonl"
    lines = [record(cartels=[{"name": "Sinaloa cartel"}], events=[EVENT]),
             {**record(officials=[{"name": "Petro", "title": "President", "country": None}]),
              "source": {"path": "texts/b.txt", "sha256": "0", "chars": 0}}]
    recs.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    return folder, recs


def test_cli_scores_saved_records_as_json(tmp_path: Path) -> None:
    folder, recs = _gold_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder), "--records", str(recs), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["articles"] == 2
    assert out["metrics"]["cartels"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1,
                                         "predicted": 1, "gold": 1}
    assert out["metrics"]["official_country"]["tp"] == 0
    assert out["metrics"]["event_fields"]["tp"] == 6


def test_cli_misses_name_what_was_missed(tmp_path: Path) -> None:
    folder, recs = _gold_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder), "--records", str(recs), "--misses"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "official_country" in result.stdout and "Gustavo Petro: None, gold 'Colombia'" in result.stdout


BAD_COUNT = {**gold().data, "id": "c", "counts": [{"value": "abc", "kind": "cardinal"}]}
BAD_DATE = {**gold().data, "id": "c", "dates": [{"text": "Tuesday", "value": 20}]}


@pytest.mark.parametrize("bad", ["{not json", json.dumps({"id": "c"}), json.dumps([1, 2]),
                                 json.dumps(BAD_COUNT), json.dumps(BAD_DATE)],
                         ids=["not-json", "missing-keys", "not-an-object", "count-not-a-number",
                              "date-value-not-a-string"])
def test_cli_bad_gold_is_one_line_and_the_rest_is_scored(tmp_path: Path, bad: str) -> None:
    folder, recs = _gold_folder(tmp_path)
    (folder / "c.json").write_text(bad, "utf-8")
    result = runner.invoke(app, ["evaluate", str(folder), "--records", str(recs), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["articles"] == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "c.json" in errors[0]
    assert "Traceback" not in result.output


def test_cli_missing_text_is_one_line(tmp_path: Path) -> None:
    folder, _ = _gold_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder), "--texts", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.count("Error:") == 2 and "a.txt" in result.stderr


def test_cli_needs_texts_or_records(tmp_path: Path) -> None:
    folder, _ = _gold_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder)])
    assert result.exit_code == 1 and "--texts" in result.stderr


@pytest.mark.model
def test_cli_parses_texts(tmp_path: Path, nlp: Any) -> None:
    folder = tmp_path / "gold"
    texts = tmp_path / "texts"
    folder.mkdir()
    texts.mkdir()
    (texts / "a.txt").write_text(
        "Colombia extradited an alleged Gulf Clan leader to the United States on Friday, the"
        " country's police said.\n", "utf-8")
    g = gold(cartels=["Clan del Golfo"], published_in_text=False, published="2026-01-21",
             dates=[{"text": "Friday", "value": "2026-01-16"}],
             transfer_event={"count": 1, "origin": "Colombia", "destination": "United States",
                             "date": "2026-01-16", "cumulative_total": None, "sequence": None,
                             "kind": "extradition"})
    (folder / "a.json").write_text(json.dumps(g.data), "utf-8")
    result = evaluate(folder, texts=texts)
    assert result.errors == []
    metrics = result.metrics
    assert figures(metrics["dates"]) == (1, 1, 1)
    assert figures(metrics["event_found"]) == (1, 1, 1)


@pytest.mark.parametrize(("tally", "f1"), [
    (Tally(2, 4, 4), 0.5),
    (Tally(0, 0, 3), 0.0),  # nothing found of what the gold has
    (Tally(0, 2, 0), 0.0),  # only facts the gold does not have
    (Tally(0, 0, 0), None),
    (Tally(1, 0, 2, has_precision=False), 0.5),  # recall where precision is not measured
], ids=["half", "none-found", "only-extra", "empty", "recall-only"])
def test_f1(tally: Tally, f1: float | None) -> None:
    assert tally.f1 == f1
