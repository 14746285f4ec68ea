"""The commands on article files: extract, clean, schema."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from transfer_extract.cli import (
    Format,
    PathsArg,
    _check_out,
    _dump,
    _inputs,
    _parse_date,
    _write_atomic,
    app,
    report,
)
from transfer_extract.core import MAX_CHARS
from transfer_extract.timelimit import DEFAULT_TIMEOUT


@app.command()
def extract(
    paths: PathsArg = None,
    fmt: Annotated[Format | None, typer.Option(  # noqa: UP007
        "--format", "-f", help="json, jsonl or table (default: table on a terminal, "
        "else json for one input and jsonl for several).", show_default=False)] = None,
    published: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Publication date YYYY-MM-DD (overrides what the text states).")] = None,
    model: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Name of an installed spaCy pipeline.")] = None,
    out: Annotated[Path | None, typer.Option(  # noqa: UP007
        "--out", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing --out file.")] = False,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Refuse articles longer than this many characters.")] = MAX_CHARS,
    timeout: Annotated[float, typer.Option(
        min=0, help="Seconds an article may take (0: no limit).")] = DEFAULT_TIMEOUT,
) -> None:
    """Extract the facts of one or more articles as JSON records or tables."""
    from transfer_extract.core import extract_many

    paths = paths or ["-"]
    when = _parse_date(published)
    if fmt is None:
        tty = out is None and sys.stdout.isatty()
        fmt = Format.table if tty else (Format.json if len(paths) == 1 else Format.jsonl)
    if out is not None:
        _check_out(out, force)
    failures: list[str] = []
    if timeout:
        records: Iterator[dict[str, Any]] = _each_in_time(
            _inputs(paths, failures, max_chars), failures, timeout, when, model, max_chars)
    else:
        records = (r.to_dict() for r in extract_many(_inputs(paths, failures, max_chars), published=when,
                                                      model=model, max_chars=max_chars))
    if out is not None:
        text = _format_all(list(records), fmt)
        _write_atomic(out, text, force)
    elif fmt is Format.table:
        from transfer_extract.render import print_records

        for record in records:
            print_records([record])
    elif fmt is Format.jsonl:
        for record in records:
            sys.stdout.write(_dump(record, None) + "\n")
            sys.stdout.flush()
    else:
        sys.stdout.write(_format_all(list(records), fmt))
    if failures:
        raise typer.Exit(1)


def _each_in_time(items: Iterator[Any], failures: list[str], timeout: float, published: date | None,
                  model: str | None, max_chars: int) -> Iterator[dict[str, Any]]:
    """The records of `items`, each extracted within `timeout` seconds; an article over the
    limit is reported (one line) and the others go on."""
    from transfer_extract.core import extract as extract_one
    from transfer_extract.core import pipeline_of
    from transfer_extract.errors import ArticleTimeoutError
    from transfer_extract.timelimit import time_limit

    pipeline_of(model=model)  # the model loads once, before any article's clock starts
    for item in items:
        try:
            with time_limit(timeout, item.path or "<text>"):
                record = extract_one(item, published=published, model=model, max_chars=max_chars)
        except ArticleTimeoutError as exc:
            failures.append(str(exc))
            report(exc)
            continue
        yield record.to_dict()


def _format_all(records: list[dict[str, Any]], fmt: Format) -> str:
    if fmt is Format.jsonl:
        return "".join(_dump(r, None) + "\n" for r in records)
    if fmt is Format.json:
        return _dump(records[0] if len(records) == 1 else records, 2) + "\n"
    from rich.console import Console

    from transfer_extract.render import print_records

    console = Console(record=True, width=120, file=open(os.devnull, "w"))  # noqa: SIM115
    print_records(records, console)
    return console.export_text()


@app.command()
def clean(
    paths: PathsArg = None,
    published: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Publication date YYYY-MM-DD.")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Print the whole text with each stripped block marked [[kind: ...]].")] = False,
) -> None:
    """Print the article text with its boilerplate removed (no model needed); of a web page,
    the article text found in it."""
    from transfer_extract.boilerplate import explain as explained
    from transfer_extract.core import read_article
    from transfer_extract.html import NO_ARTICLE

    failures: list[str] = []
    for item in _inputs(paths or ["-"], failures):
        article, page = read_article(item.text, _parse_date(published))
        if page is not None and not page.has_article:
            typer.echo(f"Warning: {item.path or '<stdin>'}: {NO_ARTICLE}", err=True)
        sys.stdout.write(explained(article.text, article.boilerplate) if explain else article.clean)
        sys.stdout.write("\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from transfer_extract.kinds import schema_text

    sys.stdout.write(schema_text())

# --- batch and show -------------------------------------------------------------------------
