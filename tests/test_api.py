"""The public Python API, the spaCy components and the registry of kinds of fact."""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import spacy
from typer.testing import CliRunner

import transfer_extract as te
from conftest import FIXTURE_ARTICLES, ROOT
from transfer_extract import kinds as registry
from transfer_extract.cli import app

HTML = ROOT / "fixtures" / "html" / "article-page.html"
SHORT = "MEXICO CITY (AP) — Mexico sent 26 members of the Sinaloa Cartel to the United States on Tuesday.\n"


# --- public names --------------------------------------------------------------------------------

def test_public_names_exist_and_are_documented() -> None:
    assert sorted(te.__all__) == sorted(set(te.__all__))
    for name in te.__all__:
        obj = getattr(te, name)
        if callable(obj):
            assert obj.__doc__, name
    for func in (te.load, te.extract, te.extract_many, te.clean, te.register, te.record_schema):
        signature = inspect.signature(func)
        assert signature.return_annotation is not inspect.Signature.empty, func.__name__
        assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values())


def test_max_chars_default_is_the_core_one() -> None:
    from transfer_extract.api import MAX_CHARS
    from transfer_extract.core import MAX_CHARS as CORE

    assert MAX_CHARS == CORE


@pytest.mark.parametrize("value", ["21-01-2026", "yesterday", 20260121], ids=["day-first", "words", "number"])
def test_a_published_date_that_is_no_date_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        te.clean(SHORT, published=value)  # type: ignore[arg-type]


def test_clean_needs_no_model_and_takes_a_string_date() -> None:
    article = te.clean("By Jane Doe\n" + SHORT, published="2026-01-21")
    assert article.published == date(2026, 1, 21)
    assert article.text.endswith(SHORT)


# --- extract ---------------------------------------------------------------------------------------

def test_extract_takes_the_pipeline_and_a_string_date(nlp) -> None:
    assert te.load() is nlp
    by_string = te.extract(SHORT, published="2026-01-21", nlp=nlp)
    assert by_string == te.extract(SHORT, published=date(2026, 1, 21))
    assert by_string.published == "2026-01-21"
    assert [c.name for c in by_string.cartels] == ["Sinaloa Cartel"]


