"""The gate: which sentences of a document the trained components (tagger, parser, NER) read.

They cost far more than everything else, and most sentences of a news article give no rule
anything to compare. So the cheap analysis comes first (tokens, sentences, calendar dates and
TIMEX values: no trained component), and each check kind that needs trained components says
on it which sentences it could read a claim from, with the context it needs (its `select`:
factlint/claims/event_cues.py for events, counts, quantities and ages, factlint/kinds/
past_event.py for dates after publication). A token-pattern rule (pattern, consistency)
selects the sentences its pattern matches with the trained attributes dropped, and the one
before. Picked sentences are merged into chunks, each parsed with only the components the
rules that picked it need; nothing else is parsed. A kind without a selector gets it all.

NER alone reads only a few tokens around each token it labels (factlint.nlp.ner_reach), unlike
the parser, which reads whole sentences: a token further than that from the edge of the text
it is given gets the label a whole-text parse gives it. So a NER-only token pattern's match is
parsed in a window of tokens around it (the reach and one more on either side, and NAME_TOKENS
more where the pattern's trained ends, "GPE+", must cover a name), within its sentence and the
one before (benchmarks/ner_windows.py measures the labels against whole-text parses),
as a chunk of its own, so the sentences other rules parse whole are parsed as they would be
without it. A window that overlaps such sentences gives up: its sentences join them.

Soundness: a selector must pick every sentence its check could read a claim from. The
built-in ones are supersets by construction wherever a claim is lexical (an ordinal, a count
word, a form of an event noun, a definite number, a date after publication); what the parse
of a sentence reads from other sentences (who "he" is) comes from the context they add.
`--no-gating` parses everything, and benchmarks/speed.py counts the differences.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from factlint.claims.cues import Cues, Selector
from factlint.core.rule import Rule, thaw
from factlint.nlp.calendar_tokens import native_calendar_pattern

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from factlint.claims.analysed import Analysed

# Token attributes only a trained component sets (or sets differently: sentence starts).
TRAINED_ATTRIBUTES = frozenset(
    {"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID", "POS", "TAG", "MORPH", "LEMMA", "DEP", "SENT_START", "IS_SENT_START"}
)

# Sentences parsed before and after a token-pattern match: the statistical models read a few
# tokens past a sentence's ends, so a sentence parsed alone can get other entity labels.
PATTERN_CONTEXT = (1, 0)
# Components whose label for a token depends on the tokens near it alone (see the module doc).
LOCAL_COMPONENTS = frozenset({"ner"})
NAME_TOKENS = 8  # how long a name an unbounded trained end of a pattern ("GPE+") may have to cover
WINDOW_ROUNDS = 8  # rounds of windows joining runs before every window joins (keeps the gate linear)


def relax(pattern: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The pattern with trained attributes dropped and wildcard ends trimmed: it matches (a part
    of) every stretch the full pattern matches in a parsed doc. Empty: it may match anywhere."""
    relaxed, _before, _after = _relaxed(pattern)
    return relaxed


def _relaxed(pattern: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], int, int]:
    """`relax(pattern)`, and how many tokens the trimmed ends may cover before and after a
    match of it: one a token, NAME_TOKENS for a "+" or "*"."""
    relaxed: list[dict[str, Any]] = []
    for token in pattern:
        kept = {k: v for k, v in token.items() if k not in TRAINED_ATTRIBUTES and k != "field"}
        if len(kept) < len({k for k in token if k != "field"}) and kept.get("OP") == "!":
            kept = {}  # "not a PERSON" relaxed is "any token"
        relaxed.append(kept)
    is_wildcard = [not {k for k in token if k != "OP"} for token in relaxed]
    if all(is_wildcard):
        return [], 0, 0
    first = is_wildcard.index(False)
    last = len(relaxed) - is_wildcard[::-1].index(False)

    def reach(trimmed: Sequence[Mapping[str, Any]]) -> int:
        return sum(NAME_TOKENS if token.get("OP") in ("+", "*") else 1 for token in trimmed)

    return relaxed[first:last], reach(pattern[:first]), reach(pattern[last:])


