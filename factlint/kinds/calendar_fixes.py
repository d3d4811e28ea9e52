"""What the calendar kinds say besides the verdict: the fixes they offer, in the text's own
style ("1st" -> "2nd", "Wed." -> "Tue."), and where a date's year came from."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim, YearSource, year_explanation
from factlint.claims.dates import DateMention, Part
from factlint.claims.years import nearest_date_with_weekday
from factlint.core.calendar_words import CalendarLexicon
from factlint.core.findings import RelatedSpan, SuggestionDraft, TextEdit

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed


def ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# Marks that make a day "first" only: "1er octobre", "1º de outubro" become "2 octobre", "2 de outubro".
_FIRST_ONLY = ("er", "re", "ᵉʳ", "º", "°", "ª")


def day_text(part: Part, day: int, language: str = "en") -> str:
    """A new day number written like the old one ("1st" -> "2nd", "01" -> "02"); in another
    language its marks kept ("1." -> "2.", "ika-1" -> "ika-2", "1hb" -> "2hb") but for the
    ones only the first takes ("1er" -> "2", "2" -> "1er" is not guessed)."""
    old = part.text
    if language != "en":
        digits = re.search(r"\d+", old)
        assert digits is not None
        prefix, suffix = old[: digits.start()], old[digits.end() :]
        if suffix in _FIRST_ONLY and day != 1:
            suffix = ""
        number = f"{day:02d}" if len(digits.group()) == 2 and digits.group().startswith("0") else str(day)
        return prefix + number + suffix
    if old[-2:].isalpha():
        return f"{day}{ordinal_suffix(day)}"
    return f"{day:02d}" if len(old) == 2 and old.startswith("0") else str(day)


def apply_edits(text: str, offset: int, edits: list[TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start - offset] + edit.replacement + text[edit.end - offset :]
    return text


def anchor_related(resolved: DateClaim) -> tuple[RelatedSpan, ...]:
    """Where the text gave the date its year: the earlier date, or the heading or lead."""
    anchor, evidence = resolved.year_anchor, resolved.evidence
    if resolved.year_source is YearSource.ANCHOR and anchor is not None:
        return (RelatedSpan(anchor.start, anchor.end, f"year {resolved.year} taken from here"),)
    if resolved.year_source is YearSource.HEADING and evidence.span is not None:
        return (RelatedSpan(*evidence.span, f"year {resolved.year} stated here"),)
    return ()


def year_note(resolved: DateClaim, analysis: Analysed) -> str:
    return year_explanation(resolved, analysis.document)


def year_insertion(mention: DateMention, year: int, lexicon: CalendarLexicon | None = None) -> TextEdit | None:
    """The edit that writes a yearless date's year out: "1 May" -> "1 May 2025", "May 1" -> "May 1, 2025",
    "1 de octubre" -> "1 de octubre de 2025" (Spanish, Portuguese, Catalan write "de" before the year)."""
    if mention.day is None or mention.month is None or mention.day.start == mention.month.start:
        return None
    if mention.day.start < mention.month.start:
        joiner = " de " if lexicon is not None and lexicon.language in _YEAR_AFTER_DE and " de " in mention.text else " "
        return TextEdit(mention.month.end, mention.month.end, f"{joiner}{year}")
    return TextEdit(mention.day.end, mention.day.end, f", {year}")


_YEAR_AFTER_DE = frozenset({"es", "pt", "ca"})
_CELL_BREAK = re.compile(r"\s*\n\s*\n\s*")


def weekday_suggestions(mention: DateMention, value: date, lexicon: CalendarLexicon, text: str) -> tuple[SuggestionDraft, ...]:
    """Both readings (see `_weekday_suggestions`), labelled as the text reads: a table row's
    date and weekday cells with the cell bar between them."""
    drafts = _weekday_suggestions(mention, value, lexicon, text)
    if "\n" not in mention.text:
        return drafts
    return tuple(SuggestionDraft(_CELL_BREAK.sub(" | ", draft.label), draft.edits) for draft in drafts)


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
    drafts = [SuggestionDraft(apply_edits(mention.text, mention.start, [right_weekday]), (right_weekday,))]
    if mention.month is not None and mention.day.start == mention.month.start:
        return tuple(drafts)  # 13/10/2019: one token for all parts; only the weekday is offered
    if mention.range_part and mention.month is not None and mention.month.start > mention.day.start:
        return tuple(drafts)  # "29 and 30 June (Thursday and Friday)": the other date is no span of its own
    other = nearest_date_with_weekday(value, mention.weekday.value)
    edits = [TextEdit(mention.day.start, mention.day.end, day_text(mention.day, other.day, lexicon.language))]
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
        label = apply_edits(text[mention.date_start : mention.day.end], mention.date_start, edits)
    else:
        label = apply_edits(mention.text, mention.start, edits)
    drafts.append(SuggestionDraft(label, tuple(edits)))
    return tuple(drafts)


def paired_date(mention: DateMention) -> tuple[RelatedSpan, ...]:
    if mention.range_part and mention.day is not None:
        return (RelatedSpan(mention.date_start, mention.day.end, "the date this weekday is paired with"),)
    return ()
