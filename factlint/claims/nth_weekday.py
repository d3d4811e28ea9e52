"""Ordinal weekdays of a month stated for a date: "October 24: Second Saturday", "25 August
(Last Monday of August)", "October 12 ... as it is a second Saturday".

Bank-closure and school lists name days by their place in the month. A phrase is read for
the date it describes: in a list item or table cell, the item's date before it; in prose,
a date right beside it ("Saturday, October 10, the second Saturday of the month"). A phrase
that names another month than the date's is about another day and is not paired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factlint.core.calendar_words import calendar_lexicon, load_calendar_lexicon
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data

if TYPE_CHECKING:
    from factlint.claims.analysed import Analysed
    from factlint.claims.date_claim import DateClaim

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
_BESIDE = re.compile(r"^[\s,;:(\u2013\u2014-]*(?:which\s+is\s+|it\s+is\s+|is\s+)?(?:the\s+|a\s+)?$", re.IGNORECASE)
_LIST_KINDS = frozenset({"item", "cell"})


@dataclass(frozen=True)
class NthWeekday:
    """ "Second Saturday": `ordinal` 1-5, or -1 for "last"; `month` when the phrase names one."""

    start: int
    end: int
    text: str
    ordinal: int
    ordinal_span: tuple[int, int]
    weekday: int
    month: int | None
    date: DateClaim


@lru_cache(maxsize=1)
def _phrase() -> re.Pattern[str]:
    lexicon = load_calendar_lexicon()
    weekdays = sorted({n.rstrip(".") for names in lexicon.weekday_names for n in names if len(n.rstrip(".")) > 3}, key=len)
    months = sorted({n.rstrip(".") for names in lexicon.month_names for n in names}, key=len)
    ordinals = "|".join(sorted(ORDINALS, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<ordinal>{ordinals})\s+(?P<weekday>{'|'.join(reversed(weekdays))})\b"
        rf"(?:\s+of\s+(?:the\s+month|(?P<month>{'|'.join(reversed(months))})\.?)\b)?",
        re.IGNORECASE,
    )


# In other languages, what may stand between a date and its ordinal weekday: an article or a
# copula ("el sábado 12 de octubre, segundo sábado", "le 12 octobre, deuxième samedi").
_FOREIGN_BESIDE = re.compile(
    r"^[\s,;:(\u2013\u2014-]*(?:(?:es|est|é|è|ist|is|er|är|ay|adalah|ialah|je|este)\s+)?"
    r"(?:(?:el|la|le|il|lo|der|die|den|het|de|o|a|ang|ng|hari)\s+)?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=32)
def language_ordinals(language: str) -> dict[str, int]:
    """The ordinal words of a language's nth-weekday phrases (rules/patterns/dates/<lang>.yaml), {} when it has none."""
    path = builtin_rules_dir() / "patterns" / "dates" / f"{language}.yaml"
    data = (load_data(path.read_text(encoding="utf-8")) or {}).get("nth_weekday") if path.exists() else None
    return {str(k).lower(): int(v) for k, v in (data or {}).get("ordinals", {}).items()}


@lru_cache(maxsize=32)
def _language_phrase(language: str) -> re.Pattern[str] | None:
    """ "segundo sábado de octubre", "zweiter Samstag im Oktober", "Sabtu kedua bulan Oktober"."""
    path = builtin_rules_dir() / "patterns" / "dates" / f"{language}.yaml"
    data = (load_data(path.read_text(encoding="utf-8")) or {}).get("nth_weekday")
    if not data:
        return None
    lexicon = calendar_lexicon(language)
    ambiguous = {a.lower() for a in lexicon.ambiguous}
    weekdays = sorted({n.rstrip(".") for names in lexicon.weekday_names for n in names if len(n.rstrip(".")) > 3}, key=len)
    weekdays = [w for w in weekdays if w.lower() not in ambiguous]
    months = sorted({n.rstrip(".") for names in lexicon.month_names for n in names if len(n.rstrip(".")) > 2}, key=len)
    ordinals = "|".join(re.escape(o) for o in sorted(language_ordinals(language), key=len, reverse=True))
    between = "|".join(re.escape(o).replace("\\ ", r"\s+") for o in sorted(data.get("of") or [], key=len, reverse=True))
    weekday = rf"(?P<weekday>{'|'.join(re.escape(w) for w in reversed(weekdays))})"
    ordinal = rf"(?P<ordinal>{ordinals})"
    head = rf"{ordinal}\s+{weekday}" if data.get("order", "ordinal-first") == "ordinal-first" else rf"{weekday}\s+{ordinal}"
    joiner = rf"(?:(?:{between})\s*)?" if between else ""
    month = rf"(?:\s+{joiner}(?P<month>{'|'.join(re.escape(m) for m in reversed(months))})\.?)?"
    return re.compile(rf"(?<!\w){head}(?!\w){month}(?!\w)", re.IGNORECASE)


