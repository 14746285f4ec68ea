"""`batch --dask`: the same batch on a Dask cluster (a LocalCluster, or a running scheduler).

Never prints. `connect` gives a client (a clear TransferExtractError when the scheduler cannot be
reached), with a worker plugin that loads the pipeline once in every worker process, before its
first task and again in a worker started to replace a dead one. `run` yields a `BatchStart`, then:
- for a file output, an `ArticleDone` per article in the sorted walk order, as `run_batch` does,
  the client writing the lines;
- for a folder output, a `PartDone` per partition file written by a worker.

Tasks are batch's (consecutive groups of a few articles), a bounded window of them in flight. A
worker that dies loses nothing: Dask runs its task again elsewhere; a task that keeps killing its
workers is split into one task per article, and an article that still kills its worker alone gets
an error line, as in a local batch.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from distributed import Client, WorkerPlugin

from transfer_extract.batch import ArticleDone, BatchStart, Done, chunks
from transfer_extract.batch.work import Options, error_line, process
from transfer_extract.dask.inputs import is_remote, list_articles, read_article
from transfer_extract.dask.outputs import Folder, part_name, write_part
from transfer_extract.errors import TransferExtractError

CONNECT_TIMEOUT = 4  # seconds to reach a scheduler before giving up
# The LocalCluster's workers: no statistical profiler (it samples the task's stack every 10 ms,
# holding the GIL the pipeline needs), and memory checked twice a second rather than ten times.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.worker.memory.monitor-interval": "500ms"}
KINDS = ("events", "cartels", "officials", "quotes")
IN_FLIGHT_PER_THREAD = 8  # tasks submitted ahead per worker thread (at least MIN_IN_FLIGHT)
MIN_IN_FLIGHT = 64


@dataclass(frozen=True)
class TaskResult:
    """What a task sends back: its lines in input order (none when it wrote them to a partition),
    and what the progress and the summary need."""

    lines: list[dict[str, Any]]
    articles: int
    errors: list[str]
    counts: dict[str, int]


@dataclass(frozen=True)
class PartDone:
    """A partition file written whole by a worker."""

    part: str
    articles: int
    errors: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def lines_of(paths: list[str], options: Options) -> list[dict[str, Any]]:
    """The output lines of `paths`, in their order (records and error lines)."""
    got = dict(process(paths, options, read=read_article))
    return [got[i] for i in range(len(paths))]


def _result(lines: list[dict[str, Any]], keep: bool) -> TaskResult:
    errors = [line["error"] for line in lines if "error" in line]
    counts = {kind: sum(len(line.get(kind, ())) for line in lines if "error" not in line) for kind in KINDS}
    return TaskResult(lines if keep else [], len(lines), errors, counts)


def run_task(paths: list[str], options: Options, folder: str | None, number: int) -> TaskResult:
    """A task on a worker: the lines of `paths`, sent back, or written as partition `number` of `folder`."""
    lines = lines_of(paths, options)
    if folder is not None:
        write_part(folder, number, lines)
    return _result(lines, keep=folder is None)


class LoadPipeline(WorkerPlugin):
    """Loads the pipeline once in each worker process (`load_pipeline` keeps it for every task)."""

    name = "transfer-extract-pipeline"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from transfer_extract.pipeline import load_pipeline

        load_pipeline(self.model)


@contextmanager
def connect(address: str, workers: int | None = None, model: str | None = None) -> Iterator[Client]:
    """A client of a LocalCluster of `workers` processes (`address` "local") or of the running
    scheduler at `address`, with the pipeline loaded on every worker."""
    from distributed import LocalCluster

    cluster = None
    try:
        if address == "local":
            import dask.config

            from transfer_extract.batch import _check_model

            model = _check_model(model)  # here: a worker that cannot load it would log a traceback

            with dask.config.set(LOCAL_CONFIG):  # the nannies hand it to their workers
                cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                       processes=True, silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
        else:
            try:
                client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except Exception as exc:  # noqa: BLE001 -- OSError, TimeoutError, ValueError for a bad address
                reason = (str(exc).splitlines() or [type(exc).__name__])[0]
                raise TransferExtractError(f"cannot reach the Dask scheduler at {address} ({reason})") from None
        try:
            client.register_plugin(LoadPipeline(model))
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def dashboard(client: Client) -> str | None:
    """The link to the scheduler's dashboard (served when bokeh is installed where it runs)."""
    try:
        return client.dashboard_link
    except Exception:  # noqa: BLE001 -- a scheduler without an HTTP server
        return None


