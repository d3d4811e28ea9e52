"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.

Escaping follows the runner's parser: in data `%`, CR and LF are percent-encoded; in
properties `:` and `,` are too, since they delimit the property list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from factlint.core.diagnostics import Diagnostic, Severity
from factlint.shells.reporters.sarif import repo_path

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(d: Diagnostic) -> str:
    location = d.location
    return command(
        COMMAND[d.severity],
        d.message,
        file=repo_path(location.path),
        line=location.start.line,
        col=location.start.column,
        endLine=location.end.line,
        endColumn=location.end.column,
        title=d.rule,
    )


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    for d in result.diagnostics:
        stream.write(annotation(d) + "\n")
    for error in result.errors:  # unreadable files: a file-less annotation so the run shows why
        stream.write(command("error", error, title="factlint") + "\n")
