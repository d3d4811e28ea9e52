"""Calendar date expressions ("Wednesday, October 1", "Oct. 1, 2019", "1 October") as claims.

Patterns are data (rules/patterns/dates.yaml) compiled into a spaCy Matcher; this module
only reads the matched tokens' roles (weekday, month, day, year) back out. Resolving a
missing year or month is the timeline's job, not this one's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.core.calendar_words import CalendarLexicon, calendar_lexicon
from factlint.core.data_cache import load_cached
from factlint.core.document import Block
from factlint.core.resources import builtin_rules_dir
from factlint.core.safe_yaml import load_data
from factlint.nlp.calendar_tokens import expand_pattern, native_calendar_pattern
from factlint.nlp.matching import CuedMatcher, cued_matcher, per_vocab
from factlint.nlp.sentences import index_of_token, start_chars

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A day token; spaCy leaves "4-" in "Nov. 4- 5" and "14(Xinhua)--" in wire datelines whole.
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th)?(?:-|\(.*)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
# Other languages' day tokens: "1er", "1º", "1.", "1hb", "ika-1" (rules/patterns/dates/<lang>.yaml).
_FOREIGN_DAY = re.compile(r"^(?:ika-)?(\d{1,2})(?:er|re|ᵉʳ|º|°|ª|hb|\.)?$")
_DAYMONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
# "In October 32 people": a month after one of these, then a number and a content word, is a count.
# ("the Aug. 32 bombings", "after May 32 general elections", "a June 31 deadline" are dates).
_COUNT_BEFORE = frozenset({"in", "during", "since", "by", "through", "throughout", "until", "till"})


@dataclass(frozen=True)
class Part:
    """One written component of a date: its text span and the value it states."""

    start: int
    end: int
    text: str
    value: int


@dataclass(frozen=True)
class DateMention:
    """A calendar date as written. Missing parts are None; nothing here is inferred."""

    start: int
    end: int
    text: str
    weekday: Part | None
    day: Part | None
    month: Part | None
    year: Part | None
    sentence_start: int  # plain-text offset of the sentence, to find narrative anchors
    paragraph: int  # index of the paragraph (blank-line separated) the expression is in
    pattern: str
    date_evidence: bool  # context says this is a date, not "October 32 people"
    numeric: bool = False  # written as 2019-10-01 or 13/10/2019
    sentence: int = 0  # index of the sentence in the document, to bound narrative anchors
    range_part: bool = False  # one weekday of "Monday-Wednesday, Sept. 30-Oct. 2": spans the weekday only
    date_start: int = -1  # where the written date of a range part starts (its end is `day.end`)

    @property
    def has_weekday_and_day(self) -> bool:
        return self.weekday is not None and self.day is not None


@lru_cache(maxsize=4)
def load_date_patterns(path: Path | None = None) -> dict[str, dict[str, list[dict[str, Any]]]]:
    path = path or builtin_rules_dir() / "patterns" / "dates.yaml"
    data = load_cached(path, load_data)
    classes = data["classes"]
    return {
        group: {key: expand_pattern(pattern, classes) for key, pattern in data[group].items()}
        for group in ("weekday_dates", "dates")
    }


@lru_cache(maxsize=32)
def load_language_date_patterns(language: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Another language's date patterns: rules/patterns/dates/common.yaml with the language's
    file on top (its classes replace common ones, its patterns are added, `drop` removes some).
    An optional class the language does not define is left out; a pattern that requires one
    is not used."""
    folder = builtin_rules_dir() / "patterns" / "dates"
    common = load_data((folder / "common.yaml").read_text(encoding="utf-8"))
    own = load_data((folder / f"{language}.yaml").read_text(encoding="utf-8")) or {}
    classes = {**common["classes"], **(own.get("classes") or {})}
    dropped = set(own.get("drop") or [])
    found: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for group in ("weekday_dates", "dates"):
        patterns = {**common.get(group, {}), **(own.get(group) or {})}
        found[group] = {}
        for key, pattern in patterns.items():
            if key in dropped or any(element.strip("()") not in classes for element in pattern if element == element.strip("()")):
                continue
            kept = [element for element in pattern if element.strip("()") in classes]
            found[group][key] = expand_pattern(kept, classes)
    return found


def build_matcher(vocab: Any) -> CuedMatcher:
    """The date matcher of a vocabulary's language (English: rules/patterns/dates.yaml)."""
    language = getattr(vocab, "lang", "en") or "en"
    patterns = load_date_patterns() if language == "en" else load_language_date_patterns(language)
    named = [(key, native_calendar_pattern(tokens, language)) for group in patterns.values() for key, tokens in group.items()]
    return cued_matcher(vocab, named, greedy="LONGEST")


date_matcher = per_vocab(build_matcher)  # every batch of files is analysed with the same one


