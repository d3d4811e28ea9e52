"""Resolving each calendar date expression to a full date, and saying where its year came from.

The year of a yearless date comes from the strongest evidence the text gives, in this order:

1. written: the expression itself ("October 1, 2019");
2. a narrative anchor: an earlier explicit year in the same sentence (not one inside an aside
   that closed before: "(Dec. 22, 2020 - March 4, 2021) will be announced on Friday, Dec. 4"),
   or an earlier date of the same month with a year at most two sentences back in the same
   paragraph and not after the publication year ("In May 2017 ... on Tuesday, May 23", but not
   a bond's "due Oct. 15, 1999" for a 1989 article's "Thursday, October 26");
3. for a list item, the year its list says it is about: the item's heading, the list's
   introduction, the front-matter title or the lead ("the list of holidays for 2025",
   "Bank Holidays in October 2024", "the holidays to look forward to next year");
4. for a list item, the list's consensus: the year most of its weekdays fit, where more fit it
   than fit the years nearest the publication date (factlint.claims.list_years);
5. the publication date: the year that puts the date nearest it (a 2020-01-02 article's
   "Dec. 31" is 2019). When the written weekday does not fit that year but fits the one beside
   it, and the date lies more than three months from publication, the weekday is evidence too:
   nothing says which year is meant, and both readings are kept (`YearEvidence.other_year`).

Never the system clock. `year_explanation` says in words which evidence decided.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from factlint.claims.date_claim import DateClaim, YearSource, calendar_claim
from factlint.claims.dates import DateMention
from factlint.claims.list_years import infer_list_years, weekday_fits_other_year
from factlint.core.document import Document

GREGORIAN_START = 1583  # the weekday arithmetic below is proleptic Gregorian
ANCHOR_SENTENCES = 2  # how many sentences back a same-month date with a year can set the year


def resolve_dates(mentions: list[DateMention], document: Document) -> list[DateClaim]:
    """Every calendar expression's claim, with the year the strongest evidence gives."""
    dct = document.dct.value if document.dct else None
    resolved: list[DateClaim] = []
    paragraph: list[DateMention] = []  # anchors come from the same paragraph only: no quadratic scan
    for mention in mentions:
        if paragraph and paragraph[-1].paragraph != mention.paragraph:
            paragraph = []
        resolved.append(_resolve(mention, paragraph, dct, document.text))
        paragraph.append(mention)
    if dct is None:
        return resolved
    resolved = infer_list_years(resolved, document, dct)
    return [weekday_fits_other_year(claim, dct) for claim in resolved]


def _resolve(mention: DateMention, earlier: list[DateMention], dct: date | None, text: str) -> DateClaim:
    month = mention.month.value if mention.month else None
    day = mention.day.value if mention.day else None
    if mention.year is not None:
        return calendar_claim(mention, mention.year.value, month, day, YearSource.EXPLICIT)
    anchor = narrative_anchor(mention, earlier, dct, text)
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


def narrative_anchor(
    mention: DateMention, earlier: list[DateMention], dct: date | None = None, text: str = ""
) -> DateMention | None:
    """The most recent earlier explicit year this yearless date plausibly belongs to.

    Same sentence: any year, but for one inside an aside (parentheses, or dashes) that closed
    before the date. Earlier sentences: a date of the same month, close by, and not in the
    future of the publication date (a maturity or deadline year sets no scene).
    """
    for candidate in reversed(earlier):
        if candidate.year is None or candidate.paragraph != mention.paragraph:
            continue
        if candidate.sentence_start == mention.sentence_start:
            if text and in_closed_aside(text, candidate.sentence_start, candidate, mention.start):
                continue
            return candidate
        if mention.sentence - candidate.sentence > ANCHOR_SENTENCES:
            return None
        if dct is not None and candidate.year.value > dct.year:
            continue
        if candidate.month is not None and mention.month is not None and candidate.month.value == mention.month.value:
            return candidate
    return None


_DASHES = ("–", "—", " - ", "--")


def in_closed_aside(text: str, sentence_start: int, inside: DateMention, start: int) -> bool:
    """Is `inside` within parentheses or dashes of its sentence that close before `start`?"""
    before, between = text[sentence_start : inside.start], text[inside.end : start]
    if before.count("(") > before.count(")") and ")" in between:
        return True
    dashes = sum(before.count(d) for d in _DASHES)
    return dashes % 2 == 1 and any(d in between for d in _DASHES)


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
