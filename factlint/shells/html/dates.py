"""The article's dates and events: their spans in the text, and the timeline section drawn from them.

This turns the contract's points and series into what `timeline.py` draws (marks, anchor
arrows, conflict lines) and into a table that also lists what cannot be drawn (durations),
which is what a phone or a printout reads best anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from factlint.shells.html.diagnostics import SEVERITIES, Diag, plural
from factlint.shells.html.model import PUBLICATION_ANCHOR, Point, SourceIndex, Timeline
from factlint.shells.html.text import Span, clean
from factlint.shells.html.timeline import Link, Mark, busiest_week, render_timeline

NEAR = 40  # code points: how far a diagnostic may sit from the claim it is about when it covers none


@dataclass(frozen=True)
class Claim:
    """A point ("t3") or a series member ("s1-m2") by its local key, for conflict lookup."""

    key: str
    span: tuple[int, int] | None
    is_point: bool


@dataclass(frozen=True)
class Claims:
    """The article's claims by source line, so each diagnostic looks only at its own lines' claims."""

    by_line: dict[int, tuple[Claim, ...]]
    index: SourceIndex

    @classmethod
    def of(cls, timeline: Timeline, index: SourceIndex) -> Claims:
        found = [Claim(f"t{n + 1}", point.span, True) for n, point in enumerate(timeline.points)]
        for s, series in enumerate(timeline.series):
            found += [Claim(f"s{s + 1}-m{m + 1}", member.span, False) for m, member in enumerate(series.members)]
        by_line: dict[int, list[Claim]] = {}
        for claim in found:
            if claim.span is not None:
                for line in cls._lines(index, claim.span):
                    by_line.setdefault(line, []).append(claim)
        return cls({line: tuple(claims) for line, claims in by_line.items()}, index)

    @staticmethod
    def _lines(index: SourceIndex, span: tuple[int, int]) -> range:
        return range(index.line_of(span[0]), index.line_of(max(span[1] - 1, span[0])) + 1)

    def on_lines_of(self, span: tuple[int, int]) -> list[Claim]:
        seen: dict[str, Claim] = {}
        for line in self._lines(self.index, span):
            seen.update((claim.key, claim) for claim in self.by_line.get(line, ()))
        return list(seen.values())


def claim_spans(timeline: Timeline, prefix: str) -> list[Span]:
    """Dates (`span.fl-claim`) and events (`span.fl-event`): the targets of the timeline's links."""
    spans = []
    for n, point in enumerate(timeline.points):
        if point.span is not None:
            hover = f"{point.value or '?'} ({point.granularity})" + (f"; year: {point.year}" if point.year else "")
            attrs = (("title", hover), ("data-value", point.value), ("data-start", point.where))
            spans.append(Span(*point.span, tag="span", classes="fl-claim", anchor=f"{prefix}-t{n + 1}", attrs=attrs, order=2))
    for s, series in enumerate(timeline.series):
        for m, member in enumerate(series.members):
            if member.span is not None:
                hover = (
                    series.title
                    + (f" #{member.ordinal}" if member.ordinal else "")
                    + (f": {member.label}" if member.label else "")
                )
                attrs = (("title", hover), ("data-start", member.where))
                anchor = f"{prefix}-s{s + 1}-m{m + 1}"
                spans.append(Span(*member.span, tag="span", classes="fl-event", anchor=anchor, attrs=attrs, order=1))
    return spans


def claim_at(claims: Claims, span: tuple[int, int] | None) -> str | None:
    """The claim a diagnostic location is about: the one it overlaps most, else the nearest on its line."""
    if span is None:
        return None
    a, b = span
    line = claims.index.line_of(a)
    best: tuple[int, int, int, str] | None = None
    for claim in claims.on_lines_of(span):
        assert claim.span is not None
        c, d = claim.span
        overlap = min(b, d) - max(a, c)
        if overlap > 0 or (a == b and c <= a <= d):
            rank = (-overlap, 0 if claim.is_point else 1, d - c, claim.key)
        elif claims.index.line_of(c) == line and (gap := max(c - b, a - d, 0)) <= NEAR:
            rank = (1_000_000 + gap, 0 if claim.is_point else 1, d - c, claim.key)
        else:
            continue
        if best is None or rank < best:
            best = rank
    return best[3] if best else None


