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


_QUOTES = "\"'“”‘’«»„"
_OPENING_QUOTES = ('"', "“", "„", "«")
_CLOSING_QUOTES = ('"', "”", "»")


def quoted_text(value: str) -> str:
    """A span's text as a message quotes it: whitespace runs made one space, trimmed, and the
    quotation marks it caught at its ends dropped, with any left unpaired inside (the template
    gives the quotes: `"{text}"` must never read `""the four warships"`)."""
    text = " ".join(value.split()).strip(_QUOTES + " ")
    if (text.count('"') + text.count("“") + text.count("”")) % 2:
        text = " ".join(text.replace('"', " ").replace("“", " ").replace("”", " ").split())
    return text


def render(template: str, fields: dict[str, Any]) -> str:
    """`template` filled from `fields`; a string field the template puts in double quotes
    (`"{text}"`, `“{text}”`) is `quoted_text`."""
    parts: list[str] = []
    pieces = list(FORMATTER.parse(template))
    if any(spec and "{" in spec for _literal, _field, spec, _conversion in pieces):
        return FORMATTER.vformat(template, (), fields)  # nested fields in a spec: as str.format does
    for index, (literal, field, spec, conversion) in enumerate(pieces):
        parts.append(literal)
        if field is None:
            continue
        value = FORMATTER.convert_field(FORMATTER.get_field(field, (), fields)[0], conversion)
        following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        if isinstance(value, str) and literal.endswith(_OPENING_QUOTES) and following.startswith(_CLOSING_QUOTES):
            value = quoted_text(value)
        parts.append(FORMATTER.format_field(value, spec or ""))
    return "".join(parts)
