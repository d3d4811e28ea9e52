"""Check kind `ordinal-series`: ordinals of one series of events against each other and their dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.event_cues import ordinal_series_sentences
from factlint.claims.events import EventMention
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.kinds.event_series import (
    EVENT_LANGUAGES,
    ORDINAL_FIELDS,
    TRAINED,
    event_fields,
    ordinal_span,
    ordinal_text,
    same_event,
    series_of,
    told,
)

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_ordinal_series(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """`check: conflict` — one event given two ordinals, or one ordinal given to two events
    whose dates cannot be the same event. `check: chronology` — a higher ordinal dated
    before a lower one in the same series. Series are (type, participants, destination for
    visits); undated mentions are not compared, plural mentions ("goodwill visits") skipped."""
    mode = rule.params.get("check", "conflict")
    for events in series_of(analysis).values():
        ranked = [e for e in events if e.ordinal is not None]
        reported: set[int] = set()
        pairs: list[tuple[EventMention, EventMention]] = []

        for index, later in enumerate(ranked):
            for earlier in ranked[:index]:
                same = same_event(earlier, later)
                if same is None or later.start in reported or told(pairs, earlier, later):
                    continue
                related = (RelatedSpan(*ordinal_span(earlier), f"{ordinal_text(earlier.ordinal or 0)} {earlier.type} here"),)
                if mode == "conflict" and (
                    (same and earlier.ordinal != later.ordinal) or (not same and earlier.ordinal == later.ordinal)
                ):
                    reported.add(later.start)
                    pairs.append((earlier, later))
                    fields = {**event_fields(analysis, later, earlier), "same_event": "yes" if same else "no"}
                    yield Finding(*ordinal_span(later), fields, related=related, note="; ".join(later.resolved))
                elif mode == "chronology" and not same and earlier.ordinal != later.ordinal:
                    low, high = (earlier, later) if (earlier.ordinal or 0) < (later.ordinal or 0) else (later, earlier)
                    if high.when and low.when and high.when.period.before(low.when.period):
                        reported.add(later.start)
                        pairs.append((earlier, later))
                        yield Finding(*ordinal_span(later), event_fields(analysis, later, earlier), related=related)


ORDINAL_SERIES = CheckKind(
    "ordinal-series",
    check_ordinal_series,
    ORDINAL_FIELDS | {"same_event"},
    parameters={"check": {"enum": ["conflict", "chronology"], "description": "`conflict` (default) or `chronology`"}},
    requires=TRAINED,
    languages=EVENT_LANGUAGES,
    select=ordinal_series_sentences,
    description="ordinals of repeated events against each other and their dates",
)
