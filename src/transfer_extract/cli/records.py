"""The commands on saved records: show, export, report, merge, evaluate."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from transfer_extract.cli import (
    _check_out,
    _dump,
    _parse_date,
    _write_atomic,
    app,
    report,
)
from transfer_extract.errors import InputError, TransferExtractError


def _only(value: str | None) -> tuple[str, ...] | None:
    """`--only`: kinds of fact of the registry (those a plugin adds included), comma separated."""
    from transfer_extract.kinds import fields

    if value is None:
        return None
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    wrong = [v for v in names if v not in fields()]
    if wrong or not names:
        raise typer.BadParameter(f"{', '.join(map(repr, wrong)) or repr(value)} is not one of: {', '.join(fields())}")
    return names


def _event_kind(value: str | None) -> str | None:
    import typing

    from transfer_extract.record import EventKind

    allowed = typing.get_args(EventKind)
    if value is not None and value.lower() not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}")
    return value.lower() if value else None


# the options that choose records, shared by `show` and `report`
ArticleOpt = Annotated[str | None, typer.Option(  # noqa: UP007
    help="Only the articles whose path contains this.")]
HasEventOpt = Annotated[bool, typer.Option(
    "--has-event", help="Only articles that report an event (a transfer, extradition or deportation).")]
KindOpt = Annotated[str | None, typer.Option(  # noqa: UP007
    "--kind", help="Only articles with an event of this kind: transfer, extradition or deportation.",
    callback=_event_kind, show_default=False)]
CountryOpt = Annotated[str | None, typer.Option(  # noqa: UP007
    "--country", help="Only articles with an event from or to this country.", show_default=False)]
SinceOpt = Annotated[str | None, typer.Option(  # noqa: UP007
    "--since", help="Only events (without an event filter: articles published) on or after YYYY-MM-DD; an "
    "undated event takes its article's date.", show_default=False)]
UntilOpt = Annotated[str | None, typer.Option(  # noqa: UP007
    "--until", help="Only events (without an event filter: articles published) on or before YYYY-MM-DD.",
    show_default=False)]
RecalledOpt = Annotated[bool, typer.Option(
    "--recalled", help="The event filters also match the earlier events an article only recalls.")]


def _saved(records: Path) -> list[dict[str, Any]]:
    """The saved lines of `records`, the newest of each article path; a malformed line is
    skipped with a warning on stderr."""
    from transfer_extract.saved import newest_per_path, read_saved

    warnings: list[str] = []
    lines = newest_per_path(read_saved(records, warnings))
    for line in warnings:
        typer.echo(f"Warning: {line}", err=True)
    return lines


def _selected(records: Path, article: str | None, has_event: bool, kind: str | None, country: str | None,
              since: str | None, until: str | None, recalled: bool) -> list[dict[str, Any]]:
    """The saved lines of `records` the options choose; InputError when none is."""
    from transfer_extract.selection import Selection, select

    sel = Selection(article=article, has_event=has_event, kind=kind, country=country,
                    since=_parse_date(since), until=_parse_date(until), recalled=recalled)
    lines = _saved(records)
    chosen = select(lines, sel)
    if lines and not chosen:
        raise InputError(f"{records}: no article matches the filters")
    return chosen




@app.command()
def show(
    records: Annotated[Path, typer.Argument(help="Records saved by batch or extract (JSONL or JSON).",
                                            show_default=False)],
    article: ArticleOpt = None,
    has_event: HasEventOpt = False,
    kind: KindOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    recalled: RecalledOpt = False,
    only: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Only these kinds of fact in the per-article tables, comma separated (dates, counts, cartels,"
        " officials, people, quotes, events, or a kind a plugin adds).", callback=_only, show_default=False)] = None,
    evidence: Annotated[bool, typer.Option(
        help="Print each article's text with every fact's span highlighted and labelled.")] = False,
) -> None:
    """Show saved records as tables (an overview, then each article); never loads the model."""
    from rich.console import Console
    from rich.markup import escape

    from transfer_extract.evidence import article_text
    from transfer_extract.render import evidence_text, overview_table, record_tables

    lines = _selected(records, article, has_event, kind, country, since, until, recalled)
    console = Console()
    console.print(overview_table(lines))
    for record in lines:
        if "error" in record:
            continue
        console.print(record_tables(record, only))
        if not evidence:
            continue
        text, why = article_text(record)
        if text is None:
            console.print(f"[yellow]no evidence: {escape(why or '')}[/]")
            continue
        console.print(evidence_text(record, text, only))


# ---- export and report: records for analysts ------------------------------------------------


class ExportFormat(str, Enum):
    sqlite = "sqlite"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    records: Annotated[Path, typer.Argument(help="Records saved by batch or extract (JSONL or JSON).",
                                            show_default=False)],
    to: Annotated[Path, typer.Option("--to", help="A SQLite file, or the folder of the CSV or Parquet files.",
                                     show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="sqlite: one database (re-exporting replaces each article's rows); csv or "
        "parquet: one file per table.")] = ExportFormat.sqlite,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Put each article's text in articles.text (SQLite: searchable), read from its file "
        "when unchanged.")] = False,
    bom: Annotated[bool, typer.Option(
        "--bom", help="CSV: open each file with a UTF-8 byte order mark (for spreadsheets).")] = False,
) -> None:
    """Export saved records as tables: articles, one per kind of fact, mentions, errors."""
    from rich.console import Console
    from rich.markup import escape

    from transfer_extract.export import export as run
    from transfer_extract.render import summary_table
    result = run(_saved(records), to, fmt.value, with_text=with_text, bom=bom)
    console = Console()
    stats: dict[str, Any] = {"articles": result.articles, "error lines": result.errors}
    stats.update({f"rows: {name}": n for name, n in result.rows.items() if n})
    table = summary_table(stats)
    table.title = f"export {fmt.value} -> {result.to}"
    console.print(table)
    if result.missing_text:
        console.print(f"[yellow]no text for {len(result.missing_text)} articles[/], e.g. "
                      f"{escape(result.missing_text[0])}", highlight=False, soft_wrap=True)


@app.command("report")
def report_page(
    records: Annotated[Path, typer.Argument(help="Records saved by batch or extract (JSONL or JSON).",
                                            show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.", show_default=False)],
    force: Annotated[bool, typer.Option(help="Overwrite an existing --out file.")] = False,
    title: Annotated[str, typer.Option(help="The page's title.")] = "transfer-extract report",
    article: ArticleOpt = None,
    has_event: HasEventOpt = False,
    kind: KindOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    recalled: RecalledOpt = False,
) -> None:
    """Write one self-contained HTML page (works offline): an overview, the merged timeline, and
    each article's text with every fact marked. Takes the same filters as show."""
    from transfer_extract.report import build_report

    _check_out(out, force)
    lines = _selected(records, article, has_event, kind, country, since, until, recalled)
    page = build_report(lines, title)
    _write_atomic(out, page.html, force)
    typer.echo(f"{out}: {page.articles} articles, {page.errors} errors, {page.timeline_waves} waves in the "
               f"timeline, {len(page.html) / 1e6:.1f} MB", err=True)
    if page.missing_text:
        typer.echo(f"Warning: no text for {len(page.missing_text)} articles, e.g. {page.missing_text[0]}", err=True)


