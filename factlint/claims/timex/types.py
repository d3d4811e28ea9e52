"""What the temporal resolver produces: one `Timex` per temporal expression, in text order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AnchorKind(StrEnum):
    """Where a value came from: the text alone, the publication date, or an earlier expression."""

    EXPLICIT = "explicit"  # "November 2016", "2019": the expression states its own date
    DCT = "DCT"  # deictic ("yesterday", "last year") or a yearless date placed near the DCT
    EXPRESSION = "expression"  # anaphoric ("the following year"): an earlier Timex, by index
    NONE = "none"  # durations, sets and PRESENT_REF-style references need no anchor


@dataclass(frozen=True)
class Timex:
    """A temporal expression with its TIMEX3 value.

    `start`/`end` are plain-text offsets. `value` follows TIMEX3 (`2019-10-01`, `2019-10`,
    `2019-W40`, `2019-SU`, `PAST_REF`, `P3D`); `granularity` says how precise it is (day,
    month, year, week, quarter, ...). `anchor_index` is the index, in the same tuple, of the
    earlier Timex an anaphoric value was computed from.
    """

    start: int
    end: int
    text: str
    value: str
    type: str  # DATE, TIME, DURATION or SET
    granularity: str
    anchor: AnchorKind
    anchor_index: int | None = None
    kind: str = ""  # the pattern that found it ("relative/unit", "date/month-day-year", ...)
    sentence: int = 0  # index of its sentence in the cheap doc
    tense: str = ""  # "past", "present" or "future" of its clause, when one was read

    @property
    def is_date(self) -> bool:
        return self.type in ("DATE", "TIME") and self.value[:1].isdigit()
