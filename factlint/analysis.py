"""One document read by the NLP: tokens, sentences, date claims and their resolution.

This is what every check kind receives. Building it is the only place spaCy runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.claims.dates import DateMention, build_matcher, extract_dates
from factlint.document import Document
from factlint.timeline import ResolvedDate, resolve_dates

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factlint.nlp import Pipeline

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class ParsedChunk:
    """A stretch of the plain text run through the trained components (NER, parser, tagger).

    `doc` covers text[offset : offset + len(doc.text)]; add `offset` to its character
    offsets to get plain-text offsets. With gating, only sentences that a rule may need
    (plus context) are parsed; without, one chunk covers the whole text.
    """

    offset: int
    doc: Doc


@dataclass(frozen=True)
class Analysis:
    document: Document
    doc: Doc  # the cheap pass: tokens, sentences, calendar attributes
    dates: tuple[DateMention, ...]
    resolved: tuple[ResolvedDate, ...]
    pipeline_name: str
    parsed: tuple[ParsedChunk, ...] = ()  # empty unless an enabled rule needs trained components


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def analyse(
    documents: Iterable[Document], pipeline: Pipeline, batch_size: int = 32, trained: Pipeline | None = None
) -> Iterator[Analysis]:
    """Analyse many documents with one `nlp.pipe` stream (batched, in order).

    `pipeline` gives the cheap pass; `trained`, when given, parses each whole text.
    """
    matcher = build_matcher(pipeline.nlp.vocab)
    docs_in = list(documents)
    texts = (document.text for document in docs_in)
    parsed_docs = trained.nlp.pipe((d.text for d in docs_in), batch_size=batch_size) if trained else None
    for document, doc in zip(docs_in, pipeline.nlp.pipe(texts, batch_size=batch_size), strict=True):
        parsed = (ParsedChunk(0, next(parsed_docs)),) if parsed_docs is not None else ()
        starts = paragraph_starts(document.text)

        def paragraph_of(offset: int, starts: list[int] = starts) -> int:
            return bisect.bisect_right(starts, offset) - 1

        mentions = extract_dates(doc, matcher, paragraph_of)
        resolved = resolve_dates(mentions, document.dct)
        name = trained.name if trained else pipeline.name
        yield Analysis(document, doc, tuple(mentions), tuple(resolved), name, parsed)
