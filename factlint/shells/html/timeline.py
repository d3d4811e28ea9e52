"""The article's timeline as one inline SVG, laid out here in Python (no charting library, no script).

One horizontal time axis scaled to the drawn things and the publication date, with ticks of
years, months, weeks or days chosen by the range. Row 0 holds the text's dates, one more row
per event series. Inside a row every mark gets the first lane where neither it nor its
label touches another, so ten dates on one day stack legibly instead of overprinting. Arrows
run from the point (or the publication date) a relative date was computed from; red lines
join claims that a diagnostic says conflict. Every mark is an `<a>` to its place in the text
with a `<title>` saying what was read and how.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from factlint.shells.html.text import clean

WIDTH = 960
MARGIN = 14
AXIS_Y = 30
ROWS_Y = 58
LANE = 22
ROW_HEAD = 18
ROW_GAP = 12
FONT = 12
MAX_LABEL = 34  # characters of a label; the whole text is in the hover title and the table
MAX_LANES = 30  # per row; more are not drawn (the row says how many), the table lists them all
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Mark:
    """One thing drawn on the axis: a dot for a day, a bar for a longer range."""

    key: str  # unique within the article ("t3", "s1-m2"); the SVG ids derive from it
    row: int
    first: date
    last: date  # inclusive
    label: str
    title: str  # the hover text
    href: str  # "#…" to its place in the text
    severity: str = ""  # the worst diagnostic on its span, to ring it in that colour


@dataclass(frozen=True)
class Link:
    """An arrow from an anchor to a relative date, or a red line between conflicting claims."""

    kind: str  # "anchor" or "conflict"
    source: str | None  # a mark key; None: the publication date
    target: str
    title: str = ""
    href: str = ""  # a conflict links to its diagnostic


@dataclass(frozen=True)
class Scale:
    lo: date
    hi: date  # exclusive
    ticks: tuple[tuple[date, str], ...]

    def x(self, day: date) -> float:
        span = max((self.hi - self.lo).days, 1)
        return MARGIN + (day - self.lo).days / span * (WIDTH - 2 * MARGIN)

    def range_x(self, first: date, last: date) -> tuple[float, float]:
        return self.x(first), self.x(last + timedelta(days=1))


def scale_for(lo: date, hi: date) -> Scale:
    """Ticks for [lo, hi] inclusive: years past two years, months past ~10 weeks, weeks past 2 weeks, else days.

    The domain is widened to whole tick steps, so the first and last tick sit at the edges
    and nothing is drawn outside the axis.
    """
    end = hi + timedelta(days=1)
    days = (end - lo).days
    if days > 2 * 366:
        step = _step((end.year - lo.year + 1), (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000), 10)
        first = max(lo.year // step * step, 1)
        last = min(-(-(end.year + (1 if (end.month, end.day) != (1, 1) else 0)) // step) * step, 9999)
        years = range(first, last + 1, step)
        return Scale(date(first, 1, 1), date(last, 1, 1), tuple((date(y, 1, 1), str(y)) for y in years))
    if days > 75:
        months = (end.year - lo.year) * 12 + end.month - lo.month + 1
        step = _step(months, (1, 2, 3, 6, 12), 12)
        start = lo.year * 12 + (lo.month - 1) // step * step
        stop = end.year * 12 + end.month - 1 + (0 if end.day == 1 else 1)
        stop = start + -(-(stop - start) // step) * step
        ticks = []
        for n, m in enumerate(range(start, stop + 1, step)):
            day = date(m // 12, m % 12 + 1, 1)
            ticks.append((day, f"{MONTHS[day.month - 1]} {day.year}" if n == 0 or day.month == 1 else MONTHS[day.month - 1]))
        return Scale(ticks[0][0], ticks[-1][0], tuple(ticks))
    if days > 14:
        start = lo - timedelta(days=lo.weekday())
        stop = end + timedelta(days=(7 - end.weekday()) % 7)
        step = 7 if (stop - start).days <= 7 * 12 else 14
        stop = start + timedelta(days=-(-(stop - start).days // step) * step)
        ticks = tuple(
            (start + timedelta(days=n), _day_label(start + timedelta(days=n), n == 0))
            for n in range(0, (stop - start).days + 1, step)
        )
        return Scale(start, stop, ticks)
    pad = max(0, 7 - days)
    start = lo - timedelta(days=pad // 2)
    stop = end + timedelta(days=pad - pad // 2)
    ticks = tuple(
        (start + timedelta(days=n), _day_label(start + timedelta(days=n), n == 0, weekday=True))
        for n in range((stop - start).days)
    )
    return Scale(start, stop, ticks)


def _step(count: int, steps: Sequence[int], most: int) -> int:
    return next((s for s in steps if count / s <= most), steps[-1])


def _day_label(day: date, first: bool, weekday: bool = False) -> str:
    label = f"{MONTHS[day.month - 1]} {day.day}"
    if weekday:  # a day axis names weekdays: the thing factlint checks most
        label = f"{WEEKDAYS[day.weekday()]} {label}"
    return f"{label}, {day.year}" if first or (day.month, day.day) == (1, 1) else label


def label_width(text: str) -> float:
    """Rough width in SVG units at FONT px: wide (CJK) characters count double, thin ones half."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            width += FONT
        elif char in "il.,:;'|!ftj() ":
            width += FONT * 0.32
        else:
            width += FONT * 0.6
    return width


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


