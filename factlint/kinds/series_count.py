"""Check kind `series-count`: ordinals against stated counts and against the events the article lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.event_cues import series_count_sentences
from factlint.claims.events import extract_event_claims
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.kinds.event_series import EVENT_LANGUAGES, TRAINED, event_fields, ordinal_span, series_of

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_series_count(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """`check: exceeds-count` — "has visited Russia twice" and "his third visit".
    `check: exceeds-ordinal` — the article lists, with distinct dates, at least N earlier
    events of a series than its "Nth" event (five dated meetings before "the 4th")."""
    mode = rule.params.get("check", "exceeds-count")
    series = series_of(analysis)
    if mode == "exceeds-count":
        for count in analysis.claims(extract_event_claims).counts:
            for event in series.get((count.type, count.participants, count.place if count.type == "visit" else None), []):
                if event.ordinal is not None and event.ordinal > count.count:
                    fields = {**event_fields(analysis, event), "count": count.count, "count_text": count.text}
                    yield Finding(*ordinal_span(event), fields, related=(RelatedSpan(count.start, count.end, "the count"),))
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
                    **event_fields(analysis, event),
                    "earlier": len(distinct),
                    "earlier_dates": ", ".join(p.label for p in distinct),
                }
                yield Finding(*ordinal_span(event), fields)


SERIES_COUNT = CheckKind(
    "series-count",
    check_series_count,
    frozenset({"text", "type", "ordinal", "date", "participants", "count", "count_text", "earlier", "earlier_dates"}),
    parameters={
        "check": {"enum": ["exceeds-count", "exceeds-ordinal"], "description": "`exceeds-count` (default) or `exceeds-ordinal`"}
    },
    requires=TRAINED,
    languages=EVENT_LANGUAGES,
    select=series_count_sentences,
    description="ordinals against stated counts and enumerated earlier events",
)
