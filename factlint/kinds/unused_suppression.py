"""Check kind `unused-suppression`: a suppression comment that silenced nothing.

An `after-suppressions` kind: the engine runs it once every other rule's diagnostics have met
the suppressions, and gives it them. Its findings are source ranges (a comment is not prose).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule
    from factlint.read.suppressions import Suppression


def check_unused(analysis: Analysis, rule: Rule, suppressions: list[Suppression]) -> Iterator[Finding]:
    for suppression in suppressions:
        if not suppression.used:
            rules = ", ".join(sorted(suppression.rules)) or "every rule"
            yield Finding(suppression.start, suppression.end, {"verb": suppression.verb, "rules": rules}, in_source=True)


UNUSED_SUPPRESSION = CheckKind(
    "unused-suppression",
    check_unused,
    frozenset({"verb", "rules"}),
    description="a suppression comment that silences nothing",
    phase="after-suppressions",
    languages="all",
)
