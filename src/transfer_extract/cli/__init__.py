"""Command line: parse arguments, call one core function, format the result.

The commands live in `articles` (extract, clean, schema), `batch` and `records` (show, export,
report, merge, evaluate); this module holds the app and what they share.

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
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from transfer_extract import __version__
from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import OutputError, TransferExtractError


def report(exc: TransferExtractError) -> None:
    """The one place an error becomes a message: one line on stderr."""
    typer.echo(f"Error: {exc}", err=True)


class _Group(TyperGroup):
    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TransferExtractError as exc:
            report(exc)
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
            report(exc)


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
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # as any new file: mkstemp makes it 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _dump(record: dict[str, Any], indent: int | None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent)


PathsArg = Annotated[list[str] | None, typer.Argument(  # noqa: UP007
    help="Article files ('-' or nothing: standard input).", show_default=False)]



def main() -> None:
    app(prog_name="transfer-extract")


# the commands register themselves on `app`
from transfer_extract.cli import articles, batch, records  # noqa: E402, F401
