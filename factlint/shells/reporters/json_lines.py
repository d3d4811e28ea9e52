"""One compact JSON object per diagnostic per line (the `json` format's diagnostic objects):
easy to stream, grep and `jq -c`; unreadable files stay on standard error."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    for d in result.diagnostics:
        stream.write(json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
