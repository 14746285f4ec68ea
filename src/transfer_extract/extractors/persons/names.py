"""Names: candidate name runs, their edges, roles, and which person a name is (`_Entity`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from transfer_extract.extractors import token_texts
from transfer_extract.extractors.persons.lexicon import ALIAS_WORDS, HONORIFICS, QUOTES, ROLE_STOP, _roles, _title_words
from transfer_extract.pipeline import name_words

_CAP = r"[A-ZÁÉÍÓÚÑ][\w'’-]+"
# A capitalized nickname in double or single quotes: "El Mayo", 'El Chapo', ‘El Chapo’
_NICK = (r"(?:[\"“](?P<nick>[A-ZÁÉÍÓÚÑ][^\"”\n]{0,30}?)[\"”]"
         r"|['‘](?P<nick1>[A-ZÁÉÍÓÚÑ][^'’\"”\n]{0,30}?)['’](?=\s))")
# First names, a nickname in quotes, surnames: 'Ismael "El Mayo" Zambada', "Joaquin 'El Chapo' Guzman"
_NICKNAMED = re.compile(
    rf"(?<![\w'’]){_CAP}(?:[ \t]+{_CAP}){{0,2}}(?<!['’]s)[ \t]+{_NICK}"  # not "Sinaloa's 'El Mayo'"
    rf"[ \t]+{_CAP}(?:[ \t]+(?:de[ \t]+|del[ \t]+)?{_CAP}){{0,2}}"
)
_NICK_INSIDE = re.compile(rf"(?<=\s){_NICK}")


def nicknames(name: str) -> list[str]:
    """The quoted nicknames inside a name ('Joaquin "El Chapo" Guzman' -> ["El Chapo"])."""
    return [m["nick"] or m["nick1"] for m in _NICK_INSIDE.finditer(name)]


def without_nicknames(name: str) -> str:
    """The name without its quoted nicknames ('Joaquin "El Chapo" Guzman' -> "Joaquin Guzman")."""
    return re.sub(r"\s+", " ", _NICK_INSIDE.sub(" ", name)).strip()


@dataclass
class _Entity:
    name: str
    title: str | None = None
    country: str | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # cleaned-text char offsets
    single_place: bool = False
    honorific: bool = False  # named once after "Mr.", "Ms", "Sra.": a person, even by one word

    def matches(self, name: str) -> bool:
        full, part = name_words(self.name), name_words(name)
        return bool(part) and (_within(part, full) or _within(full, part))



_MAX_NAME_WORDS = 8


def _first_match(entities: list[_Entity], name: str, by_word: dict[str, set[int]],
                 by_name: dict[tuple[str, ...], set[int]]) -> int | None:
    """The number of the first entity whose name `name` is a run of, or that is a run of
    `name`, found through the indexes rather than by testing every entity: an entity that
    `name` is a run of has every word of `name` (the smallest of those sets bounds the work),
    and one that is a run of `name` has the words of one of `name`'s runs."""
    words = name_words(name)
    sets = sorted((by_word.get(w, set()) for w in set(words)), key=len)
    found = set(sets[0]).intersection(*sets[1:]) if sets and sets[0] else set()
    for i in range(len(words)):  # names have a few words: longer runs are never a known name
        for j in range(i + 1, min(len(words), i + _MAX_NAME_WORDS) + 1):
            found |= by_name.get(words[i:j], set())
    return next((k for k in sorted(found) if entities[k].matches(name)), None)


def _within(part: tuple[str, ...], full: tuple[str, ...]) -> bool:
    n = len(part)
    return any(full[i:i + n] == part for i in range(len(full) - n + 1))



def _capitalized(text: str) -> bool:
    return text[:1].isupper() and any(c.islower() for c in text) and text.lower() not in _title_words()



@dataclass(frozen=True)
class _Tokens:
    """The token offsets and texts of a doc and which of them are capitalized name words,
    computed once (from arrays: a Token object per token costs more than all the tests here)."""

    idxs: list[int]
    texts: list[str]
    caps: list[bool]
    capitalized: list[int]  # the indices of the capitalized tokens

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        idxs, texts = token_texts(doc)
        caps = [_capitalized(t) for t in texts]
        return cls(idxs, texts, caps, [i for i, c in enumerate(caps) if c])


def _name_run(toks: _Tokens, i: int) -> int:
    """The end of the run of capitalized name words starting at token `i`."""
    texts, caps = toks.texts, toks.caps
    j = i
    while j < len(texts) and (caps[j] or (j > i and texts[j].lower() in ("de", "del") and j + 1 < len(texts)
                                          and caps[j + 1])):
        j += 1
    return j


def _strip_name(doc: Doc, start: int, end: int) -> tuple[int, int, list[str]]:
    """Drop a possessive, titles and quotes at the edges; return quoted nicknames found inside."""
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].lower_.strip(".") in _title_words() or doc[start].is_punct
                           or doc[start].lower_ in ("the", "then")
                           or (doc[start].lower_ in HONORIFICS and end - start > 1)  # "Ms Ortega"
                           or (doc[start].lower_ in _roles() and end - start > 2)):  # "Analyst Ana Ruiz"
        start += 1
    return start, end, nicknames(doc[start:end].text) if end > start else []


def _role(doc: Doc, start: int, end: int) -> str | None:
    """ "Northeast Cartel leader NAME", "Another defendant, NAME" or "NAME, a leader of ..."."""
    roles = _roles()
    i = start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and doc[i].lower_ in roles:
        k = i
        while k > max(0, i - 3) and (doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[k - 1].lower_ in ("'s", "’s")) \
                and "\n" not in doc[k - 1].whitespace_ and doc[k - 1].ent_type_ not in ("PERSON", "DATE", "CARDINAL") \
                and doc[k - 1].dep_ != "ROOT":  # a modifier never heads the sentence (the
            k -= 1  # headline verb "sign" in "Betis sign Mexican forward NAME", tagged a noun)
        return doc[k:i + 1].text
    j = end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        while j + 1 < len(doc) and doc[j].like_num and doc[j + 1].text == ",":
            j += 2  # an age: "NAME, 51, a ..."
        if j < len(doc) and doc[j].lower_ in ALIAS_WORDS:
            return None  # "NAME, also known as the Doctor": a nickname, no role
        if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
            j += 1
        k = j
        while k < len(doc) and k - j < 12 and doc[k].lower_ not in ROLE_STOP and not doc[k].is_sent_start:
            k += 1
        words = [t for t in doc[j:k] if t.text not in QUOTES]
        while words and words[0].pos_ in ("ADV", "DET"):
            words = words[1:]  # "once the head of ..."
        if words and any(t.lower_ in roles for t in words):
            return "".join(t.text_with_ws for t in words).strip()
    return None



def _line_end(doc: Doc, start: int, end: int) -> int:
    """`end`, or the end of the first line break between `start` and `end`."""
    for k in range(start, end):
        if "\n" in doc[k].text:
            return k
        if "\n" in doc[k].whitespace_:
            return k + 1
    return end

