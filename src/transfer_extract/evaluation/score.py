"""Scoring one record against one gold article, and adding the scores of many articles up.

A metric is a `Tally` of three counts: `tp` (right), `predicted` (what the record states) and
`gold` (what the gold states); precision = tp / predicted, recall = tp / gold. Facts are paired
one to one, best pairs first, so that one predicted fact never counts for two gold ones.
The rules of each metric are in the README section "Evaluating on your own articles".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from transfer_extract.evaluation import match
from transfer_extract.evaluation.gold import EVENT_FIELDS, Gold

METRICS = (
    "cartels", "officials", "official_title", "official_country", "people", "quotes",
    "quote_speaker", "quote_speaker_e2e", "counts", "dates", "published", "event_found",
    "event_fields", "event_false", "boilerplate", "body_kept",
)
# metrics where a higher figure is worse (a rate of errors)
LOWER_IS_BETTER = frozenset({"event_false"})


@dataclass
class Tally:
    """The counts behind one metric. `precision` is None where it is not measured (boilerplate,
    body_kept: the gold marks only where furniture starts, not where it ends)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    has_precision: bool = True

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        if not self.has_precision or not self.predicted:
            return None
        return self.tp / self.predicted

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        """F1; recall alone where precision is not measured; 0 when only one side has facts
        (nothing found of what the gold has, or only facts the gold does not have); None when
        neither has any."""
        p, r = self.precision, self.recall
        if not self.has_precision:
            return r
        if p is None or r is None:
            return 0.0 if (self.gold or self.predicted) else None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        def rounded(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"precision": rounded(self.precision), "recall": rounded(self.recall),
                "f1": rounded(self.f1), "tp": self.tp, "predicted": self.predicted,
                "gold": self.gold}


@dataclass(frozen=True)
class Miss:
    """One difference: a gold fact `missed`, a predicted one `extra`, or a value `wrong`."""

    metric: str
    what: str  # "missed" | "extra" | "wrong"
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"metric": self.metric, "what": self.what, "text": self.text}


@dataclass
class ArticleScore:
    """The metrics of one article and every difference found."""

    id: str
    metrics: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in METRICS})
    misses: list[Miss] = field(default_factory=list)
    error: str | None = None

    def miss(self, metric: str, what: str, text: str) -> None:
        self.misses.append(Miss(metric, what, text))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error,
                "metrics": {k: v.to_dict() for k, v in self.metrics.items()},
                "misses": [m.to_dict() for m in self.misses]}


T = TypeVar("T")
U = TypeVar("U")


def pair(gold: Sequence[T], predicted: Sequence[U],
         same: Callable[[T, U], bool]) -> tuple[list[tuple[T, U]], list[T], list[U]]:
    """Gold and predicted facts paired one to one by `same` (in order, each used once),
    and the gold and predicted facts left over."""
    left = list(predicted)
    pairs: list[tuple[T, U]] = []
    missed: list[T] = []
    for g in gold:
        for i, p in enumerate(left):
            if same(g, p):
                pairs.append((g, left.pop(i)))
                break
        else:
            missed.append(g)
    return pairs, missed, left


def _set_metric(score: ArticleScore, name: str, gold: Iterable[Any], predicted: Iterable[Any],
                label: Callable[[Any], str] = str) -> None:
    """A metric on multisets of keys: tp is the number of keys both sides have."""
    g, p = Counter(gold), Counter(predicted)
    both = g & p
    score.metrics[name] = Tally(sum(both.values()), sum(p.values()), sum(g.values()))
    for key in sorted((g - p).elements(), key=str):
        score.miss(name, "missed", label(key))
    for key in sorted((p - g).elements(), key=str):
        score.miss(name, "extra", label(key))


