"""The model's attribute ruler, applied by table lookups instead of spaCy's Matcher.

The trained pipeline's `attribute_ruler` maps each tag to its part of speech and morphology and
fixes some words ("'ll" -> will), with about 180 rules. Its Matcher tests the IN, NOT_IN and
REGEX conditions of those rules as Python calls on every token, which made it 13% of the whole
parse. `LookupAttributes` applies the very same rules: each rule is filed under a value its first
token must have (a LOWER, DEP, TAG or IS_SPACE value), the token attributes are read with one
`Doc.to_array` call, and a token is tested only against the rules filed under its own values;
the matches are then applied in the ruler's own order (rule by rule, later rules winning) with
spaCy's own setter. The result is identical token for token (tests/test_attributes.py checks it
on every article). Rules with anything else (other attributes, operators) are left to spaCy:
`lookup_attributes` then keeps the original component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

FACTORY = "lookup_attributes"

# The token attributes rules may test, in the order rules are filed by; the last is a flag.
ATTRS = ("LOWER", "DEP", "TAG", "IS_SPACE")
FLAG = ATTRS.index("IS_SPACE")

Test = tuple[int, Callable[[Any], bool]]  # column in ATTRS, test of the attribute's value
Rule = tuple[int, list[Test], list[list[Test]]]  # order, first token's other tests, later tokens' tests


class Unsupported(ValueError):
    """A rule this lookup cannot reproduce exactly."""


def _test(spec: Any) -> Callable[[Any], bool]:
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if len(spec) != 1:
        raise Unsupported(spec)
    ((op, arg),) = spec.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda value: value in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda value: value not in banned
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda value: regex.search(value) is not None
    raise Unsupported(spec)


def _tests(token_spec: dict[str, Any], skip: str | None = None) -> list[Test]:
    if any(key not in ATTRS for key in token_spec):
        raise Unsupported(token_spec)
    return [(ATTRS.index(key), _test(spec)) for key, spec in token_spec.items() if key != skip]


def _index_values(token_spec: dict[str, Any]) -> tuple[str | None, list[Any]]:
    """The attribute a rule is filed under and the values it is filed under (a rule needing
    one of them); (None, []) when no attribute is an equality or IN test."""
    for key in ATTRS:
        spec = token_spec.get(key)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            return key, [spec]
        if set(spec) == {"IN"}:
            return key, list(spec["IN"])
    return None, []


class LookupAttributes:
    """A pipeline component equal to the AttributeRuler whose rules it was given.

    Like spaCy's rulers, it takes its rules through `initialize(patterns=...)` (or
    `add_patterns`), in the AttributeRuler's format (`AttributeRuler.patterns`), and saves them
    with the pipeline (`to_disk`/`to_bytes`), so a saved pipeline needs no attribute ruler."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.patterns: list[dict[str, Any]] = []
        self.attrs: list[Any] = []
        self.indices: list[int] = []
        # rules by (column, value id) of their first token, as doc.to_array gives them
        self.filed: dict[tuple[int, int], list[Rule]] = {}
        self.anywhere: list[Rule] = []

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   patterns: list[dict[str, Any]] | None = None) -> None:
        """Replace the rules by `patterns` (Unsupported when the lookup cannot reproduce one)."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    def clear(self) -> None:
        self.patterns, self.attrs, self.indices, self.filed, self.anywhere = [], [], [], {}, []

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add rules in the AttributeRuler's format; Unsupported (and nothing added) for a rule
        with anything but LOWER, DEP, TAG, IS_SPACE equality, IN, NOT_IN or REGEX tests."""
        ruler = AttributeRuler(self.vocab)  # normalizes the rules as spaCy's ruler does
        ruler.add_patterns([*self.patterns, *patterns])
        filed: dict[tuple[int, int], list[Rule]] = {}
        anywhere: list[Rule] = []
        for order, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if not pattern or any(not isinstance(t, dict) or "OP" in t for t in pattern):
                    raise Unsupported(pattern)
                key, values = _index_values(pattern[0])
                entry = (order, _tests(pattern[0], skip=key), [_tests(t) for t in pattern[1:]])
                for value in values:
                    ident = int(value) if key == "IS_SPACE" else self.vocab.strings.add(value)
                    filed.setdefault((ATTRS.index(key), ident), []).append(entry)
                if key is None:
                    anywhere.append(entry)
        self.patterns = ruler.patterns
        self.attrs = list(ruler.attrs)  # normalized, as spaCy's setter takes them
        self.indices = list(ruler.indices)
        self.filed, self.anywhere = filed, anywhere

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        rows = doc.to_array(list(ATTRS)).tolist() if len(doc) else []
        strings = doc.vocab.strings

        def value(i: int, column: int) -> Any:
            ident = rows[i][column]
            return bool(ident) if column == FLAG else strings[ident]

        def passes(i: int, tests: list[Test]) -> bool:
            return all(test(value(i, column)) for column, test in tests)

        matches: set[tuple[int, int, int]] = set()
        n, filed, none = len(rows), self.filed, ()
        for i, row in enumerate(rows):
            candidates = [*self.anywhere]
            for column, ident in enumerate(row):
                candidates.extend(filed.get((column, ident), none))
            for order, first, rest in candidates:
                end = i + 1 + len(rest)
                if (first and not passes(i, first)) or end > n:
                    continue
                if all(passes(i + 1 + k, tests) for k, tests in enumerate(rest)):
                    matches.add((order, i, end))
        for order, start, end in sorted(matches):  # the ruler's own order: later rules win
            index = self.indices[order]
            set_token_attrs(doc[(start if index >= 0 else end) + index], self.attrs[order])
        return doc

    # --- serialization, as spaCy's AttributeRuler does it --------------------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LookupAttributes:
        self.initialize(patterns=srsly.msgpack_loads(data)["patterns"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / "patterns", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LookupAttributes:
        self.initialize(patterns=srsly.read_msgpack(Path(path) / "patterns"))
        return self


@Language.factory(FACTORY, assigns=["token.pos", "token.morph", "token.lemma", "token.norm"],
                  requires=["token.tag", "token.dep"])
def make_lookup_attributes(nlp: Language, name: str) -> LookupAttributes:
    """The `lookup_attributes` component, without rules until `initialize(patterns=...)`."""
    return LookupAttributes(nlp, name)


def lookup_attributes(nlp: Language) -> None:
    """Put a LookupAttributes in place of `nlp`'s attribute ruler, if it has one whose rules
    the lookup reproduces exactly (else the ruler stays)."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return
    lookup = nlp.add_pipe(FACTORY, before="attribute_ruler")
    try:
        lookup.initialize(nlp=nlp, patterns=ruler.patterns)
    except Unsupported:
        nlp.remove_pipe(FACTORY)
        return
    nlp.remove_pipe("attribute_ruler")
