"""`path:line:col: severity: message [rule-id]`, one line each: what grep and problem matchers read."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    for d in result.diagnostics:
        start = d.location.start
        stream.write(f"{d.location.path}:{start.line}:{start.column}: {d.severity}: {d.message} [{d.rule}]\n")
