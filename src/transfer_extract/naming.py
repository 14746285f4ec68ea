"""Names that tell articles apart: each path shortened to its shortest suffix of whole path
components that no other path ends with (`a/report.txt`, `b/report.txt`; `story.txt`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def distinct_names(paths: Sequence[str]) -> list[str]:
    """The shortest distinguishing suffix of each path, in order. The same path twice keeps
    its whole self. Time: the number of paths times the depth of suffix the closest two need."""
    parts = [p.replace("\\", "/").rstrip("/").split("/") for p in paths]
    names: list[str | None] = [None] * len(paths)
    pending = list(range(len(paths)))
    depth = 1
    while pending:
        # a suffix of `depth` components, counted among every path still that long
        counts = Counter("/".join(parts[i][-depth:]) for i in range(len(parts)) if len(parts[i]) >= depth)
        rest = []
        for i in pending:
            suffix = "/".join(parts[i][-depth:])
            if counts[suffix] == 1 or len(parts[i]) <= depth:
                names[i] = paths[i] if len(parts[i]) <= depth else suffix
            else:
                rest.append(i)
        pending = rest
        depth += 1
    return [n or "" for n in names]
