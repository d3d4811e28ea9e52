"""What a claim extractor reads of one analysed document.

The analysis itself is built a layer up (factlint.analysis), from what the enabled check
kinds need; extractors and cue selectors here read it through this protocol, so they never
import the layer that calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from factlint.claims.date_claim import DateClaim
    from factlint.claims.dates import DateMention
    from factlint.core.document import Document
    from factlint.nlp.chunks import ParsedChunk

T = TypeVar("T")


class Analysed(Protocol):
    """One document after the cheap pass (tokens, sentences, dates, TIMEX values) and, where
    the gate picked sentences, the trained components (`parsed`)."""

    document: Document
    doc: Doc
    dates: tuple[DateMention, ...]
    resolved: tuple[DateClaim, ...]
    pipeline_name: str
    parsed: tuple[ParsedChunk, ...]
    timexes: tuple[DateClaim, ...]

    @property
    def sentences(self) -> list[Span]: ...

    def sentence_of(self, offset: int) -> int: ...

    def claims(self, extractor: Callable[[Analysed], T]) -> T:
        """`extractor(self)`, computed once per document (every kind reading it shares it)."""
        ...
