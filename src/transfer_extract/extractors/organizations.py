"""Cartels and other criminal organizations, one record per organization, aliases merged.

Mentions come from four rules, all driven by data/cartels.json:
- the known names and aliases (the `cartel_ruler` component, cartel_ruler.py);
- patterns for names not in the file: "the Foo cartel", "Cártel de los Foo", "known as Los Foo";
- coordinations: "the Sinaloa, Beltran Leyva and Zetas cartels" is three organizations;
- short later mentions ("Jalisco", "the cartel") that join the one organization just named.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from transfer_extract.data import load_json
from transfer_extract.extractors import Context
from transfer_extract.pipeline import CARTEL_LABEL, name_words, strip_accents
from transfer_extract.record import Cartel, Span

CAPITAL = r"^[A-ZÁÉÍÓÚÑÜ][\w.'’]*$"
# Words before a short name that make it a place ("in Sinaloa"), words after it that do
# ("Sinaloa state"), and nouns after "the cartel" that make it a modifier ("the cartel leaders").
PLACE_WORDS = frozenset(load_json("context.json")["place_before"])
PLACE_AFTER = frozenset(load_json("context.json")["place_after"])
MODIFIED = frozenset(load_json("context.json")["cartel_modifiers"])
ANAPHOR_WINDOW = 60  # tokens back in which the one named organization must stand


def _key(name: str) -> str:
    return " ".join(name_words(name))


@cache
def _data() -> dict[str, Any]:
    return load_json("cartels.json")


@cache
def _known() -> dict[str, str]:
    """Canonical name by the normalized form of each name and alias."""
    return {_key(n): org["name"] for org in _data()["organizations"] for n in (org["name"], *org["aliases"])}


@cache
def _short() -> dict[str, str]:
    """Canonical name by the normalized form of each short name."""
    return {_key(n): org["name"] for org in _data()["organizations"] for n in org["short"]}


@cache
def _matcher(vocab: Vocab) -> Matcher:
    data = _data()
    countries = [w for ws in load_json("titles.json")["countries"].values() for w in ws]
    cap = {"TEXT": {"REGEX": CAPITAL, "NOT_IN": [*data["not_names"], *countries]}}
    cap_more = {"TEXT": {"REGEX": CAPITAL + r"|^-$"}, "OP": "{0,3}"}
    matcher = Matcher(vocab)
    matcher.add("NAMED", [[cap, cap_more, {"LOWER": {"IN": data["descriptors"]}, "OP": "?"},
                           {"LOWER": {"IN": data["heads"]}}]], greedy="LONGEST")
    matcher.add("SPANISH", [[
        {"LOWER": {"IN": data["spanish_heads"]}, "IS_TITLE": True},
        {"LOWER": {"IN": data["spanish_links"]}},
        {"LOWER": {"IN": data["spanish_articles"]}, "OP": "?"},
        {"TEXT": {"REGEX": CAPITAL}},
        {"TEXT": {"REGEX": CAPITAL + r"|^de$"}, "OP": "{0,3}"},
    ]], greedy="LONGEST")
    matcher.add("KNOWN_AS", [[
        *({"LOWER": w} for w in words),
        {"IS_QUOTE": True, "OP": "?"},
        {"ORTH": {"IN": data["faction_articles"]}},
        {"TEXT": {"REGEX": CAPITAL}, "OP": "{1,3}"},
    ] for words in data["known_as"]], greedy="LONGEST")
    matcher.add("ANAPHOR", [[{"LOWER": w} for w in words] for words in data["anaphors"]])
    short_patterns = []
    for org in data["organizations"]:
        for n in org["short"]:
            for v in {n, strip_accents(n)}:
                toks = [{"LOWER": t.lower()} for t in v.replace("-", " - ").split()]
                toks[0]["IS_TITLE"] = True
                short_patterns.append(toks)
    matcher.add("SHORT", short_patterns)
    return matcher


@cache
def _anchors(vocab: Vocab) -> tuple[frozenset[str], int]:
    """Words one of which every pattern of `_matcher` must hold (the words of its first token
    that is not optional and not a stop word: "cartel", "known", "Sinaloa"), and the most
    tokens a match can span."""
    matcher, words, longest = _matcher(vocab), set(), 0
    for label in ("NAMED", "SPANISH", "KNOWN_AS", "ANAPHOR", "SHORT"):
        for pattern in matcher.get(label)[1]:
            required = [t["LOWER"] for t in pattern if "OP" not in t and "LOWER" in t]
            options = [spec["IN"] if isinstance(spec, dict) else [spec] for spec in required]
            words.update(next((o for o in options if not any(vocab[w].is_stop for w in o)), options[0]))
            longest = max(longest, sum(_most(t.get("OP")) for t in pattern))
    return frozenset(words), longest


def _most(op: str | None) -> int:
    """How many tokens a pattern token with operator `op` can match (None, "?", "{m,n}")."""
    if op is None or op == "?":
        return 1
    return int(op.strip("{}").split(",")[-1])


def _matches(doc: Doc) -> list[tuple[str, int, int]]:
    """The `_matcher` matches of `doc` (label, start, end), looked for only in the stretches
    around an anchor word (the Matcher's regexes are slow on every token of a long article)."""
    anchors, reach = _anchors(doc.vocab)
    windows: list[list[int]] = []
    for tok in doc:
        if tok.lower_ in anchors:
            start, end = max(tok.i - reach, 0), min(tok.i + reach, len(doc))
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
    matcher, strings = _matcher(doc.vocab), doc.vocab.strings
    return [(strings[key], start + a, end + a) for a, b in windows for key, start, end in matcher(doc[a:b])]


@dataclass(frozen=True)
class _Mention:
    start: int  # token offsets
    end: int
    name: str
    rank: int  # lower wins an overlap


def _named(doc: Doc, start: int, end: int) -> _Mention | None:
    """ "the Foo cartel" / "Foo Cartel": the known organization, or a new one named "Foo Cartel"."""
    data = _data()
    head = doc[end - 1].lower_
    # "the Sinaloa drug gang": the name stops before the descriptor
    stem = end - 2 if end - 2 > start and doc[end - 2].lower_ in data["descriptors"] else end - 1
    # a headline in title case: "Senior Member Of Sinaloa Drug Cartel" names it after "Of"
    start = max([start, *(k + 1 for k in range(start, stem) if doc[k].text in data["headline_links"])])
    if start >= stem:
        return None
    # "Alleged Gulf Cartel", "Sinaloa Drug Cartel": the known name at the end wins over the words before it
    start = next((s for s in range(start, stem) if _key(doc[s:end].text) in _known()
                  or (stem < end - 1 and _key(doc[s:stem].text) in _short())), start)
    text = doc[start:end].text
    name = _known().get(_key(text)) or _known().get(_key(doc[start:stem].text))
    name = name or _short().get(_key(doc[start:stem].text))
    if name is None:
        if head in data["weak_heads"]:
            return None
        singular = head[:-2] if head.endswith("es") and head[:-2] in data["heads"] else head.rstrip("s")
        name = f"{doc[start:stem].text} {singular.capitalize()}"
    if head in data["coordinated_heads"]:
        end -= 1  # "Zetas cartels": the mention is the name
    return _Mention(start, end, name, 2)


def _coordinated(doc: Doc, start: int, end: int) -> list[_Mention]:
    """The earlier names of "the A, B and C cartels" (the last one, C, is the NAMED match)."""
    data, found = _data(), []
    i = start
    while i >= 2 and doc[i - 1].lower_ in (",", "and", "or", "y"):
        j = i - 1
        if doc[j].lower_ in ("and", "or", "y") and doc[j - 1].text == ",":
            j -= 1
        k = j
        while k > 0 and (doc[k - 1].text[:1].isupper() or doc[k - 1].text == "-") \
                and doc[k - 1].text not in data["not_names"]:
            k -= 1
        if k == j:
            break
        seg = doc[k:j].text
        name = _known().get(_key(seg)) or _short().get(_key(seg))
        if name is None:
            head = doc[end].lower_ if end < len(doc) else "cartels"
            name = f"{seg} {head.rstrip('s').capitalize()}"
        found.append(_Mention(k, j, name, 1))
        i = k
    return found


def _candidates(doc: Doc, matches: list[tuple[str, int, int]]) -> list[_Mention]:
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ == CARTEL_LABEL:
            found.append(_Mention(ent.start, ent.end, ent.ent_id_ or _known().get(_key(ent.text), ent.text), 2))
    for label, start, end in matches:
        if label == "NAMED":
            m = _named(doc, start, end)
            if m is not None:
                found.append(m)
                if doc[end - 1].lower_ in _data()["coordinated_heads"]:
                    found.extend(_coordinated(doc, m.start, m.end))
        elif label == "SPANISH":
            text = doc[start:end].text
            found.append(_Mention(start, end, _known().get(_key(text), text), 2))
        elif label == "KNOWN_AS":
            s = next(i for i in range(start, end) if doc[i].text in _data()["faction_articles"])
            text = doc[s:end].text
            if _known().get(_key(text)) or not _nickname(doc, start, s):
                found.append(_Mention(s, end, _known().get(_key(text), text), 2))
    found.extend(_listed(doc, [m for m in found if m.name in _known().values()]))
    return found


@cache
def _places() -> frozenset[str]:
    """Known place names (data/countries.json, titles.json): "Los Angeles" is no gang."""
    names = set(load_json("titles.json")["places"])
    for entry in load_json("countries.json")["countries"].values():
        for key in ("names", "metonyms", "regions"):
            names.update(entry.get(key, ()))
    return frozenset(_key(n) for n in names)


def _listed(doc: Doc, found: list[_Mention]) -> list[_Mention]:
    """The items after a known organization in a list, when they are a faction article and
    capitalized words that end the item: "Los Choneros, Los Lobos and Los Tiguerones" (not
    "Los Angeles police", nor a known place)."""
    articles = set(_data()["faction_articles"])
    out: list[_Mention] = []
    for m in found:
        i = m.end
        while True:
            j = i + 1 if i < len(doc) and doc[i].text == "," else i
            j = j + 1 if j < len(doc) and doc[j].lower_ in ("and", "or", "y") else j
            if j == i or j + 1 >= len(doc) or doc[j].text not in articles or not doc[j + 1].is_title:
                break
            k = j + 1
            while k < len(doc) and k - j <= 3 and doc[k].is_title and doc[k].is_alpha:
                k += 1
            nxt = doc[k] if k < len(doc) else None
            ends = nxt is None or nxt.is_punct or nxt.lower_ in ("and", "or", "y") or nxt.pos_ in ("VERB", "AUX")
            if not ends or _key(doc[j:k].text) in _places():
                break
            text = doc[j:k].text
            out.append(_Mention(j, k, _known().get(_key(text), text), 2))
            i = k
    return out


def _nickname(doc: Doc, known: int, article: int) -> bool:
    """Whether "known as El X" names a person: a singular "El" ("El Tigre", "El Contador"), or
    any name given right after a person's name ("Rafael Caro Quintero, known as ...")."""
    if doc[article].text == "El":
        return True
    before = known - 1
    while before >= 0 and (doc[before].is_punct or doc[before].lower_ in ("also", "better", "widely")):
        before -= 1
    return before >= 0 and doc[before].ent_type_ == "PERSON"


def _select(found: list[_Mention]) -> list[_Mention]:
    """Non-overlapping mentions: coordination segments first, then the longest."""
    taken: list[_Mention] = []
    used: set[int] = set()
    for m in sorted(found, key=lambda m: (m.rank, -(m.end - m.start), m.start)):
        if used.isdisjoint(range(m.start, m.end)):
            taken.append(m)
            used.update(range(m.start, m.end))
    return sorted(taken, key=lambda m: m.start)


def _later(doc: Doc, matches: list[tuple[str, int, int]], named: list[_Mention]) -> list[_Mention]:
    """Short names and "the cartel" that refer to the one organization named just before."""
    found = []
    used = {i for m in named for i in range(m.start, m.end)}
    # `named` do not overlap and are sorted, so their ends are sorted too: the mentions before a
    # token are a prefix, found by bisection (a scan of all of them per match is quadratic)
    ends = [m.end for m in named]
    first_end: dict[str, int] = {}  # where each name's first mention ends
    for m in named:
        first_end.setdefault(m.name, m.end)
    for label, start, end in matches:
        if label not in ("SHORT", "ANAPHOR") or not used.isdisjoint(range(start, end)):
            continue
        if label == "SHORT":
            name = _short().get(_key(doc[start:end].text))
            prev = doc[start - 1].lower_ if start else ""
            nxt = doc[end].lower_ if end < len(doc) else ""
            named_before = name is not None and first_end.get(name, start + 1) <= start
            if named_before and prev not in PLACE_WORDS and nxt not in PLACE_AFTER \
                    and not (nxt[:1].isupper() and doc[end].is_alpha):
                found.append(_Mention(start, end, name, 3))
        else:
            near_from = bisect.bisect_left(ends, start - ANAPHOR_WINDOW)
            near = {m.name for m in named[near_from:bisect.bisect_right(ends, start)]}
            modifier = end < len(doc) and (doc[end - 1].dep_ == "compound" or doc[end].lower_ in MODIFIED)
            if len(near) == 1 and not modifier:
                found.append(_Mention(start, end, near.pop(), 3))
    return found


def extract(doc: Doc, ctx: Context) -> dict[str, tuple[Any, ...]]:
    matches = _matches(doc)
    named = _select(_candidates(doc, matches))
    mentions = sorted([*named, *_later(doc, matches, named)], key=lambda m: m.start)
    spans: dict[str, list[Span]] = {}
    aliases: dict[str, list[str]] = {}
    for m in mentions:
        span = doc[m.start:m.end]
        spans.setdefault(m.name, []).append(Span(span.start_char, span.end_char, span.text))
        text = span.text
        is_alias = _key(text) != _key(m.name) and _key(text) in _known() and _known()[_key(text)] == m.name
        if is_alias and text not in aliases.setdefault(m.name, []):
            aliases[m.name].append(text)
    cartels = tuple(Cartel(name, tuple(aliases.get(name, ())), tuple(s)) for name, s in spans.items())
    return {"cartels": cartels}
