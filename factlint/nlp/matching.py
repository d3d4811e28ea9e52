"""Running a large Matcher only where it can match.

spaCy's Matcher tries the first token of every pattern at every token of a text; with the
hundred-odd date and TIMEX patterns (IN-sets, regexes), that was most of the cheap pass's
time. But every pattern has a token it cannot match without: a month, a digit, "ago". A
set lookup and one regex per token find such cues, and the Matcher
runs on a few tokens around each cue and nowhere else. The matches are the same. A spelling's
cue groups are bits, worked out once per process; a token's, one array lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

Match = tuple[int, int, int]  # (match id, start token, end token), as spaCy's Matcher gives
_OPTIONAL = frozenset({"?", "*", "!"})
_TEXT_KEYS = {"ORTH": False, "TEXT": False, "LOWER": True, "NORM": True}  # key -> is the value lower-cased?


@dataclass(frozen=True)
class PatternCues:
    """What a token must be for some pattern to match around it: a word (lower-cased), or
    text matching `text_regex` / lower-case text matching `lower_regex`."""

    words: frozenset[str]
    text_regex: re.Pattern[str] | None
    lower_regex: re.Pattern[str] | None


def _token_cue(spec: Mapping[str, Any]) -> tuple[frozenset[str], list[tuple[str, bool]]] | None:
    """A test every token matching `spec` passes (a superset), or None when there is none."""
    for key, lowered in _TEXT_KEYS.items():
        value = spec.get(key)
        if isinstance(value, str):
            return frozenset({value.lower()}), []
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return frozenset(str(w).lower() for w in value["IN"]), []
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            return frozenset(), [(value["REGEX"], lowered)]
    return None


def _cost(cue: tuple[frozenset[str], list[tuple[str, bool]]], common: frozenset[str]) -> float:
    """How often a cue fires, roughly: function words ("the", "of") are everywhere, a regex
    (a digit) often, a set of month names seldom."""
    words, regexes = cue
    return 1000.0 * len(words & common) + len(words) + 50.0 * len(regexes)


@dataclass(frozen=True)
class Reach:
    """How far a match can run before and after the cue token it was found by."""

    before: int
    after: int


def _cue_of(pattern: Sequence[Mapping[str, Any]], common: frozenset[str]) -> tuple[PatternCues, Reach] | None:
    """The cheapest-firing token `pattern` requires, as a cue, and how far a match reaches
    around it; None when no required token can be written as a set or a regex."""
    usable = [(i, cue) for i, t in enumerate(pattern) if t.get("OP") not in _OPTIONAL and (cue := _token_cue(t))]
    if not usable:
        return None
    index, (words, regexes) = min(usable, key=lambda item: _cost(item[1], common))
    return _cues(words, regexes), Reach(index, len(pattern) - 1 - index)


def _cues(words: Iterable[str], regexes: Iterable[tuple[str, bool]]) -> PatternCues:
    regexes = list(regexes)

    def joined(lowered: bool) -> re.Pattern[str] | None:
        parts = sorted({f"(?:{regex})" for regex, low in regexes if low == lowered})
        return re.compile("|".join(parts)) if parts else None

    return PatternCues(frozenset(words), joined(False), joined(True))


@dataclass(frozen=True)
class _Group:
    """Patterns sharing one cue: their own Matcher, run only around that cue."""

    matcher: Matcher
    cues: PatternCues
    reach: Reach


class CuedMatcher:
    """A set of token patterns matched only on the stretch around each cue token that a match
    could cover, patterns grouped by cue (a digit starts the day patterns' matcher only).

    Exact: a match holds its pattern's cue and no "+" or "*", so it lies within its group's
    reach of that cue; overlapping stretches are merged, so no match is cut in two. `matcher`
    holds every pattern (what a document is matched with when there are no groups)."""

    def __init__(self, matcher: Matcher, groups: Sequence[_Group] = ()) -> None:
        self.matcher = matcher
        self.groups = tuple(groups)
        self._masks: dict[int, int] = {}  # orth hash -> bit i set when the spelling is a cue of group i
        self._word_masks: dict[str, int] = {}  # a cue word (lower-cased) -> the groups it is a cue of
        regexes: dict[tuple[str, bool], int] = {}  # (regex, on lower-case text?) -> the groups using it
        for index, group in enumerate(self.groups):
            for word in group.cues.words:
                self._word_masks[word] = self._word_masks.get(word, 0) | 1 << index
            for regex, lowered in ((group.cues.text_regex, False), (group.cues.lower_regex, True)):
                if regex is not None:
                    regexes[regex.pattern, lowered] = regexes.get((regex.pattern, lowered), 0) | 1 << index
        self._regexes = [(re.compile(pattern), lowered, mask) for (pattern, lowered), mask in regexes.items()]

    def _mask(self, orth: int, text: str) -> int:
        """The groups a spelling is a cue of, as bits, worked out once per spelling and process."""
        mask = self._masks.get(orth)
        if mask is None:
            lower = text.lower()
            mask = self._word_masks.get(lower, 0)
            for regex, lowered, groups in self._regexes:
                if regex.search(lower if lowered else text):
                    mask |= groups
            self._masks[orth] = mask
        return mask

    def __call__(self, doc: Doc, allow_missing: bool = False) -> list[Match]:
        """`allow_missing`: as spaCy's Matcher takes it (patterns on attributes no pipe set)."""
        if not self.groups:
            return list(self.matcher(doc, allow_missing=allow_missing))
        if not len(doc):
            return []
        import numpy
        from spacy.attrs import ORTH

        spellings, inverse = numpy.unique(doc.to_array(ORTH), return_inverse=True)
        strings = doc.vocab.strings
        known = self._masks.get  # most spellings were seen before: no string decoded, no call
        masks = [m if (m := known(orth)) is not None else self._mask(orth, strings[orth]) for orth in spellings.tolist()]
        if not any(masks):
            return []
        # The cue tokens (a few dozen in an article), then each group's, in text order.
        spelling_of = inverse.reshape(-1)
        positions: dict[int, list[int]] = {}
        cued = numpy.flatnonzero(numpy.array([m != 0 for m in masks])[spelling_of])
        for at, spelling in zip(cued.tolist(), spelling_of[cued].tolist(), strict=True):
            bits = masks[spelling]
            while bits:
                low = bits & -bits
                positions.setdefault(low.bit_length() - 1, []).append(at)
                bits ^= low
        matches: list[Match] = []
        for index in sorted(positions):
            group = self.groups[index]
            before, after = group.reach.before, group.reach.after
            windows: list[list[int]] = []
            for at in positions[index]:
                first, end = max(at - before, 0), min(at + after + 1, len(doc))
                if windows and first <= windows[-1][1]:
                    windows[-1][1] = max(windows[-1][1], end)
                else:
                    windows.append([first, end])
            for first, end in windows:
                found = group.matcher(doc[first:end], allow_missing=allow_missing)
                matches += [(key, start + first, stop + first) for key, start, stop in found]
        return sorted(matches, key=lambda match: (match[1], match[2], match[0]))


def per_vocab(build: Callable[[Any], CuedMatcher]) -> Callable[[Any], CuedMatcher]:
    """`build(vocab)` once per vocabulary; the vocabulary is kept with it, so its id is not reused."""
    made: dict[int, tuple[Any, CuedMatcher]] = {}

    def get(vocab: Any) -> CuedMatcher:
        if id(vocab) not in made:
            made[id(vocab)] = (vocab, build(vocab))
        return made[id(vocab)][1]

    return get


# Frequent tokens a cue should avoid when a pattern offers another: function words, punctuation.
_PUNCTUATION = frozenset({",", ".", "-", "–", "—", "(", ")", "'s", "'", '"', ":", ";", "/"})


def cued_matcher(vocab: Any, named: Sequence[tuple[str, list[dict[str, Any]]]], greedy: str | None = None) -> CuedMatcher:
    """A CuedMatcher for `named` patterns (key, pattern), each added with `greedy`; with no
    groups when a pattern is unbounded ("+", "*") or has no cue."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.matcher import Matcher

    full = Matcher(vocab, validate=True)
    for key, pattern in named:
        full.add(key, [pattern], greedy=greedy)
    if any(t.get("OP") in ("+", "*") for _key, p in named for t in p):
        return CuedMatcher(full)
    common = frozenset(STOP_WORDS) | _PUNCTUATION
    grouped: dict[tuple[PatternCues, Reach], list[tuple[str, list[dict[str, Any]]]]] = {}
    for key, pattern in named:
        found = _cue_of(pattern, common)
        if found is None:
            return CuedMatcher(full)
        grouped.setdefault((found[0], Reach(0, 0)), []).append((key, pattern))
    groups = []
    for (cues, _zero), members in grouped.items():
        matcher = Matcher(vocab, validate=True)
        reach = Reach(0, 0)
        for key, pattern in members:
            matcher.add(key, [pattern], greedy=greedy)
            own = _cue_of(pattern, common)
            assert own is not None
            reach = Reach(max(reach.before, own[1].before), max(reach.after, own[1].after))
        groups.append(_Group(matcher, cues, reach))
    return CuedMatcher(full, groups)
