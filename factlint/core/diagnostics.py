"""What a check reports: a Diagnostic with exact source locations and suggested edits.

Everything here is plain frozen data so reporters, the cache and the language server can
share it without knowing how it was produced. `Diagnostic.to_dict()` is the JSON report's
diagnostic object (factlint/schemas/output.schema.json); `to_dict(offsets=True)` adds the
source offsets the report leaves out, so `from_dict` gives back the very same Diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


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

    def to_dict(self, offsets: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "start": {"line": self.start.line, "column": self.start.column},
            "end": {"line": self.end.line, "column": self.end.column},
        }
        if offsets:
            data["offsets"] = [self.start_offset, self.end_offset]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        """`offsets` absent (a saved JSON report): -1, unknown."""
        start, end = data["start"], data["end"]
        first, last = data.get("offsets", (-1, -1))
        return cls(data["path"], Position(start["line"], start["column"]), Position(end["line"], end["column"]), first, last)


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

    def to_dict(self, offsets: bool = False) -> dict[str, Any]:
        """The JSON report's diagnostic object; with `offsets`, lossless (what the cache keeps)."""
        location = self.location.to_dict(offsets)
        data: dict[str, Any] = {
            "path": self.location.path,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "start": location["start"],
            "end": location["end"],
            "text": self.quoted,
            "note": self.note,
            "related": [{"label": r.label, **r.location.to_dict(offsets)} for r in self.related],
            "suggestions": [
                {"label": s.label, "edits": [{"replacement": e.replacement, **e.location.to_dict(offsets)} for e in s.edits]}
                for s in self.suggestions
            ],
        }
        if offsets:
            data["offsets"] = location["offsets"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of `to_dict`: exact with offsets, else offsets are -1 (unknown)."""
        return cls(
            rule=data["rule"],
            severity=Severity.parse(data["severity"]),
            message=data["message"],
            location=Location.from_dict(data),
            related=tuple(Related(Location.from_dict(r), r["label"]) for r in data["related"]),
            suggestions=tuple(
                Suggestion(s["label"], tuple(Edit(Location.from_dict(e), e["replacement"]) for e in s["edits"]))
                for s in data["suggestions"]
            ),
            quoted=data["text"],
            note=data["note"],
        )

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
