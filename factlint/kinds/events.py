"""Check kinds over events and counts: `ordinal-series`, `event-day`, `quantity`, `age`.

All compare claims bucketed by key (series, counted noun, person), so an article with
thousands of claims stays linear in practice. Each kind's docstring says what it proves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from factlint.claims.event_cues import (
    age_sentences,
    event_day_sentences,
    ordinal_series_sentences,
    quantity_sentences,
    series_count_sentences,
)
from factlint.claims.events import QUANTITY_SENTENCES, AgeClaim, EventMention, Quantity
from factlint.claims.periods import DatedSpan
from factlint.claims.years import nearest_date_with_weekday
from factlint.kinds.base import CheckKind, Finding, RelatedSpan, SuggestionDraft, TextEdit, register

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.engine.rule_loading import Rule

TRAINED = frozenset({"parser", "ner", "tagger"})
ORDINAL_WORDS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}


def ordinal_text(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def ordinal_like(value: int, like: str) -> str:
    """ "third" for a "second", "3rd" for a "2nd"."""
    if like[:1].isdigit() or value not in ORDINAL_WORDS:
        return ordinal_text(value)
    word = ORDINAL_WORDS[value]
    return word.capitalize() if like[:1].isupper() else word


def _line(analysis: Analysis, offset: int) -> int:
    return analysis.document.location(offset, offset).start.line


def _series(analysis: Analysis) -> dict[tuple, list[EventMention]]:
    buckets: dict[tuple, list[EventMention]] = defaultdict(list)
    for event in analysis.events.events:
        if event.participants and not event.plural:
            buckets[event.series_key].append(event)
    return buckets


def _ordinal_span(event: EventMention) -> tuple[int, int]:
    return event.ordinal_span or (event.start, event.end)


def _fields(analysis: Analysis, event: EventMention, other: EventMention | None = None) -> dict[str, object]:
    fields: dict[str, object] = {
        "text": event.text,
        "type": event.type,
        "ordinal": ordinal_text(event.ordinal or 0),
        "date": event.when.period.label if event.when else "undated",
        "participants": " and ".join(sorted(event.participants)),
    }
    if other is not None:
        fields.update(
            other_text=other.text,
            other_ordinal=ordinal_text(other.ordinal or 0),
            other_date=other.when.period.label if other.when else "undated",
            other_line=_line(analysis, other.start),
        )
    return fields


def _same_event(a: EventMention, b: EventMention) -> bool | None:
    """True/False when the dates say so; None when either is undated."""
    if a.when is None or b.when is None:
        return None
    pa, pb = a.when.period, b.when.period
    if pa.is_day and pb.is_day:
        return pa == pb
    return pa.overlaps(pb)


def _told(pairs: list[tuple[EventMention, EventMention]], a: EventMention, b: EventMention) -> bool:
    """This pair of events was already reported through other mentions of them."""
    return any(_same_event(x, a) and _same_event(y, b) for x, y in pairs)


def check_ordinal_series(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """`check: conflict` — one event given two ordinals, or one ordinal given to two events
    whose dates cannot be the same event. `check: chronology` — a higher ordinal dated
    before a lower one in the same series. Series are (type, participants, destination for
    visits); undated mentions are not compared, plural mentions ("goodwill visits") skipped."""
    mode = rule.params.get("check", "conflict")
    for events in _series(analysis).values():
        ranked = [e for e in events if e.ordinal is not None]
        reported: set[int] = set()
        pairs: list[tuple[EventMention, EventMention]] = []

        for index, later in enumerate(ranked):
            for earlier in ranked[:index]:
                same = _same_event(earlier, later)
                if same is None or later.start in reported or _told(pairs, earlier, later):
                    continue
                related = (RelatedSpan(*_ordinal_span(earlier), f"{ordinal_text(earlier.ordinal or 0)} {earlier.type} here"),)
                if mode == "conflict" and (
                    (same and earlier.ordinal != later.ordinal) or (not same and earlier.ordinal == later.ordinal)
                ):
                    reported.add(later.start)
                    pairs.append((earlier, later))
                    fields = {**_fields(analysis, later, earlier), "same_event": "yes" if same else "no"}
                    yield Finding(*_ordinal_span(later), fields, related=related, note="; ".join(later.resolved))
                elif mode == "chronology" and not same and earlier.ordinal != later.ordinal:
                    low, high = (earlier, later) if (earlier.ordinal or 0) < (later.ordinal or 0) else (later, earlier)
                    if high.when and low.when and high.when.period.before(low.when.period):
                        reported.add(later.start)
                        pairs.append((earlier, later))
                        yield Finding(*_ordinal_span(later), _fields(analysis, later, earlier), related=related)


def check_series_count(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """`check: exceeds-count` — "has visited Russia twice" and "his third visit".
    `check: exceeds-ordinal` — the article lists, with distinct dates, at least N earlier
    events of a series than its "Nth" event (five dated meetings before "the 4th")."""
    mode = rule.params.get("check", "exceeds-count")
    series = _series(analysis)
    if mode == "exceeds-count":
        for count in analysis.events.counts:
            for event in series.get((count.type, count.participants, count.place if count.type == "visit" else None), []):
                if event.ordinal is not None and event.ordinal > count.count:
                    fields = {**_fields(analysis, event), "count": count.count, "count_text": count.text}
                    yield Finding(*_ordinal_span(event), fields, related=(RelatedSpan(count.start, count.end, "the count"),))
        return
    for events in series.values():
        for event in events:
            if event.ordinal is None or event.when is None:
                continue
            earlier = sorted({e.when.period for e in events if e.when and e.when.period.before(event.when.period)})
            distinct: list = []
            for period in earlier:
                if not distinct or distinct[-1].before(period):
                    distinct.append(period)
            if len(distinct) >= event.ordinal:
                fields = {
                    **_fields(analysis, event),
                    "earlier": len(distinct),
                    "earlier_dates": ", ".join(p.label for p in distinct),
                }
                yield Finding(*_ordinal_span(event), fields)


def _start_for(analysis: Analysis, event: EventMention, on: date, max_days: int) -> DatedSpan | None:
    if event.start_date is not None:
        return event.start_date

    def place_fits(place: str | None) -> bool:
        return place is None or event.place is None or place == event.place

    candidates = [
        e.start_date
        for e in analysis.events.events
        if e.start_date and e.type == event.type and e.participants == event.participants and place_fits(e.place)
    ]
    candidates += [s.date for s in analysis.events.starts if s.participants & event.participants and place_fits(s.place)]
    fitting = [c for c in candidates if c.period.is_day and 0 <= (on - c.period.first).days < max_days]
    return max(fitting, key=lambda c: c.period.first) if fitting else None


def _start_claim_span(analysis: Analysis, start: DatedSpan) -> tuple[int, int]:
    """The whole start claim ("arrived in Moscow on Wednesday, October 1"), else its date."""
    claim = next((s for s in analysis.events.starts if s.date == start), None)
    return (claim.start, claim.end) if claim else (start.start, start.end)


def _reconcile(analysis: Analysis, start: DatedSpan, on: date, position: int) -> str:
    """Where the start's own weekday disagrees with its date, the reading that makes both hold."""
    from factlint.core.calendar_words import load_calendar_lexicon

    for resolved in analysis.resolved:
        mention = resolved.mention
        value = resolved.value
        if mention.start != start.start or mention.weekday is None or value is None:
            continue
        if value.weekday() == mention.weekday.value:
            return ""
        other = nearest_date_with_weekday(value, mention.weekday.value)
        if (on - other).days + 1 == position:
            lexicon = load_calendar_lexicon()
            reading = f"{lexicon.weekday_name(mention.weekday.value)}, {lexicon.month_name(other.month)} {other.day}"
            return f'if the start was "{reading}", as its weekday says, both hold'
    return ""


