"""`factlint claims`: how factlint read an article's time, as a table or as data.

The analyses come from the engine (factlint.engine.api.analyse_paths: the files read with
their configuration, as `factlint check` reads them); this module only lays them out.
`claim_rows` returns plain rows so later views (event series) can append their own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, TextIO

from factlint.claims.date_claim import AnchorKind
from factlint.claims.series import event_series

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis


@dataclass(frozen=True)
class ClaimRow:
    line: int  # 1-based, in the source file
    column: int
    text: str
    value: str
    type: str
    granularity: str
    anchor: str  # "DCT 2019-10-04", "explicit", '"2016" (19:46)', or ""
    kind: str  # "timex" here; later views add their own kinds


def claim_rows(analysis: Analysis) -> list[ClaimRow]:
    """Every temporal expression of one document, in text order, with what it was anchored on."""
    document, timexes = analysis.document, analysis.timexes
    rows: list[ClaimRow] = []
    for timex in timexes:
        where = document.location(timex.start, timex.end).start
        if timex.anchor is AnchorKind.EXPRESSION and timex.anchor_index is not None:
            anchor = timexes[timex.anchor_index]
            at = document.location(anchor.start, anchor.end).start
            anchor_text = f'"{anchor.text}" ({at.line}:{at.column})'
        elif timex.anchor is AnchorKind.DCT and document.dct is not None:
            anchor_text = f"DCT {document.dct.value.isoformat()}"
        elif timex.anchor is AnchorKind.EXPLICIT:
            anchor_text = "explicit"
        elif timex.evidence.detail:
            anchor_text = timex.evidence.detail  # a list's year: its heading, or its weekdays
        else:
            anchor_text = ""
        rows.append(
            ClaimRow(where.line, where.column, timex.text, timex.value, timex.type, timex.granularity, anchor_text, "timex")
        )
    return rows


def print_table(analyses: Sequence[Analysis], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=max(Console().width, 110), highlight=False)
    for analysis in analyses:
        document = analysis.document
        dct = f"published {document.dct.value.isoformat()} ({document.dct.origin})" if document.dct else "no publication date"
        console.print(f"{document.path} — {dct}", soft_wrap=True, markup=False)
        table = Table("line:col", "text", "value", "anchor")
        for row in claim_rows(analysis):
            table.add_row(f"{row.line}:{row.column}", row.text, row.value, row.anchor)
        console.print(table)
        series = event_series(analysis)
        if series:
            console.print("event series:", markup=False)
            for item in series:
                console.print(f"  {item.describe()}", soft_wrap=True, markup=False)


def print_json(analyses: Sequence[Analysis], out: TextIO) -> None:
    files = [
        {
            "path": a.document.path,
            "dct": a.document.dct.value.isoformat() if a.document.dct else None,
            "claims": [asdict(row) for row in claim_rows(a)],
            "event_series": [item.as_json() for item in event_series(a)],
        }
        for a in analyses
    ]
    json.dump({"files": files}, out, ensure_ascii=False, indent=2)
    out.write("\n")
