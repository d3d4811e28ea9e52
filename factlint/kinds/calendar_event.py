"""Check kind `calendar-event`: an event the newsroom's reference calendars know, dated otherwise.

Event names and aliases from the configured calendars (factlint.read.calendars) are found with
a spaCy PhraseMatcher; the date claimed for one is the nearest date expression in the
same sentence ("the APEC summit in Lima in December 2016").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.claims.years import stated_year
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.nlp.pipeline import load_pipeline
from factlint.read.calendars import CalendarEntry, load_calendars

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from factlint.analysis.document_analysis import Analysis
    from factlint.claims.date_claim import DateClaim
    from factlint.core.rule import Rule


def calendar_paths(rule: Rule) -> tuple[str, ...]:
    """The rule's `calendars` (relative to the rule file) and the config's (absolute)."""
    base = Path(rule.source).parent if rule.source else Path(".")
    return tuple(str(base / p) for p in rule.params.get("calendars", []))


@lru_cache(maxsize=16)
def _matcher(entries: tuple[CalendarEntry, ...], vocab: Any) -> tuple[Any, dict[str, tuple[CalendarEntry, ...]]]:
    from spacy.matcher import PhraseMatcher

    make_doc = load_pipeline(None).nlp.make_doc  # the tokenizer that made the analysed doc
    matcher = PhraseMatcher(vocab, attr="LOWER")
    by_key: dict[str, list[CalendarEntry]] = {}
    for entry in entries:
        for name in entry.names:
            key = " ".join(name.lower().split())
            if key not in by_key:
                matcher.add(key, [make_doc(name)])
            by_key.setdefault(key, []).append(entry)
    return matcher, {k: tuple(v) for k, v in by_key.items()}


def _period(resolved: DateClaim) -> tuple[date, date] | None:
    """The first and last day a date expression can mean: a day, a month or a year."""
    year = resolved.year if resolved.year is not None else stated_year(resolved)
    if year is None or not 1 <= year <= 9999:
        return None
    month, day = resolved.month, resolved.day
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if resolved.date is not None:
        return resolved.date, resolved.date
    if day is None and 1 <= month <= 12:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return None


def _nearest_date(span: Span, analysis: Analysis) -> tuple[DateClaim, tuple[date, date]] | None:
    sentence = span.sent
    best: tuple[int, DateClaim, tuple[date, date]] | None = None
    for resolved in analysis.resolved:
        m = resolved.mention
        if m.range_part or not sentence.start_char <= m.start < sentence.end_char:
            continue
        if m.start < span.end_char and span.start_char < m.end:
            continue  # a date inside the name ("... Meeting 2016") is the name, not a claim
        period = _period(resolved)
        if period is None:
            continue
        distance = m.start - span.end_char if m.start >= span.end_char else span.start_char - m.end
        if best is None or distance < best[0]:
            best = (distance, resolved, period)
    return (best[1], best[2]) if best else None


def _mentions_place(entry: CalendarEntry, text: str) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(place) + r"(?!\w)", text, re.IGNORECASE) for place in entry.places)


def _choose(entries: tuple[CalendarEntry, ...], sentence: str, period: tuple[date, date]) -> tuple[CalendarEntry | None, bool]:
    """The one entry of the stated year a mention refers to, and whether a place named in the
    sentence picked it. Another year's "APEC summit in Lima" (there were two) is another
    summit, not a wrong date, so the year must agree; places choose among that year's entries.
    """
    same_year = [e for e in entries if e.start.year <= period[1].year and period[0].year <= e.end.year]
    placed = [e for e in same_year if _mentions_place(e, sentence)]
    for pool, by_place in ((placed, True), (same_year, False)):
        if pool and len({(e.start, e.end) for e in pool}) == 1:  # one fact, perhaps in several files
            return pool[0], by_place
    return None, False


def check_calendar_event(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Proves: the date stated next to a known event's name, at its own granularity (day,
    month or year), does not overlap the calendar entry's dates. Does not: judge a mention
    whose entry is ambiguous (several entries of that year, no place to choose), nor a
    year in which the calendar has no such event (a wrong year is beyond this check)."""
    entries = load_calendars(calendar_paths(rule))
    if not entries:
        return
    doc: Doc = analysis.doc
    matcher, by_key = _matcher(entries, doc.vocab)
    from spacy.util import filter_spans

    matches = matcher(doc)
    keys = {(s, e): doc.vocab.strings[k] for k, s, e in matches}
    for span in filter_spans([doc[s:e] for _k, s, e in matches]):
        found = _nearest_date(span, analysis)
        if found is None:
            continue
        resolved, (first, last) = found
        entry, placed = _choose(by_key[keys[(span.start, span.end)]], span.sent.text, (first, last))
        if entry is None or (first <= entry.end and entry.start <= last):
            continue
        m = resolved.mention
        yield Finding(
            m.start,
            m.end,
            {
                "event": entry.name,
                "mention": span.text,
                "stated": m.text,
                "calendar_dates": entry.dates_text(),
                "source": entry.source,
            },
            related=(
                RelatedSpan(span.start_char, span.end_char, f"matched {entry.name!r}" + (" (and its place)" if placed else "")),
                RelatedSpan(0, 0, f"{entry.name}: {entry.dates_text()} ({entry.source})", entry.location),
            ),
            note=f"calendar entry at {entry.source}",
        )


CALENDAR_EVENT = CheckKind(
    "calendar-event",
    check_calendar_event,
    frozenset({"event", "mention", "stated", "calendar_dates", "source"}),
    parameters={
        "calendars": {
            "type": "array",
            "items": {"type": "string"},
            "description": "iCalendar (.ics) or YAML fact files, relative to the rule file (config `calendars` are added)",
        }
    },
    description="an event in a reference calendar, dated otherwise in the article",
)
