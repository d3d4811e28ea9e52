"""Calendar points at a granularity, their arithmetic, and their TIMEX3 spelling.

A `Point` keeps only what the text states or implies: "November 2016" is a month and
stays one ("2016-11"), never a day picked at random.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

ORDER = ("century", "decade", "year", "half", "season", "quarter", "month", "week", "weekend", "day", "time")
SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


@dataclass(frozen=True)
class Point:
    """A date at some granularity. `day` is set for day, week and time points (any day of the week)."""

    granularity: str
    year: int
    month: int = 1
    day: int = 1
    quarter: int = 0
    half: int = 0
    season: str = ""
    part: str = ""  # part of day: MO, AF, EV, NI

    @classmethod
    def of_date(cls, value: date, granularity: str = "day") -> Point:
        return cls(granularity, value.year, value.month, value.day, (value.month - 1) // 3 + 1, 1 if value.month <= 6 else 2)

    @property
    def date(self) -> date:
        return date(self.year, self.month, min(self.day, calendar.monthrange(self.year, self.month)[1]))

    def at(self, granularity: str) -> Point:
        """The same point, coarsened (or refined, keeping the date it carries) to `granularity`."""
        if granularity == "quarter" and not self.quarter:
            return replace(self, granularity=granularity, quarter=(self.month - 1) // 3 + 1)
        if granularity == "season" and not self.season:
            return replace(self, granularity=granularity, season=_season_of(self.month))
        return replace(self, granularity=granularity, part="" if granularity != "time" else self.part)

    def finer_or_equal(self, granularity: str) -> bool:
        return ORDER.index(self.granularity) >= ORDER.index(granularity)

    def value(self) -> str:
        g = self.granularity
        if g == "century":
            return f"{self.year // 100:02d}"
        if g == "decade":
            return f"{self.year // 10:03d}"
        if g == "year":
            return f"{self.year:04d}"
        if g == "half":
            return f"{self.year:04d}-H{self.half}"
        if g == "season":
            return f"{self.year:04d}-{self.season}"
        if g == "quarter":
            return f"{self.year:04d}-Q{self.quarter}"
        if g == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if g == "week":
            iso = self.date.isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}"
        if g == "weekend":
            iso = self.date.isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}-WE"
        day = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{day}T{self.part}" if g == "time" and self.part else day


def _season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")


def shift(point: Point, unit: str, amount: int) -> Point:
    """`point` moved by `amount` units ("Y", "M", "W", "D", "Q", "DE", "CE"), keeping its granularity."""
    if unit in ("D", "W", "F"):
        days = amount * {"D": 1, "W": 7, "F": 14}[unit]
        moved = Point.of_date(point.date + timedelta(days=days), point.granularity)
        return replace(moved, part=point.part)
    if unit in ("Y", "DE", "CE"):
        years = amount * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return replace(point, year=point.year + years)
    if unit == "Q" and point.granularity == "quarter":
        index = point.year * 4 + point.quarter - 1 + amount
        return replace(point, year=index // 4, quarter=index % 4 + 1)
    months = amount * (3 if unit == "Q" else 6 if unit == "H" else 1)
    index = point.year * 12 + point.month - 1 + months
    year, month = divmod(index, 12)
    return replace(point, year=year, month=month + 1, quarter=month // 3 + 1, half=1 if month < 6 else 2)


UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "F": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


def duration(amount: int | str, unit: str) -> str:
    """TIMEX3 duration: P3D, P10Y (a decade), PT2H, PXY (several years)."""
    if unit in ("H", "MI", "S"):
        return f"PT{amount}{'M' if unit == 'MI' else unit}"
    if unit in ("DE", "CE"):
        if amount == "X":
            return f"PX{unit}"
        return f"P{int(amount) * (10 if unit == 'DE' else 100)}Y"
    if unit == "F":
        return "PXW" if amount == "X" else f"P{int(amount) * 2}W"
    return f"P{amount}{unit}"


def bounds(value: str) -> tuple[date, date] | None:
    """First and last day a DATE value covers ("2019-10" -> Oct 1..31), or None if not a calendar value."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = date.fromisoformat(value[:10])
            return day, day
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            year, month = int(value[:4]), int(value[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(value) >= 8 and value[5] == "W":
            monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            return monday, monday + timedelta(days=6)
        if len(value) == 7 and value[5] == "Q":
            q = int(value[6])
            return date(int(value[:4]), 3 * q - 2, 1), date(int(value[:4]), 3 * q, calendar.monthrange(2001, 3 * q)[1])
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None
