"""A faster, exact stand-in for the Matcher inside spaCy's attribute ruler.

The attribute ruler (POS and morphology from the tagger's tags, plus exceptions) cost as much
as the parser: its Matcher tries all of en_core_web_sm's 179 patterns at every token. Nearly
all are one token, "TAG is NN" or "LOWER is 'her' and TAG is PRP$": a dictionary keyed by tag
answers those. The rest (several tokens, a REGEX, an OP) stay with spaCy's Matcher, run only
around their cue words (factlint.nlp.matching). The ruler sorts the matches it gets and applies them in that order, so the same
set of matches gives the same annotations; tests compare every token's attributes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING, Any

from factlint.nlp.matching import cued_matcher

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

# Token attributes a one-token pattern may test here, as Doc.to_array names them.
_ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TAG, _LOWER = _ATTRIBUTES.index("TAG"), _ATTRIBUTES.index("LOWER")


@dataclass(frozen=True)
class _Test:
    """One one-token pattern: its match id and the tests its index key leaves (DEP, IS_SPACE)."""

    match_id: int
    tests: tuple[tuple[int, frozenset[int], bool], ...]  # (column in the token array, values, values rejected?)


Values = tuple[frozenset[int], bool]  # hashed values, and whether they are the ones rejected (NOT_IN)


def _values(value: Any, strings: Any) -> Values | None:
    """The hashed values a spec value tests: a string, a bool, {"IN": [...]} or {"NOT_IN": [...]}
    ('' is the hash 0 of an attribute no pipe set, as in spaCy); else None."""
    if isinstance(value, bool):
        return frozenset({int(value)}), False
    if isinstance(value, str):
        return frozenset({strings.add(value)}), False
    if isinstance(value, Mapping) and len(value) == 1:
        ((operator, items),) = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(items, list) and all(isinstance(v, str) for v in items):
            return frozenset(strings.add(v) for v in items), operator == "NOT_IN"
    return None


def _simple(pattern: Sequence[Mapping[str, Any]], strings: Any) -> dict[int, Values] | None:
    """A one-token pattern over the attributes above, as column -> values; else None."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(_ATTRIBUTES):
        return None
    tests: dict[int, Values] = {}
    for key, value in pattern[0].items():
        values = _values(value, strings)
        if values is None:
            return None
        tests[_ATTRIBUTES.index(key)] = values
    return tests if any(not rejected for _values, rejected in tests.values()) else None  # one to file it under


class AttributeMatcher:
    """Called as the attribute ruler calls its Matcher: `(doc, allow_missing=True, as_spans=False)`.

    A one-token pattern is filed under the exact values of its TAG and LOWER tests (each
    value of an IN set), or of its first other accepting test when it has neither: a token
    looks up its own values under each set of columns in use, then checks what the key left."""

    def __init__(self, ruler: AttributeRuler) -> None:

        strings = ruler.vocab.strings
        self.original = ruler.matcher  # what else reads the ruler's matcher (`ruler.patterns`) still gets it
        self.index: dict[tuple[int, ...], dict[tuple[int, ...], list[_Test]]] = {}
        rest: list[tuple[str, list[dict[str, Any]]]] = []
        for number in range(len(ruler.attrs)):
            key = str(number)
            match_id = strings.add(key)
            _on_match, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                tests = _simple(pattern, strings)
                if tests is None:
                    rest.append((key, pattern))
                    continue
                accepting = [c for c, (_values, rejected) in sorted(tests.items()) if not rejected]
                columns = tuple(c for c in (_TAG, _LOWER) if c in accepting) or (accepting[0],)
                left = tuple((c, values, rejected) for c, (values, rejected) in sorted(tests.items()) if c not in columns)
                test = _Test(match_id, left)
                filed = self.index.setdefault(columns, {})
                for values in product(*(sorted(tests[c][0]) for c in columns)):
                    filed.setdefault(values, []).append(test)
        self.rest = cued_matcher(ruler.vocab, rest) if rest else None

    def __getattr__(self, name: str) -> Any:
        if name == "original":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        return getattr(self.original, name)

    def __call__(self, doc: Doc, allow_missing: bool = True, as_spans: bool = False) -> list[tuple[int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        matches: list[tuple[int, int, int]] = []
        if len(doc):
            rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
            for columns, filed in self.index.items():
                for i, row in enumerate(rows):
                    found = filed.get(tuple(row[c] for c in columns))
                    for test in found or ():
                        if all((row[column] in values) != rejected for column, values, rejected in test.tests):
                            matches.append((test.match_id, i, i + 1))
        if self.rest is not None:
            matches += self.rest(doc, allow_missing=allow_missing)
        return matches


def speed_up(ruler: AttributeRuler) -> None:
    """Give `ruler` the stand-in (its `match` and `set_annotations` are spaCy's own)."""
    ruler.matcher = AttributeMatcher(ruler)