@pytest.mark.parametrize("path", FIXTURE_ARTICLES[:4], ids=lambda p: p.stem)
def test_extract_of_a_path_is_the_golden_record(path: Path, nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    record = te.extract(path.relative_to(ROOT)).to_dict()
    assert record["source"].pop("absolute_path") == str(path)  # a file read from disk keeps it
    assert record == json.loads(path.with_suffix(".json").read_text("utf-8"))


def test_extract_many_in_two_processes_gives_batch_records(tmp_path: Path, nlp) -> None:
    small = sorted(FIXTURE_ARTICLES, key=lambda p: p.stat().st_size)[:3]
    for path in small:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    lines = sorted((json.loads(line) for line in out.read_text("utf-8").splitlines()),
                   key=lambda r: r["source"]["path"])
    paths = [Path(line["source"]["path"]) for line in lines]
    assert [r.to_dict() for r in te.extract_many(paths, n_process=2, batch_size=1)] == lines


# --- from_dict -------------------------------------------------------------------------------------

def _saved_records() -> Iterator[Path]:
    yield from (p.with_suffix(".json") for p in FIXTURE_ARTICLES)


@pytest.mark.parametrize("path", list(_saved_records()), ids=lambda p: p.stem)
def test_from_dict_round_trips_every_golden_record(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    record = te.Record.from_dict(data)
    assert record.to_dict() == data
    assert json.dumps(record.to_dict(), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    assert all(isinstance(d, te.DateFact) for d in record.dates)
    assert all(isinstance(m, te.Span) for e in record.events for m in e.evidence)


def test_from_dict_round_trips_a_web_page_record(nlp) -> None:
    record = te.extract(HTML.read_text("utf-8"))
    data = json.loads(json.dumps(record.to_dict()))
    assert data["source"]["format"] == "html" and data["source"]["text"]
    again = te.Record.from_dict(data)
    assert again == record and again.to_dict() == data


@pytest.mark.parametrize("data", [
    {"source": {"path": "a", "sha256": None}, "error": "gone"},
    {"schema_version": 2, "source": {}},
    {"schema_version": 1, "source": {"path": None, "sha256": "0", "chars": 0}, "published": None,
     "dates": [{"start": 0}]},
    {"schema_version": 1, "source": {"path": None, "sha256": "0", "chars": 0}, "published": None,
     "dates": [{"start": 0, "end": 1, "text": "x", "value": None, "granularity": None, "colour": "red"}]},
], ids=["error-line", "other-schema-version", "missing-field", "unknown-field"])
def test_from_dict_refuses_what_is_not_a_record(data: dict) -> None:
    with pytest.raises((ValueError, TypeError)):
        te.Record.from_dict(data)


# --- spaCy components ------------------------------------------------------------------------------

COMPONENTS = ["line_breaks", "lookup_attributes", "cartel_ruler", "transfer_facts"]


def _entry_points() -> dict[str, dict[str, str]]:
    """The `[project.entry-points.GROUP]` tables of pyproject.toml (tomllib is Python 3.11+)."""
    groups: dict[str, dict[str, str]] = {}
    group = None
    for line in (ROOT / "pyproject.toml").read_text("utf-8").splitlines():
        if line.startswith("["):
            m = re.fullmatch(r"\[project\.entry-points\.([\w.]+)\]", line.strip())
            group = m.group(1) if m else None
        elif group and (m := re.fullmatch(r'(\w+) = "([^"]+)"', line.strip())):
            groups.setdefault(group, {})[m.group(1)] = m.group(2)
    return groups


def test_entry_points_name_every_component() -> None:
    assert sorted(_entry_points()["spacy_factories"]) == sorted(COMPONENTS)


@pytest.mark.parametrize(("name", "assigns"), [
    ("line_breaks", ["token.is_sent_start"]),
    ("cartel_ruler", ["doc.ents", "token.ent_type", "token.ent_iob"]),
    ("lookup_attributes", ["token.pos", "token.morph", "token.lemma", "token.norm"]),
    ("transfer_facts", ["doc._.facts"]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_components_declare_what_they_assign(name: str, assigns: list[str]) -> None:
    import transfer_extract.facts_component  # noqa: F401 -- in a fresh process the entry point does this

    assert spacy.Language.get_factory_meta(name).assigns == assigns


FRESH = """
import sys, tempfile
import spacy
nlp = spacy.blank("en")
for name in ("line_breaks", "cartel_ruler", "lookup_attributes"):
    nlp.add_pipe(name)
nlp.get_pipe("cartel_ruler").initialize(organizations=[{"name": "Toy Cartel", "aliases": ["TC"]}])
doc = nlp("The TC said so.\\nThen it left.")
with tempfile.TemporaryDirectory() as path:
    nlp.to_disk(path)
    again = spacy.load(path)
print([(e.text, e.label_, e.ent_id_) for e in again(doc.text).ents], len(list(doc.sents)))
"""


def _dist_info(root: Path) -> Path:
    """A dist-info on a path of its own that declares the project's entry points, as an install does."""
    info = root / "transfer_extract_entry_points-0.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: transfer-extract-entry-points\nVersion: 0.0.0\n")
    groups = "".join(f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) + "\n"
                     for group, eps in _entry_points().items())
    (info / "entry_points.txt").write_text(groups)
    return root


def test_components_work_in_a_fresh_process(tmp_path: Path) -> None:
    path = os.pathsep.join([str(_dist_info(tmp_path)), str(ROOT / "src")])
    result = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": path}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('TC', 'CARTEL', 'Toy Cartel')] 2"


def test_cartel_ruler_takes_its_data_through_initialize() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("cartel_ruler")
    assert [e.label_ for e in nlp("The Sinaloa Cartel.").ents] == ["CARTEL"]  # the default data
    ruler.initialize(organizations=[{"name": "Toy Cartel", "aliases": []}])
    assert [e.text for e in nlp("The Sinaloa Cartel and the Toy Cartel.").ents] == ["Toy Cartel"]


@pytest.fixture(scope="module")
def reloaded(nlp, tmp_path_factory: pytest.TempPathFactory) -> spacy.language.Language:
    """The pipeline `te.load()` gives, with transfer_facts, saved and loaded back."""
    path = tmp_path_factory.mktemp("pipeline")
    nlp.add_pipe("transfer_facts", config={"published": "2026-01-21"})
    try:
        nlp.to_disk(path)
    finally:
        nlp.remove_pipe("transfer_facts")
    return spacy.load(path)


def test_a_saved_pipeline_loads_with_its_components(nlp, reloaded) -> None:
    assert reloaded.pipe_names == [*nlp.pipe_names, "transfer_facts"]
    assert "attribute_ruler" not in reloaded.pipe_names
    doc, expected = reloaded(SHORT), nlp(SHORT)
    assert [(t.pos_, t.lemma_, t.dep_, t.ent_type_) for t in doc] == \
        [(t.pos_, t.lemma_, t.dep_, t.ent_type_) for t in expected]


@pytest.mark.parametrize("path", FIXTURE_ARTICLES, ids=lambda p: p.stem)
def test_transfer_facts_gives_the_record_extract_gives(path: Path, nlp, reloaded) -> None:
    text = path.read_text("utf-8")
    assert reloaded(text)._.facts == te.extract(text, published="2026-01-21", nlp=nlp)


def test_transfer_facts_takes_the_date_of_each_doc(reloaded) -> None:
    doc = reloaded.make_doc(SHORT)
    doc._.published = "2025-08-26"
    assert reloaded(doc)._.facts.published == "2025-08-26"


# --- the registry of kinds of fact ---------------------------------------------------------------

def test_the_run_order_comes_from_what_each_extractor_requires() -> None:
    order = [e.name for e in registry.extractor_order()]
    assert order == ["dates", "counts", "organizations", "persons", "pronouns", "quotes", "events"]
    position = {name: i for i, name in enumerate(order)}
    for step in registry.extractor_order():
        for field in step.requires:
            providers = [e.name for e in registry.extractor_order() if field in e.provides and e is not step]
            assert all(position[p] < position[step.name] for p in providers if field not in
                       registry.kind(field).extractor.requires or p == registry.kind(field).extractor.name)


def test_a_requirement_cycle_is_refused() -> None:
    a = registry.Extractor("toy_a", lambda doc, ctx: {}, provides=("toy_a",), requires=("toy_b",))
    b = registry.Extractor("toy_b", lambda doc, ctx: {}, provides=("toy_b",), requires=("toy_a",))
    try:
        registry.register(te.Kind("toy_a", te.Span, a))
        registry.register(te.Kind("toy_b", te.Span, b))
        with pytest.raises(ValueError, match="cycle"):
            registry.extractor_order()
    finally:
        registry.unregister("toy_a")
        registry.unregister("toy_b")
    assert "toy_a" not in registry.fields()


def _item_properties(schema: dict, field: str) -> tuple[set[str], set[str]]:
    items = schema["properties"][field]["items"]
    span = schema["$defs"]["span"]
    with_span = any(part == {"$ref": "#/$defs/span"} for part in items.get("allOf", []))
    properties = set(items["properties"]) | (set(span["properties"]) if with_span else set())
    required = set(items["required"]) | (set(span["required"]) if with_span else set())
    return properties, required


@pytest.mark.parametrize("kind", registry.BUILTIN, ids=lambda k: k.field)
def test_schema_json_agrees_with_the_registry(kind: registry.Kind) -> None:
    schema = json.loads((ROOT / "src" / "transfer_extract" / "schema.json").read_text("utf-8"))
    assert schema["required"] == ["schema_version", "source", "published", "boilerplate",
                                  *registry.fields(), "warnings"]
    properties, required = _item_properties(schema, kind.field)
    assert properties == {f.name for f in dataclasses.fields(kind.fact)}
    assert required <= properties


@pytest.mark.parametrize("path", list(_saved_records()), ids=lambda p: p.stem)
def test_the_derived_schema_of_each_kind_accepts_the_golden_records(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    defs = json.loads((ROOT / "src" / "transfer_extract" / "schema.json").read_text("utf-8"))["$defs"]
    for kind in registry.BUILTIN:
        schema = {"$defs": defs, "type": "array", "items": registry.fact_schema(kind.fact)}
        jsonschema.Draft202012Validator(schema).validate(data[kind.field])


@dataclass(frozen=True)
class Weapons(te.Span):
    value: int


def find_weapons(doc, ctx) -> dict[str, tuple[Weapons, ...]]:
    return {"weapons": tuple(Weapons(c.start, c.end, c.text, int(c.value))
                             for c in ctx.found["counts"] if c.counted in ("weapons", "rifles"))}


@pytest.fixture
def weapons() -> Iterator[te.Kind]:
    """A toy kind of fact, weapons seized, registered in a few lines and removed afterwards."""
    kind = te.Kind("weapons", Weapons, te.Extractor("weapons", find_weapons, provides=("weapons",),
                                                    requires=("counts",)), short="wpn")
    te.register(kind)
    yield kind
    registry.unregister("weapons")


SEIZURE = "Soldiers seized 40 rifles and arrested 3 men in Culiacán on Monday, the army said.\n"


def test_a_new_kind_is_in_the_record_the_schema_and_show(weapons, nlp, tmp_path: Path) -> None:
    assert [e.name for e in registry.extractor_order()][-1] == "weapons"
    article = tmp_path / "seizure.txt"
    article.write_text(SEIZURE, "utf-8")
    record = te.extract(article, published="2026-01-21")
    data = record.to_dict()
    assert list(data)[-2:] == ["weapons", "warnings"]
    assert [(w["text"], w["value"]) for w in data["weapons"]] == [("40", 40)]
    assert te.Record.from_dict(json.loads(json.dumps(data))) == record
    jsonschema.Draft202012Validator(te.record_schema()).validate(data)
    assert "weapons" in te.record_schema()["required"]
    schema = CliRunner().invoke(app, ["schema"])
    assert '"weapons"' in schema.output
    saved = tmp_path / "records.jsonl"
    saved.write_text(json.dumps(data) + "\n", "utf-8")
    shown = CliRunner().invoke(app, ["show", str(saved), "--only", "weapons", "--evidence"],
                               env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.output
    assert "weapons (1)" in shown.output and "⟨weapons 40⟩" in shown.output, shown.output
    assert re.search(r"\bweapons\b", shown.output.splitlines()[1])  # a column of the overview


def test_show_refuses_a_kind_that_is_not_registered(tmp_path: Path) -> None:
    saved = tmp_path / "records.jsonl"
    saved.write_text((FIXTURE_ARTICLES[0].with_suffix(".json")).read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(app, ["show", str(saved), "--only", "weapons"])
    assert result.exit_code != 0 and "dates" in result.output


def test_the_schema_command_prints_schema_json_as_shipped() -> None:
    shipped = (ROOT / "src" / "transfer_extract" / "schema.json").read_text("utf-8")
    assert CliRunner().invoke(app, ["schema"]).output == shipped


# --- the README ------------------------------------------------------------------------------------

def test_the_readme_python_api_example_runs(nlp) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102


def test_every_span_is_mapped_to_the_original_once_however_deep() -> None:
    """Extractors work in the cleaned text's offsets; the record moves every span, at any depth
    (a quote's speaker mention, an event's evidence), to the original text."""
    from transfer_extract.article import in_original, prepare
    from transfer_extract.record import Quote, Span

    text = "Advertisement\n\nRuiz said: \u201cWe will go.\u201d\n"
    article = prepare(text)
    clean = article.clean
    q_start = clean.index("\u201c")
    quote = Quote(q_start, q_start + 13, clean[q_start:q_start + 13], "Ruiz",
                  Span(clean.index("Ruiz"), clean.index("Ruiz") + 4, "Ruiz"), "say")
    moved = in_original((quote,), article)[0]
    assert text[moved.start:moved.end] == moved.text == "\u201cWe will go.\u201d"
    assert text[moved.speaker_mention.start:moved.speaker_mention.end] == "Ruiz"
    assert moved.start == text.index("\u201c") != q_start  # the furniture before it was cut out
