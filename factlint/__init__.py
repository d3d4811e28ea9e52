"""factlint: a fact-consistency linter for news articles.

Public API: `lint_text`, `lint_paths`, `Diagnostic`, `Severity`. Imports are lazy so that
`factlint --version` and `factlint rules` start without loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnostic", "LintOptions", "LintResult", "Severity", "__version__", "lint_paths", "lint_text"]

if TYPE_CHECKING:
    from factlint.core.diagnostics import Diagnostic, Severity
    from factlint.engine.api import LintOptions, LintResult, lint_paths, lint_text


def __getattr__(name: str) -> Any:
    if name in ("Diagnostic", "Severity"):
        from factlint.core import diagnostics

        return getattr(diagnostics, name)
    if name in ("lint_text", "lint_paths", "LintOptions", "LintResult"):
        from factlint.engine import api as linter

        return getattr(linter, name)
    raise AttributeError(name)
