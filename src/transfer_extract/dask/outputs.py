"""A folder output: partition files written by the workers, a plan, and a manifest at the end.

Layout of `OUT/` (local or any fsspec filesystem):
  _plan.json          the partitions of the run (the article paths of each), written first, so that
                      `--resume` finishes the same partitions whatever the listing or the workers now
  part-00000.jsonl    one JSON line per article of partition 0, in input order
  _SUCCESS            written when every partition is there: the partitions and their article counts

A partition is written under a hidden temporary name, then renamed: a partition file is always
whole, and one written again (a task retried after its worker died) replaces the same name.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from transfer_extract.errors import OutputError, TransferExtractError

PLAN = "_plan.json"
MANIFEST = "_SUCCESS"


def part_name(number: int) -> str:
    return f"part-{number:05d}.jsonl"


def _fs(url: str) -> tuple[Any, str]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    return fs, root.rstrip("/")


def is_folder(out: str) -> bool:
    """Whether `out` names a folder output: it ends with a slash or is an existing folder."""
    if out.endswith("/"):
        return True
    fs, root = _fs(out)
    try:
        return bool(fs.isdir(root))
    except OSError:
        return False


def write_part(url: str, number: int, lines: list[dict[str, Any]]) -> None:
    """Write partition `number` of the folder `url` whole: a temporary name, then a rename."""
    fs, root = _fs(url)
    final = f"{root}/{part_name(number)}"
    temporary = f"{root}/.{part_name(number)}.{uuid.uuid4().hex}.tmp"
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    try:
        with fs.open(temporary, "wb") as fh:
            fh.write(data)
        fs.mv(temporary, final)
    except OSError as exc:
        raise OutputError(f"{url}: cannot write {part_name(number)} ({exc.strerror or exc})") from None


class Folder:
    """The client's view of a folder output."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, self.root = _fs(url)
        self.prepared = False
        self.plan: list[list[str]] | None = None

    def _path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def prepare(self, resume: bool) -> list[list[str]] | None:
        """Create the folder; the plan of the interrupted run when resuming (None if none was
        written). Without --resume, a folder that holds a batch output already is refused.
        Called by `run`, or before connecting to a cluster to fail early (it is then kept)."""
        if self.prepared:
            return self.plan
        try:
            self.fs.makedirs(self.root, exist_ok=True)
            names = [p.rsplit("/", 1)[-1] for p in self.fs.ls(self.root, detail=False)]
        except OSError as exc:
            raise OutputError(f"{self.url}: cannot write ({exc.strerror or exc})") from None
        if not resume and any(n in (PLAN, MANIFEST) or n.startswith("part-") for n in names):
            raise OutputError(f"{self.url}: already holds a batch output (use --resume to finish it)")
        if resume and PLAN in names:
            try:
                with self.fs.open(self._path(PLAN), "rb") as fh:
                    self.plan = [list(part) for part in json.load(fh)["partitions"]]
            except (ValueError, KeyError, TypeError):
                raise TransferExtractError(f"{self.url}/{PLAN}: not a batch plan") from None
        self.prepared = True
        return self.plan

    def write_plan(self, parts: list[list[str]]) -> None:
        self._write(PLAN, {"partitions": parts})
        self.plan = parts

    def done(self) -> set[int]:
        """The partitions already written whole."""
        names = {p.rsplit("/", 1)[-1] for p in self.fs.ls(self.root, detail=False)}
        return {int(name[len("part-"):-len(".jsonl")]) for name in names
                if name.startswith("part-") and name.endswith(".jsonl") and name[5:-6].isdigit()}

    def finish(self, parts: list[list[str]]) -> None:
        """Remove the temporary files of killed tasks, then write the manifest."""
        for path in self.fs.ls(self.root, detail=False):
            name = path.rsplit("/", 1)[-1]
            if name.startswith(".part-") and name.endswith(".tmp"):
                self.fs.rm(path)
        self._write(MANIFEST, {"articles": sum(len(p) for p in parts), "partitions": [
            {"file": part_name(n), "articles": len(p)} for n, p in enumerate(parts)]})

    def _write(self, name: str, content: dict[str, Any]) -> None:
        try:
            with self.fs.open(self._path(name), "w", encoding="utf-8") as fh:
                json.dump(content, fh, ensure_ascii=False)
        except OSError as exc:
            raise OutputError(f"{self.url}: cannot write {name} ({exc.strerror or exc})") from None
