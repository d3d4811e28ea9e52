"""Check kind `age`: ages and birth years of one person."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.claims.event_cues import age_sentences
from factlint.claims.events import AgeClaim, extract_event_claims
from factlint.core.findings import Finding, RelatedSpan
from factlint.kinds.base import CheckKind
from factlint.kinds.event_series import EVENT_LANGUAGES, TRAINED

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.rule import Rule


def _age_problem(claim: AgeClaim, earlier: AgeClaim, dct_year: int | None) -> str:
    """Why two age claims of one person cannot both hold ("" when they can)."""
    if claim.age is not None and earlier.age is not None:
        return f"{earlier.age} earlier" if abs(claim.age - earlier.age) > 1 else ""
    if claim.born is not None and earlier.born is not None:
        return f"born in {earlier.born} earlier" if claim.born != earlier.born else ""
    if dct_year is None:
        return ""
    age, born = (claim.age, earlier.born) if claim.age is not None else (earlier.age, claim.born)
    if age is None or born is None or dct_year - born - age in (0, 1):
        return ""
    if claim.age is not None:
        return f"born in {born}, so {dct_year - born - 1} or {dct_year - born} in {dct_year}"
    return f"{age} earlier, so born in {dct_year - age - 1} or {dct_year - age}"


def check_age(analysis: Analysis, rule: Rule) -> Iterator[Finding]:
    """Ages and birth years of one person that cannot all hold at the publication date
    (an age may be one less than publication year minus birth year: the birthday)."""
    dct_year = analysis.document.dct.value.year if analysis.document.dct else None
    by_person: dict[str, list[AgeClaim]] = defaultdict(list)
    for claim in analysis.claims(extract_event_claims).ages:
        for earlier in by_person[claim.person]:
            problem = _age_problem(claim, earlier, dct_year)
            if problem:
                yield Finding(
                    claim.start,
                    claim.end,
                    {"text": claim.text, "person": claim.person, "problem": problem},
                    related=(RelatedSpan(earlier.start, earlier.end, "stated here"),),
                    note=claim.resolved,
                )
                break
        by_person[claim.person].append(claim)


AGE = CheckKind(
    "age",
    check_age,
    frozenset({"text", "person", "problem"}),
    requires=TRAINED,
    languages=EVENT_LANGUAGES,
    select=age_sentences,
    description="ages and birth years of one person",
)
