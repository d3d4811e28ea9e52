"""Test data for the HTML renderer: the seed article's real results turned into the renderer's contract.

The renderer's tests draw from this contract, built independently of the engine's own
adapter (factlint.engine.timeline, tested in test_html_format.py), so a fault in one is not
hidden by the same fault in the other. It is built from what the CLI prints: `factlint check --format json` gives the
diagnostics unchanged, `factlint claims --format json` gives every temporal expression and
event series, which are mapped onto points and series rows here. Two things the claims
output does not say are approximated: a claim's end (start plus its text's length) and
whether a date anchored on the publication date is relative ("Last year": no digit in it)
or only had its year read from it ("Thursday, October 3").
"""

from __future__ import annotations

import calendar
import json
import re
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

from factlint.shells.html import PUBLICATION_ANCHOR, ArticleView
from factlint.shells.html.model import SourceIndex

REPO = Path(__file__).resolve().parent.parent
SEED_RELATIVE = "seeds/rappler-2019-10-04-duterte-putin.txt"
_ANCHOR_AT = re.compile(r"\((\d+):(\d+)\)\s*$")


def _factlint(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "factlint", *args, "--format", "json"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


def value_range(value: str) -> tuple[str | None, str | None]:
    """The inclusive days a TIMEX3 date value covers ("2016-11" is November 1 to 30); None for others."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value, value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            return f"{value}-01", date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-01-01", f"{value}-12-31"
    except ValueError:
        return None, None
    return None, None


def contract_from_cli(claims_file: dict, source: str, origin: str) -> dict:
    """One file of `factlint claims --format json` as the renderer's timeline dict."""
    index = SourceIndex.of(source)

    def end_of(line: int, column: int, text: str) -> dict:
        offset = index.offset(line, column) + len(text)
        end_line, end_column = index.position(offset)
        return {"line": end_line, "column": end_column}

    dct = claims_file.get("dct")
    points = []
    by_place: dict[tuple[int, int], str] = {}
    timexes = [c for c in claims_file["claims"] if c.get("kind") == "timex"]
    for n, claim in enumerate(timexes):
        by_place[(claim["line"], claim["column"])] = f"p{n + 1}"
    for n, claim in enumerate(timexes):
        first, last = value_range(claim["value"])
        anchor_text = claim.get("anchor") or ""
        year = None
        anchor = None
        if first is not None:
            year_value = first[:4]
            if anchor_text == "explicit":
                year = f"{year_value}, written in the text"
            elif anchor_text.startswith("DCT"):
                if any(ch.isdigit() for ch in claim["text"]):
                    year = f"{year_value}, the year nearest the publication date {dct} ({origin})"
                else:
                    year = f"{year_value}, counted from the publication date {dct} ({origin})"
                    anchor = PUBLICATION_ANCHOR
            elif match := _ANCHOR_AT.search(anchor_text):
                anchor = by_place.get((int(match.group(1)), int(match.group(2))))
                year = f"{year_value}, counted from {anchor_text}"
        points.append(
            {
                "id": f"p{n + 1}",
                "text": claim["text"],
                "start": {"line": claim["line"], "column": claim["column"]},
                "end": end_of(claim["line"], claim["column"], claim["text"]),
                "value": claim["value"],
                "first": first,
                "last": last,
                "granularity": claim["granularity"],
                "year": year,
                "anchor": anchor,
            }
        )
    series = []
    for item in claims_file.get("event_series", []):
        title = f"{item['type']}s ({' and '.join(item['participants'])})" + (f" to {item['place']}" if item.get("place") else "")
        members = []
        for member in item["members"]:
            first, last = value_range(member.get("date") or "")
            members.append(
                {
                    "ordinal": member.get("ordinal"),
                    "label": member.get("date") or "",
                    "first": first,
                    "last": last,
                    "text": member["text"],
                    "start": {"line": member["line"], "column": member["column"]},
                    "end": end_of(member["line"], member["column"], member["text"]),
                }
            )
        series.append({"title": title, "members": members})
    return {"publication_date": {"date": dct, "origin": origin} if dct else None, "points": points, "series": series}


@cache
def seed_view() -> ArticleView:
    """The seed article with its real diagnostics and claims (one CLI run each, cached per session)."""
    report = _factlint("check", SEED_RELATIVE, "--no-cache")
    claims = _factlint("claims", SEED_RELATIVE)
    source = (REPO / SEED_RELATIVE).read_bytes().decode("utf-8")
    diagnostics = tuple(d for d in report["diagnostics"] if d["path"] == SEED_RELATIVE)
    timeline = contract_from_cli(claims["files"][0], source, "date header")
    return ArticleView(SEED_RELATIVE, source, diagnostics, timeline)