def _threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def run(client: Client, source: str, out: str | Folder | None, *, pattern: str = "*.txt", done: Done | None = None,
        resume: bool = False, options: Options | None = None) -> Generator[BatchStart | ArticleDone | PartDone]:
    """The batch of the articles of `source` on `client`'s cluster: lines for the client to
    write (`out` None; `done`: what the output file holds already), or partition files written
    into the folder `out` (a URL, or a `Folder` already prepared)."""
    options = options or Options()
    if out is None:
        yield from _to_client(client, source, pattern, done, options)
    else:
        yield from _to_folder(client, source, out, pattern, resume, options)


def _to_client(client: Client, source: str, pattern: str, done: Done | None,
               options: Options) -> Generator[BatchStart | ArticleDone]:
    listing = list_articles(source, pattern)
    todo = list(listing)
    skipped = 0
    if done:
        kept = [p for p in todo if not (p in done.paths if is_remote(p) else done.finished(p, options.max_chars))]
        skipped, todo = len(todo) - len(kept), kept
    yield BatchStart(len(todo), skipped)
    tasks = dict(enumerate(chunks(todo, _threads(client), size_of=listing.__getitem__)))
    results: dict[int, list[dict[str, Any]]] = {}
    written = 0
    for number, result in _execute(client, tasks, options, None):
        results[number] = result.lines
        while written in results:
            for path, line in zip(tasks[written], results.pop(written), strict=True):
                yield ArticleDone(path, line)
            written += 1


def _to_folder(client: Client, source: str, out: str | Folder, pattern: str, resume: bool,
               options: Options) -> Generator[BatchStart | PartDone]:
    folder = out if isinstance(out, Folder) else Folder(out)
    plan = folder.prepare(resume)
    if plan is None:
        listing = list_articles(source, pattern)
        plan = list(chunks(list(listing), _threads(client), size_of=listing.__getitem__))
        folder.write_plan(plan)
    finished = folder.done() if resume else set()
    todo = {n: paths for n, paths in enumerate(plan) if n not in finished}
    yield BatchStart(sum(map(len, todo.values())), sum(len(p) for n, p in enumerate(plan) if n in finished))
    for number, result in _execute(client, todo, options, folder.url):
        yield PartDone(part_name(number), result.articles, result.errors, result.counts)
    folder.finish(plan)


def _execute(client: Client, tasks: dict[int, list[str]], options: Options,
             folder: str | None) -> Iterator[tuple[int, TaskResult]]:
    """(task number, result) for each of `tasks` as it completes, a window of them in flight."""
    from distributed import KilledWorker, as_completed

    window = max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * _threads(client))
    queue = deque(tasks.items())
    run_id = uuid.uuid4().hex[:8]
    pending: dict[Any, tuple[int, int | None]] = {}  # future -> (task, position of its one article)
    alone: dict[int, dict[int, dict[str, Any]]] = {}  # a split task's lines so far, by position
    completed = as_completed(loop=client.loop)

    def submit(number: int, paths: list[str], position: int | None = None) -> None:
        key = f"transfer-extract-{run_id}-{number:05d}" + ("" if position is None else f"-{position}")
        future = client.submit(run_task, paths, options, folder if position is None else None, number,
                               key=key, pure=False)
        pending[future] = (number, position)
        completed.add(future)

    def fill() -> None:
        while queue and len(pending) < window:
            submit(*queue.popleft())

    fill()
    try:
        for future in completed:
            number, position = pending.pop(future)
            paths = tasks[number]
            if future.status == "error":
                exc = future.exception()
                if not isinstance(exc, KilledWorker):
                    raise exc if isinstance(exc, TransferExtractError) else TransferExtractError(
                        f"a task failed on the cluster ({type(exc).__name__}: {exc})")
                future.release()
                if position is None and len(paths) > 1:  # find the article that kills its worker
                    alone[number] = {}
                    for i, path in enumerate(paths):
                        submit(number, [path], i)
                    continue
                path = paths[position or 0]
                line = error_line(path, None, f"{path}: the worker processes processing it died, again and"
                                  " again (out of memory?)")
                if position is None and folder is not None:
                    write_part(folder, number, [line])
                result = _result([line], keep=position is not None or folder is None)
            else:
                result = future.result()
                future.release()
            if position is not None:
                alone[number][position] = result.lines[0]
                if len(alone[number]) < len(paths):
                    fill()
                    continue
                lines = [alone.pop(number)[i] for i in range(len(paths))]
                if folder is not None:
                    write_part(folder, number, lines)
                result = _result(lines, keep=folder is None)
            yield number, result
            fill()
    finally:
        for future in pending:
            future.cancel()
