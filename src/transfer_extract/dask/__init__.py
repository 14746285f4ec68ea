"""Scaling out on Dask: `batch --dask` (see `run`) and `records`, a dask.bag of record dicts.

This package is named `transfer_extract.dask`; it imports the `dask` library by absolute name.
It needs the optional extra: pip install 'transfer-extract[dask]'.

Parts: `inputs` (the articles of a folder or glob on any fsspec filesystem, and their bytes),
`outputs` (a folder of partition files with a plan and a manifest), `run` (the cluster, the
tasks, and what the client receives).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transfer_extract.core import MAX_CHARS

try:
    import dask.bag  # noqa: F401 -- fail here, with the way to install it
except ImportError as exc:  # pragma: no cover - the extra is installed by `make test`
    raise ImportError("transfer_extract.dask needs Dask: pip install 'transfer-extract[dask]'") from exc

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["records"]


def records(paths_or_glob: str | Path | Iterable[str | Path], *, pattern: str = "*.txt", published_from_name: bool
            = False, model: str | None = None, max_chars: int = MAX_CHARS) -> Bag:
    """A dask.bag of the output lines of some articles, as `batch` writes them: a record dict
    (`Record.to_dict()`) per article, or an error line `{"source": {...}, "error": "..."}` for
    one that cannot be read or processed.

    `paths_or_glob`: a folder (walked for `pattern` as `batch` does), a glob, or a list of paths,
    local or on any fsspec filesystem (`s3://bucket/articles/`). The bag's partitions are
    batch's tasks (a few consecutive articles); each process loads the pipeline once."""
    import os

    import dask.bag as db

    from transfer_extract.batch import chunks
    from transfer_extract.batch.work import Options
    from transfer_extract.dask.inputs import list_articles

    if isinstance(paths_or_glob, str | Path):
        listing = list_articles(str(paths_or_glob), pattern)
    else:
        listing = {str(p): 0 for p in paths_or_glob}
    groups = list(chunks(list(listing), os.cpu_count() or 1, size_of=lambda p: listing[p]))
    options = Options(published_from_name, model, max_chars)
    return db.from_sequence(groups or [[]], npartitions=max(1, len(groups))).map_partitions(_lines, options)


def _lines(groups: list[list[str]], options: Any) -> list[dict[str, Any]]:
    from transfer_extract.dask.run import lines_of

    return [line for paths in groups if paths for line in lines_of(paths, options)]