def timeline_section(path: str, timeline: Timeline, diags: Sequence[Diag], index: SourceIndex, prefix: str) -> str:
    if not timeline.points and not timeline.series:
        return f'<p class="fl-none">{clean(timeline.note or "No dates were resolved in this article.")}</p>'
    claims = Claims.of(timeline, index)
    marks = _marks(timeline, _worst(claims, diags), prefix)
    links = _anchor_links(timeline) + _conflicts(claims, diags, prefix)
    publication = (timeline.publication.day, timeline.publication.origin) if timeline.publication else None
    rows = ["dates in the text", *(s.title or "events" for s in timeline.series)]
    counted = ", ".join((plural(len(timeline.points), "date"), plural(len(timeline.series), "event series")))
    svg = render_timeline(marks, rows, links, publication, prefix, caption=f"Timeline of {path}: {counted}")
    if not svg:
        return (
            '<p class="fl-none">No date here has a range to draw.</p>'
            + _points_table(timeline, prefix)
            + _series_list(timeline, prefix)
        )
    out = f'<figure class="fl-tl-main"><div class="fl-tl-scroll">{svg}</div></figure>'
    ends = [m.first for m in marks] + [m.last for m in marks] + ([publication[0]] if publication else [])
    window = busiest_week(marks, (max(ends) - min(ends)).days)
    if window is not None:
        title = f"Detail: {window[0].isoformat()} to {window[1].isoformat()}"
        zoomed = render_timeline(marks, rows, links, publication, prefix, caption=title, window=window)
        caption = f"<figcaption>{clean(title)}</figcaption>"
        out += f'<figure class="fl-tl-detail">{caption}<div class="fl-tl-scroll">{zoomed}</div></figure>'
    return out + _points_table(timeline, prefix) + _series_list(timeline, prefix)


def _worst(claims: Claims, diags: Sequence[Diag]) -> dict[str, str]:
    """Each claim's most severe diagnostic whose own span overlaps it: its dot is drawn in that colour."""
    worst: dict[str, str] = {}
    for diag in diags:
        if diag.span is None:
            continue
        for claim in claims.on_lines_of(diag.span):
            assert claim.span is not None
            if min(diag.span[1], claim.span[1]) > max(diag.span[0], claim.span[0]):
                current = worst.get(claim.key)
                if current is None or SEVERITIES.index(diag.severity) < SEVERITIES.index(current):
                    worst[claim.key] = diag.severity
    return worst


def _marks(timeline: Timeline, worst: dict[str, str], prefix: str) -> list[Mark]:
    marks = []
    for n, point in enumerate(timeline.points):
        if point.first is not None and point.last is not None:
            key = f"t{n + 1}"
            title = _point_title(point, timeline)
            marks.append(Mark(key, 0, point.first, point.last, point.text, title, f"#{prefix}-{key}", worst.get(key, "")))
    for s, series in enumerate(timeline.series):
        for m, member in enumerate(series.members):
            if member.first is None or member.last is None:
                continue
            key = f"s{s + 1}-m{m + 1}"
            number = f"#{member.ordinal} " if member.ordinal else ""
            hover = (
                f"{series.title} {number}".rstrip(),
                f"“{member.text}” ({member.where})",
                f"{member.label or member.first.isoformat()}: {_range_text(member.first, member.last)}",
            )
            label = number + (member.text or member.label)
            marks.append(
                Mark(key, s + 1, member.first, member.last, label, "\n".join(hover), f"#{prefix}-{key}", worst.get(key, ""))
            )
    return marks


