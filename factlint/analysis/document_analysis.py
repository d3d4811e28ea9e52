"""One document read by the NLP: tokens, sentences, date claims and their resolution.

This is what every check kind receives. Building it is the only place spaCy runs. Claims that
need the parse (events, counts, ages) are read on first use, by the extractor a kind asks for
(`analysis.claims(extract_event_claims)`), once per document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any, TypeVar

from factlint.analysis.gate import Chunk, Gate
from factlint.claims.date_claim import DateClaim
from factlint.claims.dates import DateMention, date_matcher, extract_dates, pair_table_weekdays
from factlint.claims.timex.resolve import resolve_timexes
from factlint.claims.years import resolve_dates
from factlint.core.document import Document, chunk_bounds
from factlint.nlp.chunks import ParsedChunk
from factlint.nlp.sentences import sentences, start_chars

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from factlint.nlp.matching import CuedMatcher
    from factlint.nlp.pipeline import Pipeline

T = TypeVar("T")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Analysis:
    document: Document
    doc: Doc  # the cheap pass: tokens, sentences, calendar attributes
    dates: tuple[DateMention, ...]
    resolved: tuple[DateClaim, ...]
    pipeline_name: str
    parsed: tuple[ParsedChunk, ...] = ()  # empty unless an enabled rule needs trained components
    timexes: tuple[DateClaim, ...] = ()  # every temporal expression with its TIMEX3 value (factlint.claims.timex)
    over_budget: str = ""  # why the document was not analysed (a budget of the run's); "" for analysed
    untrained: str = ""  # why the trained components did not read it (a budget): only cheap-pass rules apply
    _claims: dict[Callable[..., Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def claims(self, extractor: Callable[[Analysis], T]) -> T:
        """`extractor(self)`, computed once per document: every kind reading events shares them."""
        if extractor not in self._claims:
            self._claims[extractor] = extractor(self)
        return self._claims[extractor]  # type: ignore[no-any-return]

    @cached_property
    def sentences(self) -> list[Span]:
        """The cheap pass's sentences (factlint.nlp.sentences: worked out once per doc)."""
        return sentences(self.doc)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Plain-text offsets where the cheap pass's sentences start."""
        return start_chars(self.doc)

    def sentence_of(self, offset: int) -> int:
        """Index of the cheap pass's sentence holding `offset`: one numbering for every claim,
        whatever the gate parsed (the parser's own sentences differ between chunks and wholes)."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


# The longest piece of text the trained pipeline reads at once. spaCy's own cap (1,000,000
# characters) is about memory; this one is about time: the parser's tree building grows with
# the square of a sentence's length, and a page-long run with no sentence end (10,000 list
# items, a paragraph of 5,000 dates) took minutes. Pieces are cut after a blank line where
# there is one, where no sentence runs on; no article of the corpora has a gated chunk this long.
MAX_PARSE_CHARS = 10_000


Budget = Callable[[Document, "Analysis | None"], str | None]


def analyse(
    documents: Iterable[Document],
    pipeline: Pipeline,
    batch_size: int = 32,
    trained: Pipeline | None = None,
    gate: Gate | Sequence[Gate] | None = None,
    window: int = 128,
    budget: Budget | None = None,
) -> Iterator[Analysis]:
    """Analyse many documents in order, `window` at a time, each pass one batched `nlp.pipe` stream.

    `pipeline` gives the cheap pass; `trained`, when given, parses the chunks `gate` picks on
    the cheap analysis (every whole text without a gate; a sequence gives one gate per
    document): all chunks of the window's documents in one stream.

    `budget(document, None)` is asked before the cheap pass and `budget(document, analysis)`
    after it, before the trained components: a reason given before stops that document there
    (its Analysis is of an empty text, with `over_budget` saying why); a reason given after
    keeps the cheap analysis but parses nothing of it (`untrained` says why). The others go on.
    """
    gates = iter(gate) if isinstance(gate, Sequence) else repeat(gate)
    matcher = date_matcher(pipeline.nlp.vocab)
    name = trained.name if trained else pipeline.name
    remaining = iter(documents)
    while docs_in := list(islice(remaining, window)):
        refused = [budget(document, None) if budget else None for document in docs_in]
        texts = ["" if reason else document.text for document, reason in zip(docs_in, refused, strict=True)]
        if not pipeline.trained:  # tokenizer and sentencizer only: memory is linear, so spaCy's length cap need not apply
            pipeline.nlp.max_length = max(pipeline.nlp.max_length, *(len(text) + 1 for text in texts))
        docs = pipeline.nlp.pipe(texts, batch_size=batch_size)
        cheap = [
            _analysis(document, doc, matcher, name) if not reason else _refused(document, doc, name, reason)
            for document, doc, reason in zip(docs_in, docs, refused, strict=True)
        ]
        if budget is not None:
            cheap = [a if a.over_budget or not (reason := budget(a.document, a)) else replace(a, untrained=reason) for a in cheap]
        ranges = [
            _chunk_ranges(analysis, next(gates), trained) if not (analysis.over_budget or analysis.untrained) else []
            for analysis in cheap
        ]
        parsed = _parse(trained, cheap, ranges, batch_size) if trained else {}
        for index, (analysis, chunks) in enumerate(zip(cheap, ranges, strict=True)):
            found = tuple(ParsedChunk(chunk.start, parsed[index, chunk.start]) for chunk in chunks)
            yield replace(analysis, parsed=found) if found else analysis


def _parse(trained: Pipeline, cheap: list[Analysis], ranges: list[list[Chunk]], batch_size: int) -> dict[tuple[int, int], Doc]:
    """Every chunk of a window parsed, keyed by (document index, chunk start): one batched
    stream per set of components the chunks need (most need the same set). A chunk goes in
    as the cheap pass's own tokens (`_chunk_doc`): tokenizing its text again cost a tenth of
    a cold run."""
    parsed: dict[tuple[int, int], Doc] = {}
    starts: dict[int, list[int]] = {}
    for components in sorted({chunk.components for chunks in ranges for chunk in chunks}, key=sorted):
        keys = [(i, c.start, c.end) for i, chunks in enumerate(ranges) for c in chunks if c.components == components]
        docs_in = (_chunk_doc(trained, cheap[i], start, end, starts) for i, start, end in keys)
        docs = trained.nlp.pipe(docs_in, batch_size=batch_size, disable=trained.disabled_for(components))
        for (index, start, _end), doc in zip(keys, docs, strict=True):
            parsed[index, start] = doc
    return parsed


def _chunk_doc(trained: Pipeline, analysis: Analysis, start: int, end: int, starts: dict[int, list[int]]) -> Doc:
    """text[start:end] as a Doc of the trained vocabulary made of the cheap pass's tokens (and
    the norms tokenizer exceptions set on them, which the NER reads; other norms are the trained
    vocabulary's own, whose lookup tables the blank pipeline lacks). Both pipelines tokenize
    with spaCy's English rules and the same calendar special cases, and a chunk starts and ends
    at token boundaries (factlint.analysis.gate), so these are the tokens the trained tokenizer
    would make; a chunk whose tokens do not spell its text exactly is tokenized afresh."""
    from spacy.tokens import Doc

    text = analysis.document.text[start:end]
    cheap = analysis.doc
    if id(cheap) not in starts:
        starts[id(cheap)] = [token.idx for token in cheap]
    offsets = starts[id(cheap)]
    first, last = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
    tokens = cheap[first:last]
    words = [token.text for token in tokens]
    spaces = [bool(token.whitespace_) for token in tokens]
    if tokens and tokens[-1].idx + len(tokens[-1].text_with_ws) > end:
        spaces[-1] = False
    if not words or tokens[-1].idx + len(tokens[-1].text) > end:
        return trained.nlp.make_doc(text)
    doc = Doc(trained.nlp.vocab, words=words, spaces=spaces)
    if doc.text != text:
        return trained.nlp.make_doc(text)
    for made, token in zip(doc, tokens, strict=True):
        if token.norm != token.lex.norm:  # a tokenizer exception's NORM ("n't": "not"); else the vocab's
            made.norm_ = token.norm_
    return doc


def _chunk_ranges(analysis: Analysis, gate: Gate | None, trained: Pipeline | None) -> list[Chunk]:
    """What the trained pipeline reads of one text, in pieces of at most its `max_length`."""
    if trained is None:
        return []
    text = analysis.document.text
    chunks = gate.chunks(analysis) if gate is not None else [Chunk(0, len(text), trained.components)]
    if not chunks:
        return []  # a lazily loaded pipeline (factlint.nlp.pipeline.LazyPipeline) stays unloaded
    limit = min(trained.nlp.max_length, MAX_PARSE_CHARS)
    if all(chunk.end - chunk.start <= limit for chunk in chunks):
        return chunks
    return [
        Chunk(chunk.start + a, chunk.start + b, chunk.components)
        for chunk in chunks
        for a, b in chunk_bounds(text[chunk.start : chunk.end], limit)
    ]


def _refused(document: Document, doc: Doc, name: str, reason: str) -> Analysis:
    """A document over a budget: no claims, and why. (Its Doc is the empty text's when it was
    refused before the cheap pass; the kinds do not run on it.)"""
    return Analysis(document, doc, (), (), name, over_budget=reason)


def _analysis(document: Document, doc: Doc, matcher: CuedMatcher, name: str) -> Analysis:
    """The cheap analysis: dates and TIMEX values need no trained component (tense is read
    from auxiliaries), so they do not depend on what the gate parses or on other rules."""
    starts = paragraph_starts(document.text)

    def paragraph_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    mentions = pair_table_weekdays(
        extract_dates(doc, matcher, paragraph_of), document.structure, document.text, document.language
    )
    resolved = resolve_dates(mentions, document)
    dct = document.dct.value if document.dct else None
    # TIMEX patterns are English words: in another language, the calendar dates' values only.
    timexes = resolve_timexes(document.text, doc, dct, resolved, calendar_only=document.language != "en")
    return Analysis(document, doc, tuple(mentions), tuple(resolved), name, (), timexes)
