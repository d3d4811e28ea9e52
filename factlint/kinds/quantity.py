"""Check kind `quantity`: one counted thing given two numbers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.event_cues import quantity_sentences
from factlint.claims.events import QUANTITY_SENTENCES, Quantity, extract_event_claims
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.kinds.event_series import EVENT_LANGUAGES, TRAINED

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_quantity(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """The same counted thing given two numbers, where the later mention refers back to the
    last one ("3 Russian warships" ... "the four warships"). Does not compare "four warships"
    with "three warships" when nothing says they are the same ships, parts ("two of the
    ships"), approximate counts ("about 500 people", "the 30 or so"), sets marked as other
    ("four other groups", "his seven wickets"), or mentions more than two sentences apart."""
    latest: dict[str, Quantity] = {}
    for quantity in analysis.claims(extract_event_claims).quantities:
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


QUANTITY = CheckKind(
    "quantity",
    check_quantity,
    frozenset({"text", "number", "noun", "first_text", "first_number"}),
    requires=TRAINED,
    languages=EVENT_LANGUAGES,
    select=quantity_sentences,
    description="one counted thing given two numbers",
)