def _attribute(score: ArticleScore, name: str, gold_value: Any, predicted_value: Any,
               same: Callable[[Any, Any], bool], who: str) -> None:
    """One attribute of a paired fact: counted as gold/predicted when set, tp when both agree."""
    t = score.metrics[name]
    t.gold += gold_value is not None
    t.predicted += predicted_value is not None
    if gold_value is not None and predicted_value is not None and same(gold_value, predicted_value):
        t.tp += 1
    elif gold_value is not None or predicted_value is not None:
        score.miss(name, "wrong", f"{who}: {predicted_value!r}, gold {gold_value!r}")


def _cartels(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    _set_metric(score, "cartels", {match.cartel(n) for n in gold["cartels"]},
                {match.cartel(c["name"]) for c in record.get("cartels", [])})


def _officials(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    golds, preds = gold["officials"], record.get("officials", [])
    pairs, missed, extra = pair(golds, preds, lambda g, p: match.same_person(g["name"], p["name"]))
    score.metrics["officials"] = Tally(len(pairs), len(preds), len(golds))
    score.misses += [Miss("officials", "missed", g["name"]) for g in missed]
    score.misses += [Miss("officials", "extra", p["name"]) for p in extra]
    for g, p in pairs:
        _attribute(score, "official_title", match.title(g.get("title")), match.title(p.get("title")),
                   lambda a, b: a == b, g["name"])
        _attribute(score, "official_country", match.country(g.get("country")),
                   match.country(p.get("country")), lambda a, b: a == b, g["name"])


def _people(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    golds, preds = gold.get("people_other", []), record.get("people", [])
    pairs, missed, extra = pair(golds, preds, lambda g, p: match.same_person(g, p["name"]))
    score.metrics["people"] = Tally(len(pairs), len(preds), len(golds))
    score.misses += [Miss("people", "missed", g) for g in missed]
    score.misses += [Miss("people", "extra", p["name"]) for p in extra]


def _quote_text(q: dict[str, Any]) -> str:
    return q.get("content") or q.get("text", "")


def _quotes(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    golds = gold["quotes"]
    preds = [q for q in record.get("quotes", [])
             if len(match.words(_quote_text(q))) >= match.MIN_QUOTE_WORDS]
    pairs, missed, extra = pair(golds, preds,
                                lambda g, p: match.quote_matches(g["start_words"], _quote_text(p)))
    score.metrics["quotes"] = Tally(len(pairs), len(preds), len(golds))
    score.misses += [Miss("quotes", "missed", f"{g['start_words']!r} ({g.get('speaker')})")
                     for g in missed]
    score.misses += [Miss("quotes", "extra", " ".join(_quote_text(p).split()[:8])) for p in extra]
    for g, p in pairs:
        _attribute(score, "quote_speaker", g.get("speaker"), p.get("speaker"), match.same_person,
                   repr(g["start_words"]))
    e2e = score.metrics["quote_speaker_e2e"]
    e2e.gold = sum(g.get("speaker") is not None for g in golds)
    e2e.predicted = sum(p.get("speaker") is not None for p in preds)
    e2e.tp = score.metrics["quote_speaker"].tp


def _count_key(c: dict[str, Any]) -> tuple[float, bool]:
    return float(c["value"]), c.get("kind") == "ordinal"


def _counts(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    seen = {(_count_key(c), match.fold(c.get("counted") or "")) for c in record.get("counts", [])}

    def label(key: tuple[float, bool]) -> str:
        value = int(key[0]) if key[0].is_integer() else key[0]
        return f"{value}{' (ordinal)' if key[1] else ''}"

    _set_metric(score, "counts", [_count_key(c) for c in gold["counts"]],
                [key for key, _ in seen], label)


def _date_key(d: dict[str, Any]) -> str:
    return d["value"] if d.get("value") else f"null: {match.fold(d['text'])}"


def _dates(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    seen = {(match.fold(d["text"]), _date_key(d)) for d in record.get("dates", [])}
    _set_metric(score, "dates", [_date_key(d) for d in gold["dates"]], [k for _, k in seen])


def _published(score: ArticleScore, gold: Gold, record: dict[str, Any]) -> None:
    if not gold.published_in_text:
        return
    want, got = gold.published, record.get("published")
    score.metrics["published"] = Tally(int(want is not None and want == got), int(got is not None),
                                       int(want is not None))
    if want != got:
        score.miss("published", "wrong", f"{got!r}, gold {want!r}")


def reported_event(record: dict[str, Any]) -> dict[str, Any] | None:
    """The article's reported event: its first event whose `role` is not `recalled`."""
    return next((e for e in record.get("events", []) if e.get("role") != "recalled"), None)


def _same_field(name: str) -> Callable[[Any, Any], bool]:
    if name in ("origin", "destination"):
        return lambda a, b: match.country(a) == match.country(b)
    return lambda a, b: a == b


def _events(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any]) -> None:
    want, got = gold["transfer_event"], reported_event(record)
    if want is None:
        score.metrics["event_false"] = Tally(int(got is not None), int(got is not None), 1)
        if got is not None:
            score.miss("event_false", "extra", f"{got.get('kind')} of {got.get('count')}")
        return
    score.metrics["event_found"] = Tally(int(got is not None), int(got is not None), 1)
    if got is None:
        score.miss("event_found", "missed", f"{want['kind']} of {want['count']}")
    for name in EVENT_FIELDS:
        value = got.get(name) if got else None
        _attribute(score, "event_fields", want[name], value, _same_field(name), name)


def _spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    return [(b["start"], b["end"]) for b in record.get("boilerplate", [])
            if b.get("kind") != "metadata"]


def _located(snippet: str, text: str) -> tuple[int, int] | None:
    m = match.snippet_pattern(snippet).search(text)
    return (m.start(), m.end()) if m else None


def _furniture(score: ArticleScore, gold: dict[str, Any], record: dict[str, Any],
               text: str | None) -> None:
    if text is None:
        return
    spans = _spans(record)
    found = score.metrics["boilerplate"] = Tally(has_precision=False, predicted=len(spans))
    for snippet in gold.get("boilerplate", []):
        at = _located(snippet, text)
        found.gold += 1
        if at and any(a <= at[0] and at[1] <= b for a, b in spans):
            found.tp += 1
        else:
            score.miss("boilerplate", "missed", snippet if at else f"{snippet} (not in the text)")
    kept = score.metrics["body_kept"] = Tally(has_precision=False)
    keep = [*(q["start_words"] for q in gold["quotes"]), *gold.get("body_must_keep", [])]
    for snippet in keep:
        at = _located(snippet, text)
        if at is None:
            score.miss("body_kept", "skipped", f"{snippet} (not in the text)")
            continue
        kept.gold += 1
        kept.predicted += 1
        if any(a < at[1] and at[0] < b for a, b in spans):
            score.miss("body_kept", "missed", snippet)
        else:
            kept.tp += 1


def score_article(gold: Gold, record: dict[str, Any], text: str | None = None) -> ArticleScore:
    """Every metric of one article: `record` (a record's JSON) against `gold`; `text` (the
    article as parsed) is needed for `boilerplate` and `body_kept`, which are left out without it."""
    score = ArticleScore(gold.id)
    data = gold.data
    _cartels(score, data, record)
    _officials(score, data, record)
    _people(score, data, record)
    _quotes(score, data, record)
    _counts(score, data, record)
    _dates(score, data, record)
    _published(score, gold, record)
    _events(score, data, record)
    _furniture(score, data, record, text)
    return score


def total(scores: Iterable[ArticleScore]) -> dict[str, Tally]:
    """The metrics of several articles added up (precision and recall over all their facts)."""
    out = {m: Tally(has_precision=m not in ("boilerplate", "body_kept")) for m in METRICS}
    for s in scores:
        for name, t in s.metrics.items():
            out[name].add(t)
    return out
