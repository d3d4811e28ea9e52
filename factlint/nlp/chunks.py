"""A stretch of an article's plain text run through the trained components."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ParsedChunk:
    """A stretch of the plain text run through the trained components (NER, parser, tagger).

    `doc` covers text[offset : offset + len(doc.text)]; add `offset` to its character
    offsets to get plain-text offsets. With gating, only sentences that a rule may need
    (plus context) are parsed; without, one chunk covers the whole text.
    """

    offset: int
    doc: Doc

    @property
    def end(self) -> int:
        """Plain-text offset where the chunk ends, in constant time (`len(doc.text)` rebuilds the text)."""
        if not len(self.doc):
            return self.offset
        last = self.doc[-1]
        return self.offset + last.idx + len(last.text_with_ws)
