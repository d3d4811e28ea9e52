"""Date expressions as periods (first and last day), whatever their granularity.

A "2016" and a "November 2016" are compatible; a "2017" is after both. Periods come from
the calendar-date resolver (factlint.claims.years) and, where present, from the temporal
resolver's TIMEX3 values (`timexes`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed

_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class Period:
    first: date
    last: date
    label: str  # as TIMEX3: 2019-10-03, 2016-11, 2017

    @property
    def is_day(self) -> bool:
        return self.first == self.last

    def before(self, other: Period) -> bool:
        return self.last < other.first

    def overlaps(self, other: Period) -> bool:
        return not (self.before(other) or other.before(self))


@dataclass(frozen=True)
class DatedSpan:
    start: int  # plain-text offsets
    end: int
    text: str
    period: Period


def period_of(year: int, month: int | None = None, day: int | None = None) -> Period | None:
    if not 1 <= year <= 9999:
        return None
    if month is None:
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return Period(date(year, month, 1), date(year, month, last_day), f"{year:04d}-{month:02d}")
    if not 1 <= day <= last_day:
        return None
    value = date(year, month, day)
    return Period(value, value, value.isoformat())


def timex_period(value: str) -> Period | None:
    match = _TIMEX_DATE.match(value or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    return period_of(year, month, day)  # type: ignore[arg-type]


def dated_spans(analysis: Analysed) -> list[DatedSpan]:
    """Every date expression with a known period, in text order, without overlaps."""
    spans: list[DatedSpan] = []
    for resolved in analysis.resolved:
        mention = resolved.mention
        year = resolved.year
        if year is None and mention.pattern == "in-year":
            digits = mention.text.split()[-1]
            year = int(digits) if digits.isdigit() else None
        if year is None:
            continue
        period = period_of(year, resolved.month, resolved.day if resolved.month else None)
        if period is not None:
            spans.append(DatedSpan(mention.start, mention.end, mention.text, period))
    timexes: Any = getattr(analysis, "timexes", ())
    for timex in timexes:
        period = timex_period(getattr(timex, "value", ""))
        if period is None:
            continue
        start, end = timex.start, timex.end
        if any(s.start < end and start < s.end for s in spans):
            continue
        spans.append(DatedSpan(start, end, timex.text, period))
    return sorted(spans, key=lambda s: (s.start, s.end))
