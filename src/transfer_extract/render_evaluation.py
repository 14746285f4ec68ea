"""Terminal tables for `evaluate` and `make quality` (rich). Used by the CLI only."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from transfer_extract.evaluation import LOWER_IS_BETTER, ArticleScore, Evaluation, Tally


def _fig(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _name(metric: str) -> str:
    return f"{metric} (lower is better)" if metric in LOWER_IS_BETTER else metric


def metrics_table(evaluation: Evaluation, title: str = "") -> Table:
    """Every metric of one evaluation: precision, recall, F1 and the counts behind them."""
    table = Table(title=f"{title}{evaluation_size(evaluation)}", title_justify="left")
    table.add_column("metric")
    for col in ("precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(col, justify="right")
    for name, t in evaluation.metrics.items():
        table.add_row(_name(name), _fig(t.precision), _fig(t.recall), _fig(t.f1),
                      str(t.tp), str(t.predicted) if t.has_precision else "-", str(t.gold))
    return table


def evaluation_size(evaluation: Evaluation) -> str:
    failed = f", {len(evaluation.errors)} not scored" if evaluation.errors else ""
    return f"{len(evaluation.articles)} articles{failed}"


def _cell(metric: str, t: Tally) -> str:
    if not t.gold and not t.predicted:
        return "-"
    figure = t.recall if metric in LOWER_IS_BETTER or t.f1 is None else t.f1
    return f"{_fig(figure)} ({t.tp}/{t.gold})"


def sets_table(sets: dict[str, Evaluation]) -> Table:
    """One column per set: each metric's F1 (recall where precision is not measured), with
    tp/gold after it."""
    table = Table(title="F1 (tp/gold); recall for boilerplate, body_kept and event_false",
                  title_justify="left")
    table.add_column("metric")
    for name, ev in sets.items():
        table.add_column(f"{name}\n{evaluation_size(ev)}", justify="right")
    totals = {name: ev.metrics for name, ev in sets.items()}
    for metric in next(iter(totals.values()), {}):
        table.add_row(_name(metric), *(_cell(metric, t[metric]) for t in totals.values()))
    return table


def misses_text(article: ArticleScore) -> Text:
    """What one article missed and what it had extra, a line each, grouped by metric."""
    text = Text()
    text.append(f"{article.id}\n", style="bold")
    if not article.misses:
        text.append("  nothing missed\n", style="green")
    style = {"missed": "red", "extra": "yellow", "wrong": "magenta", "skipped": "dim"}
    for m in article.misses:
        text.append(f"  {m.metric:<18} {m.what:<7} ", style=style.get(m.what, ""))
        text.append(f"{m.text}\n")
    return text


def misses_group(evaluation: Evaluation) -> Group:
    return Group(*(misses_text(a) for a in evaluation.articles))
