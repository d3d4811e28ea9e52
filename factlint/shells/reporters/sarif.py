"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns count Unicode code points (`columnKind`), as factlint's do. Fingerprints hash the
rule, the quoted text and how many times that pair occurred before in the file, never line
numbers, so an alert survives edits elsewhere in the article.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from factlint.core.diagnostics import Diagnostic, Location, Severity
from factlint.core.version import __version__

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "factlintSpan/v1"


def repo_path(path: str, cwd: Path | None = None) -> str:
    """`path` as a POSIX path relative to the working directory when it lies under it."""
    cwd = cwd or Path.cwd()
    candidate = Path(path)
    try:
        absolute = candidate if candidate.is_absolute() else cwd / candidate
        return absolute.resolve().relative_to(cwd.resolve()).as_posix()
    except (ValueError, OSError):
        return candidate.as_posix()


def artifact_location(path: str) -> dict[str, Any]:
    """Relative paths hang off %SRCROOT%; anything outside the working tree is a file: URI."""
    relative = repo_path(path)
    if PurePosixPath(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}


def region(location: Location) -> dict[str, int]:
    return {
        "startLine": location.start.line,
        "startColumn": location.start.column,
        "endLine": location.end.line,
        "endColumn": location.end.column,
    }


def physical_location(location: Location) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(location.path), "region": region(location)}}


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    return " ".join((match.group(1) if match else text).split())


def rule_descriptor(rule_id: str, rule: Rule | None) -> dict[str, Any]:
    """GitHub shows shortDescription as the rule's title and `help` on the alert page."""
    if rule is None:  # file problems (encoding, front matter) have no YAML rule
        return {"id": rule_id, "name": rule_id, "shortDescription": {"text": rule_id}}
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": first_sentence(rule.description) or rule.id},
        "fullDescription": {"text": rule.description or rule.id},
        "help": {"text": rule.description + (f"\n\nSee {rule.link}" if rule.link else "")},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"extends": rule.extends},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def fingerprint(d: Diagnostic, occurrence: int) -> str:
    key = "\0".join((d.rule, d.quoted or d.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fixes(d: Diagnostic) -> list[dict[str, Any]]:
    out = []
    for suggestion in d.suggestions:
        by_path: dict[str, list[dict[str, Any]]] = {}
        for edit in suggestion.edits:
            by_path.setdefault(edit.location.path, []).append(
                {"deletedRegion": region(edit.location), "insertedContent": {"text": edit.replacement}}
            )
        changes = [{"artifactLocation": artifact_location(p), "replacements": r} for p, r in by_path.items()]
        out.append({"description": {"text": suggestion.label}, "artifactChanges": changes})
    return out


def result_json(d: Diagnostic, rule_index: int, occurrence: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [physical_location(d.location)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d, occurrence)},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": index, **physical_location(r.location), "message": {"text": r.label}} for index, r in enumerate(d.related, 1)
        ]
    if d.suggestions:
        result["fixes"] = fixes(d)
    if d.note:
        result["properties"] = {"note": d.note}
    return result


def sarif_log(result: LintResult, rules: list[Rule]) -> dict[str, Any]:
    by_id = {r.id: r for r in rules}
    rule_ids = [r.id for r in rules] + sorted({d.rule for d in result.diagnostics} - set(by_id))
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for d in result.diagnostics:
        key = (d.location.path, d.rule, d.quoted or d.message)
        results.append(result_json(d, index[d.rule], seen[key]))
        seen[key] += 1
    notifications = [{"level": "error", "message": {"text": error}} for error in result.errors]
    run = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule_id, by_id.get(rule_id)) for rule_id in rule_ids],
            }
        },
        "invocations": [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    json.dump(sarif_log(result, rules), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