@dataclass(frozen=True)
class Placed:
    mark: Mark
    x0: float
    x1: float
    y: float
    label_x: float
    label_anchor: str  # "start" or "end"

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, self.y


def layout(marks: Sequence[Mark], rows: Sequence[str], scale: Scale) -> tuple[list[Placed], list[tuple[str, float, int, int]]]:
    """Lanes per row, first fit in time order; returns the placed marks and each row's (title, top y, lanes, not drawn).

    A lane takes a mark only right of everything already in it, which never overlaps and
    costs one comparison per lane. Past MAX_LANES a row draws no more: an article with a
    hundred dates in one week cannot show them legibly on one axis, and the table lists all.
    """
    placed: list[Placed] = []
    heads = []
    top = ROWS_Y
    for row, title in enumerate(rows):
        rights: list[float] = []
        hidden = 0
        for mark in sorted((m for m in marks if m.row == row), key=lambda m: (m.first, m.last, m.key)):
            x0, x1 = scale.range_x(mark.first, mark.last)
            if mark.first == mark.last or x1 - x0 < 10:  # a day, or a range too short for a bar: a dot
                middle = (x0 + x1) / 2
                x0, x1 = middle - 5, middle + 5
            width = label_width(short(mark.label))
            if x1 + 4 + width <= WIDTH - 2:
                occupied, label_x, anchor = (x0 - 3, x1 + 4 + width + 6), x1 + 4, "start"
            else:
                occupied, label_x, anchor = (x0 - 4 - width - 6, x1 + 3), x0 - 4, "end"
            lane = next((n for n, right in enumerate(rights) if right <= occupied[0]), len(rights))
            if lane == MAX_LANES:
                hidden += 1
                continue
            if lane == len(rights):
                rights.append(occupied[1])
            rights[lane] = occupied[1]
            placed.append(Placed(mark, x0, x1, top + ROW_HEAD + lane * LANE + LANE / 2, label_x, anchor))
        heads.append((title, top, max(len(rights), 1), hidden))
        top += ROW_HEAD + max(len(rights), 1) * LANE + ROW_GAP
    return placed, heads


