"""A time limit for one article in this process (`extract --timeout`, `te.extract(timeout=)`).

The limit is an interval timer (SIGALRM), so it works in the main thread of a Unix process, where
the command line runs; `batch` puts its limit on worker processes instead (batch/pool.py).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from transfer_extract.errors import ArticleTimeoutError, TransferExtractError

DEFAULT_TIMEOUT = 60.0  # seconds an article may take in `extract` and `batch` unless --timeout says otherwise


def timeout_error(name: str, seconds: float) -> ArticleTimeoutError:
    return ArticleTimeoutError(
        f"{name}: took longer than the time limit of {seconds:g} s (raise it with --timeout)")


@contextmanager
def time_limit(seconds: float | None, name: str) -> Iterator[None]:
    """Raise ArticleTimeoutError in the block when it runs longer than `seconds` (no limit when
    `seconds` is None or 0)."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        raise TransferExtractError("a time limit works only in the main thread of a Unix process;"
                                   " pass timeout=None here")

    def expired(signum: int, frame: Any) -> None:
        raise timeout_error(name, seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
