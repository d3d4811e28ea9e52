"""Dated claims as the event readers use them: every date expression with a known period.

A "2016" and a "November 2016" are compatible; a "2017" is after both. Periods come from
the calendar-date resolver (factlint.claims.years) and, where present, from the temporal
resolver's TIMEX3 values (`timexes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim, Period, period_of, timex_period

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed

__all__ = ["Period", "dated_spans", "period_of", "timex_period"]


def dated_spans(analysis: Analysed) -> list[DateClaim]:
    """Every date expression with a known period, in text order, without overlaps."""
    spans: list[DateClaim] = [claim for claim in analysis.resolved if claim.period is not None]
    for timex in analysis.timexes:
        if timex.period is None:
            continue
        start, end = timex.start, timex.end
        if any(s.start < end and start < s.end for s in spans):
            continue
        spans.append(timex)
    return sorted(spans, key=lambda s: (s.start, s.end))
