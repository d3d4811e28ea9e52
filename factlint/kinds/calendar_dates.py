"""Check kinds against the Gregorian calendar: `weekday` and `impossible-date`."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from factlint.claims.dates import DateMention, Part
from factlint.claims.years import GREGORIAN_START, ResolvedDate, YearSource, nearest_date_with_weekday
from factlint.core.calendar_words import CalendarLexicon, load_calendar_lexicon
from factlint.kinds.base import CheckKind, Finding, RelatedSpan, SuggestionDraft, TextEdit, register

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.engine.rule_loading import Rule


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _day_text(part: Part, day: int) -> str:
    """A new day number written like the old one ("1st" -> "2nd", "01" -> "02")."""
    old = part.text
    if old[-2:].isalpha():
        return f"{day}{_ordinal_suffix(day)}"
    return f"{day:02d}" if len(old) == 2 and old.startswith("0") else str(day)


def _apply(text: str, offset: int, edits: list[TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start - offset] + edit.replacement + text[edit.end - offset :]
    return text


def _anchor_related(resolved: ResolvedDate) -> tuple[RelatedSpan, ...]:
    anchor = resolved.anchor
    if resolved.source is YearSource.ANCHOR and anchor is not None:
        return (RelatedSpan(anchor.start, anchor.end, f"year {resolved.year} taken from here"),)
    return ()


def _year_note(resolved: ResolvedDate, analysis: Analysis) -> str:
    dct = analysis.document.dct
    if resolved.source is YearSource.PUBLICATION_DATE and dct is not None:
        return f"year {resolved.year} is the one nearest the publication date {dct.value.isoformat()} ({dct.origin})"
    if resolved.source is YearSource.ANCHOR and resolved.anchor is not None:
        return f'year {resolved.year} from the earlier "{resolved.anchor.text}"'
    return ""


def _weekday_suggestions(mention: DateMention, value: date, lexicon: CalendarLexicon, text: str) -> tuple[SuggestionDraft, ...]:
    """Both readings: the right weekday for the date, and the nearest date with the stated weekday.

    A label is what the flagged span reads after the edit; for one part of a range (which
    flags the weekday alone) the date reading is labelled with the part's date.
    """
    assert mention.weekday is not None and mention.day is not None
    right_weekday = TextEdit(
        mention.weekday.start,
        mention.weekday.end,
        lexicon.weekday_name(value.weekday(), mention.weekday.text),
    )
    drafts = [SuggestionDraft(_apply(mention.text, mention.start, [right_weekday]), (right_weekday,))]
    if mention.month is not None and mention.day.start == mention.month.start:
        return tuple(drafts)  # 13/10/2019: one token for all parts; only the weekday is offered
    other = nearest_date_with_weekday(value, mention.weekday.value)
    edits = [TextEdit(mention.day.start, mention.day.end, _day_text(mention.day, other.day))]
    if other.month != value.month:
        if mention.month is None or (mention.range_part and mention.month.start < mention.date_start):
            return tuple(drafts)  # no month of its own to change ("the 31st", the shared month of "Oct. 1-3")
        month_text = f"{other.month:02d}" if mention.numeric else lexicon.month_name(other.month, mention.month.text)
        edits.append(TextEdit(mention.month.start, mention.month.end, month_text))
    if other.year != value.year and mention.year is not None:
        if mention.range_part:
            return tuple(drafts)
        edits.append(TextEdit(mention.year.start, mention.year.end, str(other.year)))
    if mention.range_part:
        label = _apply(text[mention.date_start : mention.day.end], mention.date_start, edits)
    else:
        label = _apply(mention.text, mention.start, edits)
    drafts.append(SuggestionDraft(label, tuple(edits)))
    return tuple(drafts)


def _paired_date(mention: DateMention) -> tuple[RelatedSpan, ...]:
    if mention.range_part and mention.day is not None:
        return (RelatedSpan(mention.date_start, mention.day.end, "the date this weekday is paired with"),)
    return ()


def check_weekday(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A weekday stated with a date must be that date's weekday.

    Proves: the stated weekday differs from the proleptic Gregorian weekday of the date as
    resolved (explicit year, narrative anchor, or nearest the publication date).
    Does not: judge dates before `min_year` (Julian calendar in much of the world) or dates
    whose year cannot be resolved (no publication date), or ambiguous numeric dates.
    """
    lexicon = load_calendar_lexicon()
    min_year = int(rule.params.get("min_year", GREGORIAN_START))
    if rule.params.get("check") == "not-checked":
        yield from _not_checked(analysis, min_year)
        return
    for resolved in analysis.resolved:
        mention = resolved.mention
        value = resolved.value
        if mention.weekday is None or value is None or value.year < min_year:
            continue
        if value.weekday() == mention.weekday.value:
            continue
        yield Finding(
            mention.start,
            mention.end,
            {
                "date": value,
                "actual_weekday": lexicon.weekday_name(value.weekday()),
                "stated_weekday": lexicon.weekday_name(mention.weekday.value),
                "text": mention.text,
                "year_source": resolved.source.value,
            },
            related=_paired_date(mention) + _anchor_related(resolved),
            suggestions=_weekday_suggestions(mention, value, lexicon, analysis.document.text),
            note=_year_note(resolved, analysis),
        )


