"""What a check kind yields: Findings, spans of the plain text with named fields.

A Finding is not yet a Diagnostic: the engine maps its plain-text offsets to source lines and
columns and renders the rule's message template with its fields. A kind never formats
output, reads files or knows a shell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factlint.core.diagnostics import Location


@dataclass(frozen=True)
class TextEdit:
    """Replace plain-text range [start, end) (which maps 1:1 to the source) by `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class SuggestionDraft:
    label: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class RelatedSpan:
    start: int
    end: int
    label: str
    location: Location | None = None  # set for a place outside the document (a calendar file's entry)


@dataclass(frozen=True)
class Finding:
    """`start`/`end` are plain-text offsets, or source offsets with `in_source` (a suppression
    comment, which is not prose)."""

    start: int
    end: int
    fields: Mapping[str, Any]
    related: tuple[RelatedSpan, ...] = ()
    suggestions: tuple[SuggestionDraft, ...] = ()
    note: str = ""
    in_source: bool = False
