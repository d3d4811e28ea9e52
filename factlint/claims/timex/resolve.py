"""Giving each temporal expression its TIMEX3 value, and saying what it was anchored on.

Deictic expressions ("yesterday", "last year", "on Friday") move from the publication
date (DCT). Anaphoric ones ("the following year", "two days later", "that day") move from
the most recent earlier date of a fitting granularity, skipping dates inside an aside
(parentheses or a dash-delimited insert) that closed before the expression. Bare weekdays
and month names fall in the DCT's week or year by tense: past, the latest on or before
the DCT; future, the next on or after it. Two exceptions the gold news data shows: a
weekday six days back is the day after the DCT (unless a past verb plainly dates it), and
a past-tense month just after the DCT's is this year's (a reported plan). A span no reader
gives a value is passed to dateparser (fallback.py), which never finds spans itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from factlint.claims.date_claim import ANCHOR_KIND, AnchorKind, DateClaim, YearEvidence, timex_period
from factlint.claims.timex.extract import Candidate, find_candidates
from factlint.claims.timex.fallback import parse_span
from factlint.claims.timex.patterns import load_timex_patterns, timex_matcher
from factlint.claims.timex.tense import TenseReader, past_event_at
from factlint.claims.timex.values import ORDER, SEASON_MONTHS, UNIT_GRANULARITY, Point, duration, shift
from factlint.claims.years import nearest_year
from factlint.core.calendar_words import load_calendar_lexicon
from factlint.nlp.sentences import start_chars

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_YEAR_IN_TEXT = re.compile(r"\b(1[0-9]|20)\d\d\b")
_YEAR = re.compile(r"^(?:(?:early|mid|late)-)?((?:1[0-9]|20)\d\d)$")
_DECADE = re.compile(r"^(?:(?:early|mid|late)-)?['’]?(\d*)0s$")
_CENTURY = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_DASHES = ("–", "—", " - ", "--")
_PERIOD_END = frozenset({"ended", "ending", "ends", "through"})
# Offsets counted from the story's own time, never from publication: "a week later", "two days earlier".
_STORY_RELATIVE = frozenset({"later", "earlier", "afterwards", "afterward"})
_DEADLINE = frozenset({"through", "until", "till", "by", "before"})
_UNKNOWN = {"day": "XXXX-XX-XX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "quarter": "XXXX-QX"}


@dataclass
class _Reading:
    """What one expression resolved to (internal: becomes a DateClaim)."""

    value: str
    type: str
    granularity: str
    anchor: AnchorKind
    anchor_index: int | None = None
    point: Point | None = None


@dataclass(frozen=True)
class _Words:
    """The meaningful words of a matched span, looked up in timex.yaml's lexicons."""

    number: int | str | None
    unit: str | None
    direction: int | None
    month: int | None
    weekday: int | None
    season: str | None
    part: str | None
    ordinal: int | None
    year: int | None
    lower: tuple[str, ...]


def _read_words(span: Span) -> _Words:

    lex = load_timex_patterns().lexicons
    calendar_words = load_calendar_lexicon()
    number = unit = direction = month = weekday = season = part = ordinal = year = None
    for token in span:
        low = token.lower_
        if number is None and low in lex["numbers"] and low != "some":
            number = lex["numbers"][low]
        elif number is None and token.text.isdigit() and len(token.text) <= 3:
            number = int(token.text)
        if low in lex["units"]:
            unit = lex["units"][low]
        if direction is None and low in lex["directions"]:
            direction = lex["directions"][low]
        if token._.fl_month and month is None:
            month = calendar_words.month_forms[low]
        if token._.fl_weekday and weekday is None:
            weekday = calendar_words.weekday_forms[low]
        season = lex["seasons"].get(low, season)
        part = lex["parts"].get(low, part) if low != "tonight" or part is None else part
        if ordinal is None and low in lex["ordinals"]:
            ordinal = lex["ordinals"][low]
        if _YEAR.match(low):
            year = int(_YEAR.match(low).group(1))  # type: ignore[union-attr]
    lowered = [t.lower_ for t in span]
    if "couple" in lowered:
        number = 2
    elif any(w in ("few", "several", "many") for w in lowered):
        number = "X"
    return _Words(number, unit, direction, month, weekday, season, part, ordinal, year, tuple(t.lower_ for t in span))