# ---- merge: several articles' records grouped by event ---------------------------------------


class MergeFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def merge(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, or record files written by extract or batch (JSON or JSONL).",
        show_default=False)],
    fmt: Annotated[MergeFormat | None, typer.Option(  # noqa: UP007
        "--format", "-f", help="json or table (default: table on a terminal, else json).",
        show_default=False)] = None,
    published: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Publication date YYYY-MM-DD for article files.")] = None,
    model: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Name of an installed spaCy pipeline.")] = None,
) -> None:
    """Group the events of several articles, listing every value with its sources.

    A file is read as records when it is named .json/.jsonl or its text opens with { or [
    (a JSONL file named .txt); anything else is an article. An input that cannot be read is
    reported on stderr and listed in the output as unreadable; the rest are still merged."""
    from transfer_extract.merge import is_record_file, looks_like_records, read_records
    from transfer_extract.merge import merge as merge_records
    from transfer_extract.reader import read_input

    warnings: list[str] = []  # malformed lines skipped in record files

    when = _parse_date(published)  # checked whatever the inputs are
    slots: list[Any] = []  # per input, in order: its records, an article Input, or a failure
    unreadable: list[tuple[str, str]] = []

    def fail(path: str, exc: TransferExtractError) -> None:
        report(exc)
        unreadable.append((path, str(exc).removeprefix(f"{path}: ")))

    for path in paths:
        try:
            if is_record_file(path):
                slots.append(read_records(path, warnings))
                continue
            item = read_input(path)
            if looks_like_records(item.text):
                try:
                    slots.append(read_records(path, warnings))
                except TransferExtractError as exc:
                    raise InputError(f"{path}: looks like JSON, not article text, and is not a file "
                                     f"of transfer-extract records ({str(exc).removeprefix(f'{path}: ')})"
                                     ) from None
                continue
            slots.append(item)
        except TransferExtractError as exc:
            fail(path, exc)
    for line in warnings:
        typer.echo(f"Warning: {line}", err=True)
    articles = [s for s in slots if not isinstance(s, list)]
    parsed: list[dict[str, Any]] = []
    if articles:
        from transfer_extract.core import extract_many

        parsed = [r.to_dict() for r in extract_many(articles, published=when, model=model)]
    records: list[dict[str, Any]] = []
    done = iter(parsed)
    for slot in slots:
        records.extend(slot if isinstance(slot, list) else [next(done)])
    result = merge_records(records, unreadable).to_dict()
    if fmt is None:
        fmt = MergeFormat.table if sys.stdout.isatty() else MergeFormat.json
    if fmt is MergeFormat.json:
        sys.stdout.write(_dump(result, 2) + "\n")
    else:
        from transfer_extract.render import print_merge

        print_merge(result)
    if unreadable or any("error" in r for r in records):
        raise typer.Exit(1)