def extract_dates(doc: Doc, matcher: CuedMatcher, paragraph_of: Any) -> list[DateMention]:
    """Every calendar date expression in `doc`, longest match winning, in text order."""
    from spacy.util import filter_spans

    matches = matcher(doc)
    names = {(start, end): doc.vocab.strings[key] for key, start, end in matches}
    lexicon = calendar_lexicon(doc.lang_ or "en")
    mentions: list[DateMention] = []
    for span in filter_spans([doc[start:end] for _key, start, end in matches]):
        mentions.extend(_read(span, names[(span.start, span.end)], lexicon, paragraph_of))
    return mentions


def _part(token: Token, value: int) -> Part:
    return Part(token.idx, token.idx + len(token.text), token.text, value)


def _day_part(token: Token) -> Part:
    """The day of "1st", "4-" or "14(Xinhua)": the digits and any ordinal suffix, nothing after;
    in another language the whole token ("1er", "1.", "ika-1")."""
    if token.lang_ != "en":
        foreign = _FOREIGN_DAY.match(token.text)
        assert foreign is not None
        return Part(token.idx, token.idx + len(token.text), token.text, int(foreign.group(1)))
    match = _DAY.match(token.text)
    assert match is not None
    text = match.group(1) + (match.group(2) or "")
    return Part(token.idx, token.idx + len(text), text, int(match.group(1)))


def _unreadable_year_follows(span: Span) -> bool:
    """ "October 1, 99999" or "Oct. 1, 20199": a year is written but is none we can read, so
    the date must not silently take the publication date's year."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    after = doc[span.end + 1].text  # "10,000 people" after a date is a count, not a year
    return after.isdigit() and len(after) > 4


def _read(span: Span, name: str, lexicon: CalendarLexicon, paragraph_of: Any) -> list[DateMention]:
    if _unreadable_year_follows(span):
        return []
    weekdays: list[Part] = []
    months: list[Part | None] = []
    days: list[Part] = []
    year: Part | None = None
    numeric = False
    tokens = list(span)
    index = 0
    foreign = lexicon.language != "en"
    while index < len(tokens):
        token = tokens[index]
        text = token.text
        if foreign and (found := _read_foreign(token, bool(days or months), lexicon)) is not None:
            if not found:
                return []
            kind, part = found
            if kind == "daymonth":
                days.append(part[0])  # type: ignore[index]
                months.append(part[1])  # type: ignore[index]
                numeric = True
            elif kind == "year":
                year = part  # type: ignore[assignment]
            elif kind == "day":
                days.append(part)  # type: ignore[arg-type]
            index += 1
            continue
        if token._.fl_weekday:
            weekdays.append(_part(token, lexicon.weekday_forms[token.lower_]))
        elif token._.fl_month:
            months.append(_part(token, lexicon.month_forms[token.lower_]))
        elif _is_iso_start(tokens, index):
            first, last = tokens[index], tokens[index + 4]
            year = _part(first, int(first.text))
            months.append(
                Part(tokens[index + 2].idx, tokens[index + 2].idx + 2, tokens[index + 2].text, int(tokens[index + 2].text))
            )
            days.append(_part(last, int(last.text)))
            numeric = True
            index += 5
            continue
        elif _SLASH.match(text):
            read = _read_slash(token)
            if read is None:
                return []
            month_part, day_part, year_part = read
            months.append(month_part)
            days.append(day_part)
            year = year_part
            numeric = True
        elif len(text) == 4 and text.isdigit() and (days or months):
            year = _part(token, int(text))
        elif _DAY.match(text):
            if len(days) == len(months) + 1 and months:
                months.append(None)  # "Sept. 30-Oct. 2" has a month for each day; "Oct. 1-3" does not
            days.append(_day_part(token))
        index += 1
    sentence_start, sentence = _sentence_of(span)
    paragraph = paragraph_of(span.start_char)
    evidence = _has_date_evidence(span, weekdays, year)
    if len(weekdays) == 2 and len(days) == 2:  # a range: pair each weekday with its date
        own_month = months[1] if len(months) > 1 else None  # "Sept. 30-Oct. 2" vs "Oct. 1-3"
        pairs = [
            (weekdays[0], days[0], months[0], min(months[0].start, days[0].start) if months[0] else days[0].start),
            (weekdays[1], days[1], own_month or months[0], own_month.start if own_month else days[1].start),
        ]
        return [
            DateMention(
                w.start, w.end, w.text, w, d, m, year, sentence_start, paragraph, name, True, numeric, sentence, True, start
            )
            for w, d, m, start in pairs
        ]
    end = days[-1].end if days and days[-1].start == tokens[-1].idx and not numeric else span.end_char  # "Nov. 4-" ends at 4
    if foreign and year is not None and year.start == tokens[-1].idx:
        end = year.end  # "1. oktober 2019." ends at its year, not at the sentence's full stop
    if len(tokens[-1].text) > 1 and tokens[-1].text.startswith(")"):
        end = tokens[-1].idx + 1  # "(Tuesday):" ends at its parenthesis
    return [
        DateMention(
            span.start_char,
            end,
            span.text[: end - span.start_char],  # not span.doc.text: spaCy rebuilds it on every call
            weekdays[0] if weekdays else None,
            days[0] if days else None,
            months[0] if months else None,
            year,
            sentence_start,
            paragraph,
            name,
            evidence,
            numeric,
            sentence,
        )
    ]


def _read_foreign(token: Token, has_date: bool, lexicon: CalendarLexicon) -> tuple[str, Any] | tuple[()] | None:
    """A day, year or day/month token of another language: ("day", Part), ("year", Part),
    ("daymonth", (day, month)); () when the token makes the match no date ("31/13"); None for
    any other token (a weekday, a month, punctuation), read as in English."""
    text = token.text
    if token._.fl_weekday or token._.fl_month:
        return None
    bare = text.rstrip(".")
    if len(bare) == 4 and bare.isdigit() and has_date:
        return "year", Part(token.idx, token.idx + 4, bare, int(bare))
    pair = _DAYMONTH.match(text)
    if pair is not None:
        a, b = int(pair.group(1)), int(pair.group(2))
        day, month = (b, a) if lexicon.date_order.startswith("M") else (a, b)
        if not 1 <= month <= 12:
            return ()
        whole = Part(token.idx, token.idx + len(text), text, 0)
        return "daymonth", (replace(whole, value=day), replace(whole, value=month))
    if _FOREIGN_DAY.match(text):
        return "day", _day_part(token)
    return None


def _sentence_of(span: Span) -> tuple[int, int]:
    """Start offset and index of the span's sentence (0, 0 without sentence boundaries)."""
    index = index_of_token(span.doc, span.start)
    return start_chars(span.doc)[index], index


