"""Check kind `publication-date`: say once when no DCT was found and what that leaves unchecked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def check_publication_date(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Proves nothing about the text: it reports that yearless dates were left unchecked."""
    if analysis.document.dct is not None:
        return
    unchecked = [r.mention for r in analysis.resolved if r.mention.year is None and r.mention.day is not None]
    if not unchecked:
        return
    first = unchecked[0]
    yield Finding(first.start, first.end, {"unchecked": len(unchecked), "first": first.text})


PUBLICATION_DATE = CheckKind(
    "publication-date",
    check_publication_date,
    frozenset({"unchecked", "first"}),
    description="reports a document without a publication date",
    languages="all",
)
