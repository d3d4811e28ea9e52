"""How the timeline kinds name what a TIMEX value was computed from, in their messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factlint.claims.date_claim import AnchorKind, DateClaim

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis


def anchor_text(timex: DateClaim, timexes: tuple[DateClaim, ...], analysis: Analysis) -> str:
    """What a value was computed from, for messages: 'the publication date 2019-10-04', '"2016"'."""
    if timex.anchor is AnchorKind.EXPRESSION and timex.anchor_index is not None:
        return f'"{timexes[timex.anchor_index].text}"'
    if timex.anchor is AnchorKind.DCT and analysis.document.dct is not None:
        return f"the publication date {analysis.document.dct.value.isoformat()}"
    return "the text"