def render_timeline(
    marks: Sequence[Mark],
    rows: Sequence[str],
    links: Sequence[Link],
    publication: tuple[date, str] | None,
    prefix: str,
    *,
    caption: str,
    window: tuple[date, date] | None = None,
) -> str:
    """The SVG; `window` (inclusive days) draws only the marks inside it, as a detail of a long axis."""
    if window is not None:
        marks = [m for m in marks if m.last >= window[0] and m.first <= window[1]]
    if not marks:
        return ""
    if window is not None:  # a detail draws only the rows that have something in it
        used = sorted({m.row for m in marks})
        renumber = {row: n for n, row in enumerate(used)}
        rows = [rows[row] for row in used]
        marks = [replace(m, row=renumber[m.row]) for m in marks]
    lo = min(m.first for m in marks) if window is None else window[0]
    hi = max(m.last for m in marks) if window is None else window[1]
    if publication is not None and window is None:
        lo, hi = min(lo, publication[0]), max(hi, publication[0])
    scale = scale_for(lo, hi)
    placed, heads = layout(marks, rows, scale)
    by_key = {p.mark.key: p for p in placed}
    height = heads[-1][1] + ROW_HEAD + heads[-1][2] * LANE + 6
    ids = f"{prefix}-{'tlz' if window else 'tl'}"
    out = [
        f'<svg class="fl-timeline-svg" id="{ids}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{ids}-title" preserveAspectRatio="xMinYMin meet" font-size="{FONT}">',
        f'<title id="{ids}-title">{clean(caption)}</title>',
        f'<defs><marker id="{ids}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="fl-arrowhead"/></marker></defs>',
    ]
    for title, top, lanes, hidden in heads:  # bands first: the gridlines show through them
        out.append(f'<rect class="fl-row-band" x="0" y="{top:.1f}" width="{WIDTH}" height="{ROW_HEAD + lanes * LANE:.1f}"/>')
        name = clean(short(title) if len(title) > 60 else title)
        if hidden:
            name += f' <tspan class="fl-hidden">(and {hidden} more not drawn: see the table)</tspan>'
        out.append(f'<text class="fl-row-title" x="{MARGIN}" y="{top + 13:.1f}">{name}</text>')
    out += _axis(scale, height)
    pub_x = None
    if publication is not None and scale.lo <= publication[0] < scale.hi:
        pub_x = (scale.x(publication[0]) + scale.x(publication[0] + timedelta(days=1))) / 2
        anchor = "end" if pub_x > WIDTH * 0.7 else "start"
        dx = -4 if anchor == "end" else 4
        said = f"published {publication[0].isoformat()}"
        hover = f"{said} ({publication[1]})" if publication[1] else said
        out.append(
            f'<g class="fl-pub"><title>{clean(hover)}</title>'
            f'<line x1="{pub_x:.1f}" y1="{AXIS_Y - 6}" x2="{pub_x:.1f}" y2="{height:.0f}"/>'
            f'<text x="{pub_x + dx:.1f}" y="{AXIS_Y + 18}" text-anchor="{anchor}">{said}</text></g>'
        )
    out += _links(links, by_key, pub_x, ids)
    for item in placed:
        out.append(_mark(item, prefix, ids))
    out.append("</svg>")
    return "".join(out)


def _axis(scale: Scale, height: float) -> list[str]:
    """Gridlines at every tick; a label where it does not run into the previous one.

    On a day axis the labels sit in the middle of their day, where its dots are drawn.
    """
    out = [f'<line class="fl-axis" x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}"/>']
    days = len(scale.ticks) > 1 and (scale.ticks[1][0] - scale.ticks[0][0]).days == 1
    right_of_last = -1.0
    for day, label in scale.ticks:
        x = scale.x(day)
        out.append(f'<line class="fl-grid" x1="{x:.1f}" y1="{AXIS_Y - 4}" x2="{x:.1f}" y2="{height:.0f}"/>')
        if days:
            if day >= scale.hi:
                continue
            x = (x + scale.x(day + timedelta(days=1))) / 2
        width = label_width(label) * 11 / FONT
        left, anchor = (x - width / 2, "middle") if x - width / 2 >= MARGIN else (x, "start")
        if left <= right_of_last + 6 or left + width > WIDTH:
            continue
        right_of_last = left + width
        out.append(f'<text class="fl-tick" x="{x:.1f}" y="{AXIS_Y - 9}" text-anchor="{anchor}">{clean(label)}</text>')
    return out


