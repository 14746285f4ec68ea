"""People, officials and quotes of several articles, each united across the articles.

- People and officials are one entry per name once case, accents and punctuation are left out
  ("Omar García Harfuch" = "Omar Garcia Harfuch"); the most used spelling is the name, the
  others (and the records' aliases) are kept as aliases, titles and countries with their sources.
- Quotes are one entry per quotation by content: equal words, or a fragment of at least
  `min_fragment_words` (three or more) words found inside a longer quotation. The fullest text is shown, and
  every article that quotes it or a fragment of it is a source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from transfer_extract.merge.reports import name_key, settings
from transfer_extract.merge.results import MergedName, MergedQuote, QuoteSource, Supported


def supported(pairs: Iterable[tuple[Any, str]]) -> tuple[Supported, ...]:
    """Each value once with the sources that give it, the best supported first (stable)."""
    found: dict[Any, dict[str, None]] = {}
    for value, source in pairs:
        if value is None or value == "":
            continue
        found.setdefault(value, {})[source] = None
    ordered = sorted(found.items(), key=lambda kv: -len(kv[1]))
    return tuple(Supported(v, tuple(s)) for v, s in ordered)


@dataclass
class _Name:
    spellings: list[tuple[str, str]] = field(default_factory=list)  # (spelling, source)
    aliases: list[str] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)


def merge_names(entries: Iterable[tuple[dict[str, Any], str]], title_key: str) -> tuple[MergedName, ...]:
    """People (`title_key` "role") or officials ("title") of every record, by name."""
    names: dict[tuple[str, ...], _Name] = {}
    for entry, source in entries:
        key = name_key(entry.get("name") or "")
        if not key:
            continue
        n = names.setdefault(key, _Name())
        n.spellings.append((entry["name"], source))
        n.aliases.extend(entry.get("aliases") or [])
        n.titles.append((entry.get(title_key), source))
        n.countries.append((entry.get("country"), source))
    out = []
    for n in names.values():
        spellings = supported(n.spellings)
        name = spellings[0].value
        aliases = dict.fromkeys([*(s.value for s in spellings[1:]), *n.aliases])
        aliases.pop(name, None)
        out.append(MergedName(name, tuple(aliases), supported(n.titles), supported(n.countries),
                              tuple(dict.fromkeys(s for _, s in n.spellings))))
    return tuple(out)


# ---------------------------------------------------------------- quotes


def _content(quote: dict[str, Any]) -> tuple[str, ...]:
    return name_key(quote.get("content") or quote.get("text") or "")


@dataclass
class _Quote:
    words: tuple[str, ...]
    text: str
    first: int  # the place of its first quote among the inputs
    sources: list[tuple[int, QuoteSource]] = field(default_factory=list)
    speakers: list[tuple[int, str | None, str]] = field(default_factory=list)


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    return f" {' '.join(part)} " in f" {' '.join(whole)} "


def _trigrams(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    return list(dict.fromkeys(words[i:i + 3] for i in range(len(words) - 2)))


def merge_quotes(quotes: Iterable[tuple[dict[str, Any], str]]) -> tuple[MergedQuote, ...]:
    """Quotes (with their source) by content; the longest first, so that a fragment finds the
    full quotation already there. A fragment is compared only with the quotations that hold its
    rarest run of three words."""
    items = [(q, s, _content(q)) for q, s in quotes]
    items = [x for x in items if x[2]]
    order = sorted(range(len(items)), key=lambda i: (-len(items[i][2]), i))
    groups: list[_Quote] = []
    by_text: dict[tuple[str, ...], int] = {}
    by_run: dict[tuple[str, ...], list[int]] = {}
    min_words = max(3, settings()["min_fragment_words"])
    for i in order:
        quote, source, content = items[i]
        n = by_text.get(content)
        if n is None and len(content) >= min_words:
            rarest = min(_trigrams(content), key=lambda t: len(by_run.get(t, ())))
            n = next((g for g in by_run.get(rarest, ()) if _inside(content, groups[g].words)), None)
        if n is None:
            n = len(groups)
            groups.append(_Quote(content, quote["text"], i))
            by_text[content] = n
            for run in _trigrams(content):
                by_run.setdefault(run, []).append(n)
        group = groups[n]
        group.first = min(group.first, i)
        group.sources.append((i, QuoteSource(source, quote["start"], quote["end"], quote["text"],
                                             content != group.words)))
        group.speakers.append((i, quote.get("speaker"), source))
    groups.sort(key=lambda g: g.first)
    return tuple(MergedQuote(g.text, supported((sp, s) for _, sp, s in sorted(g.speakers)),
                             tuple(s for _, s in sorted(g.sources, key=lambda x: (x[1].fragment, x[0]))))
                 for g in groups)
