"""The versioned JSON report (schema: factlint/schemas/output.schema.json)."""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from factlint.core.diagnostics import Diagnostic, Edit, Location, Position, Related, Severity, Suggestion

if TYPE_CHECKING:
    from factlint.core.document import LineIndex
    from factlint.engine.api import LintResult
    from factlint.engine.rule_loading import Rule

SCHEMA_VERSION = 1


def location_json(location: Location) -> dict[str, Any]:
    return {
        "path": location.path,
        "start": {"line": location.start.line, "column": location.start.column},
        "end": {"line": location.end.line, "column": location.end.column},
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.location.path,
        "rule": d.rule,
        "severity": str(d.severity),
        "message": d.message,
        "start": {"line": d.location.start.line, "column": d.location.start.column},
        "end": {"line": d.location.end.line, "column": d.location.end.column},
        "text": d.quoted,
        "note": d.note,
        "related": [{"label": r.label, **location_json(r.location)} for r in d.related],
        "suggestions": [
            {
                "label": s.label,
                "edits": [{"replacement": e.replacement, **location_json(e.location)} for e in s.edits],
            }
            for s in d.suggestions
        ],
    }


def report_object(result: LintResult) -> dict[str, Any]:
    from factlint import __version__

    counts = {"error": 0, "warning": 0, "info": 0}
    for d in result.diagnostics:
        counts[str(d.severity)] += 1
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "factlint", "version": __version__},
        "files": sorted(result.files),
        "errors": [{"message": e} for e in result.errors],
        "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
        "summary": {"files": len(result.files), **counts},
    }


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    json.dump(report_object(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


class ReportError(ValueError):
    """A saved report that is not a factlint JSON report; the message says what is wrong."""


def read_report(data: Any, lines_of: dict[str, LineIndex]) -> LintResult:
    """A saved JSON report (what `report` writes) as the LintResult it was written from.

    The report gives lines and columns, not offsets; `lines_of` (the source files re-read, by
    path) turns them back into offsets where a file is at hand, else offsets are -1: only the
    excerpts of `rich` and the byte columns of `rdjson` use them."""
    import jsonschema

    from factlint.engine.api import LintResult

    schema = json.loads(resources.files("factlint.schemas").joinpath("output.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "report"
        raise ReportError(f"not a factlint JSON report (version {SCHEMA_VERSION}): {where}: {error.message}") from None

    def location(item: dict[str, Any]) -> Location:
        start, end = item["start"], item["end"]
        lines = lines_of.get(item["path"])

        def offset(position: dict[str, int]) -> int:
            if lines is None or position["line"] > len(lines.starts):
                return -1
            return lines.starts[position["line"] - 1] + position["column"] - 1

        return Location(
            item["path"],
            Position(start["line"], start["column"]),
            Position(end["line"], end["column"]),
            offset(start),
            offset(end),
        )

    diagnostics = [
        Diagnostic(
            rule=d["rule"],
            severity=Severity.parse(d["severity"]),
            message=d["message"],
            location=location(d),
            related=tuple(Related(location(r), r["label"]) for r in d["related"]),
            suggestions=tuple(
                Suggestion(s["label"], tuple(Edit(location(e), e["replacement"]) for e in s["edits"])) for s in d["suggestions"]
            ),
            quoted=d["text"],
            note=d["note"],
        )
        for d in data["diagnostics"]
    ]
    return LintResult(diagnostics=diagnostics, errors=[e["message"] for e in data["errors"]], files=list(data["files"]))
