"""Check kind `impossible-date`: a day number its month does not have."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.core.calendar_words import load_calendar_lexicon
from factlint.core.findings import Finding, SuggestionDraft, TextEdit
from factlint.kinds.base import CheckKind
from factlint.kinds.calendar_fixes import apply_edits, day_text, year_note

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


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
        last = TextEdit(mention.day.start, mention.day.end, day_text(mention.day, days_in_month, analysis.document.language))
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
                "year_source": resolved.year_source.value,
            },
            suggestions=(SuggestionDraft(apply_edits(mention.text, mention.start, [last]), (last,)),),
            note=year_note(resolved, analysis) if year else "",
        )


IMPOSSIBLE_DATE = CheckKind(
    "impossible-date",
    check_impossible_date,
    frozenset({"text", "month", "day", "year", "year_clause", "days_in_month", "year_source"}),
    parameters={
        "max_day": {"type": "integer", "minimum": 29, "description": "the largest number still read as a day (default 99)"}
    },
    description="a day number beyond the length of its month",
    languages="all",
)
