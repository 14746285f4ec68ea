"""Scoring the extractor against gold facts written by hand (`transfer-extract evaluate`).

`evaluate(gold_dir, texts=...)` parses each article named by a gold file and scores its record;
`evaluate(gold_dir, records=...)` scores records saved by `extract` or `batch` (no model). A gold
file, text or record that cannot be used becomes one line in `Evaluation.errors`, and the rest
is still scored. Matching rules: `match` (names, countries, quotes), metrics: `score`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transfer_extract.errors import TransferExtractError
from transfer_extract.evaluation.gold import Gold, gold_files, read_gold
from transfer_extract.evaluation.score import (
    LOWER_IS_BETTER,
    METRICS,
    ArticleScore,
    Tally,
    score_article,
    total,
)

__all__ = ["LOWER_IS_BETTER", "METRICS", "ArticleScore", "Evaluation", "Gold", "Tally",
           "evaluate", "read_gold", "score_article"]


@dataclass
class Evaluation:
    """The scores of every article of one gold folder, and the files that could not be scored."""

    articles: list[ArticleScore] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # malformed record lines skipped

    @property
    def metrics(self) -> dict[str, Tally]:
        return total(self.articles)

    def to_dict(self, misses: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": len(self.articles),
            "metrics": {k: v.to_dict() for k, v in self.metrics.items()},
            "errors": list(self.errors),
        }
        if misses:
            out["per_article"] = [a.to_dict() for a in self.articles]
        return out


def _golds(gold_dir: str | Path, errors: list[str]) -> Iterator[Gold]:
    for path in gold_files(gold_dir):
        try:
            yield read_gold(path)
        except TransferExtractError as exc:
            errors.append(str(exc))


def _read_text(path: Path) -> str:
    from transfer_extract.reader import read_input

    return read_input(path).text


def _from_texts(gold_dir: str | Path, texts: str | Path, model: str | None) -> Evaluation:
    from transfer_extract.core import Input, extract
    from transfer_extract.reader import read_input

    result = Evaluation()
    for gold in _golds(gold_dir, result.errors):
        try:
            item: Input = read_input(Path(texts) / f"{gold.id}.txt")
            record = extract(item, published=gold.publish_date(), model=model).to_dict()
        except TransferExtractError as exc:
            result.errors.append(f"{gold.path}: {exc}")
            continue
        result.articles.append(score_article(gold, record, item.text))
    return result


def _record_text(record: dict[str, Any], texts: str | Path | None, gid: str) -> str | None:
    """The text a saved record was made from: TEXTS/ID.txt, else its `source.path` if unchanged."""
    source = record.get("source") or {}
    candidates = [Path(texts) / f"{gid}.txt"] if texts else []
    if source.get("path"):
        candidates.append(Path(source["path"]))
    for path in candidates:
        try:
            text = _read_text(path)
        except TransferExtractError:
            continue
        if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() == source.get("sha256"):
            return text
    return None


def _from_records(gold_dir: str | Path, records: str | Path, texts: str | Path | None) -> Evaluation:
    from transfer_extract.saved import newest_per_path, read_saved

    result = Evaluation()
    by_id: dict[str, dict[str, Any]] = {}
    for record in newest_per_path(read_saved(records, result.warnings)):
        path = (record.get("source") or {}).get("path")
        if path:
            by_id.setdefault(Path(path).stem, record)
    for gold in _golds(gold_dir, result.errors):
        record = by_id.get(gold.id)
        if record is None:
            result.errors.append(f"{gold.path}: no record of an article named {gold.id!r} in {records}")
            continue
        if "error" in record:
            result.errors.append(f"{gold.path}: the record is an error line ({record['error']})")
            continue
        result.articles.append(score_article(gold, record, _record_text(record, texts, gold.id)))
    return result


def evaluate(gold_dir: str | Path, *, texts: str | Path | None = None,
             records: str | Path | None = None, model: str | None = None) -> Evaluation:
    """Score each article of `gold_dir` (files `ID.json`): with `records`, the saved record of
    the article whose file name is `ID.*`; else the record made now from `texts/ID.txt`, parsed
    with the gold's publication date when the text does not state it."""
    if records is not None:
        return _from_records(gold_dir, records, texts)
    if texts is None:
        raise TransferExtractError("evaluate needs --texts or --records")
    return _from_texts(gold_dir, texts, model)
