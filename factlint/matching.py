"""Running a large Matcher only where it can match.

spaCy's Matcher tries the first token of every pattern at every token of a text; with the
hundred-odd date and TIMEX patterns (IN-sets, regexes), that was most of the cheap pass's
time. But every pattern has a token it cannot match without: a month, a digit, "ago". A
set lookup and one regex per token find such cues, and the Matcher
runs on a few tokens around each cue and nowhere else. The matches are the same.
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

    def marks(self, text: str, lower: str) -> bool:
        if lower in self.words:
            return True
        if self.text_regex is not None and self.text_regex.search(text):
            return True
        return self.lower_regex is not None and self.lower_regex.search(lower) is not None


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


def necessary_cues(
    patterns: Iterable[Sequence[Mapping[str, Any]]], common: frozenset[str] = frozenset()
) -> tuple[PatternCues, Reach] | None:
    """For each pattern, the cheapest-firing token it requires; None if some pattern has no
    token a set or regex can stand for (then the Matcher must read everything)."""
    words: set[str] = set()
    regexes: list[tuple[str, bool]] = []
    before = after = 0
    for pattern in patterns:
        required = [(i, _token_cue(t)) for i, t in enumerate(pattern) if t.get("OP") not in _OPTIONAL]
        usable = [(i, cue) for i, cue in required if cue is not None]
        if not usable:
            return None
        index, best = min(usable, key=lambda item: _cost(item[1], common))
        words |= best[0]
        regexes += best[1]
        before, after = max(before, index), max(after, len(pattern) - 1 - index)

    def joined(lowered: bool) -> re.Pattern[str] | None:
        parts = sorted({f"(?:{regex})" for regex, low in regexes if low == lowered})
        return re.compile("|".join(parts)) if parts else None

    return PatternCues(frozenset(words), joined(False), joined(True)), Reach(before, after)


class CuedMatcher:
    """A Matcher called only on the stretch around each cue token that a match could cover.

    Exact: a match holds its pattern's cue and no "+" or "*", so it lies within `reach` of
    that cue; overlapping stretches are merged, so no match is cut in two."""

    def __init__(self, matcher: Matcher, cues: PatternCues | None, reach: Reach = Reach(0, 0)) -> None:
        self.matcher = matcher
        self.cues = cues
        self.reach = reach
        self._seen: dict[int, bool] = {}  # orth hash -> is it a cue

    def is_cue(self, orth: int, text: str) -> bool:
        found = self._seen.get(orth)
        if found is None:
            assert self.cues is not None
            found = self._seen[orth] = self.cues.marks(text, text.lower())
        return found

    def __call__(self, doc: Doc) -> list[Match]:
        if self.cues is None:
            return list(self.matcher(doc))
        before, after = self.reach.before, self.reach.after
        windows: list[list[int]] = []
        for index in cue_positions(doc, self.is_cue):
            first, end = max(index - before, 0), min(index + after + 1, len(doc))
            if windows and first <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([first, end])
        matches: list[Match] = []
        for first, end in windows:
            matches += [(key, start + first, stop + first) for key, start, stop in self.matcher(doc[first:end])]
        return sorted(matches, key=lambda match: (match[1], match[2], match[0]))


def cue_positions(doc: Doc, is_cue: Callable[[int, str], bool]) -> list[int]:
    """Indices of the cue tokens, in order. Each distinct spelling is tested once per process
    (`is_cue(orth hash, text)` remembers), and the positions come from an array: a Token
    object per token costs more than the test itself."""
    import numpy
    from spacy.attrs import ORTH

    if not len(doc):
        return []
    orths = doc.to_array(ORTH)
    strings = doc.vocab.strings
    cues = [orth for orth in numpy.unique(orths).tolist() if is_cue(orth, strings[orth])]
    return numpy.flatnonzero(numpy.isin(orths, cues)).tolist() if cues else []


# Frequent tokens a cue should avoid when a pattern offers another: function words, punctuation.
_PUNCTUATION = frozenset({",", ".", "-", "–", "—", "(", ")", "'s", "'", '"', ":", ";", "/"})


def cued_matcher(matcher: Matcher, patterns: Sequence[Sequence[Mapping[str, Any]]]) -> CuedMatcher:
    """`matcher` (built from `patterns`) behind its cues; unbounded patterns ("+", "*") get none."""
    from spacy.lang.en.stop_words import STOP_WORDS

    if any(t.get("OP") in ("+", "*") for p in patterns for t in p):
        return CuedMatcher(matcher, None)
    found = necessary_cues(patterns, frozenset(STOP_WORDS) | _PUNCTUATION)
    return CuedMatcher(matcher, *found) if found else CuedMatcher(matcher, None)
