"""Check kinds, one module each; importing this package registers them all."""

from factlint.kinds import (  # noqa: F401 - imported to register their kinds
    calendar_dates,
    events,
    holidays,
    publication_date,
    reference_calendar,
    suppression,
    timeline_rules,
    user_patterns,
)
from factlint.kinds.base import REGISTRY, CheckKind, Finding

__all__ = ["REGISTRY", "CheckKind", "Finding"]
