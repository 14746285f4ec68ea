"""Command line: parse arguments, call one core function, format the result.

Every TransferExtractError becomes a one-line message on stderr and exit code 1, in
`_Group.invoke` (or, for one file of several, in `_inputs`, and the rest go on).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from enum import Enum
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from transfer_extract import __version__
from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import OutputError, TransferExtractError


class _Group(TyperGroup):
    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TransferExtractError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:  # `| head`: the reader has gone, stop quietly
            sys.stderr.close()
            raise SystemExit(0) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    help="Extract dates, counts, cartels, officials, quotes and transfer events from news articles.",
)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"transfer-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool | None, typer.Option(  # noqa: UP007 (typer needs Optional here)
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Extract dates, counts, cartels, officials, quotes and transfer events from news articles."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def _inputs(paths: list[str], failures: list[str], max_chars: int = MAX_CHARS) -> Iterator[Any]:
    """The readable inputs; an unreadable one is reported on stderr and skipped."""
    from transfer_extract.reader import read_input

    for path in paths:
        try:
            yield read_input(path, max_chars)
        except TransferExtractError as exc:
            failures.append(str(exc))
            typer.echo(f"Error: {exc}", err=True)


def _check_out(path: Path, force: bool) -> None:
    """An --out path we may write: not a folder, in an existing folder, not there unless --force."""
    if path.is_dir():
        raise OutputError(f"{path}: is a directory (--out needs a file name)")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputError(f"{path}: already exists (use --force to overwrite)")


def _write_atomic(path: Path, text: str, force: bool) -> None:
    """Write `text` to a temporary file beside `path`, then rename it: never half a record."""
    _check_out(path, force)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _dump(record: dict[str, Any], indent: int | None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


PathsArg = Annotated[list[str] | None, typer.Argument(  # noqa: UP007
    help="Article files ('-' or nothing: standard input).", show_default=False)]


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
) -> None:
    """Print the article text with its boilerplate removed (no model needed)."""
    from transfer_extract.core import clean as clean_text

    failures: list[str] = []
    for item in _inputs(paths or ["-"], failures):
        sys.stdout.write(clean_text(item.text, _parse_date(published)).clean)
        sys.stdout.write("\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    sys.stdout.write(files("transfer_extract").joinpath("schema.json").read_text("utf-8"))


# ---- merge: several articles' records grouped by event ---------------------------------------


class MergeFormat(str, Enum):
    json = "json"
    table = "table"


@app.command()
def merge(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, or record files written by extract (.json or .jsonl).",
        show_default=False)],
    fmt: Annotated[MergeFormat | None, typer.Option(  # noqa: UP007
        "--format", "-f", help="json or table (default: table on a terminal, else json).",
        show_default=False)] = None,
    published: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Publication date YYYY-MM-DD for article files.")] = None,
    model: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Name of an installed spaCy pipeline.")] = None,
) -> None:
    """Group the events of several articles, listing every value with its sources."""
    from transfer_extract.merge import is_record_file, read_records
    from transfer_extract.merge import merge as merge_records

    records: list[dict[str, Any]] = []
    for path in paths:
        if is_record_file(path):
            records.extend(read_records(path))
    articles = [p for p in paths if not is_record_file(p)]
    failures: list[str] = []
    if articles:
        from transfer_extract.core import extract_many

        records.extend(r.to_dict() for r in extract_many(
            _inputs(articles, failures), published=_parse_date(published), model=model))
    result = merge_records(records).to_dict()
    if fmt is None:
        fmt = MergeFormat.table if sys.stdout.isatty() else MergeFormat.json
    if fmt is MergeFormat.json:
        sys.stdout.write(_dump(result, 2) + "\n")
    else:
        from transfer_extract.render import print_merge

        print_merge(result)
    if failures:
        raise typer.Exit(1)


def main() -> None:
    app(prog_name="transfer-extract")
