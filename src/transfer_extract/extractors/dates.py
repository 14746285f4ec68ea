"""Dates: DATE entities resolved against the publication date, with their granularity."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from spacy.tokens import Doc

from transfer_extract.extractors import Context
from transfer_extract.record import DateFact

_PERIODS = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}
_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Two unrelated reference days: an expression that resolves differently against them is relative.
_PROBES = (date(2001, 6, 13), date(2013, 2, 26))


@cache
def _parser(base: date):  # -> dateparser.date.DateDataParser
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
    }
    return DateDataParser(languages=["en"], settings=settings)


def _parse(text: str, base: date) -> tuple[str | None, str | None]:
    data = _parser(base).get_date_data(text)
    granularity = _PERIODS.get(data.period or "")
    if data.date_obj is None or granularity is None:
        return None, None
    return data.date_obj.strftime(_FORMATS[granularity]), granularity


def resolve(text: str, published: date | None) -> tuple[str | None, str | None]:
    """The value and granularity of one date expression (None, None when it names no date).

    Without a publication date, only expressions that do not depend on one are resolved."""
    if published is not None:
        return _parse(text, published)
    first, second = (_parse(text, probe) for probe in _PROBES)
    return first if first == second else (None, first[1])


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    published = ctx.article.published
    facts = []
    unresolved = 0
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value, granularity = resolve(ent.text, published)
        unresolved += value is None and granularity is not None
        span = ctx.article.span(ent.start_char, ent.end_char)
        facts.append(DateFact(span.start, span.end, span.text, value, granularity))
    if unresolved and published is None:
        ctx.warnings.append(
            f"no publication date known: {unresolved} relative date(s) left unresolved"
            " (give --published YYYY-MM-DD)"
        )
    return {"dates": tuple(facts)}
