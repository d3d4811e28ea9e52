"""One compact JSON object per diagnostic per line (the `json` format's diagnostic objects):
easy to stream, grep and `jq -c`; unreadable files stay on standard error."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from factlint.shells.reporters.json_report import diagnostic_json

if TYPE_CHECKING:
    from factlint.engine.api import LintResult
    from factlint.engine.rule_loading import Rule


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    for d in result.diagnostics:
        stream.write(json.dumps(diagnostic_json(d), ensure_ascii=False, separators=(",", ":")) + "\n")
