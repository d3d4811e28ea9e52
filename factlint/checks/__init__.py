"""Check kinds, one module each; importing this package registers them all."""

from factlint.checks import calendar_dates, events, holidays, publication_date, reference_calendar, suppression, timeline_rules, user_patterns  # noqa: F401 - registration
from factlint.checks.base import REGISTRY, CheckKind, Finding

__all__ = ["REGISTRY", "CheckKind", "Finding"]
