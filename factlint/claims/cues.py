"""What a gate selector reads of one document before anything is parsed.

A check kind that needs the trained components says which sentences it could read a claim
from (its `select`, a Selector); the gate (factlint.analysis.gate) merges their picks into the
chunks the trained pipeline reads. Selectors see the cheap analysis through `Cues`: the doc,
its sentences, and each token's text and lower-cased form, read once from arrays and shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.claims.analysed import Analysed
    from factlint.core.rule import Rule

_NAMES: dict[int, str] = {}  # spellings by hash, decoded once per process
SentenceRange = tuple[int, int]  # first and last sentence index, inclusive
Selector = Callable[["Cues", "Rule"], Iterable[SentenceRange]]


@dataclass(frozen=True)
class Columns:
    """Each token's text, lower-case form, IS_ALPHA and IS_STOP, by token index."""

    texts: list[str]
    lowers: list[str]
    alpha: list[bool]
    stop: list[bool]


class Cues:
    """What selectors read of one document: the cheap analysis, its sentences, and the
    lower-cased words of each sentence (computed once, shared by every selector)."""

    def __init__(self, analysis: Analysed) -> None:
        self.analysis = analysis
        self.doc: Doc = analysis.doc
        self.sentences = analysis.sentences
        self.memo: dict[str, Any] = {}  # what several selectors share (factlint.claims.event_cues.event_cues)

    @cached_property
    def columns(self) -> Columns:
        """Read from one array: a Token object for every token would cost the selectors more
        than all the rest they do."""
        from spacy.attrs import IS_ALPHA, IS_STOP, LOWER, ORTH

        rows = self.doc.to_array([ORTH, LOWER, IS_ALPHA, IS_STOP]).tolist() if len(self.doc) else []
        strings, names = self.doc.vocab.strings, _NAMES

        def name(h: int) -> str:
            found = names.get(h)
            if found is None:
                found = names[h] = strings[h]
            return found

        texts, lowers = [name(r[0]) for r in rows], [name(r[1]) for r in rows]
        return Columns(texts, lowers, [bool(r[2]) for r in rows], [bool(r[3]) for r in rows])

    @cached_property
    def words(self) -> list[frozenset[str]]:
        lowers = self.columns.lowers
        return [frozenset(lowers[sentence.start : sentence.end]) for sentence in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding plain-text `offset`."""
        return self.analysis.sentence_of(offset)

    def with_words(self, forms: frozenset[str]) -> list[int]:
        """Sentences holding any of `forms` (lower-cased)."""
        return [index for index, words in enumerate(self.words) if not words.isdisjoint(forms)]


def around(sentences: Iterable[int], before: int = 0, after: int = 0) -> list[SentenceRange]:
    """Each sentence with `before` sentences of context before it and `after` after."""
    return [(max(index - before, 0), index + after) for index in sentences]
