"""Check kind `weekday`: a weekday written next to a date against that date's weekday."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.years import GREGORIAN_START
from factlint.core.calendar_words import calendar_lexicon, load_calendar_lexicon
from factlint.core.findings import Finding, SuggestionDraft
from factlint.kinds.base import CheckKind
from factlint.kinds.calendar_fixes import (
    anchor_related,
    apply_edits,
    paired_date,
    weekday_suggestions,
    year_insertion,
    year_note,
)

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_weekday(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """A weekday stated with a date must be that date's weekday.

    Proves: the stated weekday differs from the proleptic Gregorian weekday of the date as
    resolved (explicit year, narrative anchor, the year the list says it is about or its
    weekdays agree on, or nearest the publication date).
    Does not: judge dates before `min_year` (Julian calendar in much of the world) or dates
    whose year cannot be resolved (no publication date), or ambiguous numeric dates; nor, with
    `check: mismatch`, a yearless date months from publication whose weekday fits the year
    beside the nearest one: nothing says which is meant, and `check: year-unclear` says so.
    """
    lexicon = load_calendar_lexicon()  # the message's words: rule messages are English
    own_words = calendar_lexicon(analysis.document.language)  # the fixes': the article's language
    min_year = int(rule.params.get("min_year", GREGORIAN_START))
    check = rule.params.get("check", "mismatch")
    if check == "not-checked":
        yield from _not_checked(analysis, min_year)
        return
    for resolved in analysis.resolved:
        mention = resolved.mention
        value = resolved.date
        if mention.weekday is None or value is None or value.year < min_year:
            continue
        if value.weekday() == mention.weekday.value:
            continue
        other_year = resolved.evidence.other_year
        if (other_year is None) != (check == "mismatch"):
            continue
        fields = {
            "date": value,
            "actual_weekday": lexicon.weekday_name(value.weekday()),
            "stated_weekday": lexicon.weekday_name(mention.weekday.value),
            "text": mention.text,
            "year_source": resolved.year_source.value,
            "other_date": value.replace(year=other_year) if other_year is not None else value,
        }
        suggestions = weekday_suggestions(mention, value, own_words, analysis.document.text)
        insertion = year_insertion(mention, other_year, own_words) if other_year is not None else None
        if insertion is not None:
            label = apply_edits(mention.text, mention.start, [insertion])
            suggestions = (suggestions[0], SuggestionDraft(label, (insertion,)), *suggestions[1:])
        yield Finding(
            mention.start,
            mention.end,
            fields,
            related=paired_date(mention) + anchor_related(resolved),
            suggestions=suggestions,
            note=year_note(resolved, analysis),
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


WEEKDAY = CheckKind(
    "weekday",
    check_weekday,
    frozenset({"date", "actual_weekday", "stated_weekday", "text", "year_source", "min_year", "year", "other_date"}),
    parameters={
        "min_year": {
            "type": "integer",
            "minimum": 1,
            "description": "default 1583: before it, much of the world used the Julian calendar",
        },
        "check": {
            "enum": ["mismatch", "year-unclear", "not-checked"],
            "description": "`mismatch` (default), `year-unclear` or `not-checked`",
        },
    },
    description="a stated weekday against the date's weekday in the Gregorian calendar",
    languages="all",
)
