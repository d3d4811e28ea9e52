"""Check kind `nth-weekday`: "the second Saturday" stated for a date must be that date's place
among the month's Saturdays."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from factlint.claims.date_claim import year_explanation
from factlint.claims.nth_weekday import NthWeekday, extract_nth_weekdays, language_ordinals
from factlint.core.calendar_words import load_calendar_lexicon
from factlint.core.findings import Finding, RelatedSpan, SuggestionDraft, TextEdit
from factlint.kinds.base import CheckKind
from factlint.kinds.event_series import ORDINAL_WORDS, ordinal_text

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def place_in_month(value: date) -> int:
    """1 for the month's first Monday (or whichever weekday `value` is), 2 for the second, ..."""
    return (value.day - 1) // 7 + 1


def is_last(value: date) -> bool:
    return value.day + 7 > calendar.monthrange(value.year, value.month)[1]


def nth_date(year: int, month: int, weekday: int, ordinal: int) -> date | None:
    """The `ordinal`-th `weekday` of the month (-1: the last), or None when the month has no such day."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    if ordinal == -1:
        while (day + timedelta(days=7)).month == month:
            day += timedelta(days=7)
        return day
    day += timedelta(days=7 * (ordinal - 1))
    return day if day.month == month else None


def ordinal_word(ordinal: int, like: str) -> str:
    """ "fourth" for a "second", "Fourth" for a "Second", "4th" for a "2nd", "last" as written."""
    if ordinal == -1:
        word = "last"
    elif like[:1].isdigit():
        return ordinal_text(ordinal)
    else:
        word = ORDINAL_WORDS[ordinal]
    return word.upper() if like.isupper() else word.capitalize() if like[:1].isupper() else word


def _own_ordinal(language: str, place: int, like: str) -> str:
    """Another language's ordinal for `place`, in the gender and case of `like` ("segunda" ->
    "cuarta", "zweiten" -> "vierten": the form sharing most of its ending), in its case."""
    forms = [word for word, value in language_ordinals(language).items() if value == place]
    if not forms:
        return like
    lower = like.lower()

    def ending(word: str) -> int:
        n = 0
        while n < min(len(word), len(lower)) and word[-1 - n] == lower[-1 - n]:
            n += 1
        return n

    picked = max(forms, key=lambda word: (ending(word), -abs(len(word) - len(lower))))
    if like.isupper() and len(like) > 1:
        return picked.upper()
    return picked[:1].upper() + picked[1:] if like[:1].isupper() else picked


def check_nth_weekday(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Proves: the date written beside "the Nth <weekday> (of <month>)" is not that day: it falls
    on another weekday, or it is another of the month's such weekdays. Does not: read a phrase
    naming another month than the date's, or a date without a known year."""
    names = load_calendar_lexicon()
    for phrase in analysis.claims(extract_nth_weekdays):
        value = phrase.date.date
        if value is None or (phrase.month is not None and phrase.month != value.month):
            continue
        place = -1 if phrase.ordinal == -1 and is_last(value) else place_in_month(value)
        if value.weekday() == phrase.weekday and place == phrase.ordinal:
            continue
        yield _finding(analysis, phrase, value, place, names)


def _finding(analysis: Analysis, phrase: NthWeekday, value: date, place: int, names) -> Finding:  # type: ignore[no-untyped-def]
    weekday = names.weekday_name(phrase.weekday)
    month = names.month_name(value.month)
    stated = f"{'last' if phrase.ordinal == -1 else ORDINAL_WORDS.get(phrase.ordinal, ordinal_text(phrase.ordinal))} {weekday}"
    low, high = phrase.ordinal_span
    written = analysis.document.text[low:high]
    suggestions: tuple[SuggestionDraft, ...] = ()
    if value.weekday() == phrase.weekday:
        nth = ORDINAL_WORDS.get(place_in_month(value), ordinal_text(place_in_month(value)))
        actual = f"the {nth} and last {weekday}" if is_last(value) else f"the {nth} {weekday}"
        language = analysis.document.language
        word = ordinal_word(place, written) if language == "en" else _own_ordinal(language, place, written)
        fix = TextEdit(low, high, word)
        label = analysis.document.text[phrase.start : low] + fix.replacement + analysis.document.text[high : phrase.end]
        suggestions = (SuggestionDraft(label, (fix,)),)
    else:
        actual = f"a {names.weekday_name(value.weekday())}"
    meant = nth_date(value.year, value.month, phrase.weekday, phrase.ordinal)
    fields = {
        "text": phrase.text,
        "date": value,
        "stated": stated,
        "actual": actual,
        "month": month,
        "meant": meant if meant is not None else value,
        "date_text": phrase.date.text,
    }
    note = year_explanation(phrase.date, analysis.document)
    if meant is not None:
        note = f"the {stated} of {month} {value.year} is {month} {meant.day}" + (f"; {note}" if note else "")
    related = (RelatedSpan(phrase.date.start, phrase.date.end, "the date it is stated for"),)
    return Finding(phrase.start, phrase.end, fields, related=related, suggestions=suggestions, note=note)


NTH_WEEKDAY = CheckKind(
    "nth-weekday",
    check_nth_weekday,
    frozenset({"text", "date", "stated", "actual", "month", "meant", "date_text"}),
    description='an ordinal weekday of the month ("second Saturday") against the date it is stated for',
    languages="all",
)
