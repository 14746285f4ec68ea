"""Whether a move word tells of a move that happened: not denied ("did not extradite"), not
to come ("will send", "would be extradited"), not asked for, refused or expected ("asked Mexico
to extradite", "a request to extradite", "is expected to land"). Word lists: `not_done_verbs`,
`not_done_nouns`, `negations`, `future_modals` and `contrast_conjunctions` in data/events.json.
"""

from __future__ import annotations

from spacy.tokens import Token

from transfer_extract.extractors.events.index import governing_verb
from transfer_extract.extractors.events.lexicon import Rules


def hypothetical(tok: Token, r: Rules) -> bool:
    """Whether `tok` belongs to a clause about what could, will or is expected to happen ("a
    third group could follow", "flights expected to total about 360 people", "a third flight is
    expected to land"), or did not happen, which is no wave that happened."""
    verb = governing_verb(tok)
    return verb is not None and (verb.lemma_.lower() in r.expectation_verbs or not_done(verb, r))


CLAUSE_CLIMB = 4  # clauses looked at above a move verb ("did not agree to try to extradite")


def not_done(tok: Token, r: Rules) -> bool:
    """Whether a move word tells of a move that did not happen, or not yet: denied ("did not
    extradite", "never extradited", "no prisoners were sent"), to come ("will send", "would be
    extradited"), asked for, decided, refused or expected ("asked Mexico to extradite", "refused
    to extradite", "a request to extradite", "is expected to be extradited"), or, for a noun,
    the object of such a verb or a modifier of such a noun ("blocked the extradition", "an
    extradition hearing", "a request for his extradition")."""
    if tok.pos_ in ("VERB", "AUX"):
        return _clause_not_done(tok, r)
    return _noun_not_done(tok, r)


def _denied(verb: Token, r: Rules) -> bool:
    """Whether a dependent of `verb` denies its clause or puts it ahead ("not", "never", "will",
    "would"), or a negative determiner is on its subject or object ("no prisoners")."""
    for c in verb.children:
        dep = c.dep_
        if dep == "neg" or (dep in ("advmod", "aux") and c.lower_ in r.negations):
            return True
        if dep == "aux" and c.lower_ in r.future_modals:
            return True
        if dep in ("nsubj", "nsubjpass", "dobj") and any(
                d.dep_ == "det" and d.lower_ in r.negations for d in c.children):
            return True
    return False


def _clause_not_done(verb: Token, r: Rules) -> bool:
    cur = verb
    for _ in range(CLAUSE_CLIMB):
        if _denied(cur, r):
            return True
        head, dep = cur.head, cur.dep_
        if head.i == cur.i:
            return False
        # "refused to extradite", "asked Mexico to extradite", "expected to land", "ordered that
        # he be extradited" (a clause of its own needs its subject: the parser may take the
        # participle of "a man wanted for fraud was extradited" for the main verb)
        if head.lemma_.lower() in r.not_done_verbs and (dep == "xcomp" or (dep == "ccomp" and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in cur.children))):
            return True
        if dep == "acl" and head.lemma_.lower() in r.not_done_nouns:
            return True  # "a request to extradite", "plans to deport"
        # "did not extradite or deport him" shares the denial; "... but deported him" does not
        shared = dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children) \
            and not any(c.dep_ == "cc" and c.lower_ in r.contrast_conjunctions
                        for c in (*cur.children, *head.children))
        if dep != "xcomp" and not shared:
            return False
        cur = head
    return False


def _noun_not_done(noun: Token, r: Rules) -> bool:
    if any(c.dep_ in ("det", "neg") and c.lower_ in r.negations for c in noun.children):
        return True  # "no extradition"
    cur = noun
    for _ in range(CLAUSE_CLIMB):
        head, dep = cur.head, cur.dep_
        if head.i == cur.i:
            return False
        lemma = head.lemma_.lower()
        if dep in ("compound", "nmod", "amod") and lemma in r.not_done_nouns:
            return True  # "an extradition request"
        # "a request for his extradition", "called for the extradition", "a third deportation
        # flight is expected to land": the phrase's clause
        if dep in ("compound", "nmod", "amod", "pobj"):
            cur = head
            continue
        # "called for the extradition", "blocked the extradition"; the move as a subject ("the
        # extradition went ahead") or the object of a verb of naming ("called the transfer a
        # sovereign decision") happened, unless the clause itself did not
        if head.pos_ in ("VERB", "AUX") and dep in ("prep", "dobj", "nsubjpass", "nsubj"):
            listed = (lemma in r.not_done_verbs) if dep == "prep" else \
                (lemma in r.not_done_objects) if dep in ("dobj", "nsubjpass") else False
            return listed or _clause_not_done(head, r)
        return dep == "prep" and lemma in r.not_done_nouns
    return False
