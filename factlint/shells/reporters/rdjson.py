"""reviewdog's rdjson (the DiagnosticResult message of proto/rdf/reviewdog.proto).

rdjson columns count UTF-8 bytes, so code-point columns are converted against the source.
rdjson has no alternative fixes: only the first suggestion's edits are emitted, since
several would overlap and reviewdog applies them together.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from factlint.core.diagnostics import Diagnostic, Location, Position, Severity

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(position: Position, offset: int, source: str | None) -> int:
    """1-based UTF-8 byte column of a code-point position at source `offset`."""
    if source is None:
        return position.column
    line_start = offset - (position.column - 1)
    return len(source[line_start:offset].encode("utf-8")) + 1


def range_json(location: Location, source: str | None) -> dict[str, Any]:
    return {
        "start": {"line": location.start.line, "column": byte_column(location.start, location.start_offset, source)},
        "end": {"line": location.end.line, "column": byte_column(location.end, location.end_offset, source)},
    }


def diagnostic_json(d: Diagnostic, rules: dict[str, Rule], sources: dict[str, str]) -> dict[str, Any]:
    def location(loc: Location) -> dict[str, Any]:
        return {"path": loc.path, "range": range_json(loc, sources.get(loc.path))}

    code: dict[str, str] = {"value": d.rule}
    rule = rules.get(d.rule)
    if rule is not None and rule.link:
        code["url"] = rule.link
    out: dict[str, Any] = {
        "message": d.message,
        "location": location(d.location),
        "severity": SEVERITY[d.severity],
        "code": code,
    }
    if d.suggestions:
        out["suggestions"] = [
            {"range": range_json(e.location, sources.get(e.location.path)), "text": e.replacement} for e in d.suggestions[0].edits
        ]
    if d.related:
        out["relatedLocations"] = [{"message": r.label, "location": location(r.location)} for r in d.related]
    return out


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    by_id = {r.id: r for r in rules}
    document = {
        "source": {"name": "factlint"},
        "diagnostics": [diagnostic_json(d, by_id, result.sources) for d in result.diagnostics],
    }
    if result.diagnostics:
        document["severity"] = SEVERITY[max(d.severity for d in result.diagnostics)]
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
