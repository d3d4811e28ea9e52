"""The year of a list's dates, and the weekday as evidence where nothing stronger chose.

A holiday list for next year, published in October, gives its lines no year: "1 May
(Thursday)". The nearest-year rule reads that as this May, and a Wednesday; the list means
next May, a Thursday. What a reader goes by is what the list says it is about (its heading,
its introduction, the headline or lead: "the holidays for 2025", "Bank Holidays in October
2024", "the holidays to look forward to next year"), and failing that, the year its weekdays
agree on: when most of a list's dates fit one year, that is its year, and the one that does
not is the error. Only list items (and table cells) take a list's year; prose keeps the
narrative's and the publication date's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from factlint.claims.date_claim import DateClaim, YearEvidence, YearSource, calendar_claim
from factlint.core.document import Block, Document

LIST_KINDS = frozenset({"item", "cell"})
WEEKDAY_FIT_DAYS = 90  # beyond this distance from publication, the nearest year is no better a guess than the next
QUOTE_CHARACTERS = 60  # how much of a heading or lead a note quotes around the year
_YEAR = re.compile(r"(?<![\d/.,:-])(?:19|20)\d\d(?![\d/])")
_RELATIVE_YEAR = re.compile(r"\b(next|this|last|coming|previous|following) year\b", re.IGNORECASE)
_RELATIVE_SHIFT = {"next": 1, "coming": 1, "following": 1, "this": 0, "last": -1, "previous": -1}


def list_regions(structure: Sequence[Block]) -> list[tuple[int, int]]:
    """Index ranges [first, end) of the blocks that make up each list: runs of items, cells and
    the headings among them, holding at least one item or cell."""
    regions: list[tuple[int, int]] = []
    index = 0
    while index < len(structure):
        if structure[index].kind not in LIST_KINDS | {"heading"}:
            index += 1
            continue
        end = index
        while end < len(structure) and structure[end].kind in LIST_KINDS | {"heading"}:
            end += 1
        if any(block.kind in LIST_KINDS for block in structure[index:end]):
            regions.append((index, end))
        index = end
    return regions


def _quote(text: str, start: int, end: int, span: tuple[int, int]) -> str:
    """The context's words around the year, cut to a note's length (whole when it is short)."""
    if end - start <= QUOTE_CHARACTERS + 20:
        return " ".join(text[start:end].split())
    low, high = max(start, span[0] - QUOTE_CHARACTERS // 2), min(end, span[1] + QUOTE_CHARACTERS // 2)
    while low > start and not text[low - 1].isspace():  # whole words only
        low -= 1
    while high < end and not text[high].isspace():
        high += 1
    words = " ".join(text[low:high].split())
    return ("…" if low > start else "") + words + ("…" if high < end else "")


def full_date_characters(claims: Sequence[DateClaim], length: int) -> bytearray:
    """1 at each character of a date with a day ("on 31 October 2024"): a year there is when
    something happened, not what a list covers. Marked once, looked up per year found."""
    marks = bytearray(length + 1)
    for claim in claims:
        if claim.mention is not None and claim.mention.day is not None:
            marks[claim.start : claim.end] = b"\x01" * (claim.end - claim.start)
    return marks


def stated_year(
    document: Document,
    start: int,
    end: int,
    claims: Sequence[DateClaim],
    dct: date,
    relative: bool = True,
    in_full_date: bytearray | None = None,
) -> tuple[int, tuple[int, int]] | None:
    """The one year the text [start, end) says it is about, and where: a year on its own ("for
    2025", "October 2024"), or with `relative`, "next year" and the like; not the year of a full
    date ("on 31 October 2024": when something happened, not what the list covers). None for
    none, or several."""
    text = document.text
    if in_full_date is None:
        in_full_date = full_date_characters(claims, len(text))
    found: dict[int, tuple[int, int]] = {}
    for match in _YEAR.finditer(text, start, end):
        if not in_full_date[match.start()]:
            found.setdefault(int(match.group()), match.span())
    if not found and relative:
        for match in _RELATIVE_YEAR.finditer(text, start, end):
            found.setdefault(dct.year + _RELATIVE_SHIFT[match.group(1).lower()], match.span())
    return next(iter(found.items())) if len(found) == 1 else None


def _nearest_heading_years(
    document: Document, region: tuple[int, int], year_in: Callable[[str, int, int], object]
) -> dict[int, tuple[str, int, int] | None]:
    """For each block of a list region, the nearest heading above it in the region that states
    a year (None: none does): one walk down the region, not a walk up from every item."""
    structure = document.structure
    first, end = region
    nearest: dict[int, tuple[str, int, int] | None] = {}
    current: tuple[str, int, int] | None = None
    for index in range(first, end):
        nearest[index] = current
        block = structure[index]
        if block.kind == "heading" and year_in("the heading", block.start, block.end) is not None:
            current = ("the heading", block.start, block.end)
    return nearest


def _contexts(document: Document, region: tuple[int, int]) -> list[tuple[str, int, int]]:
    """Where a list's year may be stated when no heading above an item says it, nearest first:
    the list's introduction (the block just before it), the document's first block (the lead
    or headline)."""
    structure = document.structure
    first, _end = region
    found = []
    if first > 0:
        found.append(("the list's introduction", structure[first - 1].start, structure[first - 1].end))
    if structure and first > 1:
        found.append(("the lead", structure[0].start, structure[0].end))
    return found


def _fits(claim: DateClaim, year: int) -> bool:
    mention = claim.mention
    if mention is None or mention.weekday is None or claim.month is None or claim.day is None:
        return False
    if not 1 <= claim.month <= 12 or not 1 <= claim.day <= calendar.monthrange(year, claim.month)[1]:
        return False
    return date(year, claim.month, claim.day).weekday() == mention.weekday.value


def _with_year(claim: DateClaim, year: int, evidence: YearEvidence) -> DateClaim:
    assert claim.mention is not None
    return calendar_claim(claim.mention, year, claim.month, claim.day, evidence.source, evidence=evidence)


def infer_list_years(claims: list[DateClaim], document: Document, dct: date) -> list[DateClaim]:
    """The claims, list items' yearless dates given their list's year where the list says it or
    its weekdays agree on one."""
    structure = document.structure
    if not structure:
        return claims
    result = list(claims)
    block_of = {id(block): index for index, block in enumerate(structure)}
    regions = list_regions(structure)
    region_of = {block: number for number, (first, end) in enumerate(regions) for block in range(first, end)}
    members_of: dict[int, list[tuple[int, int]]] = {}  # region -> [(claim index, block index)], one pass over the claims
    for index, claim in enumerate(result):
        block = document.block_at(claim.start)
        if block is None or block.kind not in LIST_KINDS or block_of[id(block)] not in region_of:
            continue
        if claim.year_source is YearSource.PUBLICATION_DATE and claim.mention is not None and claim.mention.year is None:
            members_of.setdefault(region_of[block_of[id(block)]], []).append((index, block_of[id(block)]))
    in_full_date = full_date_characters(claims, len(document.text))
    read: dict[tuple[int, int, bool], tuple[int, tuple[int, int]] | None] = {}  # each context read once, not once per item

    def year_in(where: str, start: int, stop: int) -> tuple[int, tuple[int, int]] | None:
        # A lead is prose about many times ("at some point last year"): only a year written out counts there.
        key = (start, stop, where != "the lead")
        if key not in read:
            read[key] = stated_year(document, start, stop, claims, dct, relative=key[2], in_full_date=in_full_date)
        return read[key]

    for number, region in enumerate(regions):
        members = members_of.get(number, [])
        stated: dict[int, tuple[int, YearEvidence]] = {}
        nearest = _nearest_heading_years(document, region, year_in) if members else {}
        for index, block in members:
            contexts = [nearest[block]] if nearest.get(block) else []
            contexts += [c for c in _contexts(document, region) if year_in(*c) is not None][:1]
            if not contexts:
                continue
            where, start, stop = contexts[0]
            year, span = year_in(where, start, stop)  # type: ignore[misc]
            line = document.location(span[0], span[1]).start.line
            detail = f'{where} "{_quote(document.text, start, stop, span)}" (line {line})'
            stated[index] = (year, YearEvidence(YearSource.HEADING, span=span, detail=detail))
        if _misread(result, stated):
            stated = {}
        for index, (year, evidence) in stated.items():
            result[index] = _with_year(result[index], year, evidence)
        _consensus(result, [index for index, _block in members if index not in stated], dct)
    return result


def _misread(claims: list[DateClaim], stated: dict[int, tuple[int, YearEvidence]]) -> bool:
    """A stated year none of the list's weekdays fits, where every one fits the year nearest
    publication, was misread (a heading's year about something else): the weekdays agree."""
    weekdays = [i for i in stated if claims[i].mention is not None and claims[i].mention.weekday is not None]  # type: ignore[union-attr]
    if len(weekdays) < 2:
        return False
    nearest = all(claims[i].year is not None and _fits(claims[i], claims[i].year) for i in weekdays)  # type: ignore[arg-type]
    return nearest and not any(_fits(claims[i], stated[i][0]) for i in weekdays)


def _consensus(claims: list[DateClaim], members: list[int], dct: date) -> None:
    """Give the list's undecided dates the year most of its weekdays fit, where more fit it than
    fit the years nearest the publication date, at least two and more than half."""
    weekdays = [i for i in members if claims[i].mention is not None and claims[i].mention.weekday is not None]  # type: ignore[union-attr]
    if len(weekdays) < 2:
        return
    nearest = sum(1 for i in weekdays if claims[i].year is not None and _fits(claims[i], claims[i].year))  # type: ignore[arg-type]
    scores = {year: sum(1 for i in weekdays if _fits(claims[i], year)) for year in (dct.year - 1, dct.year, dct.year + 1)}
    best = max(scores.values())
    winners = [year for year, score in scores.items() if score == best]
    if len(winners) != 1 or best <= nearest or best < 2 or 2 * best <= len(weekdays):
        return
    year = winners[0]
    detail = f"the list's weekdays: {best} of {len(weekdays)} fit {year}"
    for index in members:
        claims[index] = _with_year(claims[index], year, YearEvidence(YearSource.LIST, detail=detail))


def weekday_fits_other_year(claim: DateClaim, dct: date) -> DateClaim:
    """A yearless date the publication date alone gave a year, whose weekday does not fit it but
    fits the year beside it, more than three months from publication: both readings are kept."""
    value = claim.date
    if claim.year_source is not YearSource.PUBLICATION_DATE or value is None or claim.mention is None:
        return claim
    if claim.mention.weekday is None or _fits(claim, value.year) or abs((value - dct).days) <= WEEKDAY_FIT_DAYS:
        return claim
    other = next((year for year in (value.year - 1, value.year + 1) if _fits(claim, year)), None)
    if other is None:
        return claim
    return replace(claim, evidence=replace(claim.evidence, other_year=other))