class Resolver:
    """Resolves the candidates of one document in text order, each seeing those before it."""

    def __init__(self, text: str, doc: Doc, dct: date | None, tenses: TenseReader) -> None:
        self.text, self.doc, self.dct, self.tenses = text, doc, dct, tenses
        self.timexes: list[DateClaim] = []
        self.points: list[Point | None] = []
        self.sent_starts = start_chars(doc)

    # -- anchors ---------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def _in_closed_aside(self, anchor: DateClaim, start: int) -> bool:
        """Is `anchor` inside parentheses or dashes that close before `start`, in its sentence?"""
        sent_start = self.sent_starts[anchor.sentence]
        before, between = self.text[sent_start : anchor.start], self.text[anchor.end : start]
        if before.count("(") > before.count(")") and ")" in between:
            return True
        dashes_before = sum(before.count(d) for d in _DASHES)
        return dashes_before % 2 == 1 and any(d in between for d in _DASHES)

    def _comparison(self, index: int) -> bool:
        """A year-on-year comparison ("a year ago", "year-earlier") is not where the story is."""
        timex = self.timexes[index]
        return timex.granularity == "quarter" and timex.kind.startswith(("ago/", "offset/", "quarter/ago"))

    def narrative_anchor(self, need: str, start: int) -> int | None:
        """The most recent earlier date at least as precise as `need`, not in a closed aside."""
        for index in range(len(self.timexes) - 1, -1, -1):
            point = self.points[index]
            if point is None or point.granularity not in ORDER or not point.finer_or_equal(need):
                continue
            if self._in_closed_aside(self.timexes[index], start) or self._comparison(index):
                continue
            return index
        return None

    def anchored(self, need: str, start: int) -> tuple[Point | None, AnchorKind, int | None]:
        """The point an anaphoric expression moves from: the last date precise enough, if it is
        within two sentences; else a more recent coarser date of this or the previous sentence
        ("Last year, ... left a week later": some week of last year, returned at the year's
        granularity); else the last precise date further back; else the DCT."""
        index = self.narrative_anchor(need, start)
        coarse = self.narrative_anchor("year", start)
        here = self.sentence_of(start)
        recent = coarse is not None and self.timexes[coarse].sentence >= here - 1
        close = index is not None and self.timexes[index].sentence >= here - 2
        if coarse is not None and recent and not close and (index is None or coarse > index):
            return self.points[coarse], AnchorKind.EXPRESSION, coarse  # the story moved on to it
        if index is not None:
            return self.points[index], AnchorKind.EXPRESSION, index
        if self.dct is not None:
            return Point.of_date(self.dct), AnchorKind.DCT, None
        return None, AnchorKind.NONE, None

    def recent_quarter(self, start: int) -> int | None:
        """An earlier quarter in this sentence or the one before: what a year-on-year comparison is about."""
        index = self.narrative_anchor("quarter", start)
        if index is None or self.timexes[index].granularity != "quarter":
            return None
        return index if self.timexes[index].sentence >= self.sentence_of(start) - 1 else None

    def same_sentence_year(self, start: int) -> tuple[int, int] | None:
        """(year, index) of an earlier date with a year in the same sentence: "In May 2017 ... in June"."""
        sentence = self.sentence_of(start)
        for index in range(len(self.timexes) - 1, -1, -1):
            timex, point = self.timexes[index], self.points[index]
            if timex.sentence != sentence:
                break
            if point is not None and point.finer_or_equal("year") and timex.anchor is AnchorKind.EXPLICIT:
                return point.year, index
        return None

    # -- the main loop -----------------------------------------------------------------------
    def add(self, candidate: Candidate) -> None:
        tense = ""
        if candidate.resolved is not None:
            reading = self._calendar(candidate.resolved)
        else:
            assert candidate.span is not None
            words = _read_words(candidate.span)
            if candidate.kind in ("weekday", "month", "relative", "quarter", "season"):
                tense = self.tenses.tense(candidate.start, candidate.end)
            reading = self._pattern(candidate, words, tense)
        name = candidate.name
        if (reading is None or reading.value.startswith("XXXX")) and candidate.kind not in ("anaphoric", "offset"):
            fallback = self._dateparser(candidate)
            if fallback is not None:
                reading, name = fallback, f"{candidate.name}+dateparser"
        if reading is None:
            return
        if reading.point is not None and reading.anchor is not AnchorKind.NONE:
            reading.value = reading.point.value()
        calendar = candidate.resolved
        self.timexes.append(
            DateClaim(
                candidate.start,
                candidate.end,
                self.text[candidate.start : candidate.end],
                reading.value,
                reading.type,
                reading.granularity,
                reading.anchor,
                reading.anchor_index,
                name,
                self.sentence_of(candidate.start),
                tense,
                mention=calendar.mention if calendar else None,
                year=calendar.year if calendar else None,
                month=calendar.month if calendar else None,
                day=calendar.day if calendar else None,
                evidence=calendar.evidence if calendar else YearEvidence(),
                period=timex_period(reading.value),
            )
        )
        self.points.append(reading.point)

    def _dateparser(self, candidate: Candidate) -> _Reading | None:
        """A found span the tokens gave no value for, read by dateparser against the DCT (see fallback.py)."""
        if self.dct is None:
            return None  # dateparser would count from today: no value is better than a wrong one
        text = self.text[candidate.start : candidate.end]
        point = parse_span(text, self.dct)
        if point is None:
            return None
        anchor = AnchorKind.EXPLICIT if _YEAR_IN_TEXT.search(text) else AnchorKind.DCT
        return _Reading("", "DATE", point.granularity, anchor, point=point)

    def _calendar(self, resolved: DateClaim) -> _Reading | None:
        source = ANCHOR_KIND.get(resolved.year_source, AnchorKind.NONE)
        anchor_index = None
        if resolved.year_anchor is not None:
            anchor_index = next(
                (
                    i
                    for i, t in enumerate(self.timexes)
                    if t.start <= resolved.year_anchor.end and resolved.year_anchor.start <= t.end
                ),
                None,
            )
            if anchor_index is None:
                source = AnchorKind.EXPLICIT
        if resolved.year is None:
            month = f"{resolved.month:02d}" if resolved.month else "XX"
            day = f"-{resolved.day:02d}" if resolved.day else ""
            return _Reading(f"XXXX-{month}{day}", "DATE", "day" if day else "month", AnchorKind.NONE)
        if resolved.month is None:
            return _Reading("", "DATE", "year", source, anchor_index, Point("year", resolved.year))
        if resolved.day is None:
            return _Reading("", "DATE", "month", source, anchor_index, Point("month", resolved.year, resolved.month))
        value = resolved.date
        if value is None:
            return None
        return _Reading("", "DATE", "day", source, anchor_index, Point.of_date(value))

    def _pattern(self, candidate: Candidate, words: _Words, tense: str) -> _Reading | None:
        handler = getattr(self, "_" + candidate.kind.replace("-", "_"), None)
        if handler is None:
            return None
        reading = handler(candidate, words, tense)
        if reading is not None and reading.point is None and reading.anchor is not AnchorKind.NONE:
            reading.anchor = AnchorKind.NONE
        return reading

    def _dct_point(self) -> Point | None:
        return Point.of_date(self.dct) if self.dct is not None else None

    def _unknown(self, granularity: str, type_: str = "DATE") -> _Reading:
        return _Reading(_UNKNOWN.get(granularity, "XXXX"), type_, granularity, AnchorKind.NONE)

    # -- one method per pattern kind ("day/word" -> _day) -------------------------------------
    def _day(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        lex = load_timex_patterns().lexicons
        offset = next((lex["days"][w] for w in words.lower if w in lex["days"]), 0)
        if words.lower[:2] == ("last", "night"):
            offset = -1
        part = words.part if words.part and (words.lower[-1] in lex["parts"]) else ""
        dct = self._dct_point()
        if dct is None:
            return self._unknown("day")
        point = shift(dct, "D", offset)
        if part:
            return _Reading("", "TIME", "time", AnchorKind.DCT, point=replace(point, granularity="time", part=part))
        return _Reading("", "DATE", "day", AnchorKind.DCT, point=point)

    def _relative(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        dct = self._dct_point()
        unit_word = next(
            (w for w in words.lower if w in ("year", "month", "week", "quarter", "weekend", "decade", "century")), "year"
        )
        direction = words.direction or 0
        if words.lower[0] in ("earlier", "later"):
            direction = {"last": -1, "next": 1}.get(words.lower[1], 0)
        if candidate.name == "relative/the-weekend":
            direction = 1 if tense == "future" else -1 if self.dct and self.dct.weekday() < 5 else 0
        if dct is None:
            return self._unknown(UNIT_GRANULARITY.get(words.unit or "", "year") if not words.month else "month")
        if words.weekday is not None:
            return self._weekday_reading(words, tense, strict=direction)
        if words.month is not None:
            year = self.dct.year if self.dct else 0
            if candidate.name == "relative/month-this-year":
                year += direction
            elif direction < 0 and words.month >= dct.month - 1:
                year -= 1  # "last February" on March 1 is a year back: last month would be "last month"
            elif direction > 0 and words.month <= dct.month:
                year += 1
            return _Reading("", "DATE", "month", AnchorKind.DCT, point=Point("month", year, words.month))
        if words.season is not None:
            year = dct.year
            if direction < 0 and SEASON_MONTHS[words.season] + 1 >= dct.month:
                year -= 1
            elif direction > 0 and SEASON_MONTHS[words.season] - 1 <= dct.month:
                year += 1
            return _Reading("", "DATE", "season", AnchorKind.DCT, point=Point("season", year, season=words.season))
        if unit_word == "weekend":
            point = shift(dct, "W", direction)
            return _Reading("", "DATE", "weekend", AnchorKind.DCT, point=point.at("weekend"))
        unit = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "decade": "DE", "century": "CE"}[unit_word]
        granularity = UNIT_GRANULARITY[unit]
        point = shift(dct.at(granularity), unit, direction)
        return _Reading("", "DATE", granularity, AnchorKind.DCT, point=point)

    def _ago(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        unit = words.unit or "Y"
        if words.number in (None, "X") or (unit in ("H", "MI", "S") and candidate.name == "ago/vague"):
            return _Reading("PAST_REF", "DATE", "ref", AnchorKind.NONE)
        dct = self._dct_point()
        if dct is None:
            return self._unknown(UNIT_GRANULARITY.get(unit, "day"))
        if unit in ("H", "MI", "S"):
            return _Reading("", "DATE", "day", AnchorKind.DCT, point=dct)
        granularity = UNIT_GRANULARITY[unit]
        recent = self.recent_quarter(candidate.start) if unit == "Y" else None
        if recent is not None:  # "profit fell from a year ago": the same quarter, a year back
            point = self.points[recent]
            assert point is not None
            return _Reading("", "DATE", "quarter", AnchorKind.EXPRESSION, recent, shift(point, "Y", -int(words.number)))
        point = shift(dct.at(granularity), unit, -int(words.number))
        return _Reading("", "DATE", granularity, AnchorKind.DCT, point=point)

    def _year_ago(self, candidate: Candidate, words: _Words) -> _Reading:
        """'year-ago', 'the year-earlier quarter': the period the story compares with, a year back.

        The compared period is the narrative's latest quarter or month when there is one ("third-quarter
        profit ... the year-ago quarter" is last year's third quarter), else the DCT's year, or for
        "the year-ago quarter" the DCT's last reported quarter. An earlier whole year is not that
        period: it is usually the comparison itself ("the 1988 period"), so it is never moved again.
        """
        head = words.lower[-1] if candidate.name == "offset/adj-period" else ""
        index = self.narrative_anchor("quarter", candidate.start)
        point = self.points[index] if index is not None else None
        if point is not None:
            granularity = point.granularity if point.granularity in ("quarter", "month") else "year"
            if head == "quarter":
                granularity = "quarter"
            return _Reading("", "DATE", granularity, AnchorKind.EXPRESSION, index, shift(point.at(granularity), "Y", -1))
        dct = self._dct_point()
        if dct is None:
            return self._unknown("quarter" if head == "quarter" else "year")
        if head == "quarter":
            return _Reading("", "DATE", "quarter", AnchorKind.DCT, point=shift(shift(dct.at("quarter"), "Q", -1), "Y", -1))
        return _Reading("", "DATE", "year", AnchorKind.DCT, point=shift(dct.at("year"), "Y", -1))

    def _offset(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        if candidate.name.startswith("offset/adj"):
            return self._year_ago(candidate, words)
        if candidate.name in ("offset/adj", "offset/adj-period", "offset/day-before") or words.number is None:
            amount = 1
        else:
            amount = words.number if isinstance(words.number, int) else None
        unit = words.unit or "Y"
        if amount is None or unit in ("H", "MI", "S"):
            return _Reading("PAST_REF" if (words.direction or 0) < 0 else "FUTURE_REF", "DATE", "ref", AnchorKind.NONE)
        direction = words.direction if words.direction in (-1, 1) else -1
        if candidate.name.startswith("offset/adj"):
            direction = -1
        unit_granularity = UNIT_GRANULARITY[unit]
        need = "day" if unit in ("D", "W") else unit_granularity
        point, anchor, index = self.anchored(need, candidate.start)
        if point is None or (anchor is AnchorKind.DCT and not _STORY_RELATIVE.isdisjoint(words.lower)):
            return self._unknown(unit_granularity)  # "They left a week later": later than the story's time, not now
        if not point.finer_or_equal(need):  # a week after some day of 2018 is still 2018, roughly
            return _Reading("", "DATE", point.granularity, anchor, index, point)
        if point.granularity in ("time", "weekend"):
            point = point.at("day")
        granularity = point.granularity
        if unit in ("D", "W"):
            granularity = "day"
        elif unit == "Y" and granularity in ("day", "week"):
            granularity = "year"
        elif unit == "M" and granularity in ("day", "week"):
            granularity = "month"
        moved = shift(point.at(granularity), unit, direction * amount)
        return _Reading("", "DATE", granularity, anchor, index, moved)

    def _anaphoric(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        lex = load_timex_patterns().lexicons
        last = words.lower[-1]
        part = lex["parts"].get(last, "")
        unit = {"day": "D", "week": "W", "month": "M", "year": "Y", "weekend": "W"}.get(last, "D")
        granularity = {"D": "day", "W": "week", "M": "month", "Y": "year"}[unit]
        if last == "weekend":
            granularity = "weekend"
        direction = words.direction if words.direction in (-1, 1) else 0
        need = "day" if granularity in ("day", "weekend") else granularity
        point, anchor, index = self.anchored(need, candidate.start)
        if point is None:
            return self._unknown(granularity)
        if not point.finer_or_equal(need):
            return _Reading("", "DATE", point.granularity, anchor, index, point)
        moved = shift(point.at("day" if granularity == "weekend" else granularity), unit, direction)
        if part:
            return _Reading("", "TIME", "time", anchor, index, replace(moved.at("day"), granularity="time", part=part))
        return _Reading("", "DATE", granularity, anchor, index, moved.at(granularity))

    def _weekday_reading(self, words: _Words, tense: str, strict: int = 0, span: tuple[int, int] | None = None) -> _Reading:
        if self.dct is None or words.weekday is None:
            return self._unknown("day")
        delta = (words.weekday - self.dct.weekday()) % 7
        if strict > 0 or (strict == 0 and tense == "future"):
            day = self.dct + timedelta(days=delta if delta or strict == 0 else 7)
        else:
            back = (self.dct.weekday() - words.weekday) % 7
            if strict == 0 and back == 6 and not (span and past_event_at(self.tenses, *span)):
                # The day after the DCT, not six days back: news previews tomorrow far more often than it
                # goes back a week; a past verb plainly dating the day ("arrived on Saturday") keeps it past.
                back = -1
            day = self.dct - timedelta(days=back if back or strict == 0 else 7)
        point = Point.of_date(day)
        if words.part and words.lower[-1] in load_timex_patterns().lexicons["parts"]:
            return _Reading("", "TIME", "time", AnchorKind.DCT, point=replace(point, granularity="time", part=words.part))
        return _Reading("", "DATE", "day", AnchorKind.DCT, point=point)

    def _weekday(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        return self._weekday_reading(words, tense, span=(candidate.start, candidate.end))

    def _year_for(self, month: int, start: int, tense: str) -> tuple[int, AnchorKind, int | None] | None:
        found = self.same_sentence_year(start)
        if found is not None:
            return found[0], AnchorKind.EXPRESSION, found[1]
        if self.dct is None:
            return None
        # Past tense: the latest such month up to the DCT's, or the month just after it (a past
        # verb often reports a plan: "said it would close in November" late in October). Future
        # tense: the next such month from the DCT's on. Otherwise, and for a deadline ("through
        # January"), the one nearest the DCT ("January" in an October article is next January).
        dct = self.dct
        if tense == "past" and not self._deadline(start):
            return (dct.year if month <= dct.month + 1 else dct.year - 1), AnchorKind.DCT, None
        if tense == "future":
            return (dct.year if month >= dct.month else dct.year + 1), AnchorKind.DCT, None
        return nearest_year(month, 15, dct), AnchorKind.DCT, None

    def _deadline(self, start: int) -> bool:
        """Is the expression at `start` the object of "through", "until", "by" or "till"?"""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        before = self.doc[span.start - 1]
        if before.lower_ in ("early", "mid", "late", "-", "mid-") and span.start > 1:
            before = self.doc[span.start - 2]
        return before.lower_ in _DEADLINE

    def _month(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        if words.month is None:  # "the end of the month": the DCT's
            dct = self._dct_point()
            return self._unknown("month") if dct is None else _Reading("", "DATE", "month", AnchorKind.DCT, point=dct.at("month"))
        if words.year is not None:
            return _Reading("", "DATE", "month", AnchorKind.EXPLICIT, point=Point("month", words.year, words.month))
        found = self._year_for(words.month, candidate.start, tense)
        if found is None:
            return _Reading(f"XXXX-{words.month:02d}", "DATE", "month", AnchorKind.NONE)
        year, anchor, index = found
        return _Reading("", "DATE", "month", anchor, index, Point("month", year, words.month))

    def _year(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        if candidate.name in ("year/spelled", "year/two-thousand"):
            lex = load_timex_patterns().lexicons
            base = 1900 if candidate.name == "year/spelled" else 2000
            tens = next((lex["tens"][w] for w in words.lower if w in lex["tens"]), 0)
            ones = lex["ones"].get(words.lower[-1], 0) if words.lower[-1] != "two" or tens else 0
            return _Reading("", "DATE", "year", AnchorKind.EXPLICIT, point=Point("year", base + tens + ones))
        if candidate.name == "year/the-period" and words.year is not None:
            quarter = self._period_quarter(candidate, words.lower[-1])
            if quarter is not None:
                return _Reading("", "DATE", "quarter", AnchorKind.EXPLICIT, point=Point("quarter", words.year, quarter=quarter))
        if words.year is not None:
            return _Reading("", "DATE", "year", AnchorKind.EXPLICIT, point=Point("year", words.year))
        if candidate.name == "year/the-year" and _followed_by(candidate, _PERIOD_END):
            return _Reading("P1Y", "DURATION", "duration", AnchorKind.NONE)  # "for the year ended March 31": a fiscal year
        dct = self._dct_point()
        if dct is None:
            return self._unknown("year")
        return _Reading("", "DATE", "year", AnchorKind.DCT, point=dct.at("year"))

    def _period_quarter(self, candidate: Candidate, head: str) -> int | None:
        """Which quarter "the 1988 quarter" / "the 1988 period" is: the quarter the story reports."""
        recent = self.recent_quarter(candidate.start)
        if recent is not None:
            return self.points[recent].quarter  # type: ignore[union-attr]
        if head == "quarter" and self.dct is not None:
            return shift(Point.of_date(self.dct).at("quarter"), "Q", -1).quarter
        return None

    def _quarter(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        name = candidate.name
        if name == "quarter/latest" and "current" in words.lower and self.dct is not None:
            return _Reading("", "DATE", "quarter", AnchorKind.DCT, point=Point.of_date(self.dct).at("quarter"))
        if name in ("quarter/the", "quarter/latest", "quarter/latest-period", "quarter/ago"):
            index = self.narrative_anchor("quarter", candidate.start)
            point = self.points[index] if index is not None else None
            if point is not None and point.granularity == "quarter" and name == "quarter/latest" and self.dct:
                # "the latest quarter" has been reported: it is not the DCT's quarter nor a later one.
                reported = shift(Point.of_date(self.dct).at("quarter"), "Q", -1)
                if (point.year, point.quarter) > (reported.year, reported.quarter):
                    point = None
            if point is not None and point.granularity == "quarter":
                if name == "quarter/ago":
                    point = shift(point, "Y", -1)
                return _Reading("", "DATE", "quarter", AnchorKind.EXPRESSION, index, point)
            dct = self._dct_point()
            if dct is None:
                return self._unknown("quarter")
            point = shift(dct.at("quarter"), "Q", -1)
            if name == "quarter/ago":
                point = shift(point, "Y", -1)
            return _Reading("", "DATE", "quarter", AnchorKind.DCT, point=point)
        quarter = words.ordinal or 1
        if words.year is not None:
            return _Reading("", "DATE", "quarter", AnchorKind.EXPLICIT, point=Point("quarter", words.year, quarter=quarter))
        dct = self._dct_point()
        if dct is None:
            return self._unknown("quarter")
        year = dct.year + (words.direction or 0 if name == "quarter/this-years" else 0)
        if name != "quarter/this-years" and quarter > dct.quarter and tense != "future":
            year -= 1  # "the fourth quarter" in January: last year's, already reported
        found = self.same_sentence_year(candidate.start) if name != "quarter/this-years" else None
        if found is not None:
            return _Reading("", "DATE", "quarter", AnchorKind.EXPRESSION, found[1], Point("quarter", found[0], quarter=quarter))
        return _Reading("", "DATE", "quarter", AnchorKind.DCT, point=Point("quarter", year, quarter=quarter))

    def _half(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        half = 2 if "second" in words.lower else 1
        if words.year is not None:
            return _Reading("", "DATE", "half", AnchorKind.EXPLICIT, point=Point("half", words.year, half=half))
        if self.dct is None:
            return self._unknown("half")
        return _Reading("", "DATE", "half", AnchorKind.DCT, point=Point("half", self.dct.year, half=half))

    def _season(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        assert words.season is not None
        if words.year is not None:
            return _Reading("", "DATE", "season", AnchorKind.EXPLICIT, point=Point("season", words.year, season=words.season))
        if self.dct is None:
            return _Reading(f"XXXX-{words.season}", "DATE", "season", AnchorKind.NONE)
        return _Reading("", "DATE", "season", AnchorKind.DCT, point=Point("season", self.dct.year, season=words.season))

    def _decade(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        decades = load_timex_patterns().lexicons["decades"]
        if words.lower[-1] in decades:
            return _Reading("", "DATE", "decade", AnchorKind.EXPLICIT, point=Point("decade", decades[words.lower[-1]] * 10))
        match = _DECADE.match(candidate.span[-1].lower_ if candidate.span is not None else "")
        digits = match.group(1) if match else ""
        if len(digits) == 3:
            year = int(digits) * 10
        elif len(digits) == 1:
            century = (self.dct.year // 100 * 100) if self.dct else 1900
            year = century + int(digits) * 10
            if self.dct is not None and year > self.dct.year:
                year -= 100
        else:
            return self._unknown("decade")
        return _Reading("", "DATE", "decade", AnchorKind.EXPLICIT, point=Point("decade", year))

    def _century(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        ordinal = next((t.text for t in candidate.span or [] if _CENTURY.match(t.text)), "")
        match = _CENTURY.match(ordinal)
        if not match:
            return self._unknown("century")
        return _Reading("", "DATE", "century", AnchorKind.EXPLICIT, point=Point("century", (int(match.group(1)) - 1) * 100))

    def _ref(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        refs = load_timex_patterns().lexicons["refs"]
        if candidate.name == "ref/at-the-time":
            return _Reading("PAST_REF", "DATE", "ref", AnchorKind.NONE)
        if candidate.name == "ref/near":
            return _Reading("FUTURE_REF", "DATE", "ref", AnchorKind.NONE)
        value = next((refs[w] for w in reversed(words.lower) if w in refs), "PRESENT_REF")
        if candidate.name == "ref/the-past" and words.lower[-1] == "future":
            value = "FUTURE_REF"
        return _Reading(value, "DATE", "ref", AnchorKind.NONE)

    def _duration(self, candidate: Candidate, words: _Words, tense: str) -> _Reading | None:
        unit = words.unit
        if unit is None:
            return None
        amount: int | str = words.number if words.number is not None else "X"
        if candidate.name == "duration/plural":
            amount = "X"
        elif candidate.name in ("duration/past",) and words.number is None:
            amount = "X" if words.lower[-1].endswith("s") else 1
        elif candidate.name == "duration/compound" and isinstance(words.number, int):
            numbers = load_timex_patterns().lexicons["numbers"]
            amount = sum(int(numbers[w]) for w in words.lower if w in numbers and str(numbers[w]).isdigit())
        value = duration(amount, unit)
        if candidate.name == "duration/num-and-half" and isinstance(amount, int):
            value = duration(f"{amount}.5", unit) if unit not in ("DE", "CE") else value
        return _Reading(value, "DURATION", "duration", AnchorKind.NONE)

    def _set(self, candidate: Candidate, words: _Words, tense: str) -> _Reading:
        if words.weekday is not None:
            return _Reading(f"XXXX-WXX-{words.weekday + 1}", "SET", "set", AnchorKind.NONE)
        if words.part:
            return _Reading(f"XXXX-XX-XXT{words.part}", "SET", "set", AnchorKind.NONE)
        adverbs = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M"}
        value = adverbs.get(words.lower[-1]) or f"P1{words.unit or 'D'}"
        return _Reading(value, "SET", "set", AnchorKind.NONE)


def _followed_by(candidate: Candidate, words: frozenset[str]) -> bool:
    span = candidate.span
    return span is not None and span.end < len(span.doc) and span.doc[span.end].lower_ in words


def resolve_timexes(
    text: str, doc: Doc, dct: date | None, resolved: Sequence[DateClaim], parsed: Sequence[Any] = (), calendar_only: bool = False
) -> tuple[DateClaim, ...]:
    """Every temporal expression of one document with its value, in text order. `calendar_only`:
    the calendar dates alone (another language: the TIMEX patterns are English words)."""
    resolver = Resolver(text, doc, dct, TenseReader(doc, parsed))
    matcher = (lambda _doc: []) if calendar_only else timex_matcher(doc.vocab)
    for candidate in find_candidates(doc, matcher, resolved):
        resolver.add(candidate)
    return tuple(resolver.timexes)
