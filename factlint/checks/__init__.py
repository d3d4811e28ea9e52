"""Check kinds, one module each; importing this package registers them all."""

from factlint.checks import calendar_dates, publication_date, suppression, user_patterns  # noqa: F401 - registration
from factlint.checks.base import REGISTRY, CheckKind, Finding

__all__ = ["REGISTRY", "CheckKind", "Finding"]