@dataclass(frozen=True)
class Chunk:
    """A stretch of plain text [start, end) the trained pipeline reads, with the components
    the rules that picked it need (a NER-only rule's sentence need not be tagged or parsed)."""

    start: int
    end: int
    components: frozenset[str]


@dataclass(frozen=True)
class Pick:
    """Sentences `first`..`last` (inclusive) wanted with `components`; `window`: the plain-text
    stretch a NER-only token-pattern match needs of them, when less than whole sentences will do."""

    first: int
    last: int
    components: frozenset[str]
    window: tuple[int, int] | None = None


@dataclass(frozen=True)
class PatternKey:
    """What a relaxed pattern in the gate's matcher stands for: its rule, and how many tokens a
    match of it needs parsed before and after it (None: whole sentences)."""

    rule: Rule
    before: int | None = None
    after: int | None = None


@dataclass(frozen=True)
class Gate:
    """The selectors of one rule set. `everything`: parse whole texts with `components` (no
    gating, or a rule that may need any sentence). `matcher`: the relaxed patterns of
    token-pattern rules, keyed by their index in `pattern_keys`."""

    selectors: tuple[tuple[Selector, Rule], ...] = ()
    matcher: Matcher | None = None
    pattern_keys: tuple[PatternKey, ...] = ()
    everything: bool = False
    components: frozenset[str] = frozenset()

    def chunks(self, analysis: Analysed) -> list[Chunk]:
        """Runs of sentences picked whole, each with the components its picks need, and the
        windows of windowed picks that overlap none of them; in text order."""
        text = analysis.document.text  # not analysis.doc.text: spaCy rebuilds that from every token
        if not text.strip():
            return []
        if self.everything:
            return [Chunk(0, len(text), self.components)]
        if not self.selectors and self.matcher is None:
            return []
        cues = Cues(analysis)
        picks = list(self._picks(cues))
        whole = {pick for pick in picks if pick.window is None}  # a set: the event rules pick the same sentences
        windowed = [replace(pick, window=_clipped(pick, cues)) for pick in picks if pick.window is not None]
        for _round in range(WINDOW_ROUNDS):
            runs = _runs(whole, cues)
            starts = [run.start for run in runs]
            overlapping = {pick for pick in windowed if _overlaps(pick.window, runs, starts)}  # type: ignore[arg-type]
            if not overlapping:
                break
            whole |= {replace(pick, window=None) for pick in overlapping}  # join them, as sentences
            windowed = [pick for pick in windowed if pick not in overlapping]
        else:  # runs kept growing into windows: every match gets its sentences, as without windows
            runs = _runs(whole | {replace(pick, window=None) for pick in windowed}, cues)
            windowed = []
        chunks = runs + _merged(sorted((*pick.window, pick.components) for pick in windowed))  # type: ignore[misc]
        return sorted(chunks, key=lambda chunk: chunk.start)

    def _picks(self, cues: Cues) -> Iterator[Pick]:
        for select, rule in self.selectors:
            for first, last in select(cues, rule):
                yield Pick(first, last, rule.requires)
        if self.matcher is not None:
            doc = cues.doc
            for key, start, end in self.matcher(doc):
                pattern = self.pattern_keys[int(doc.vocab.strings[key])]
                first = cues.sentence_of(doc[start].idx)
                last = cues.sentence_of(doc[max(end - 1, start)].idx)
                window = None
                if pattern.before is not None and pattern.after is not None:
                    window = _token_window(doc, start - pattern.before, end + pattern.after)
                yield Pick(first - PATTERN_CONTEXT[0], last + PATTERN_CONTEXT[1], pattern.rule.requires, window)


def _token_window(doc: Doc, first: int, end: int) -> tuple[int, int]:
    """Plain-text stretch of tokens [first, end), widened to whole whitespace-separated words so
    the trained tokenizer splits its ends as the cheap pass did."""
    first, end = max(first, 0), min(end, len(doc))
    while first > 0 and not doc[first - 1].whitespace_:
        first -= 1
    while end < len(doc) and not doc[end - 1].whitespace_:
        end += 1
    last = doc[end - 1]
    return doc[first].idx, last.idx + len(last.text)


