"""Rule message templates: `str.format` over a finding's named fields.

Dates accept strftime specs, with `%-d` (day without padding) made portable:
`{date:%B %-d, %Y}` reads "October 1, 2019" everywhere.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any


class TemplateFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, date) and format_spec:
            spec = format_spec.replace("%-d", str(value.day)).replace("%-m", str(value.month))
            spec = spec.replace("%Y", f"{value.year:04d}")
            return value.strftime(spec)
        return super().format_field(value, format_spec)


FORMATTER = TemplateFormatter()


def template_fields(template: str) -> list[str]:
    """Root names of every `{field...}` in a template; raises ValueError on a malformed one."""
    names: list[str] = []
    for _literal, field, _spec, _conversion in FORMATTER.parse(template):
        if field is None:
            continue
        root = field.split(".")[0].split("[")[0]
        if not root or root.isdigit():
            raise ValueError("positional fields like {} or {0} are not allowed; name the field")
        names.append(root)
    return names


def render(template: str, fields: dict[str, Any]) -> str:
    return FORMATTER.vformat(template, (), fields)
