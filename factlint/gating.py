"""The gate: which sentences of a document the trained components (tagger, parser, NER) read.

They cost far more than everything else, and most sentences of a news article give no rule
anything to compare. So the cheap analysis comes first (tokens, sentences, calendar dates and
TIMEX values: no trained component), and each check kind that needs trained components says
on it which sentences it could read a claim from, with the context it needs (its `select`:
factlint/claims/cues.py for events, counts, quantities and ages, factlint/checks/
timeline_rules.py for dates after publication). A token-pattern rule (pattern, consistency)
selects the sentences its pattern matches with the trained attributes dropped, and the one
before. Picked sentences are merged into chunks, each parsed with only the components the
rules that picked it need; nothing else is parsed. A kind without a selector gets it all.

Soundness: a selector must pick every sentence its check could read a claim from. The
built-in ones are supersets by construction wherever a claim is lexical (an ordinal, a count
word, a form of an event noun, a definite number, a date after publication); what the parse
of a sentence reads from other sentences (who "he" is) comes from the context they add.
`--no-gating` parses everything, and benchmarks/speed.py counts the differences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from factlint.analysis import Analysis
    from factlint.rules import Rule

# Token attributes only a trained component sets (or sets differently: sentence starts).
TRAINED_ATTRIBUTES = frozenset(
    {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID", "POS", "TAG", "MORPH", "LEMMA", "DEP", "SENT_START", "IS_SENT_START"}
)

# Sentences parsed before and after a token-pattern match: the statistical models read a few
# tokens past a sentence's ends, so a sentence parsed alone can get other entity labels.
PATTERN_CONTEXT = (1, 0)
SentenceRange = tuple[int, int]  # first and last sentence index, inclusive
Selector = Callable[["Cues", "Rule"], Iterable[SentenceRange]]


class Cues:
    """What selectors read of one document: the cheap analysis, its sentences, and the
    lower-cased words of each sentence (computed once, shared by every selector)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.doc: Doc = analysis.doc
        self.sentences = analysis.sentences
        self.memo: dict[str, Any] = {}  # what several selectors share (factlint.claims.cues.event_cues)

    @cached_property
    def words(self) -> list[frozenset[str]]:
        return [frozenset(t.lower_ for t in sentence) for sentence in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding plain-text `offset`."""
        return self.analysis.sentence_of(offset)

    def with_words(self, forms: frozenset[str]) -> list[int]:
        """Sentences holding any of `forms` (lower-cased)."""
        return [index for index, words in enumerate(self.words) if not words.isdisjoint(forms)]


def around(sentences: Iterable[int], before: int = 0, after: int = 0) -> list[SentenceRange]:
    """Each sentence with `before` sentences of context before it and `after` after."""
    return [(max(index - before, 0), index + after) for index in sentences]


def relax(pattern: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with trained attributes dropped and wildcard ends trimmed: it matches (a part
    of) every stretch the full pattern matches in a parsed doc. Empty: it may match anywhere."""
    relaxed: list[dict[str, Any]] = []
    for token in pattern:
        kept = {k: v for k, v in token.items() if k not in TRAINED_ATTRIBUTES and k != "field"}
        if len(kept) < len({k for k in token if k != "field"}) and kept.get("OP") == "!":
            kept = {}  # "not a PERSON" relaxed is "any token"
        relaxed.append(kept)
    is_wildcard = [not {k for k in token if k != "OP"} for token in relaxed]
    if all(is_wildcard):
        return []
    first = is_wildcard.index(False)
    last = len(relaxed) - is_wildcard[::-1].index(False)
    return relaxed[first:last]


@dataclass(frozen=True)
class Chunk:
    """A stretch of plain text [start, end) the trained pipeline reads, with the components
    the rules that picked it need (a NER-only rule's sentence need not be tagged or parsed)."""

    start: int
    end: int
    components: frozenset[str]


@dataclass(frozen=True)
class Gate:
    """The selectors of one rule set. `everything`: parse whole texts with `components` (no
    gating, or a rule that may need any sentence). `matcher`: the relaxed patterns of
    token-pattern rules, keyed by the index of their rule in `pattern_rules`."""

    selectors: tuple[tuple[Selector, Rule], ...] = ()
    matcher: Matcher | None = None
    pattern_rules: tuple[Rule, ...] = ()
    everything: bool = False
    components: frozenset[str] = frozenset()

    def chunks(self, analysis: Analysis) -> list[Chunk]:
        """Runs of picked sentences, in order, each with the components its picks need."""
        text = analysis.doc.text
        if not text.strip():
            return []
        if self.everything:
            return [Chunk(0, len(text), self.components)]
        if not self.selectors and self.matcher is None:
            return []
        cues = Cues(analysis)
        needs: dict[int, frozenset[str]] = {}
        for first, last, components in self._picks(cues):
            for index in range(max(first, 0), min(last, len(cues.sentences) - 1) + 1):
                needs[index] = needs.get(index, frozenset()) | components
        chunks: list[Chunk] = []
        for index in sorted(needs):
            sentence = cues.sentences[index]
            if chunks and index - 1 in needs:  # one run, one chunk: the union of what its sentences need
                last = chunks[-1]
                chunks[-1] = Chunk(last.start, sentence.end_char, last.components | needs[index])
            else:
                chunks.append(Chunk(sentence.start_char, sentence.end_char, needs[index]))
        return chunks

    def _picks(self, cues: Cues) -> Iterator[tuple[int, int, frozenset[str]]]:
        for select, rule in self.selectors:
            for first, last in select(cues, rule):
                yield first, last, rule.requires
        if self.matcher is not None:
            for key, start, end in self.matcher(cues.doc):
                rule = self.pattern_rules[int(cues.doc.vocab.strings[key])]
                first = cues.sentence_of(cues.doc[start].idx)
                last = cues.sentence_of(cues.doc[max(end - 1, start)].idx)
                yield first - PATTERN_CONTEXT[0], last + PATTERN_CONTEXT[1], rule.requires


def build_gate(vocab: Any, rules: Iterable[Rule], gating: bool = True) -> Gate:
    """The gate for a rule set: the selectors of the check kinds that need trained
    components, plus one matcher for the relaxed patterns of token-pattern rules."""
    from spacy.matcher import Matcher

    from factlint.checks.base import REGISTRY
    from factlint.lexicon import native_calendar_pattern

    rules = [rule for rule in rules if rule.requires]
    everything = Gate(everything=True, components=frozenset().union(*(rule.requires for rule in rules)))
    selectors: list[tuple[Selector, Rule]] = []
    pattern_rules: list[Rule] = []
    matcher = Matcher(vocab, validate=True)
    for rule in rules:
        if not gating:
            return everything
        if "tokens" in rule.params:
            relaxed = [relax(pattern) for pattern in rule.params["tokens"]]
            if not all(relaxed):
                return everything
            matcher.add(str(len(pattern_rules)), [native_calendar_pattern(pattern) for pattern in relaxed])
            pattern_rules.append(rule)
            continue
        select = REGISTRY[rule.extends].select
        if select is None:
            return everything
        selectors.append((select, rule))
    return Gate(tuple(selectors), matcher if pattern_rules else None, tuple(pattern_rules))