def _anchor_links(timeline: Timeline) -> list[Link]:
    keys = {p.id: (f"t{n + 1}", p) for n, p in enumerate(timeline.points)}
    links = []
    for n, point in enumerate(timeline.points):
        if point.anchor == PUBLICATION_ANCHOR:
            links.append(Link("anchor", None, f"t{n + 1}", f"“{point.text}” computed from the publication date"))
        elif point.anchor in keys:
            key, source = keys[point.anchor]
            links.append(Link("anchor", key, f"t{n + 1}", f"“{point.text}” computed from “{source.text}”"))
    return links


def _conflicts(claims: Claims, diags: Sequence[Diag], prefix: str) -> list[Link]:
    """A red line per related location of a diagnostic, when both ends are claims on the timeline."""
    links = []
    for diag in diags:
        here = claim_at(claims, diag.span) if diag.related else None
        for _, span in diag.related if here else ():
            there = claim_at(claims, span)
            if there and there != here:
                links.append(Link("conflict", here, there, f"{diag.message} [{diag.rule}]", f"#{prefix}-d{diag.n}-msg"))
    return links


def _range_text(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _point_title(point: Point, timeline: Timeline) -> str:
    lines = [f"“{point.text}” ({point.where})"]
    if point.first is not None and point.last is not None:
        lines.append(f"{point.value} ({point.granularity}): {_range_text(point.first, point.last)}")
    if point.year:
        lines.append(f"year: {point.year}")
    if point.anchor == PUBLICATION_ANCHOR:
        lines.append("computed from the publication date")
    elif point.anchor:
        source = next((p for p in timeline.points if p.id == point.anchor), None)
        if source is not None:
            lines.append(f"computed from “{source.text}” ({source.where})")
    return "\n".join(lines)


def _points_table(timeline: Timeline, prefix: str) -> str:
    if not timeline.points:
        return ""
    keys = {p.id: f"t{n + 1}" for n, p in enumerate(timeline.points)}
    rows = []
    for n, point in enumerate(timeline.points):
        key = f"t{n + 1}"
        text = f'<a href="#{prefix}-{key}">{clean(point.text)}</a>' if point.span else clean(point.text)
        if point.first is not None and point.last is not None:
            drawn = f'<a href="#{prefix}-tl-{key}">{clean(_range_text(point.first, point.last))}</a>'
        else:
            drawn = '<span class="fl-undrawn">not on the axis</span>'
        if point.anchor == PUBLICATION_ANCHOR:
            anchor = "the publication date"
        elif point.anchor in keys:
            source = timeline.points[int(keys[point.anchor][1:]) - 1]
            anchor = f'<a href="#{prefix}-{keys[point.anchor]}">{clean(source.text)}</a>'
        else:
            anchor = ""
        value = f"<code>{clean(point.value)}</code> {clean(point.granularity)}"
        rows.append(
            f"<tr><td>{clean(point.where)}</td><td>{text}</td><td>{value}</td><td>{drawn}</td>"
            f"<td>{clean(point.year)}</td><td>{anchor}</td></tr>"
        )
    head = "<tr><th>at</th><th>text</th><th>value</th><th>range</th><th>how the year was read</th><th>computed from</th></tr>"
    table = f'<table class="fl-points"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
    return f'<div class="fl-table-scroll">{table}</div>'


def _series_list(timeline: Timeline, prefix: str) -> str:
    if not timeline.series:
        return ""
    items = []
    for s, series in enumerate(timeline.series):
        members = []
        for m, member in enumerate(series.members):
            name = (f"#{member.ordinal} " if member.ordinal else "") + (member.label or "?")
            body = f"{clean(name)} “{clean(member.text)}”"
            members.append(f'<a href="#{prefix}-s{s + 1}-m{m + 1}">{body}</a>' if member.span else body)
        items.append(f'<li><span class="fl-series-title">{clean(series.title)}</span>: {", ".join(members)}</li>')
    return f'<ul class="fl-series">{"".join(items)}</ul>'
