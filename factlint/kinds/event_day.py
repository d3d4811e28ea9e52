"""Check kind `event-day`: "the second day of his visit" against the day the visit began."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from factlint.claims.date_claim import DateClaim
from factlint.claims.event_cues import event_day_sentences
from factlint.claims.events import EventMention, extract_event_claims
from factlint.claims.years import nearest_date_with_weekday
from factlint.core.calendar_words import load_calendar_lexicon
from factlint.core.findings import Finding, RelatedSpan, SuggestionDraft, TextEdit
from factlint.kinds.base import CheckKind
from factlint.kinds.calendar_fixes import apply_edits, day_text
from factlint.kinds.event_series import EVENT_LANGUAGES, TRAINED, ordinal_like

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def _start_for(analysis: Analysis, event: EventMention, on: date, max_days: int) -> DateClaim | None:
    if event.start_date is not None:
        return event.start_date

    def place_fits(place: str | None) -> bool:
        return place is None or event.place is None or place == event.place

    candidates = [
        e.start_date
        for e in analysis.claims(extract_event_claims).events
        if e.start_date and e.type == event.type and e.participants == event.participants and place_fits(e.place)
    ]
    candidates += [
        s.date
        for s in analysis.claims(extract_event_claims).starts
        if s.participants & event.participants and place_fits(s.place)
    ]
    fitting = [c for c in candidates if c.period.is_day and 0 <= (on - c.period.first).days < max_days]
    return max(fitting, key=lambda c: c.period.first) if fitting else None


def _start_claim_span(analysis: Analysis, start: DateClaim) -> tuple[int, int]:
    """The whole start claim ("arrived in Moscow on Wednesday, October 1"), else its date."""
    claim = next((s for s in analysis.claims(extract_event_claims).starts if s.date == start), None)
    return (claim.start, claim.end) if claim else (start.start, start.end)


def _reconcile(analysis: Analysis, start: DateClaim, on: date, position: int) -> str:
    """Where the start's own weekday disagrees with its date, the reading that makes both hold."""
    for resolved in analysis.resolved:
        mention = resolved.mention
        value = resolved.date
        if mention.start != start.start or mention.weekday is None or value is None:
            continue
        if value.weekday() == mention.weekday.value:
            return ""
        other = nearest_date_with_weekday(value, mention.weekday.value)
        if (on - other).days + 1 == position:
            language = analysis.document.language
            if language != "en" and mention.day is not None and other.month == value.month:
                # The article's own words with the day changed: "mercredi 2 octobre".
                edit = TextEdit(mention.day.start, mention.day.end, day_text(mention.day, other.day, language))
                reading = apply_edits(mention.text, mention.start, [edit])
            else:
                lexicon = load_calendar_lexicon()
                reading = f"{lexicon.weekday_name(mention.weekday.value)}, {lexicon.month_name(other.month)} {other.day}"
            return f'if the start was "{reading}", as its weekday says, both hold'
    return ""


def check_event_day(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """ "the Nth day of the visit" must fall on start + N - 1, where the text states the start
    (an arrival or a start verb with a date, linked to the event or in the same series).
    Does not guess a start that is not stated, nor judge "the final day" without an end."""
    max_days = int(rule.params.get("max_days", 31))
    for day in analysis.claims(extract_event_claims).days:
        if day.position is None or day.date is None or not day.date.period.is_day:
            continue
        on = day.date.period.first
        start = _start_for(analysis, day.event, on, max_days)
        if start is None:
            continue
        actual = (on - start.period.first).days + 1
        if actual == day.position:
            continue
        m_start, m_end, m_text = day.marker
        fix = TextEdit(m_start, m_end, ordinal_like(actual, m_text, analysis.document.language))
        label = analysis.document.text[day.start : m_start] + fix.replacement + analysis.document.text[m_end : day.end]
        note = _reconcile(analysis, start, on, day.position)
        yield Finding(
            day.start,
            day.end,
            {
                "text": day.text,
                "date": on,
                "start_date": start.period.first,
                "start_text": start.text,
                "stated_day": day.position,
                "actual_day": actual,
                "type": day.event.type,
                "event": day.event.text,
            },
            related=(RelatedSpan(*_start_claim_span(analysis, start), f"the {day.event.type} began here"),),
            suggestions=(SuggestionDraft(label, (fix,)),),
            note=note,
        )


EVENT_DAY = CheckKind(
    "event-day",
    check_event_day,
    frozenset({"text", "date", "start_date", "start_text", "stated_day", "actual_day", "type", "event"}),
    parameters={"max_days": {"type": "integer", "minimum": 1, "description": "the longest event considered (default 31)"}},
    requires=TRAINED,
    languages=EVENT_LANGUAGES,
    select=event_day_sentences,
    description="the Nth day of an event against its stated start",
)
