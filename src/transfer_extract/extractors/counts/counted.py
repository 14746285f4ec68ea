"""What a count counts (the noun phrase the number modifies), whether it is a running total,
and whether an ordinal counts occurrences."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from transfer_extract.extractors.counts.words import _words

# How far after a number its total cue is looked for: the total_after and total_pairs patterns
# of counts.json match within the first 90 characters after it, plus the cue itself.
_AFTER_CHARS = 200


def _head_noun(tok: Token) -> Token | None:
    """The noun a number modifies ("37 cartel members" -> members)."""
    if tok.dep_ in ("nummod", "amod", "quantmod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") \
            and tok.head.i > tok.i:
        head = tok.head
        while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
            head = head.head  # "Forty Guatemalan migrants", parsed as a compound of a compound
        return head
    if tok.dep_ == "quantmod" and tok.head.dep_ == "nummod":
        return _head_noun(tok.head)
    return None


def _phrase(doc: Doc, start: int, head: Token) -> str | None:
    """The text from token `start` to the head noun, without leading stop words."""
    w = _words()
    i = start
    while i < head.i and (doc[i].lower_ in w.strip or doc[i].tag_ in ("JJS", "CC", "DT", "RBS")
                          or doc[i].is_punct or doc[i].like_num):
        i += 1
    return doc[i:head.i + 1].text or None


def _counted(group: Span, doc: Doc) -> tuple[str | None, Token | None]:
    """(counted phrase, its head noun), or (None, None) when it must come from elsewhere."""
    last = group[-1]
    head = _head_noun(last)
    if head is not None:
        return _phrase(doc, group.end, head), head
    for child in last.children:  # "37 of them", "29 of the prisoners"
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].pos_ in ("NOUN", "PROPN"):
                return _phrase(doc, child.i + 1, objs[0]), objs[0]
    return None, None


def _refers_back(group: Span, doc: Doc) -> bool:
    """A bare number that stands for a noun said before: "the 26 handed over in August",
    "for any of the 92", "it sent 26 more", "another 26" (but not "topped 130")."""
    last = group[-1]
    after = doc[group.end] if group.end < len(doc) else None
    before = doc[group.start - 1] if group.start > 0 else None
    if after is not None and after.tag_ == "VBN":
        return True
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in last.children):
        return True  # "37 of them"
    if after is not None and after.lower_ in ("more", "others", "other", "others'"):
        return True  # "it sent 26 more"
    if last.dep_ == "conj":
        return True  # "29 prisoners in February and 26 in August"
    if before is not None and before.text == "," and after is not None and after.lower_ in ("in", "on", "from"):
        return True  # "29 people in February, 26 in August"
    return before is not None and before.lower_ in ("the", "those", "these", "all", "another", "further")


def _is_total(group: Span, doc: Doc, sents: list[Span], sent_starts: list[int], text: str) -> bool:
    w = _words()
    sent = sents[bisect.bisect_right(sent_starts, group.start) - 1] if sents else doc[:]
    before = text[max(sent.start_char, group.start_char - 60):group.start_char]
    # the cues after the number are within a clause's first words: never read the whole rest of
    # a long sentence for each number in it
    after = text[group.end_char:min(sent.end_char, group.end_char + _AFTER_CHARS)]
    if w.total_before.search(before) or w.total_after.search(after):
        return True
    if any(b.search(before) and a.search(after) for b, a in w.total_pairs):
        return True
    before = text[max(sent.start_char, group.start_char - 160):group.start_char]
    return any(r.search(before) for r in w.total_before_regex)


def _ordinal_ok(tok: Token, text: str) -> bool:
    """An ordinal of an occurrence ("the third such transfer"), not "first and foremost",
    "at first", an adverb ("first reported") or part of a name ("Second Amendment")."""
    w = _words()
    if w.not_ordinal_after.match(text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 20]):
        return False
    if w.not_ordinal_before.search(text[max(0, tok.idx - 12):tok.idx]):
        return False
    if tok.is_title and not tok.is_sent_start:
        return False
    if tok.dep_ in ("advmod", "npadvmod") or tok.pos_ == "ADV":
        return False
    if tok.lower_ == "second" and tok.pos_ == "NOUN":
        return False
    return True