def check_event_day(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """ "the Nth day of the visit" must fall on start + N - 1, where the text states the start
    (an arrival or a start verb with a date, linked to the event or in the same series).
    Does not guess a start that is not stated, nor judge "the final day" without an end."""
    max_days = int(rule.params.get("max_days", 31))
    for day in analysis.events.days:
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
        fix = TextEdit(m_start, m_end, ordinal_like(actual, m_text))
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


def check_quantity(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """The same counted thing given two numbers, where the later mention refers back to the
    last one ("3 Russian warships" ... "the four warships"). Does not compare "four warships"
    with "three warships" when nothing says they are the same ships, parts ("two of the
    ships"), approximate counts ("about 500 people", "the 30 or so"), sets marked as other
    ("four other groups", "his seven wickets"), or mentions more than two sentences apart."""
    latest: dict[str, Quantity] = {}
    for quantity in analysis.events.quantities:
        if quantity.partitive:
            continue
        earlier = latest.get(quantity.noun)  # "the four warships" refers to the last mention
        latest[quantity.noun] = quantity
        if earlier is None:
            continue
        # Refers back: definite, and no modifier the first mention lacked ("the four warships"
        # after "3 Russian warships", but not "the five biggest countries" after "39 countries").
        close = quantity.sentence - earlier.sentence <= QUANTITY_SENTENCES
        refers_back = quantity.definite and quantity.modifiers <= earlier.modifiers and close
        if refers_back and quantity.number != earlier.number:
            yield Finding(
                quantity.start,
                quantity.end,
                {
                    "text": quantity.text,
                    "number": quantity.number,
                    "noun": quantity.noun,
                    "first_text": earlier.text,
                    "first_number": earlier.number,
                },
                related=(RelatedSpan(earlier.start, earlier.end, "first counted here"),),
            )


def _age_problem(claim: AgeClaim, earlier: AgeClaim, dct_year: int | None) -> str:
    """Why two age claims of one person cannot both hold ("" when they can)."""
    if claim.age is not None and earlier.age is not None:
        return f"{earlier.age} earlier" if abs(claim.age - earlier.age) > 1 else ""
    if claim.born is not None and earlier.born is not None:
        return f"born in {earlier.born} earlier" if claim.born != earlier.born else ""
    if dct_year is None:
        return ""
    age, born = (claim.age, earlier.born) if claim.age is not None else (earlier.age, claim.born)
    if age is None or born is None or dct_year - born - age in (0, 1):
        return ""
    if claim.age is not None:
        return f"born in {born}, so {dct_year - born - 1} or {dct_year - born} in {dct_year}"
    return f"{age} earlier, so born in {dct_year - age - 1} or {dct_year - age}"


def check_age(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Ages and birth years of one person that cannot all hold at the publication date
    (an age may be one less than publication year minus birth year: the birthday)."""
    dct_year = analysis.document.dct.value.year if analysis.document.dct else None
    by_person: dict[str, list[AgeClaim]] = defaultdict(list)
    for claim in analysis.events.ages:
        for earlier in by_person[claim.person]:
            problem = _age_problem(claim, earlier, dct_year)
            if problem:
                yield Finding(
                    claim.start,
                    claim.end,
                    {"text": claim.text, "person": claim.person, "problem": problem},
                    related=(RelatedSpan(earlier.start, earlier.end, "stated here"),),
                    note=claim.resolved,
                )
                break
        by_person[claim.person].append(claim)


ORDINAL_FIELDS = frozenset(
    {"text", "type", "ordinal", "date", "participants", "other_text", "other_ordinal", "other_date", "other_line"}
)
register(
    CheckKind(
        "ordinal-series",
        check_ordinal_series,
        ORDINAL_FIELDS | {"same_event"},
        parameters={"check": {"enum": ["conflict", "chronology"]}},
        requires=TRAINED,
        select=ordinal_series_sentences,
        description="ordinals of repeated events against each other and their dates",
    )
)
register(
    CheckKind(
        "series-count",
        check_series_count,
        frozenset({"text", "type", "ordinal", "date", "participants", "count", "count_text", "earlier", "earlier_dates"}),
        parameters={"check": {"enum": ["exceeds-count", "exceeds-ordinal"]}},
        requires=TRAINED,
        select=series_count_sentences,
        description="ordinals against stated counts and enumerated earlier events",
    )
)
register(
    CheckKind(
        "event-day",
        check_event_day,
        frozenset({"text", "date", "start_date", "start_text", "stated_day", "actual_day", "type", "event"}),
        parameters={"max_days": {"type": "integer", "minimum": 1}},
        requires=TRAINED,
        select=event_day_sentences,
        description="the Nth day of an event against its stated start",
    )
)
register(
    CheckKind(
        "quantity",
        check_quantity,
        frozenset({"text", "number", "noun", "first_text", "first_number"}),
        requires=TRAINED,
        select=quantity_sentences,
        description="one counted thing given two numbers",
    )
)
register(
    CheckKind(
        "age",
        check_age,
        frozenset({"text", "person", "problem"}),
        requires=TRAINED,
        select=age_sentences,
        description="ages and birth years of one person",
    )
)
