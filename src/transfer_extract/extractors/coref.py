"""Coreference: which person or organization a mention refers to.

`Resolver(doc, ctx)` collects the referents the earlier extractors found (the `officials` and
`people` records, the `cartels`, and the organizations the parser tagged) with their mentions,
mapped to offsets of the cleaned text (`doc`). `Resolver.resolve(token)` takes the head token of
a mention ("she", "Sánchez", "the department", "the statement", "the senator") and returns the
canonical name it refers to, or None when the text does not say. It is not tied to quotes: the
entities extractor can use it to attach pronoun mentions to people.

Rules, in order:
- a token inside a known mention is that referent;
- a proper name is matched to a record by its last words ("Sánchez" -> "Víctor Sánchez"); an
  organization the parser tagged is named as written, without a leading "the";
- "he" / "she": the most recent person of compatible gender (gender is only known from
  honorifics, common first names (data/coref.json), gendered pronouns in sentences that mention
  that person alone, and the pronouns already resolved, in text order), preferring the subject
  of the nearest earlier sentence that mentions anyone; none when an unnamed person of that
  gender ("a mother", "an elderly man") is a subject since, in this sentence or the one before;
- "it", "the department", "the ministry": the most recent organization (whose name has the noun);
- "the statement", "the post": whoever issued it (the subject of the verb the earlier "in a
  statement" hangs on), else the most recent organization;
- "the senator", "the secretary": the most recent person whose title or role has that word.
A wrong name is worse than none: anything else resolves to None.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Literal

from spacy.attrs import IDX, LOWER
from spacy.tokens import Doc, Token

from transfer_extract.data import load_json
from transfer_extract.extractors import Context, doc_text
from transfer_extract.extractors.intervals import Intervals
from transfer_extract.pipeline import name_words

Kind = Literal["person", "organization"]
SUBJECTS = ("nsubj", "nsubjpass")
_NOT_SPEAKERS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
_MODIFIERS = ("det", "compound", "amod", "poss", "nmod", "flat")
_SUFFIX_WORDS = 6  # the longest run of a name's last words indexed for matching surnames


@dataclass(frozen=True)
class Mention:
    """One mention of a referent, in cleaned-text offsets."""

    name: str
    kind: Kind
    start: int
    end: int
    title: str = ""


def _words(text: str) -> tuple[str, ...]:
    return name_words(text.replace("\u2019", "'"))


@cache
def _first_names() -> dict[str, str]:
    """Gender ("m" / "f") by first name, as name words (lower case, no accents)."""
    words = load_json("coref.json")
    return {**{_words(n)[0]: "m" for n in words["male_first_names"]},
            **{_words(n)[0]: "f" for n in words["female_first_names"]}}


def _strip_det(text: str) -> str:
    for det in ("the ", "The "):
        if text.startswith(det):
            return text[len(det):]
    return text


def token_lowers(doc: Doc) -> tuple[list[int], list[int]]:
    """The character offset and the id of the lower-case text (spaCy's LOWER) of every token of
    `doc`, built once per Doc from an array: a Token object per token costs more than the set
    lookups made on them. Compare the ids with `word_ids`."""
    found = doc.user_data.get(_LOWERS_KEY)
    if found is None:
        rows = doc.to_array([IDX, LOWER]).tolist()
        found = doc.user_data[_LOWERS_KEY] = ([idx for idx, _ in rows], [lower for _, lower in rows])
    return found


def word_ids(doc: Doc, words: Iterable[str]) -> set[int]:
    """The string ids of `words` in `doc`'s vocabulary (as `token_lowers` gives them)."""
    return {doc.vocab.strings[w] for w in words}


_LOWERS_KEY = "transfer_extract.coref.lowers"


def name_phrase(tok: Token) -> tuple[int, int]:
    """Character offsets of the words naming `tok`'s mention: the token with its determiner,
    compounds and modifiers to the left, without appositions or relative clauses."""
    first = last = tok.i
    for child in tok.lefts:
        if child.dep_ in _MODIFIERS and not child.is_punct:
            first = min(first, child.left_edge.i)
    for child in tok.rights:
        if child.dep_ in ("flat", "compound") and child.i == last + 1:
            last = child.i
    doc = tok.doc
    if tok.ent_iob_ in ("B", "I"):  # widen to the whole entity
        b = tok.i
        while doc[b].ent_iob_ == "I" and b > 0:
            b -= 1
        e = tok.i
        while e + 1 < len(doc) and doc[e + 1].ent_iob_ == "I":
            e += 1
        first, last = min(first, b), max(last, e)
    for i in range(first, tok.i):  # never across a line break
        if tok.doc[i].is_space and "\n" in tok.doc[i].text:
            first = i + 1
    while first < tok.i and (tok.doc[first].is_space or tok.doc[first].is_punct):
        first += 1
    while last > tok.i and doc[last].text in ("'s", "\u2019s", "'", "\u2019"):
        last -= 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    if doc[last].text.endswith(("'s", "\u2019s")):
        end -= 2
    return start, end


class Resolver:
    """Resolves mentions in `doc` to the referents of `ctx.found` (see the module docstring)."""

    def __init__(self, doc: Doc, ctx: Context) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.words = load_json("coref.json")
        self.first_names = _first_names()
        # (first token, end token, start char, end char) of each sentence
        self.sents = [(sent.start, sent.end, sent.start_char, sent.end_char) for sent in doc.sents]
        self.sent_starts = [start_char for _, _, start_char, _ in self.sents]
        self._orgs = [ent for ent in doc.ents if ent.label_ == "ORG"]
        self._quoted = Intervals((p.start, p.end) for p in ctx.quote_pieces(doc).pieces)
        self.refresh(ctx)

    def records(self, ctx: Context) -> tuple[tuple[object, ...], ...]:
        """The records of `ctx.found` the referents come from."""
        return tuple(ctx.found.get(key, ()) for key in ("officials", "people", "cartels"))

    def current(self, ctx: Context) -> bool:
        """Whether the referents were collected from the records now in `ctx.found`."""
        return len(self._source) == 3 and all(
            a is b for a, b in zip(self._source, self.records(ctx), strict=True))

    def refresh(self, ctx: Context) -> None:
        """Collect the referents anew from the records of `ctx.found` (the parse is kept)."""
        self._source = self.records(ctx)
        mentions: list[Mention] = []
        for rec in (*ctx.found.get("officials", ()), *ctx.found.get("people", ())):
            title = (getattr(rec, "title", None) or getattr(rec, "role", None) or "")
            for m in rec.mentions:
                mentions.append(Mention(rec.name, "person", m.start, m.end, title.lower()))
        for rec in ctx.found.get("cartels", ()):
            for m in rec.mentions:
                mentions.append(Mention(rec.name, "organization", m.start, m.end))
        taken = Intervals((m.start, m.end) for m in mentions)
        for ent in self._orgs:
            if not taken.overlaps(ent.start_char, ent.end_char):
                mentions.append(Mention(_strip_det(ent.text), "organization",
                                        ent.start_char, ent.end_char))
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._index()
        self.people = sorted({(m.name, m.title) for m in mentions if m.kind == "person"})
        # the first person (in `people` order) whose name ends with a run of words, and whose
        # whole name is a run of words: `_proper` matches either way without a scan of everyone
        self._order = {name: i for i, name in enumerate(dict.fromkeys(n for n, _ in self.people))}
        self._by_suffix: dict[tuple[str, ...], str] = {}
        self._by_name: dict[tuple[str, ...], str] = {}
        for name, _ in self.people:
            full = _words(name)
            self._by_name.setdefault(full, name)
            for k in range(max(len(full) - _SUFFIX_WORDS, 0), len(full)):
                self._by_suffix.setdefault(full[k:], name)
        self.gender = self._genders()

    def _index(self) -> None:
        """Lookups on `mentions` by offset, so that no resolution scans all of them."""
        self._starts = [m.start for m in self.mentions]
        self._reach = list(accumulate((m.end for m in self.mentions), max))
        # a name inside a quotation is what the speaker says, not whom a later "he" means
        self._persons = [m for m in self.mentions if m.kind == "person" and not self._quoted.holds(m.start)]
        self._person_starts = [m.start for m in self._persons]
        self._person_sents = [self._sentence_of(m.start) for m in self._persons]
        # per gender, a pointer from a person mention back to one that may be compatible: a name
        # that has got a gender never loses it, so a mention skipped once is skipped for good
        self._skip = {g: list(range(len(self._persons))) for g in ("m", "f")}
        self._subject: dict[int, bool] = {}
        self._orgs_by: dict[str | None, _InOrder] = {}
        for m in self.mentions:
            if m.kind == "organization":
                for key in (None, *dict.fromkeys(_words(m.name))):
                    self._orgs_by.setdefault(key, _InOrder()).add(m)
        self._roles_by: dict[str, _InOrder] = {}
        for m in self._persons:
            for word in dict.fromkeys(m.title.split()):
                self._roles_by.setdefault(word, _InOrder()).add(m)

    # -- gender ------------------------------------------------------------------------------
    def _genders(self) -> dict[str, str]:
        male = word_ids(self.doc, self.words["male_pronouns"])
        female = word_ids(self.doc, self.words["female_pronouns"])
        idxs, lowers = token_lowers(self.doc)
        score: dict[str, list[int]] = {}
        for n, names in sorted(self._people_by_sentence().items()):
            if len(names) != 1:
                continue
            ((name, first),) = names.items()
            start, end, _, _ = self.sents[n]
            counts = score.setdefault(name, [0, 0])
            for i in range(start, end):
                if idxs[i] > first and lowers[i] in male:
                    counts[0] += 1
                elif idxs[i] > first and lowers[i] in female:
                    counts[1] += 1
        for name, _ in self.people:  # "Claudia Sheinbaum", "Héctor Sandoval"
            first = _words(name)[:1]
            if first and first[0] in self.first_names:
                score.setdefault(name, [0, 0])[self.first_names[first[0]] == "f"] += 3
        text = self.text
        for m in self.mentions:
            before = text[max(0, m.start - 8):m.start].lower().split()
            if before and before[-1] in self.words["male_honorifics"]:
                score.setdefault(m.name, [0, 0])[0] += 5
            elif before and before[-1] in self.words["female_honorifics"]:
                score.setdefault(m.name, [0, 0])[1] += 5
        return {n: ("m" if a > b else "f") for n, (a, b) in score.items() if a != b}

    def _people_by_sentence(self) -> dict[int, dict[str, int]]:
        """The names of the people mentioned in each sentence that mentions any, by sentence
        number, with the offset of each one's first mention there."""
        names: dict[int, dict[str, int]] = {}
        for m in self.mentions:
            if m.kind == "person":
                n = self._sentence_of(m.start)
                if n >= 0 and m.start < self.sents[n][3]:
                    names.setdefault(n, {}).setdefault(m.name, m.start)
        return names

    def compatible(self, name: str, pronoun: str) -> bool:
        g = self.gender.get(name)
        want = "m" if pronoun in self.words["male_pronouns"] else "f"
        return g is None or g == want

    # -- resolution --------------------------------------------------------------------------
    def at(self, start: int, end: int) -> Mention | None:
        """The known mention overlapping `start`..`end`, if any (the first, in text order)."""
        k = bisect.bisect_left(self._starts, end)  # the mentions that start before `end`
        first = bisect.bisect_right(self._reach, start)  # the first of them that reaches past `start`
        return self.mentions[first] if first < k else None

    def resolve(self, tok: Token) -> str | None:
        """The canonical name `tok` (the head of a mention) refers to, or None."""
        start, end = name_phrase(tok)
        lower = tok.lower_
        if lower in self.words["male_pronouns"] or lower in self.words["female_pronouns"]:
            return self._pronoun(tok)
        if lower in self.words["organization_pronouns"]:
            return self._recent_org(tok.idx, None)
        known = self.at(tok.idx, tok.idx + len(tok.text)) or (
            self.at(start, end) if tok.pos_ == "PROPN" else None)
        if known is not None:
            return known.name
        if tok.pos_ == "PROPN" and not self._capitalized_role(tok):
            return self._proper(self.text[start:end], tok)
        if tok.pos_ == "PROPN":  # "The Minister said": a role noun written with a capital
            return self._nominal(tok)
        if tok.pos_ == "NOUN":
            return self._nominal(tok)
        return None

    def _proper(self, text: str, tok: Token) -> str | None:
        words = _words(text)
        if len(words) > _SUFFIX_WORDS:  # longer than any indexed suffix: rare enough to scan for
            for name, _ in self.people:
                full = _words(name)
                if full[-len(words):] == words or words[-len(full):] == full:
                    return name
        elif words:  # the first person whose name ends with the words, or whose name they end with
            found = [n for n in (self._by_suffix.get(words),
                                 *(self._by_name.get(words[k:]) for k in range(len(words)))) if n]
            if found:
                return min(found, key=self._order.__getitem__)
        if tok.ent_type_ == "ORG":
            return _strip_det(text)
        if tok.ent_type_ not in _NOT_SPEAKERS:
            return text  # a name the records lack: as written
        return None

    def _sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sent_starts, offset) - 1

    def _last_compatible(self, k: int, want: str) -> int:
        """The last person mention before number `k` whose name is compatible with gender
        `want`, or -1 (skipping, for good, the ones that are not)."""
        skip = self._skip[want]
        i, path = k - 1, []
        while i >= 0:
            if skip[i] != i:
                path.append(i)
                i = skip[i]
            elif self.gender.get(self._persons[i].name, want) != want:
                path.append(i)
                skip[i] = i - 1
                i -= 1
            else:
                break
        for j in path:
            skip[j] = i
        return i

    def _is_subject(self, n: int) -> bool:
        if n not in self._subject:
            m = self._persons[n]
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            self._subject[n] = span is not None and span.root.dep_ in SUBJECTS
        return self._subject[n]

    def _pronoun(self, tok: Token) -> str | None:
        want = "m" if tok.lower_ in self.words["male_pronouns"] else "f"
        last = self._last_compatible(bisect.bisect_left(self._person_starts, tok.idx), want)
        while last >= 0 and self._persons[last].end > tok.idx:  # a mention around the pronoun
            last = self._last_compatible(last, want)
        if last < 0:
            return None
        # the compatible mentions of the last sentence that has one: its subject, else its first
        first = last
        while first > 0 and self._person_sents[first - 1] == self._person_sents[last]:
            first -= 1
        group = [j for j in range(first, last + 1) if self._persons[j].end <= tok.idx
                 and self.compatible(self._persons[j].name, tok.lower_)]
        chosen = next((self._persons[j].name for j in group if self._is_subject(j)), self._persons[group[0]].name)
        if self._unnamed_between(self._persons[last].end, tok):
            return None  # 'A mother of two waited outside. "...," she said': not the last name
        # What a pronoun was taken to mean is evidence for the next one ("she" ... "He").
        self.gender.setdefault(chosen, "m" if tok.lower_ in self.words["male_pronouns"] else "f")
        return chosen

    def _unnamed_between(self, after: int, tok: Token) -> bool:
        """Whether an unnamed person of `tok`'s gender ("a mother", "an elderly man", "one
        former inmate") is the subject of a clause after offset `after`, in `tok`'s sentence or
        the one before: the likelier referent of "he"/"she" than the last person named."""
        n = self._sentence_of(tok.idx)
        first = self.sents[max(n - 1, 0)][0]
        female = tok.lower_ in self.words["female_pronouns"]
        for t in self.doc[first:tok.i]:
            if t.idx < after or t.dep_ not in SUBJECTS or t.lemma_.lower() not in self.words["unnamed_people"]:
                continue
            if not any(c.lower_ in ("a", "an", "one", "another") for c in t.lefts):
                continue
            other = self.words["male_nouns"] if female else self.words["female_nouns"]
            if t.lemma_.lower() not in other:
                return True
        return False

    def _recent_org(self, offset: int, noun: str | None) -> str | None:
        found = self._orgs_by.get(noun)
        return found.last_before(offset) if found else None

    def _capitalized_role(self, tok: Token) -> bool:
        """ "The Minister" (not "Minister Ortiz"): a role noun after "the", with no name of its own."""
        return tok.lower_ in self.words["role_nouns"] and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "the" \
            and not any(c.dep_ in ("compound", "appos") and c.pos_ == "PROPN" for c in tok.children)

    def _nominal(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if lemma in self.words["document_nouns"]:  # "a Justice Department letter", "the ministry's statement"
            owner = next((c for c in tok.lefts if c.dep_ in ("poss", "compound", "nmod")
                          and (c.pos_ == "PROPN" or c.lemma_.lower() in self.words["organization_nouns"])), None)
            if owner is not None and (found := self.resolve(owner)):
                return found
        det = next((c for c in tok.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("the", "this", "that"):
            return None  # "a U.S. official" is nobody in particular
        if lemma in self.words["document_nouns"]:
            return self._issuer(tok)
        if lemma in self.words["organization_nouns"]:
            return self._recent_org(tok.idx, lemma)
        if lemma in self.words["role_nouns"]:
            found = self._roles_by.get(lemma)
            return found.last_before(tok.idx) if found else None
        return None

    def _issuer(self, tok: Token) -> str | None:
        """Who issued "the statement": the subject of the verb an earlier "statement" hangs on."""
        lemma = tok.lemma_.lower()
        for prev in reversed(self.doc[: tok.i]):
            if prev.lemma_.lower() != lemma:
                continue
            head = prev.head
            while head.pos_ not in ("VERB", "AUX") and head.head is not head:
                head = head.head
            subj = next((c for c in head.children if c.dep_ in SUBJECTS), None)
            if subj is not None and subj.i != prev.i:
                return self.resolve(subj)
            owner = next((c for c in prev.children if c.dep_ == "poss"), None)
            if owner is not None:
                return self.resolve(owner)
        return self._recent_org(tok.idx, None)


class _InOrder:
    """Mentions added in text order, asked for the last one before an offset."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.starts: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.mentions)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.starts.append(m.start)

    def last_before(self, offset: int) -> str | None:
        """The name of the last mention (in text order) that ends at or before `offset`."""
        for k in range(bisect.bisect_left(self.starts, offset) - 1, -1, -1):
            if self.mentions[k].end <= offset:
                return self.mentions[k].name
        return None
