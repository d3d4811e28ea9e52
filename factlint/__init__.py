"""factlint: a fact-consistency linter for news articles.

Public API: `Linter` (picklable, for batches and clusters: see factlint.batch, factlint.dask,
factlint.spark), `Record`, `lint_text`, `lint_paths`, `LintOptions`, `LintResult`,
`Diagnostic`, `Severity`.
Imports are lazy so that `factlint --version` and `factlint rules` start without loading spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factlint.core.version import __version__

__all__ = [
    "Diagnostic",
    "LintOptions",
    "LintResult",
    "Linter",
    "Record",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
]

if TYPE_CHECKING:
    from factlint.core.diagnostics import Diagnostic, Severity
    from factlint.core.result import LintResult
    from factlint.engine.api import lint_paths, lint_text
    from factlint.engine.linter import Linter, Record
    from factlint.engine.options import LintOptions

_HOMES = {
    "Diagnostic": "factlint.core.diagnostics",
    "Severity": "factlint.core.diagnostics",
    "LintResult": "factlint.core.result",
    "LintOptions": "factlint.engine.options",
    "lint_text": "factlint.engine.api",
    "Linter": "factlint.engine.linter",
    "Record": "factlint.engine.linter",
    "lint_paths": "factlint.engine.api",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(name)
