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
    from factlint.core.document import Document

_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class AnchorKind(StrEnum):
    """Where a value came from: the text alone, the publication date, or an earlier expression."""

    EXPLICIT = "explicit"  # "November 2016", "2019": the expression states its own date
    DCT = "DCT"  # deictic ("yesterday", "last year") or a yearless date placed near the DCT
    EXPRESSION = "expression"  # anaphoric ("the following year"): an earlier claim, by index
    NONE = "none"  # durations, sets and PRESENT_REF-style references need no anchor


class YearSource(StrEnum):
    """Where a calendar date's year came from, strongest first (factlint.claims.years)."""

    EXPLICIT = "explicit"  # written in the expression
    ANCHOR = "anchor"  # an earlier date of the narrative
    HEADING = "heading"  # the year the list's heading, introduction, headline or lead says it is about
    LIST = "list"  # the year most weekdays of the list fit
    PUBLICATION_DATE = "publication date"  # the year that puts the date nearest the publication date
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class YearEvidence:
    """Why a calendar date has its year: the source, and what the text says for it.

    `anchor`: the earlier date a narrative year came from. `span` and `detail`: where the text
    states the year (a heading, the lead) or how the list shows it, in plain-text offsets and in
    words. `other_year`: a year the written weekday fits where the chosen one does not, when
    nothing stronger than the publication date chose (then both readings are said)."""

    source: YearSource = YearSource.UNKNOWN
    anchor: DateMention | None = None
    span: tuple[int, int] | None = None
    detail: str = ""
    other_year: int | None = None


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
    `month`, `day` as resolved; `evidence`, why the year is what it is (its `year_source`, and
    for a narrative year the earlier date it came from, `year_anchor`). `period`: the days the
    claim covers, when it covers known days.
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
    evidence: YearEvidence = YearEvidence()
    period: Period | None = None

    @property
    def year_source(self) -> YearSource:
        return self.evidence.source

    @property
    def year_anchor(self) -> DateMention | None:
        return self.evidence.anchor

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


ANCHOR_KIND = {  # what a calendar claim's TIMEX value was anchored on, by its year's source
    YearSource.EXPLICIT: AnchorKind.EXPLICIT,
    YearSource.PUBLICATION_DATE: AnchorKind.DCT,
    YearSource.ANCHOR: AnchorKind.EXPRESSION,
    YearSource.HEADING: AnchorKind.EXPRESSION,
    YearSource.LIST: AnchorKind.EXPRESSION,
}


def calendar_claim(
    mention: DateMention,
    year: int | None,
    month: int | None,
    day: int | None,
    source: YearSource,
    anchor: DateMention | None = None,
    evidence: YearEvidence | None = None,
) -> DateClaim:
    """The claim a calendar expression makes, its value and period worked out from its parts."""
    period_year = year
    if period_year is None and mention.pattern == "in-year":
        digits = mention.text.split()[-1]
        period_year = int(digits) if digits.isdigit() else None
    period = period_of(period_year, month, day if month else None) if period_year is not None else None
    if period is not None:
        value, granularity = period.label, "day" if period.is_day else "month" if month else "year"
    elif year is None:
        value = f"XXXX-{month:02d}" if month else "XXXX-XX"
        value, granularity = (value + f"-{day:02d}", "day") if day else (value, "month")
    else:
        value, granularity = "", "day"  # a day the month does not have
    return DateClaim(
        mention.start,
        mention.end,
        mention.text,
        value=value,
        granularity=granularity,
        anchor=ANCHOR_KIND.get(source, AnchorKind.NONE),
        sentence=mention.sentence,
        mention=mention,
        year=year,
        month=month,
        day=day,
        evidence=evidence or YearEvidence(source, anchor),
        period=period,
    )


def year_explanation(claim: DateClaim, document: Document) -> str:
    """Where a calendar date's year came from, in words, for a diagnostic's note."""
    evidence, year, dct = claim.evidence, claim.year, document.dct
    if year is None:
        return ""
    if evidence.source is YearSource.EXPLICIT:
        return f"year {year} as written"
    if evidence.source is YearSource.ANCHOR and evidence.anchor is not None:
        return f'year {year} from the earlier "{evidence.anchor.text}"'
    if evidence.source in (YearSource.HEADING, YearSource.LIST):
        return f"year {year} from {evidence.detail}"
    if evidence.source is YearSource.PUBLICATION_DATE and dct is not None:
        return f"year {year} is the one nearest the publication date {dct.value.isoformat()} ({dct.origin})"
    return ""