def _clipped(pick: Pick, cues: Cues) -> tuple[int, int]:
    """A pick's window within its sentences (a sentence's end is where a chunk ends without it)."""
    first = cues.sentences[max(pick.first, 0)].start_char
    last = cues.sentences[min(pick.last, len(cues.sentences) - 1)].end_char
    low, high = pick.window  # type: ignore[misc]
    return max(low, first), min(high, last)


def _runs(picks: Iterable[Pick], cues: Cues) -> list[Chunk]:
    """Runs of adjacent picked sentences, one chunk each with the union of what they need."""
    needs: dict[int, frozenset[str]] = {}
    for pick in picks:
        for index in range(max(pick.first, 0), min(pick.last, len(cues.sentences) - 1) + 1):
            needs[index] = needs.get(index, frozenset()) | pick.components
    chunks: list[Chunk] = []
    for index in sorted(needs):
        sentence = cues.sentences[index]
        if chunks and index - 1 in needs:
            last = chunks[-1]
            chunks[-1] = Chunk(last.start, sentence.end_char, last.components | needs[index])
        else:
            chunks.append(Chunk(sentence.start_char, sentence.end_char, needs[index]))
    return chunks


def _overlaps(window: tuple[int, int], runs: Sequence[Chunk], starts: Sequence[int]) -> bool:
    """Does [low, high) share text with one of `runs` (sorted, disjoint; `starts` their starts)?"""
    low, high = window
    index = bisect_left(starts, high)  # runs starting before the window ends
    return index > 0 and runs[index - 1].end > low


def _merged(windows: Sequence[tuple[int, int, frozenset[str]]]) -> list[Chunk]:
    """Sorted windows with their components, overlapping ones merged."""
    chunks: list[Chunk] = []
    for low, high, components in windows:
        if low >= high:
            continue
        if chunks and low <= chunks[-1].end:
            last = chunks[-1]
            chunks[-1] = Chunk(last.start, max(last.end, high), last.components | components)
        else:
            chunks.append(Chunk(low, high, components))
    return chunks


def build_gate(
    vocab: Any,
    rules: Iterable[Rule],
    select_of: Callable[[Rule], Selector | None],
    gating: bool = True,
    ner_reach: int | None = None,
) -> Gate:
    """The gate for a rule set: the selectors of the check kinds that need trained components
    (`select_of(rule)`: its kind's, None when the kind has none and so needs every sentence),
    plus one matcher for the relaxed patterns of token-pattern rules. With `ner_reach`
    (factlint.nlp.pipeline.ner_reach), a NER-only pattern's matches get token windows."""
    from spacy.matcher import Matcher

    rules = [rule for rule in rules if rule.requires]
    everything = Gate(everything=True, components=frozenset().union(*(rule.requires for rule in rules)))
    selectors: list[tuple[Selector, Rule]] = []
    pattern_keys: list[PatternKey] = []
    matcher = Matcher(vocab, validate=True)
    windowed = ner_reach is not None
    for rule in rules:
        if not gating:
            return everything
        if "tokens" in rule.params:
            relaxed = [_relaxed(pattern) for pattern in thaw(rule.params["tokens"])]
            if not all(pattern for pattern, _before, _after in relaxed):
                return everything
            for pattern, before, after in relaxed:
                if windowed and rule.requires <= LOCAL_COMPONENTS:
                    context = ner_reach + 1  # type: ignore[operator]  # labels past the reach are the whole text's
                    key = PatternKey(rule, context + before, context + after)
                else:
                    key = PatternKey(rule)
                matcher.add(str(len(pattern_keys)), [native_calendar_pattern(pattern)])
                pattern_keys.append(key)
            continue
        select = select_of(rule)
        if select is None:
            return everything
        selectors.append((select, rule))
    return Gate(tuple(selectors), matcher if pattern_keys else None, tuple(pattern_keys))
