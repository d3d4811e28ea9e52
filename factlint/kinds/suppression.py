"""Check kind `unused-suppression`: run by the engine after suppressions are applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.kinds.base import CheckKind, Finding, register

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.engine.rule_loading import Rule
    from factlint.read.suppressions import Suppression


def check_unused(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Nothing to do before suppressions are known; see `unused_findings`."""
    return iter(())


def unused_findings(suppressions: list[Suppression], analysis: Analysis) -> list[tuple[int, int, dict[str, str]]]:
    """Source ranges (not text offsets: comments are not prose) of suppressions that silenced nothing."""
    return [
        (s.start, s.end, {"verb": s.verb, "rules": ", ".join(sorted(s.rules)) or "every rule"})
        for s in suppressions
        if not s.used
    ]


register(
    CheckKind(
        "unused-suppression",
        check_unused,
        frozenset({"verb", "rules"}),
        description="a suppression comment that silences nothing",
    )
)
