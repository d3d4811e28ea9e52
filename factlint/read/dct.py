"""Finding the publication date (DCT) of an article: the anchor of every relative date.

Order, first found wins: the caller's `--date`; a front-matter key; a leading
`date YYYY-MM-DD` token (the seed's header, which is metadata and not prose); a dateline
such as "MANILA, Oct. 4, 2019 —". Never the system clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from factlint.core.calendar_words import load_calendar_lexicon
from factlint.read.options import DEFAULT_FRONT_MATTER_KEYS

HEADER = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)[ \t]*")
_DATELINE = re.compile(
    r"\s*[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?,\s*"
    r"(?:(?P<month>[A-Za-z]{3,9}\.?)\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]{3,9}\.?)\s+(?P<year2>\d{4}))"
    r"\s*(?:\(|—|–|-|/)"
)


@dataclass(frozen=True)
class HeaderMatch:
    value: date
    start: int
    end: int


def parse_iso_date(value: Any) -> date | None:
    """A front-matter value: a YAML date, a datetime, or an ISO-8601 string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return _parse_free_date(text)
    return None


def _parse_free_date(text: str) -> date | None:
    import dateparser  # lazy: only for front matter written as prose, e.g. "Oct. 4, 2019"

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date() if parsed else None


def front_matter_date(data: dict[str, Any], keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS) -> tuple[date, str] | None:
    for key in keys:
        if key in data:
            value = parse_iso_date(data[key])
            if value is not None:
                return value, key
    return None


def unreadable_front_matter_date(data: dict[str, Any], keys: tuple[str, ...] = DEFAULT_FRONT_MATTER_KEYS) -> str | None:
    """Why the first date key present in the front matter gives no date (None: it does, or
    none is present): `date: 2019-02-30` must be said, not read as "no publication date"."""
    for key in keys:
        if key in data:
            value = data[key]
            if parse_iso_date(value) is not None:
                return None
            shown = value if isinstance(value, str) else type(value).__name__
            return f"front matter '{key}' is not a date: {shown!r}"[:200]
    return None


def header_date(source: str, start: int) -> HeaderMatch | None:
    """The seed's `date 2019-10-04` token at the very start; its span (spaces included) is not prose."""
    match = HEADER.match(source, start)
    if not match:
        return None
    try:
        value = date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return HeaderMatch(value, match.start(), match.end())


def dateline_date(text: str) -> date | None:
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    months = load_calendar_lexicon().month_forms
    month = months.get((match.group("month") or match.group("month2")).lower())
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year") or match.group("year2"))
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
