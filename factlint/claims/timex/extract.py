"""Finding temporal expressions: the calendar dates of claims/dates.py plus timex.yaml matches.

A calendar date already read by the timeline (with its year source) is taken as is; a
pattern match that overlaps one is dropped. Among pattern matches the longest wins, then
the one listed first in timex.yaml.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factlint.claims.timex.patterns import TimexPatterns, load_timex_patterns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from factlint.claims.date_claim import DateClaim


@dataclass(frozen=True)
class Candidate:
    start: int  # plain-text offsets
    end: int
    name: str  # "kind/variant" of the pattern, or "date/<dates.yaml pattern>"
    span: Span | None = None  # the matched tokens (pattern matches)
    resolved: DateClaim | None = None  # the timeline's reading (calendar dates)

    @property
    def kind(self) -> str:
        return self.name.split("/", 1)[0]


def _date_bounds(resolved: DateClaim) -> tuple[int, int]:
    """The written date without a leading "in" ("in 2017" -> "2017")."""
    mention = resolved.mention
    if mention.range_part:
        return mention.start, mention.end
    parts = [p for p in (mention.weekday, mention.day, mention.month, mention.year) if p is not None]
    if not parts:
        return mention.start, mention.end
    return min(p.start for p in parts), max(p.end for p in parts)


def _rejected(span: Span, name: str, patterns: TimexPatterns) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    after2 = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    for key in (name, name.split("/", 1)[0]):
        words = patterns.reject_after.get(key, frozenset())
        if after in words or (after == "-" and after2 in words):
            return True
        if before in patterns.reject_before.get(key, frozenset()):
            return True
    return False


class _Taken:
    """Disjoint character ranges, kept sorted: an overlap test is a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)  # ranges starting before `end`
        return index > 0 and self.ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def find_candidates(doc: Doc, matcher: Any, resolved: Sequence[DateClaim]) -> list[Candidate]:
    """Every temporal expression in `doc`, without overlaps, in text order."""
    patterns = load_timex_patterns()
    taken = _Taken()
    chosen: list[Candidate] = []
    for item in resolved:
        mention = item.mention
        if not mention.date_evidence or (item.impossible and item.date is None):
            continue
        if not any((mention.weekday, mention.day, mention.month, mention.year)):
            continue  # a match with no readable part ("in 2017" today): the year pattern reads it
        start, end = _date_bounds(item)
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        chosen.append(Candidate(start, end, f"date/{mention.pattern}", resolved=item))
    matches = []
    for key, start, end in matcher(doc):
        name = doc.vocab.strings[key]
        span = doc[start:end]
        if not _rejected(span, name, patterns):
            matches.append((span, name))
    order = {name: index for index, name in enumerate(patterns.patterns)}
    matches.sort(key=lambda m: (-(m[0].end_char - m[0].start_char), order[m[1]], m[0].start))
    for span, name in matches:
        start, end = span.start_char, span.end_char
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        chosen.append(Candidate(start, end, name, span=span))
    return sorted(chosen, key=lambda c: c.start)
