"""The time limit for one article in this process (extract --timeout, te.extract(timeout=))."""

from __future__ import annotations

import threading
import time

import pytest

from transfer_extract.errors import ArticleTimeoutError, TransferExtractError
from transfer_extract.timelimit import time_limit


def test_a_block_over_the_limit_raises_and_names_it() -> None:
    with pytest.raises(ArticleTimeoutError, match=r"^slow\.txt: took longer than the time limit of 0\.2 s"):
        with time_limit(0.2, "slow.txt"):
            time.sleep(3)


@pytest.mark.parametrize("seconds", [None, 0], ids=["none", "zero"])
def test_no_limit(seconds: float | None) -> None:
    with time_limit(seconds, "x"):
        time.sleep(0.01)


def test_the_timer_is_cleared_after_the_block() -> None:
    with time_limit(0.2, "x"):
        pass
    time.sleep(0.4)  # an alarm left running would raise here


def test_a_limit_outside_the_main_thread_is_refused_clearly() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(1, "x"):
                pass
        except TransferExtractError as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert len(errors) == 1 and "main thread" in str(errors[0])