def _links(links: Sequence[Link], by_key: dict[str, Placed], pub_x: float | None, ids: str) -> list[str]:
    out = []
    for link in links:
        target = by_key.get(link.target)
        if target is None:
            continue
        if link.source is None:
            if pub_x is None:
                continue
            sx, sy = pub_x, target.y
        else:
            source = by_key.get(link.source)
            if source is None or source is target:
                continue
            sx, sy = source.center
        tx, ty = target.center
        title = f"<title>{clean(link.title)}</title>" if link.title else ""
        if link.kind == "conflict":  # straight across lanes; within one lane, bowed below its labels
            if abs(sy - ty) < 1:
                bow = f"M{sx:.1f} {sy:.1f} Q{(sx + tx) / 2:.1f} {sy + LANE * 0.9:.1f} {tx:.1f} {ty:.1f}"
                body = f'<path class="fl-conflict" d="{bow}">{title}</path>'
            else:
                body = f'<line class="fl-conflict" x1="{sx:.1f}" y1="{sy:.1f}" x2="{tx:.1f}" y2="{ty:.1f}">{title}</line>'
            out.append(f'<a href="{clean(link.href)}">{body}</a>' if link.href else body)
            continue
        # an arrow bowing above both ends, to the near end of the target's dot or bar
        end_x = target.x0 - 2 if sx < target.x0 else target.x1 + 2 if sx > target.x1 else tx
        end_y = ty if end_x != tx else ty - 7
        lift = min(sy, end_y) - 10 - min(abs(end_x - sx) / 8, 24)
        out.append(
            f'<path class="fl-anchor-link" d="M{sx:.1f} {sy:.1f} Q{(sx + end_x) / 2:.1f} {lift:.1f} {end_x:.1f} {end_y:.1f}" '
            f'marker-end="url(#{ids}-arrow)">{title}</path>'
        )
    return out


def _mark(item: Placed, prefix: str, ids: str) -> str:
    mark = item.mark
    classes = "fl-tl-item" + (f" fl-sev-{mark.severity}" if mark.severity else "")
    if mark.first == mark.last or item.x1 - item.x0 <= 10.01:
        cx, cy = item.center
        shape = f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5"/>'
    else:
        shape = f'<rect x="{item.x0:.1f}" y="{item.y - 5:.1f}" width="{item.x1 - item.x0:.1f}" height="10" rx="3"/>'
    return (
        f'<a class="{classes}" id="{ids}-{clean(mark.key)}" href="{clean(mark.href)}" data-first="{mark.first.isoformat()}" '
        f'data-last="{mark.last.isoformat()}" data-x="{(item.x0 + item.x1) / 2:.1f}">'
        f"<title>{clean(mark.title)}</title>{shape}"
        f'<text x="{item.label_x:.1f}" y="{item.y + 4:.1f}" text-anchor="{item.label_anchor}">'
        f"{clean(short(mark.label))}</text></a>"
    )


def busiest_week(marks: Sequence[Mark], scale_days: int) -> tuple[date, date] | None:
    """A window of about a week holding several day-sized marks that the full axis crushes together.

    On an axis of years a day is under a unit wide, so the seed's October 1, 3 and 4 (and
    the conflict between them) would sit on one pixel; they get a detail axis of their own.
    """
    if scale_days <= 60:
        return None
    counts: dict[date, int] = {}
    for mark in marks:
        if (mark.last - mark.first).days < 3:
            counts[mark.first] = counts.get(mark.first, 0) + 1
    days = sorted(counts)
    best: tuple[int, date, date] | None = None
    for n, start in enumerate(days):
        inside = [d for d in days[n:] if (d - start).days <= 6]
        total = sum(counts[d] for d in inside)
        if total >= 2 and (best is None or total > best[0]):
            best = (total, start, inside[-1])
    if best is None:
        return None
    _, first, last = best
    pad = 7 - (last - first).days
    return first - timedelta(days=pad // 2), last + timedelta(days=pad - pad // 2)
