"""Dated claims as the event readers use them: every date expression with a known period.

A "2016" and a "November 2016" are compatible; a "2017" is after both. Periods come from
the calendar-date resolver (factlint.claims.years) and, where present, from the temporal
resolver's TIMEX3 values (`timexes`).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim, Period, period_of, timex_period

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed

__all__ = ["Period", "dated_spans", "period_of", "timex_period"]


def dated_spans(analysis: Analysed) -> list[DateClaim]:
    """Every date expression with a known period, in text order, without overlaps."""
    spans: list[DateClaim] = [claim for claim in analysis.resolved if claim.period is not None]
    # Which characters a kept span covers, marked once: an overlap test costs the length of
    # the expression, not a scan of every span kept so far (5,000 dates in one article were
    # 12 million comparisons).
    taken = bytearray(max((s.end for s in (*spans, *analysis.timexes)), default=0))
    for claim in spans:
        taken[claim.start : claim.end] = b"\x01" * (claim.end - claim.start)
    for timex in analysis.timexes:
        if timex.period is None:
            continue
        start, end = timex.start, timex.end
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        spans.append(timex)
    return sorted(spans, key=lambda s: (s.start, s.end))


def span_at(spans: list[DateClaim], starts: list[int], offset: int) -> DateClaim | None:
    """The span of `dated_spans` (with `starts`, their start offsets) that holds `offset`."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset < spans[index].end:
        return spans[index]
    return None
