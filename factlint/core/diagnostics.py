"""What a check reports: a Diagnostic with exact source locations and suggested edits.

Everything here is plain frozen data so reporters, the cache and the language server can
share it without knowing how it was produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= fail_on` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column; the column counts Unicode code points."""

    line: int
    column: int


@dataclass(frozen=True)
class Location:
    """A span of a source file: offsets into the source text plus line/column for both ends.

    `end` is exclusive in offsets and points one past the last character in columns, the
    convention of LSP and SARIF's `endColumn`.
    """

    path: str
    start: Position
    end: Position
    start_offset: int
    end_offset: int


@dataclass(frozen=True)
class Related:
    """A second claim a diagnostic rests on, e.g. the arrival date an event-day rule compares to."""

    location: Location
    label: str


@dataclass(frozen=True)
class Edit:
    """Replace the source text at `location` by `replacement`."""

    location: Location
    replacement: str


@dataclass(frozen=True)
class Suggestion:
    """One way to make the text consistent; `label` is what the span reads after the edits."""

    label: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    rule: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Related, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    quoted: str = field(default="", compare=False)  # the source text at `location`
    note: str = ""  # how the claim was read, e.g. where a yearless date's year came from

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (
            self.location.path,
            self.location.start.line,
            self.location.start.column,
            self.rule,
            self.message,
        )


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Output order is by file, line, column; rule and message break ties deterministically."""
    return sorted(diagnostics, key=lambda d: d.sort_key)
