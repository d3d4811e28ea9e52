"""Check kind `relative-date-conflict`: a relative date and an explicit one the text ties to the
same event disagree."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from factlint.claims.date_claim import AnchorKind, DateClaim
from factlint.claims.timex.values import bounds
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.kinds.timex_fields import anchor_text

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule

# Nouns spaCy lists as stop words that name events ("port call", "the 2017 show").
_NOUNS_IN_STOP_LIST = frozenset({"call", "part", "show", "move", "side", "name", "front", "top", "bottom", "back"})
KEYED_SENTENCES = 3  # "last year's port call" and "the 2017 port call" within three sentences
_RELATIVE_KINDS = ("relative/", "anaphoric/", "offset/", "ago/")
_APPOSITION_MARKS = (",", "(", "—", "–")
# Between a relative date and an explicit restatement of it: "the following year, in 2018".
_APPOSITION = frozenset({",", "(", "in", "on", "of", "-", "–", "—", "i.e.", "namely"})


def _disjoint(a: str, b: str) -> bool:
    first, second = bounds(a), bounds(b)
    return first is not None and second is not None and (first[1] < second[0] or second[1] < first[0])


def _event_key(analysis: Analysis, timex: DateClaim) -> str:
    """The noun a date modifies: "port call" in "last year's port call" and "the 2017 port call"."""
    doc = analysis.doc
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return ""
    words: list[str] = []
    index = span.end + (1 if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s") else 0)
    while index < len(doc) and len(words) < 2 and doc[index].is_alpha and not doc[index]._.fl_month:
        if doc[index].is_stop and doc[index].lower_ not in _NOUNS_IN_STOP_LIST:
            break
        words.append(doc[index].lower_)
        index += 1
    return " ".join(words)


def _pairs(analysis: Analysis) -> Iterator[tuple[DateClaim, DateClaim, str]]:
    """(relative expression, explicit expression, how the text ties them) for each tie."""
    timexes, text = analysis.timexes, analysis.document.text
    for first, second in pairwise(timexes):
        gap = text[first.end : second.start]
        between = gap.split()
        relative_then_explicit = first.anchor in (AnchorKind.DCT, AnchorKind.EXPRESSION) and second.anchor is AnchorKind.EXPLICIT
        # Only a relative expression proper ("the following year", "last year"), not a bare month
        # or weekday completed by the year after it ("March, 2008"), and only across apposition
        # punctuation ("the following year, in 2018"), not "the year of 2002".
        relative = first.kind.startswith(_RELATIVE_KINDS)
        apposed = any(mark in gap for mark in _APPOSITION_MARKS)
        if (
            relative_then_explicit
            and relative
            and apposed
            and all(w.strip(",()") in _APPOSITION or not w.strip(",()") for w in between)
        ):
            yield first, second, "restates"
    keyed: dict[str, DateClaim] = {}
    for timex in timexes:
        key = _event_key(analysis, timex) if timex.is_date else ""
        if not key:
            continue
        other = keyed.get(key)
        keyed[key] = timex  # the latest mention: the same noun pages apart is often another event
        if other is None or timex.sentence - other.sentence > KEYED_SENTENCES:
            continue
        if AnchorKind.EXPLICIT in (timex.anchor, other.anchor) and timex.anchor is not other.anchor:
            relative, explicit = (timex, other) if other.anchor is AnchorKind.EXPLICIT else (other, timex)
            yield relative, explicit, f'dates the same "{key}" as'


def check_relative_date_conflict(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A relative date and an explicit one the text ties to the same event disagree.

    Proves: the relative expression, resolved from its anchor, and the explicit one do not
    overlap, where the text ties them by apposition ("the following year, in 2018") or by
    dating the same noun ("last year's port call" ... "the 2017 port call").
    Does not: link expressions through coreference or paraphrase of the event.
    """
    seen: set[tuple[int, int]] = set()
    for relative, explicit, tie in _pairs(analysis):
        if (relative.start, explicit.start) in seen or not _disjoint(relative.value, explicit.value):
            continue
        seen.add((relative.start, explicit.start))
        yield Finding(
            relative.start,
            relative.end,
            {
                "text": relative.text,
                "value": relative.value,
                "anchor": anchor_text(relative, analysis.timexes, analysis),
                "other_text": explicit.text,
                "other_value": explicit.value,
                "tie": tie,
            },
            related=(RelatedSpan(explicit.start, explicit.end, f"explicitly {explicit.value} here"),),
        )


RELATIVE_DATE_CONFLICT = CheckKind(
    "relative-date-conflict",
    check_relative_date_conflict,
    frozenset({"text", "value", "anchor", "other_text", "other_value", "tie"}),
    description="a relative date and an explicit date of the same event disagree",
)