def extract_nth_weekdays(analysis: Analysed) -> tuple[NthWeekday, ...]:
    """Every ordinal weekday phrase paired with the date it describes."""
    document, text = analysis.document, analysis.document.text
    language = document.language
    if language != "en":
        return _extract_in(analysis, language)
    lexicon = load_calendar_lexicon()
    dates = [c for c in analysis.resolved if c.mention is not None and c.mention.day is not None and not c.mention.range_part]
    found: list[NthWeekday] = []
    for match in _phrase().finditer(text):
        start, end = match.span()
        block = document.block_at(start)
        date = None
        if block is not None and block.kind in _LIST_KINDS:
            date = next((c for c in dates if block.start <= c.start and c.end <= start), None)
        if date is None:
            before = [c for c in dates if c.end <= start and _BESIDE.match(text[c.end : start])]
            after = [c for c in dates if c.start >= end and _BESIDE.match(text[end : c.start])]
            after = [c for c in dates if start < c.start < end < c.end] + after  # "the 2nd [Saturday, October 19]"
            date = before[-1] if before else after[0] if after else None
        if date is None or "\n" in text[min(date.end, start) : max(date.start, end)]:
            continue
        month_word = match.group("month")
        month = lexicon.month_forms.get(month_word.lower()) if month_word else None
        if month is None and month_word:
            month = lexicon.month_forms.get(month_word.lower() + ".")
        weekday = lexicon.weekday_forms[match.group("weekday").lower()]
        found.append(
            NthWeekday(
                start, end, match.group(), ORDINALS[match.group("ordinal").lower()], match.span("ordinal"), weekday, month, date
            )
        )
    return tuple(found)


def _extract_in(analysis: Analysed, language: str) -> tuple[NthWeekday, ...]:
    """Another language's ordinal weekday phrases, paired as in English: in a list item, the
    item's date before it; in prose, a date right beside it."""
    phrase = _language_phrase(language)
    if phrase is None:
        return ()
    document, text = analysis.document, analysis.document.text
    lexicon = calendar_lexicon(language)
    ordinals = language_ordinals(language)
    dates = [c for c in analysis.resolved if c.mention is not None and c.mention.day is not None and not c.mention.range_part]
    found: list[NthWeekday] = []
    for match in phrase.finditer(text):
        start, end = match.span()
        block = document.block_at(start)
        date = None
        if block is not None and block.kind in _LIST_KINDS:
            date = next((c for c in dates if block.start <= c.start and c.end <= start), None)
        if date is None:
            before = [c for c in dates if c.end <= start and _FOREIGN_BESIDE.match(text[c.end : start])]
            after = [c for c in dates if c.start >= end and _FOREIGN_BESIDE.match(text[end : c.start])]
            date = before[-1] if before else after[0] if after else None
        if date is None or "\n" in text[min(date.end, start) : max(date.start, end)]:
            continue
        month_word = match.group("month")
        month = lexicon.month_forms.get(month_word.lower()) if month_word else None
        weekday = lexicon.weekday_forms[match.group("weekday").lower()]
        ordinal = ordinals[re.sub(r"\s+", " ", match.group("ordinal").lower())]
        found.append(NthWeekday(start, end, match.group(), ordinal, match.span("ordinal"), weekday, month, date))
    return tuple(found)
