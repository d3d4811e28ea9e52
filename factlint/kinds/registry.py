"""The built-in check kinds, listed explicitly, and the registry a run uses.

`default_registry()` is the built-in kinds plus those installed packages declare under the
`factlint.kinds` entry-point group (factlint.kinds.base.Registry.add_entry_points).
"""

from __future__ import annotations

from functools import lru_cache

from factlint.kinds.age import AGE
from factlint.kinds.base import CheckKind, Registry
from factlint.kinds.calendar_event import CALENDAR_EVENT
from factlint.kinds.consistency import CONSISTENCY
from factlint.kinds.event_day import EVENT_DAY
from factlint.kinds.holiday_date import HOLIDAY_DATE
from factlint.kinds.holiday_weekday import HOLIDAY_WEEKDAY
from factlint.kinds.impossible_date import IMPOSSIBLE_DATE
from factlint.kinds.nth_weekday import NTH_WEEKDAY
from factlint.kinds.ordinal_series import ORDINAL_SERIES
from factlint.kinds.past_event import PAST_EVENT_AFTER_PUBLICATION
from factlint.kinds.pattern import PATTERN
from factlint.kinds.publication_date import PUBLICATION_DATE
from factlint.kinds.quantity import QUANTITY
from factlint.kinds.relative_date import RELATIVE_DATE_CONFLICT
from factlint.kinds.series_count import SERIES_COUNT
from factlint.kinds.unused_suppression import UNUSED_SUPPRESSION
from factlint.kinds.weekday import WEEKDAY

BUILTIN_KINDS: tuple[CheckKind, ...] = (
    WEEKDAY,
    IMPOSSIBLE_DATE,
    NTH_WEEKDAY,
    PUBLICATION_DATE,
    HOLIDAY_DATE,
    HOLIDAY_WEEKDAY,
    CALENDAR_EVENT,
    ORDINAL_SERIES,
    SERIES_COUNT,
    EVENT_DAY,
    QUANTITY,
    AGE,
    PAST_EVENT_AFTER_PUBLICATION,
    RELATIVE_DATE_CONFLICT,
    PATTERN,
    CONSISTENCY,
    UNUSED_SUPPRESSION,
)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The built-in kinds and every installed plug-in's, loaded once per process."""
    return Registry(BUILTIN_KINDS).add_entry_points()