def _not_checked(analysis: Analysis, min_year: int) -> Iterator[Finding]:
    """`check: not-checked`: a weekday with an explicit year before `min_year` (or year 0),
    which the weekday rule leaves alone, said rather than silently skipped."""
    lexicon = load_calendar_lexicon()
    for resolved in analysis.resolved:
        mention = resolved.mention
        if mention.weekday is None or mention.year is None or mention.year.value >= min_year:
            continue
        fields = {
            "text": mention.text,
            "min_year": min_year,
            "year": mention.year.value,
            "stated_weekday": lexicon.weekday_name(mention.weekday.value),
        }
        yield Finding(mention.start, mention.end, fields)


def check_impossible_date(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A day the month does not have: February 30, April 31, Feb. 29 of a common year.

    Proves: the day number exceeds the month's length in the resolved year (or in any
    year, for February 30 and the like). Does not: flag "in October 32 people..." where
    nothing says the number is a day (no weekday, year, ordinal suffix or "on" before it).
    """
    lexicon = load_calendar_lexicon()
    max_day = int(rule.params.get("max_day", 99))
    for resolved in analysis.resolved:
        mention = resolved.mention
        if not resolved.impossible or mention.day is None or mention.month is None:
            continue
        if not mention.date_evidence or mention.day.value > max_day:
            continue
        year = resolved.year if resolved.year is not None and 1 <= resolved.year <= 9999 else None
        days_in_month = calendar.monthrange(year if year else 2000, mention.month.value)[1]
        last = TextEdit(mention.day.start, mention.day.end, _day_text(mention.day, days_in_month))
        yield Finding(
            mention.start,
            mention.end,
            {
                "text": mention.text,
                "month": lexicon.month_name(mention.month.value),
                "day": mention.day.value,
                "year": year or "",
                "year_clause": f" in {year}" if year and mention.month.value == 2 else "",
                "days_in_month": days_in_month,
                "year_source": resolved.source.value,
            },
            suggestions=(SuggestionDraft(_apply(mention.text, mention.start, [last]), (last,)),),
            note=_year_note(resolved, analysis) if mention.year is None and year else "",
        )


register(
    CheckKind(
        "weekday",
        check_weekday,
        frozenset({"date", "actual_weekday", "stated_weekday", "text", "year_source", "min_year", "year"}),
        parameters={"min_year": {"type": "integer", "minimum": 1}, "check": {"enum": ["mismatch", "not-checked"]}},
        description="a stated weekday against the date's weekday in the Gregorian calendar",
    )
)
register(
    CheckKind(
        "impossible-date",
        check_impossible_date,
        frozenset({"text", "month", "day", "year", "year_clause", "days_in_month", "year_source"}),
        parameters={"max_day": {"type": "integer", "minimum": 29}},
        description="a day number beyond the length of its month",
    )
)