# ---- evaluate: scores against hand-written gold facts ----------------------------------------


class EvalFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="A folder of gold files ID.json.", show_default=False)],
    texts: Annotated[Path | None, typer.Option(  # noqa: UP007
        help="The folder of the articles' texts, ID.txt: each is parsed and scored.")] = None,
    records: Annotated[Path | None, typer.Option(  # noqa: UP007
        help="Records saved by extract or batch (the article file's name is the gold ID): no model.")] = None,
    misses: Annotated[bool, typer.Option(
        help="Per article: each fact missed, extra or wrong.")] = False,
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="table or json.")] = EvalFormat.table,
    model: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Name of an installed spaCy pipeline.")] = None,
) -> None:
    """Score the extractor against gold facts written by hand (precision, recall, F1)."""
    from transfer_extract.evaluation import evaluate as run

    if texts is None and records is None:
        raise InputError("evaluate needs --texts TEXTS_DIR or --records RECORDS")
    result = run(gold_dir, texts=texts, records=records, model=model)
    for line in result.warnings:
        typer.echo(f"Warning: {line}", err=True)
    for line in result.errors:
        typer.echo(f"Error: {line}", err=True)
    if fmt is EvalFormat.json:
        sys.stdout.write(_dump(result.to_dict(misses), 2) + "\n")
    else:
        from rich.console import Console

        from transfer_extract.render_evaluation import metrics_table, misses_group

        console = Console()
        if misses:
            console.print(misses_group(result))
        console.print(metrics_table(result, f"{gold_dir}: "))
    if result.errors:
        raise typer.Exit(1)
