"""Worker processes that survive their articles: a time limit per article, and no hang.

Each worker loads the model once, then takes one task (a few articles) at a time and sends back
each article's line as soon as it is done. The parent watches every worker:
- a worker that sends nothing for `timeout` seconds is killed and replaced;
- a worker that dies (the out-of-memory killer, a crash) is replaced;
- the articles of its task that have no line yet are retried one per task, so that the good
  ones still get their record; an article that fails alone gets an error line naming why.
`Pool.close` kills and reaps every worker, so an interrupted batch leaves no process behind.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from transfer_extract.batch.work import Options, error_line, process
from transfer_extract.errors import ModelNotFoundError, TransferExtractError

LOAD_FAILURES = 3  # workers dying before their model is loaded, in a row, stop the batch
POLL = 1.0  # seconds between checks when no deadline is nearer


Work = Callable[[list[str], Options], Iterable[tuple[int, dict[str, Any]]]]


def load_model(options: Options) -> None:
    from transfer_extract.pipeline import load_pipeline

    load_pipeline(options.model)  # once per worker, before the first article


def _serve(conn: Connection, options: Options, work: Work, prepare: Callable[[Options], None]) -> None:
    """A worker's life: load the model, then answer tasks until the parent goes away."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        prepare(options)
        conn.send(("ready",))
        while True:
            try:
                task: list[tuple[int, str]] = conn.recv()
            except EOFError:
                return  # the parent is gone
            for position, line in work([path for _, path in task], options):
                conn.send(("line", task[position][0], line))
            conn.send(("done",))
    except TransferExtractError as exc:
        conn.send(("fatal", type(exc).__name__, str(exc)))
    except (BrokenPipeError, EOFError):
        return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    busy: bool = False  # from sending a task to its "done" (which may come after its last line)
    task: list[tuple[int, str]] = field(default_factory=list)  # sent, without a line yet
    size: int = 0  # articles in the task as sent
    deadline: float = float("inf")


class Pool:
    """`size` worker processes that turn tasks (lists of (index, path)) into (index, line) with
    `work` (top-level functions: they are pickled by name), once `prepare` has run in each."""

    def __init__(self, size: int, options: Options, timeout: float | None, work: Work = process,
                 prepare: Callable[[Options], None] = load_model) -> None:
        # spawn, not fork: the parent may run threads (a progress bar) that fork would copy mid-state
        self.context = multiprocessing.get_context("spawn")
        self.options, self.work, self.prepare = options, work, prepare
        self.timeout = timeout
        self.load_failures = 0
        self.workers: list[_Worker] = []
        for _ in range(size):
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        proc = self.context.Process(target=_serve, args=(child, self.options, self.work, self.prepare),
                                    daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def run(self, tasks: list[list[tuple[int, str]]]) -> Iterator[tuple[int, dict[str, Any]]]:
        """(index, line) for every article of `tasks`, as they are done (in no set order)."""
        pending = deque(tasks)
        left = sum(len(t) for t in tasks)
        while left:
            for w in self.workers:
                if w.ready and not w.busy and pending:
                    w.task, w.busy = pending.popleft(), True
                    w.size = len(w.task)
                    w.conn.send(w.task)
                    w.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
            nearest = min(w.deadline for w in self.workers)
            wait([x for w in self.workers for x in (w.conn, w.process.sentinel)],
                 timeout=max(0.0, min(nearest - time.monotonic(), POLL)))
            for n, w in enumerate(self.workers):
                for index, line in self._receive(w):
                    left -= 1
                    yield index, line
                if not w.process.is_alive():
                    code = w.process.exitcode
                    reason = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    left -= yield from self._failed(n, pending, f"the worker process processing it died ({reason};"
                                                    " out of memory?)")
                elif w.busy and time.monotonic() > w.deadline:
                    left -= yield from self._failed(
                        n, pending, f"took longer than the time limit of {self.timeout:g} s (raise it with --timeout)")

    def _receive(self, w: _Worker) -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            while w.conn.poll():
                message = w.conn.recv()
                if message[0] == "ready":
                    w.ready = True
                    self.load_failures = 0
                elif message[0] == "line":
                    _, index, line = message
                    w.task = [(i, p) for i, p in w.task if i != index]
                    if self.timeout:
                        w.deadline = time.monotonic() + self.timeout
                    yield index, line
                elif message[0] == "done":
                    w.busy, w.deadline = False, float("inf")
                elif message[0] == "fatal":
                    _, kind, text = message
                    raise (ModelNotFoundError if kind == ModelNotFoundError.__name__ else TransferExtractError)(text)
        except (EOFError, OSError):
            w.process.join(1)  # it died: the caller sees it is not alive

    def _failed(self, n: int, pending: deque[list[tuple[int, str]]],
                reason: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Replace worker `n`; retry the articles of its task one by one, or, if it held only
        one, give that one an error line. Returns how many lines it gave."""
        w = self.workers[n]
        self._stop(w)
        if not w.ready:
            self.load_failures += 1
            if self.load_failures >= LOAD_FAILURES:
                raise TransferExtractError(f"worker processes die while loading the model ({reason})")
        self.workers[n] = self._spawn()
        if len(w.task) == 1 and w.size == 1:
            index, path = w.task[0]
            yield index, error_line(path, None, f"{path}: {reason}")
            return 1
        pending.extendleft([task] for task in reversed(w.task))  # first, to keep the output flowing
        return 0

    @staticmethod
    def _stop(w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.conn.close()

    def close(self) -> None:
        """Kill and reap every worker (the model is not worth waiting for)."""
        for w in self.workers:
            self._stop(w)
        self.workers = []
