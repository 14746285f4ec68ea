"""The batch command: a folder of articles, several processes or a Dask cluster, one JSONL file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from transfer_extract.cli import (
    app,
)
from transfer_extract.core import MAX_CHARS
from transfer_extract.errors import OutputError, TransferExtractError


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
