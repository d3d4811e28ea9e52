"""dateparser as a last resort: the value of a span the patterns found but could not read.

It never finds spans (the Matcher patterns do); it only turns an already found span into a
date when the matched tokens gave none. Its traps, and how they are kept out:

- It ignores weekdays: "Tuesday, Oct. 3" is read as Oct. 3 whatever the weekday says, and a
  bare "Tuesday" becomes some Tuesday before the base. Spans naming a weekday are refused
  here; the resolver reads weekdays itself, by tense, within the DCT's week.
- It reads a lone ordinal as a month: "the 4th" becomes April 4. Spans without a month name,
  a year or a digit date are refused.
- It knows no narrative anchors: "the following year" or "that day" would be read from the
  base date. Only the DCT is given as base, and anaphoric spans never reach it.
- It invents precision: "November 2016" comes back as 2016-11-04 (the base's day). Its
  `period` ("day", "month", "year") is kept, so the value stays "2016-11".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from factlint.claims.timex.values import Point

_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\b", re.I)
_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\W|$)", re.I)
_YEAR = re.compile(r"\b(1[0-9]|20)\d\d\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_PERIODS = {"day": "day", "month": "month", "year": "year"}


@lru_cache(maxsize=8)
def _parser(base: date) -> Any:
    """One parser per base date (dateparser takes RELATIVE_BASE only when built)."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


def readable(text: str) -> bool:
    """Does `text` carry calendar words dateparser reads reliably (and no weekday it would ignore)?"""
    if _WEEKDAY.search(text):
        return False
    return bool(_MONTH.search(text) or _YEAR.search(text) or _NUMERIC_DATE.search(text))


def parse_span(text: str, dct: date) -> Point | None:
    """The date `text` states, at the precision it states it, relative to the DCT; None if unsure."""
    if not readable(text):
        return None
    try:
        data = _parser(dct).get_date_data(text)
    except Exception:  # dateparser raises many kinds on odd input; no value is the answer then
        return None
    found, period = getattr(data, "date_obj", None), _PERIODS.get(getattr(data, "period", "") or "")
    if found is None or period is None:
        return None
    return Point.of_date(found.date(), period)
