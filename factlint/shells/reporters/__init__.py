"""Output formats: each reporter turns a LintResult into one format, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule

Reporter = Callable[["LintResult", "list[Rule]", TextIO], None]

# format name -> module in this package exposing `report(result, rules, stream)`
FORMATS: dict[str, str] = {
    "rich": "rich_console",
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "rdjson": "rdjson",
    "json-lines": "json_lines",
    "html": "html",
}


def get_reporter(name: str) -> Reporter:
    module = import_module(f"factlint.shells.reporters.{FORMATS[name]}")
    return module.report  # type: ignore[no-any-return]
