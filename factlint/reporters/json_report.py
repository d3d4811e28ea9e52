"""The versioned JSON report (schema: factlint/schemas/output.schema.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from factlint.diagnostics import Diagnostic, Location

if TYPE_CHECKING:
    from factlint.linter import LintResult
    from factlint.rules import Rule

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