def _is_iso_start(tokens: list[Token], index: int) -> bool:
    if index + 4 >= len(tokens):
        return False
    a, dash1, b, dash2, c = tokens[index : index + 5]
    return (
        len(a.text) == 4
        and a.text.isdigit()
        and dash1.text == "-"
        and dash2.text == "-"
        and len(b.text) == 2
        and b.text.isdigit()
        and len(c.text) == 2
        and c.text.isdigit()
    )


def _read_slash(token: Token) -> tuple[Part, Part, Part] | None:
    """13/10/2019 or 10/13/2019: only where the day is unambiguous (above 12, or both equal)."""
    first, second, year_text = _SLASH.match(token.text).groups()  # type: ignore[union-attr]
    a, b = int(first), int(second)
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b:
        day = month = a
    else:
        return None
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    start = token.idx
    return (
        Part(start, start + len(token.text), token.text, month),
        Part(start, start + len(token.text), token.text, day),
        Part(start, start + len(token.text), token.text, year),
    )


def _has_date_evidence(span: Span, weekdays: list[Part], year: Part | None) -> bool:
    """Is "October 32" a date or "in October 32 people"? A date unless it reads as a count: a
    month spelled out after "in"/"during"/"by"..., then a bare number, then a content word."""
    if weekdays or year is not None:
        return True
    if any(_DAY.match(t.text) and _DAY.match(t.text).group(2) for t in span):  # type: ignore[union-attr]
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is None or before.lower_ not in _COUNT_BEFORE or span[0].text.endswith("."):
        return True
    return after is None or not after.is_alpha or after.is_stop


def pair_table_weekdays(
    mentions: list[DateMention], structure: Sequence[Block], text: str, language: str = "en"
) -> list[DateMention]:
    """A table row's date cell and the weekday cell right after it are one claim:
    `| November 5 | Wednesday | Departures |` states "Wednesday, November 5"."""
    lexicon = calendar_lexicon(language)
    ambiguous = {word.lower() for word in lexicon.ambiguous}
    cells = [block for block in structure if block.kind == "cell"]
    by_start = {mention.start: index for index, mention in enumerate(mentions)}
    result = list(mentions)
    for left, right in pairwise(cells):
        if left.row != right.row:
            continue
        word = text[right.start : right.end]
        lower = word.lower()
        if lower not in lexicon.weekday_forms or (lower in ambiguous and not word[:1].isupper()):
            continue
        index = by_start.get(left.start)
        mention = result[index] if index is not None else None
        if mention is None or mention.end != left.end or mention.weekday is not None or mention.day is None:
            continue
        weekday = Part(right.start, right.end, word, lexicon.weekday_forms[lower])
        result[index] = replace(  # type: ignore[index]
            mention, end=right.end, text=text[mention.start : right.end], weekday=weekday, pattern="table-row-weekday"
        )
    return result
