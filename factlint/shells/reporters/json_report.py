"""The versioned JSON report (schema: factlint/schemas/output.schema.json), and reading one back."""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from factlint.core.diagnostics import Diagnostic
from factlint.core.errors import ReportError
from factlint.core.result import LintResult
from factlint.core.version import __version__

if TYPE_CHECKING:
    from factlint.core.document import LineIndex
    from factlint.core.rule import Rule

SCHEMA_VERSION = 1


def report_object(result: LintResult) -> dict[str, Any]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in result.diagnostics:
        counts[str(d.severity)] += 1
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "factlint", "version": __version__},
        "files": sorted(result.files),
        "errors": [{"message": e} for e in result.errors],
        "diagnostics": [d.to_dict() for d in result.diagnostics],
        "summary": {"files": len(result.files), **counts},
    }


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    json.dump(report_object(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def read_report(data: Any, lines_of: dict[str, LineIndex]) -> LintResult:
    """A saved JSON report (what `report` writes) as the LintResult it was written from.

    The report gives lines and columns, not offsets; `lines_of` (the source files re-read, by
    path) turns them back into offsets where a file is at hand, else offsets are -1: only the
    excerpts of `rich` and the byte columns of `rdjson` use them."""
    import jsonschema

    schema = json.loads(resources.files("factlint.schemas").joinpath("output.schema.json").read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "report"
        raise ReportError(f"not a factlint JSON report (version {SCHEMA_VERSION}): {where}: {error.message}") from None

    def with_offsets(item: dict[str, Any]) -> dict[str, Any]:
        lines = lines_of.get(item["path"])

        def offset(position: dict[str, int]) -> int:
            if lines is None or position["line"] > len(lines.starts):
                return -1
            return lines.starts[position["line"] - 1] + position["column"] - 1

        return {**item, "offsets": [offset(item["start"]), offset(item["end"])]}

    diagnostics = [
        Diagnostic.from_dict(
            {
                **with_offsets(d),
                "related": [with_offsets(r) for r in d["related"]],
                "suggestions": [{**s, "edits": [with_offsets(e) for e in s["edits"]]} for s in d["suggestions"]],
            }
        )
        for d in data["diagnostics"]
    ]
    return LintResult(diagnostics=diagnostics, errors=[e["message"] for e in data["errors"]], files=list(data["files"]))
