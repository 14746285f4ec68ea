"""Web pages: the article text and metadata of an HTML page, through trafilatura.

`is_page(text)` tells a saved web page from article text by its content (never by a file name);
`read_page(text)` gives the `Page`: the article text trafilatura finds (paragraphs separated by
blank lines, as in the plain-text articles the extractors are written for) and the page's own
title, canonical URL, author, site name and publication date (htmldate, from the metadata and
markup only). Nothing is fetched: trafilatura works on the text it is given. Never prints:
trafilatura's and htmldate's log records get a null handler instead of Python's last-resort one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from transfer_extract.data import load_json

NO_ARTICLE = "no article text found in the page"

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    """What a page holds: its article text ("" when it has none) and its metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    published: date | None = None

    @property
    def has_article(self) -> bool:
        return bool(self.text)


@cache
def _settings() -> dict[str, Any]:
    return load_json("html.json")


@cache
def _page_start() -> re.Pattern[str]:
    return re.compile(_settings()["page_start"], re.IGNORECASE | re.DOTALL)


def is_page(text: str) -> bool:
    """True when `text` opens as a web page: a doctype, or an html, head, body, meta or title
    tag, after an optional XML declaration and comments."""
    return _page_start().match(text[: _settings()["scan_chars"]]) is not None


def _paragraphs(text: str) -> str:
    """trafilatura's lines as paragraphs separated by a blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _article_words(body: Any) -> int:
    """The number of words in the running-text elements of trafilatura's output tree."""
    if body is None:
        return 0
    tags = _settings()["article_tags"]
    return sum(len("".join(el.itertext()).split()) for el in body.iter(*tags))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_page(text: str) -> Page:
    """The article text and metadata of the page `text` (an empty `Page` when trafilatura finds
    nothing it can use: malformed markup never raises)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    settings = _settings()
    date_params = {"original_date": True, "extensive_search": settings["extensive_date_search"],
                   "max_date": settings["max_date"]}
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, date_extraction_params=date_params,
                                          **settings["trafilatura"])
        if doc is None:  # no article; the metadata alone still says what the page was
            doc = extract_metadata(text, date_config=date_params)
    except Exception:  # noqa: BLE001 -- a third-party parser on arbitrary markup: no page, not a crash
        return Page("")
    enough = _article_words(getattr(doc, "body", None)) >= settings["min_article_words"]
    return Page(
        text=_paragraphs(doc.text or "") if enough else "",
        title=doc.title or None,
        url=doc.url or None,
        author=doc.author or None,
        site=doc.sitename or None,
        published=_date(doc.date),
    )
