"""Resolving each calendar date expression to a full date, and saying where its year came from.

The year of a yearless date comes from, in order: the expression itself; a narrative
anchor (an earlier explicit year in the same sentence, or an earlier date of the same
month with a year at most two sentences back in the same paragraph and not after the
publication year: "In May 2017 ... on Tuesday, May 23", but not a bond's "due Oct. 15,
1999" for a 1989 article's "Thursday, October 26"); the publication date, choosing the
year that puts the date nearest it (a 2020-01-02 article's "Dec. 31" is 2019). Never the
system clock.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from factlint.claims.date_claim import AnchorKind, DateClaim, YearSource, period_of
from factlint.claims.dates import DateMention
from factlint.core.document import PublicationDate

GREGORIAN_START = 1583  # the weekday arithmetic below is proleptic Gregorian
ANCHOR_SENTENCES = 2  # how many sentences back a same-month date with a year can set the year


def resolve_dates(mentions: list[DateMention], dct: PublicationDate | None) -> list[DateClaim]:
    resolved: list[DateClaim] = []
    paragraph: list[DateMention] = []  # anchors come from the same paragraph only: no quadratic scan
    for mention in mentions:
        if paragraph and paragraph[-1].paragraph != mention.paragraph:
            paragraph = []
        resolved.append(_resolve(mention, paragraph, dct.value if dct else None))
        paragraph.append(mention)
    return resolved


_ANCHOR_KIND = {
    YearSource.EXPLICIT: AnchorKind.EXPLICIT,
    YearSource.PUBLICATION_DATE: AnchorKind.DCT,
    YearSource.ANCHOR: AnchorKind.EXPRESSION,
}


def calendar_claim(
    mention: DateMention,
    year: int | None,
    month: int | None,
    day: int | None,
    source: YearSource,
    anchor: DateMention | None = None,
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
        anchor=_ANCHOR_KIND.get(source, AnchorKind.NONE),
        sentence=mention.sentence,
        mention=mention,
        year=year,
        month=month,
        day=day,
        year_source=source,
        year_anchor=anchor,
        period=period,
    )


def _resolve(mention: DateMention, earlier: list[DateMention], dct: date | None) -> DateClaim:
    month = mention.month.value if mention.month else None
    day = mention.day.value if mention.day else None
    if mention.year is not None:
        return calendar_claim(mention, mention.year.value, month, day, YearSource.EXPLICIT)
    anchor = narrative_anchor(mention, earlier, dct)
    if month is None and day is not None:
        month_anchor = next((m for m in reversed(earlier) if m.month and _near(m, mention) and not m.numeric), None)
        if month_anchor is not None and month_anchor.month is not None:
            month = month_anchor.month.value
            if month_anchor.year is not None:
                return calendar_claim(mention, month_anchor.year.value, month, day, YearSource.ANCHOR, month_anchor)
        elif dct is not None:
            year, month = nearest_month(day, dct)
            return calendar_claim(mention, year, month, day, YearSource.PUBLICATION_DATE)
    if anchor is not None and anchor.year is not None:
        return calendar_claim(mention, anchor.year.value, month, day, YearSource.ANCHOR, anchor)
    if dct is not None and month is not None:
        return calendar_claim(mention, nearest_year(month, day or 1, dct), month, day, YearSource.PUBLICATION_DATE)
    return calendar_claim(mention, None, month, day, YearSource.UNKNOWN)


def _near(candidate: DateMention, mention: DateMention) -> bool:
    return candidate.paragraph == mention.paragraph and mention.sentence - candidate.sentence <= ANCHOR_SENTENCES


def narrative_anchor(mention: DateMention, earlier: list[DateMention], dct: date | None = None) -> DateMention | None:
    """The most recent earlier explicit year this yearless date plausibly belongs to.

    Same sentence: any year. Earlier sentences: a date of the same month, close by, and
    not in the future of the publication date (a maturity or deadline year sets no scene).
    """
    for candidate in reversed(earlier):
        if candidate.year is None or candidate.paragraph != mention.paragraph:
            continue
        if candidate.sentence_start == mention.sentence_start:
            return candidate
        if mention.sentence - candidate.sentence > ANCHOR_SENTENCES:
            return None
        if dct is not None and candidate.year.value > dct.year:
            continue
        if candidate.month is not None and mention.month is not None and candidate.month.value == mention.month.value:
            return candidate
    return None


def nearest_year(month: int, day: int, dct: date) -> int:
    """The year (DCT's, or one either side) that puts month/day nearest the publication date.

    Distance is measured to the month's last day when the day does not exist, so a 1999-02-27
    article's "Feb. 29" is 1999's (and impossible), not 2000's.
    """
    best_year, best_distance = dct.year, None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if not 1 <= year <= 9999:
            continue
        safe_day = min(max(day, 1), calendar.monthrange(year, month)[1])
        distance = abs((date(year, month, safe_day) - dct).days)
        if best_distance is None or distance < best_distance:
            best_year, best_distance = year, distance
    return best_year


def nearest_month(day: int, dct: date) -> tuple[int, int]:
    """For "Wednesday the 1st": the month (around the DCT) whose day `day` is nearest it."""
    best: tuple[int, int] = (dct.year, dct.month)
    best_distance: int | None = None
    for shift in (-1, 0, 1):
        month_index = dct.year * 12 + dct.month - 1 + shift
        year, month = divmod(month_index, 12)
        month += 1
        if not 1 <= year <= 9999 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        distance = abs((date(year, month, day) - dct).days)
        if best_distance is None or distance < best_distance:
            best, best_distance = (year, month), distance
    return best


def nearest_date_with_weekday(value: date, weekday: int) -> date:
    """The date nearest `value` (within three days) that falls on `weekday` (0 = Monday)."""
    delta = (weekday - value.weekday()) % 7
    return value + timedelta(days=delta if delta <= 3 else delta - 7)


def stated_year(resolved: DateClaim) -> int | None:
    """The year a date expression writes out ("In 2019" carries no year part of its own)."""
    if resolved.mention.year is not None:
        return resolved.mention.year.value
    digits = resolved.mention.text.split()[-1]
    return int(digits) if resolved.mention.pattern == "in-year" and digits.isdigit() else None
