"""Half-open character ranges asked about many times: whether one holds a point, whether one
overlaps a range, each in log time (a scan of every range for every token would be quadratic)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """The ranges (start, end); they may overlap and come in any order."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        items = sorted(ranges)
        self.starts = [s for s, _ in items]
        # the furthest end among the ranges that start at or before each one
        self.reach = list(accumulate((e for _, e in items), max))

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, point: int) -> bool:
        """Whether a range has start <= point < end."""
        k = bisect.bisect_right(self.starts, point)
        return k > 0 and self.reach[k - 1] > point

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range has start' < end and start < end'."""
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start
