"""One date model for every temporal claim: calendar dates and TIMEX values alike.

A `DateClaim` is one expression as factlint read it: its span, what was written (for a
calendar expression, the weekday, day, month and year parts: `mention`), what it means (the
resolved calendar parts, a TIMEX3 `value` with its `type` and `granularity`, the `period` of
days it covers) and why (where its year came from, and for a relative value the expression
it was computed from). The calendar-date reader (factlint.claims.years) makes one for every
calendar expression; the TIMEX resolver (factlint.claims.timex) one for every temporal
expression, the calendar ones included.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factlint.claims.dates import DateMention

_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class AnchorKind(StrEnum):
    """Where a value came from: the text alone, the publication date, or an earlier expression."""

    EXPLICIT = "explicit"  # "November 2016", "2019": the expression states its own date
    DCT = "DCT"  # deictic ("yesterday", "last year") or a yearless date placed near the DCT
    EXPRESSION = "expression"  # anaphoric ("the following year"): an earlier claim, by index
    NONE = "none"  # durations, sets and PRESENT_REF-style references need no anchor


class YearSource(StrEnum):
    """Where a calendar date's year came from."""

    EXPLICIT = "explicit"
    ANCHOR = "anchor"
    PUBLICATION_DATE = "publication date"
    UNKNOWN = "unknown"


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


@dataclass(frozen=True)
class DateClaim:
    """A temporal expression: `start`/`end` are plain-text offsets.

    TIMEX3 reading: `value` (`2019-10-01`, `2019-10`, `2019-W40`, `PAST_REF`, `P3D`), `type`
    (DATE, TIME, DURATION or SET), `granularity` (day, month, year, week, ...), `anchor` and,
    for a value computed from an earlier expression, `anchor_index` (its index among the
    document's TIMEX claims); `kind` names the pattern that found it, `sentence` its sentence
    in the cheap doc, `tense` its clause's, when one was read.

    Calendar reading (a calendar expression): `mention`, the parts as written; `year`,
    `month`, `day` as resolved; `year_source` and `year_anchor` (the earlier date a narrative
    year came from). `period`: the days the claim covers, when it covers known days.
    """

    start: int
    end: int
    text: str
    value: str = ""
    type: str = "DATE"
    granularity: str = ""
    anchor: AnchorKind = AnchorKind.NONE
    anchor_index: int | None = None
    kind: str = ""
    sentence: int = 0
    tense: str = ""
    mention: DateMention | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_source: YearSource = YearSource.UNKNOWN
    year_anchor: DateMention | None = None
    period: Period | None = None

    @property
    def date(self) -> date | None:
        """The calendar date, or None when a part is missing or the day does not exist."""
        if self.year is None or self.month is None or self.day is None:
            return None
        if not 1 <= self.year <= 9999 or not 1 <= self.month <= 12:
            return None
        if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            return None
        return date(self.year, self.month, self.day)

    @property
    def impossible(self) -> bool:
        """The month has no such day (February 30), as opposed to an unknown part."""
        if self.month is None or self.day is None or not 1 <= self.month <= 12:
            return False
        if self.day < 1:
            return True
        year = self.year if self.year is not None and 1 <= self.year <= 9999 else 2000  # 2000: leap
        return self.day > calendar.monthrange(year, self.month)[1]

    @property
    def is_date(self) -> bool:
        return self.type in ("DATE", "TIME") and self.value[:1].isdigit()
