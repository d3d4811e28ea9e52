"""What the event kinds share: series of one type, participants and destination, ordinals
written back in the text's style, and the fields their messages use."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from factlint.claims.events import OTHER_LANGUAGE_READERS, EventMention, extract_event_claims
from factlint.claims.events_fr import french_lexicon

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis

TRAINED = frozenset({"parser", "ner", "tagger"})
# The languages with an event claim reader: English and factlint.claims.events' others.
EVENT_LANGUAGES = frozenset({"en", *OTHER_LANGUAGE_READERS})
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


def ordinal_like(value: int, like: str, language: str = "en") -> str:
    """ "third" for a "second", "3rd" for a "2nd"; in French "troisième" for a "deuxième"
    and "3e" for a "2e" (see `_french_ordinal_like`)."""
    if language == "fr":
        return _french_ordinal_like(value, like)
    if like[:1].isdigit() or value not in ORDINAL_WORDS:
        return ordinal_text(value)
    word = ORDINAL_WORDS[value]
    return word.capitalize() if like[:1].isupper() else word


def _french_ordinal_like(value: int, like: str) -> str:
    """The French ordinal for `value` written as `like` is: a numeral keeps its style ("2e" ->
    "3e", "2ème" -> "3ème"; "1er"/"1re" by gender), a word keeps its form ("deuxième" ->
    "troisième", "seconde" -> "première", "second" -> "premier") and its capital."""
    lexicon, _grammar = french_lexicon()
    lower = like.lower()
    feminine = lower.endswith(("re", "de")) or lower == "inaugurale"  # première, 1re, seconde
    if like[:1].isdigit():
        suffix = like.lstrip("0123456789")
        if value == 1:
            return "1re" if feminine else "1er"
        return f"{value}{'e' if suffix in ('er', 're', 'ère', 'nd', 'nde') else suffix}"
    words = [w for w, v in lexicon.ordinals.items() if v == value and w.isalpha()]
    if not words:
        return f"{value}e"
    ieme = [w for w in words if w.endswith("ième")]
    word = ieme[0] if lower.endswith("ième") and ieme else next((w for w in words if w.endswith("e") == feminine), words[0])
    return word.capitalize() if like[:1].isupper() else word


def line_of(analysis: Analysis, offset: int) -> int:
    return analysis.document.location(offset, offset).start.line


def series_of(analysis: Analysis) -> dict[tuple, list[EventMention]]:
    buckets: dict[tuple, list[EventMention]] = defaultdict(list)
    for event in analysis.claims(extract_event_claims).events:
        if event.participants and not event.plural:
            buckets[event.series_key].append(event)
    return buckets


def ordinal_span(event: EventMention) -> tuple[int, int]:
    return event.ordinal_span or (event.start, event.end)


def event_fields(analysis: Analysis, event: EventMention, other: EventMention | None = None) -> dict[str, object]:
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
            other_line=line_of(analysis, other.start),
        )
    return fields


def same_event(a: EventMention, b: EventMention) -> bool | None:
    """True/False when the dates say so; None when either is undated."""
    if a.when is None or b.when is None:
        return None
    pa, pb = a.when.period, b.when.period
    if pa.is_day and pb.is_day:
        return pa == pb
    return pa.overlaps(pb)


def told(pairs: list[tuple[EventMention, EventMention]], a: EventMention, b: EventMention) -> bool:
    """This pair of events was already reported through other mentions of them."""
    return any(same_event(x, a) and same_event(y, b) for x, y in pairs)


ORDINAL_FIELDS = frozenset(
    {"text", "type", "ordinal", "date", "participants", "other_text", "other_ordinal", "other_date", "other_line"}
)
