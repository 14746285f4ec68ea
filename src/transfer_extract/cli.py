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
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from transfer_extract import __version__
from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import InputError, OutputError, TransferExtractError
from transfer_extract.timelimit import DEFAULT_TIMEOUT


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
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # as any new file: mkstemp makes it 0600
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
    from transfer_extract.errors import ArticleTimeoutError
    from transfer_extract.timelimit import time_limit

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


def _on_sigterm(signum: int, frame: Any) -> None:
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the cleanup is not interrupted again
    raise KeyboardInterrupt


@app.command()
def batch(
    articles_dir: Annotated[str, typer.Argument(
        metavar="ARTICLES", help="Folder of article files (walked recursively); with --dask also a glob, local or on"
        " any fsspec filesystem (s3://bucket/articles/).", show_default=False)],
    out: Annotated[str, typer.Option("--out", "-o", help="JSONL file the records are appended to; with --dask also"
                                     " a folder (ending in /) of partition files written by the workers.",
                                     show_default=False)],
    workers: Annotated[int | None, typer.Option(  # noqa: UP007
        "--workers", "-w", min=1, help="Worker processes (default: the number of cores).",
        show_default=False)] = None,
    pattern: Annotated[str, typer.Option("--glob", help="File name pattern.")] = "*.txt",
    resume: Annotated[bool, typer.Option(
        help="Continue an interrupted run: skip the articles already in --out.")] = False,
    published_from_name: Annotated[bool, typer.Option(
        help="Take the publication date from a YYYY-MM-DD in the file name.")] = False,
    model: Annotated[str | None, typer.Option(  # noqa: UP007
        help="Name of an installed spaCy pipeline.")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Longer articles get an error line.")] = MAX_CHARS,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, help="Seconds an article may take; a slower one gets an error line (0: no limit;"
        " not with --dask)."
    )] = 60.0,
    dask: Annotated[str | None, typer.Option(  # noqa: UP007
        "--dask", metavar="local|ADDRESS", help="Run on Dask: 'local' starts a LocalCluster of --workers processes,"
        " an address (tcp://host:8786) uses a running scheduler. Needs the extra: pip install"
        " 'transfer-extract[dask]'.", show_default=False)] = None,
) -> None:
    """Process every article under a folder into one JSONL file (with --dask, also a folder of partition
    files), with a progress bar."""
    import signal
    import time
    from contextlib import ExitStack

    from transfer_extract.batch import ArticleDone, BatchStart, append_line, open_out, read_done, run_batch, walk

    if dask is not None:
        _need_dask()
    folder = _dask_folder(out, resume) if dask is not None else None  # checked before a cluster starts
    paths = walk(articles_dir, pattern) if dask is None else []
    done = None
    fd = None
    if folder is None:
        if "://" in out and not out.startswith("file://"):
            raise OutputError(f"{out}: a remote --out must be a folder (end it with /)")
        out_path = Path(out)
        if out_path.is_dir():
            raise OutputError(f"{out}: is a directory (--out needs a file name)")
        if out_path.exists() and out_path.stat().st_size and not resume:
            raise OutputError(f"{out}: already exists (use --resume to finish it)")
        fd = open_out(out_path)  # locked until the end: a second batch on it is refused
    with ExitStack() as stack:
        if fd is not None:
            stack.callback(os.close, fd)
            done = read_done(out) if resume else None
        if dask is not None:
            from transfer_extract.batch.work import Options
            from transfer_extract.dask.run import connect, dashboard, run

            client = stack.enter_context(connect(dask, workers, model))
            link = dashboard(client)
            if link:
                typer.echo(f"Dask dashboard: {link}", err=True)
            events: Any = run(client, articles_dir, folder, pattern=pattern, done=done,
                              resume=resume, options=Options(published_from_name, model, max_chars))
        else:
            events = run_batch(paths, workers=workers or os.cpu_count() or 1, done=done,
                               name_dates=published_from_name, model=model, max_chars=max_chars,
                               timeout=timeout or None)
        signal.signal(signal.SIGTERM, _on_sigterm)
        stats = {"articles": 0, "failures": 0, "skipped (already done)": 0, "time (s)": 0.0,
                 "articles per second": 0.0, "events": 0, "cartels": 0, "officials": 0, "quotes": 0}
        failures: list[str] = []
        started = time.monotonic()
        progress = _Progress()
        try:
            for event in events:
                if isinstance(event, BatchStart):
                    stats["skipped (already done)"] = event.skipped
                    progress.start(event.total)
                elif isinstance(event, ArticleDone):
                    assert fd is not None
                    append_line(fd, event.line, out)
                    stats["articles"] += 1
                    if event.error:
                        failures.append(event.error)
                    else:
                        for kind in ("events", "cartels", "officials", "quotes"):
                            stats[kind] += len(event.line[kind])
                    progress.advance()
                else:  # a partition written by a worker
                    stats["articles"] += event.articles
                    failures.extend(event.errors)
                    for kind, count in event.counts.items():
                        stats[kind] += count
                    progress.advance(event.articles)
        except KeyboardInterrupt:
            progress.stop()
            holds = "only whole partitions" if folder else "only complete lines"
            typer.echo(f"Interrupted after {stats['articles']} articles; {out} holds {holds}: "
                       "run again with --resume to finish.", err=True)
            raise typer.Exit(130) from None
        finally:
            events.close()  # stops the worker processes (or the Dask tasks) at once
            progress.stop()
    elapsed = time.monotonic() - started
    stats["failures"] = len(failures)
    stats["time (s)"] = elapsed
    stats["articles per second"] = stats["articles"] / elapsed if elapsed else 0.0
    from rich.console import Console

    from transfer_extract.render import summary_table

    console = Console()
    console.print(summary_table(stats))
    for error in failures:
        console.print(f"[red]failed:[/] {error}", highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(1)


def _need_dask() -> None:
    """A clear error when the extra is not installed."""
    try:
        import transfer_extract.dask.run  # noqa: F401
    except ImportError:
        raise TransferExtractError("--dask needs Dask: pip install 'transfer-extract[dask]'") from None


def _dask_folder(out: str, resume: bool) -> Any:
    """The folder output `out` names, prepared (None when it names a file)."""
    from transfer_extract.dask.outputs import Folder, is_folder

    if not is_folder(out):
        return None
    folder = Folder(out)
    folder.prepare(resume)
    return folder


class _Progress:
    """A rich progress bar on a terminal (stderr), else a plain line every 10 seconds."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.total = self.done = 0
        self.started = self.last = 0.0

    def start(self, total: int) -> None:
        import time

        self.total, self.started = total, time.monotonic()
        self.last = self.started
        if sys.stderr.isatty():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
                                TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
            self.task = self.bar.add_task("batch", total=total, rate="")
            self.bar.start()
        else:
            typer.echo(f"{total} articles to process", err=True)

    def advance(self, count: int = 1) -> None:
        import time

        self.done += count
        now = time.monotonic()
        rate = self.done / (now - self.started) if now > self.started else 0.0
        if self.bar is not None:
            self.bar.update(self.task, advance=count, rate=f"{rate:.1f} articles/s")
        elif now - self.last >= 10 or self.done == self.total:
            self.last = now
            left = (self.total - self.done) / rate if rate else 0.0
            typer.echo(f"{self.done}/{self.total} articles, {rate:.1f}/s, {left:.0f} s left", err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


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


def main() -> None:
    app(prog_name="transfer-extract")
