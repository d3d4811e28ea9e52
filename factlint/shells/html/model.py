"""The renderer's input: ArticleView, the timeline contract read into frozen dataclasses, source positions.

The renderer sees only plain data (the JSON report's diagnostic objects and the timeline
dict documented in the package docstring), never the engine's objects, so the CLI, the
HTTP service and a saved JSON report all draw the same page without a second analysis.
Reading is lenient on purpose: a missing or malformed optional field drops that one
thing from the drawing instead of failing the whole report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# The engine's rule (factlint.document.LineIndex): LF, CRLF and a lone CR each end a line.
# Kept here, not imported, so the renderer depends on the data contract alone.
_LINE_BREAK = re.compile(r"\r\n?|\n")

PUBLICATION_ANCHOR = "publication_date"  # the reserved `anchor` of a point read relative to the publication date


@dataclass(frozen=True)
class ArticleView:
    """One article as the renderer needs it; everything is plain data."""

    path: str
    source: str  # the article's source text exactly as read (highlight spans by line/column into it)
    diagnostics: tuple[dict, ...]  # this file's diagnostic objects, exactly the JSON report's shape
    timeline: dict  # the timeline contract (package docstring); {} when none


@dataclass(frozen=True)
class SourceIndex:
    """Line starts of a source, to turn 1-based line/column (code points) into offsets and back."""

    source: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> SourceIndex:
        return cls(source, (0, *(m.end() for m in _LINE_BREAK.finditer(source))))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def content_end(self, line: int) -> int:
        """Offset one past the last character of a 1-based line, its line break excluded."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        while end > start and self.source[end - 1] in "\r\n":
            end -= 1
        return end

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def offset(self, line: int, column: int) -> int:
        """Clamped: a line past the end is the end; a column past the line is its end (break included)."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.source)
        start = self.starts[line - 1]
        limit = self.starts[line] if line < len(self.starts) else len(self.source)
        return min(start + max(column, 1) - 1, limit)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: Mapping[str, Any] | None, end: Mapping[str, Any] | None) -> tuple[int, int] | None:
        """Offsets of a contract span, normalised so it starts and ends on line content.

        A span that starts on a line break begins on the next line; one that ends just past a
        line break ends at that line's content, so its last piece (and its footnote) is where
        its last visible character is. A span covering only breaks becomes empty.
        """
        first = _position(start)
        if first is None:
            return None
        last = _position(end) or first
        a = self.offset(*first)
        b = max(self.offset(*last), a)
        origin = a
        line = self.line_of(a)
        if a >= self.content_end(line) and line < len(self.starts) and b > a:
            a = self.starts[line]
        if b > a:
            b = min(b, self.content_end(self.line_of(b - 1)))
        if b <= a:
            a = b = min(origin, self.content_end(self.line_of(origin)))
        return a, b


def _position(value: Mapping[str, Any] | None) -> tuple[int, int] | None:
    if not isinstance(value, Mapping):
        return None
    line, column = value.get("line"), value.get("column")
    if not isinstance(line, int) or not isinstance(column, int) or isinstance(line, bool) or isinstance(column, bool):
        return None
    return line, column


def parse_day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Point:
    """A temporal expression of the text resolved on the timeline (or not: durations have no range)."""

    id: str
    text: str
    span: tuple[int, int] | None
    where: str  # "19:58", for people
    value: str
    first: date | None
    last: date | None
    granularity: str
    year: str
    anchor: str | None

    @property
    def drawn(self) -> bool:
        return self.first is not None and self.last is not None


@dataclass(frozen=True)
class Member:
    ordinal: int | None
    label: str
    first: date | None
    last: date | None
    text: str
    span: tuple[int, int] | None
    where: str

    @property
    def drawn(self) -> bool:
        return self.first is not None and self.last is not None


@dataclass(frozen=True)
class Series:
    title: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class PublicationDate:
    day: date
    origin: str


@dataclass(frozen=True)
class Timeline:
    publication: PublicationDate | None
    points: tuple[Point, ...]
    series: tuple[Series, ...]
    note: str = ""  # why there is no timeline, when the producer knows (a saved report holds no analysis)


def _range(item: Mapping[str, Any]) -> tuple[date | None, date | None]:
    first, last = parse_day(item.get("first")), parse_day(item.get("last"))
    if first is None or last is None:
        return None, None
    return (first, last) if first <= last else (last, first)


def read_timeline(data: Mapping[str, Any] | None, index: SourceIndex) -> Timeline:
    """The contract dict as dataclasses; entries that are not dicts are skipped."""
    data = data if isinstance(data, Mapping) else {}
    pub = data.get("publication_date")
    publication = None
    if isinstance(pub, Mapping) and (day := parse_day(pub.get("date"))) is not None:
        publication = PublicationDate(day, text_of(pub.get("origin")))
    points = []
    for n, item in enumerate(_dicts(data.get("points"))):
        first, last = _range(item)
        anchor = item.get("anchor")
        points.append(
            Point(
                id=text_of(item.get("id")) or f"#{n + 1}",
                text=text_of(item.get("text")),
                span=index.span(item.get("start"), item.get("end")),
                where=where_of(item.get("start")),
                value=text_of(item.get("value")),
                first=first,
                last=last,
                granularity=text_of(item.get("granularity")),
                year=text_of(item.get("year")),
                anchor=anchor if isinstance(anchor, str) and anchor else None,
            )
        )
    series = []
    for item in _dicts(data.get("series")):
        members = []
        for member in _dicts(item.get("members")):
            first, last = _range(member)
            ordinal = member.get("ordinal")
            members.append(
                Member(
                    ordinal=ordinal if isinstance(ordinal, int) and not isinstance(ordinal, bool) else None,
                    label=text_of(member.get("label")),
                    first=first,
                    last=last,
                    text=text_of(member.get("text")),
                    span=index.span(member.get("start"), member.get("end")),
                    where=where_of(member.get("start")),
                )
            )
        series.append(Series(text_of(item.get("title")), tuple(members)))
    return Timeline(publication, tuple(points), tuple(series), text_of(data.get("note")))


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def where_of(value: Any) -> str:
    """ "19:58" for a contract position, "?" when there is none."""
    position = _position(value)
    return f"{position[0]}:{position[1]}" if position else "?"


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""
