"""An analysis as the HTML renderer's timeline: plain data, built from the lint's own analysis.

The renderer (factlint.shells.html) draws from a documented dict, never from engine objects
(see its package docstring for the contract). This adapter is the one place that dict is made
from an `Analysis`, and it reads only what the check already computed: `analysis.timexes`
(every temporal expression with its TIMEX3 value and anchor, calendar ones with their year's
evidence) and the event series of `analysis.claims(...)`, memoised on the analysis, so a
report costs no second pass.

The event series are those of the sentences the gate had parsed for the enabled rules: with
the event rules enabled (the default) that is every sentence with an event cue; with them
ignored, the timeline shows dates only. `factlint claims` parses whole texts and may list
more events; that is a different question (how was everything read?) at a different price.

It lives in the engine because it joins the analysis layer's object to the claims layer's
series and the document's source positions; the shells only pass the dict on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factlint.claims.date_claim import AnchorKind, DateClaim, Period, timex_period, year_explanation
from factlint.claims.series import event_series

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.document import Document

PUBLICATION_ANCHOR = "publication_date"  # the contract's reserved anchor (factlint.shells.html.PUBLICATION_ANCHOR)


def timeline_of(analysis: Analysis) -> dict[str, Any]:
    """The timeline contract for one analysed document (JSON-ready: str, int, None, lists, dicts)."""
    document = analysis.document
    dct = document.dct
    timexes = analysis.timexes
    points = [_point(n, claim, timexes, document) for n, claim in enumerate(timexes)]
    series = []
    if analysis.parsed:  # events need the parse; without it there are none to read
        for item in event_series(analysis):
            members = []
            for member in item.members:
                period = timex_period(member.date)
                members.append(
                    {
                        "ordinal": member.ordinal,
                        "label": member.date,
                        "first": period.first.isoformat() if period else None,
                        "last": period.last.isoformat() if period else None,
                        "text": member.text,
                        **_span(document, *member.offsets),
                    }
                )
            series.append({"title": item.title, "members": members})
    return {
        "publication_date": {"date": dct.value.isoformat(), "origin": dct.origin} if dct else None,
        "points": points,
        "series": series,
    }


def _span(document: Document, start: int, end: int) -> dict[str, dict[str, int]]:
    location = document.location(start, end)
    return {
        "start": {"line": location.start.line, "column": location.start.column},
        "end": {"line": location.end.line, "column": location.end.column},
    }


def _point(n: int, claim: DateClaim, timexes: tuple[DateClaim, ...], document: Document) -> dict[str, Any]:
    """One expression: a calendar date is absolute (its year's evidence is `year`); a relative
    one points at what it was computed from, an earlier expression or the publication date."""
    period = claim.period
    anchor: str | None = None
    year: str | None = None
    if claim.mention is not None:
        # the diagnostics' own words ("year 2019 is the one nearest ..."), shown after "year: "
        year = year_explanation(claim, document).removeprefix("year ") or None
    elif claim.anchor is AnchorKind.EXPRESSION and claim.anchor_index is not None and claim.anchor_index < len(timexes):
        anchor = f"p{claim.anchor_index + 1}"
        source = timexes[claim.anchor_index]
        where = document.location(source.start, source.end).start
        year = _counted(period, f'"{source.text}" ({where.line}:{where.column})')
    elif claim.anchor is AnchorKind.DCT and document.dct is not None:
        anchor = PUBLICATION_ANCHOR
        year = _counted(period, f"the publication date {document.dct.value.isoformat()} ({document.dct.origin})")
    elif claim.anchor is AnchorKind.EXPLICIT and period is not None:
        year = f"{period.first.year} as written"
    return {
        "id": f"p{n + 1}",
        "text": claim.text,
        **_span(document, claim.start, claim.end),
        "value": claim.value,
        "first": period.first.isoformat() if period else None,
        "last": period.last.isoformat() if period else None,
        "granularity": claim.granularity,
        "year": year,
        "anchor": anchor,
    }


def _counted(period: Period | None, origin: str) -> str:
    return f"{period.first.year}, counted from {origin}" if period else f"counted from {origin}"
