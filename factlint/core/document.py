"""The Document: source text, the plain text the NLP reads, and an exact map between them.

Readers never edit the plain text in place; they describe it as the source with some
ranges replaced (markup removed, CRLF turned into LF). `build_document_text` applies
those replacements and records, run by run, where each plain-text character came from,
so any span found in the plain text maps back to the source's line and column exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from factlint.core.diagnostics import Location, Position

_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Replacement:
    """Source range [start, end) shown to the NLP as `text` (often "")."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class OffsetMap:
    """Maps plain-text offsets to source offsets.

    Run i covers text offsets [text_starts[i], text_starts[i+1]). A copied run maps
    character by character; a synthetic run (inserted text) maps every character to the
    source position of the markup it stands for.
    """

    text_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    copied: tuple[bool, ...]

    def to_source(self, offset: int) -> int:
        if not self.text_starts:
            return 0
        run = max(bisect.bisect_right(self.text_starts, offset) - 1, 0)
        if self.copied[run]:
            return self.source_starts[run] + (offset - self.text_starts[run])
        return self.source_starts[run]

    def to_source_end(self, offset: int) -> int:
        """Exclusive end: one past the source character of the span's last text character."""
        if offset <= 0:
            return self.to_source(0)
        return self.to_source(offset - 1) + 1

    def to_text(self, source_offset: int, text_length: int) -> int:
        """The plain-text offset where the source offset's character went (the next kept character
        when it was removed): for turning source line ranges into text ranges."""
        if not self.text_starts:
            return 0
        run = bisect.bisect_right(self.source_starts, source_offset) - 1
        if run < 0:
            return 0
        end = self.text_starts[run + 1] if run + 1 < len(self.text_starts) else text_length
        if not self.copied[run]:
            return self.text_starts[run] if source_offset == self.source_starts[run] else end
        return min(self.text_starts[run] + source_offset - self.source_starts[run], end)


def build_document_text(source: str, replacements: list[Replacement]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping replacements (overlaps are merged away: first wins)."""
    parts: list[str] = []
    text_starts: list[int] = []
    source_starts: list[int] = []
    copied: list[bool] = []
    length = 0
    cursor = 0

    def emit(piece: str, source_start: int, is_copy: bool) -> None:
        nonlocal length
        if not piece:
            return
        parts.append(piece)
        text_starts.append(length)
        source_starts.append(source_start)
        copied.append(is_copy)
        length += len(piece)

    for rep in sorted(replacements, key=lambda r: (r.start, r.end)):
        if rep.start < cursor:
            continue
        emit(source[cursor : rep.start], cursor, True)
        emit(rep.text, rep.start, False)
        cursor = rep.end
    emit(source[cursor:], cursor, True)
    return "".join(parts), OffsetMap(tuple(text_starts), tuple(source_starts), tuple(copied))


def line_break_replacements(
    source: str,
    lines: LineIndex,
    prose_lines: set[int] | None = None,
    paragraph_ends: set[int] = frozenset(),  # type: ignore[assignment]
    first_line: int = 1,
) -> list[Replacement]:
    """Line breaks as the NLP should see them; columns still count in the source.

    A break between two prose lines of one paragraph is a soft wrap and becomes a space, so
    "Wednesday,<newline>October 1" is one expression; any other break becomes a newline
    (CRLF and lone CR included), so blank lines keep separating paragraphs.
    """
    reps: list[Replacement] = []
    count = len(lines.starts)

    def is_prose(line: int) -> bool:
        start, end = lines.line_span(line, source)
        if prose_lines is not None and line not in prose_lines:
            return False
        return bool(source[start:end].strip())

    for line in range(first_line, count):
        end = lines.line_span(line, source)[1]
        next_start = lines.starts[line]
        if end >= next_start:
            continue
        if line in paragraph_ends:
            reps.append(Replacement(end, next_start, "\n\n"))
        elif is_prose(line) and is_prose(line + 1):
            reps.append(Replacement(end, next_start, " "))
        elif source[end:next_start] != "\n":
            reps.append(Replacement(end, next_start, "\n"))
    return reps


@dataclass(frozen=True)
class LineIndex:
    """Start offsets of every source line; LF, CRLF and lone CR all end a line."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> LineIndex:
        return cls((0, *(m.end() for m in _LINE_BREAK.finditer(source))))

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def line_span(self, line: int, source: str) -> tuple[int, int]:
        """Source offsets of a 1-based line's content, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(source)
        while end > start and source[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class PublicationDate:
    """The document creation time (DCT) every relative date is read against."""

    value: date
    origin: str  # e.g. "--date", "front matter 'date'", "date header", "dateline"


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file itself (encoding, front matter), reported as a diagnostic."""

    rule: str
    severity: str
    message: str
    start_offset: int = 0
    end_offset: int = 0


@dataclass(frozen=True)
class Block:
    """A piece of the text a reader sees as separate, in plain-text offsets [start, end).

    `kind`: "heading" (a title, a Markdown heading, a short line introducing a list), "item" (a
    list item: a bullet, a line or short paragraph led by a date in a run of them), "cell" (a
    table cell; `row` is its table row's index, `column` its place in the row) or "paragraph".
    Year inference reads a list's year from its headings; claims never pair words across blocks.
    """

    kind: str
    start: int
    end: int
    row: int = -1
    column: int = -1


@dataclass(frozen=True)
class Document:
    path: str
    source: str
    text: str
    offsets: OffsetMap
    lines: LineIndex
    dct: PublicationDate | None
    markup: str  # "markdown" or "text"
    front_matter: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    structure: tuple[Block, ...] = ()  # in text order, not overlapping
    language: str = "en"  # the language whose calendar words are read (factlint.read.language)
    language_source: str = "default"  # how it was chosen: "--language", "front matter 'lang'", "detected (0.97)"

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.structure]

    def block_at(self, offset: int) -> Block | None:
        """The block holding plain-text `offset`, if any."""
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.structure[index].end:
            return self.structure[index]
        return None

    def source_location(self, start: int, end: int) -> Location:
        """Location of a source range [start, end)."""
        end = max(end, start)
        return Location(self.path, self.lines.position(start), self.lines.position(end), start, end)

    def location(self, text_start: int, text_end: int) -> Location:
        """Location in the source of a plain-text range [text_start, text_end)."""
        start = self.offsets.to_source(text_start)
        end = self.offsets.to_source_end(text_end) if text_end > text_start else start
        return self.source_location(start, end)

    def source_line(self, line: int) -> str:
        start, end = self.lines.line_span(line, self.source)
        return self.source[start:end]


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut `text` into consecutive [start, end) pieces of at most `limit` characters.

    spaCy refuses texts over `nlp.max_length` and its parser needs memory per character, so a
    huge article is parsed in pieces. Cuts fall after a blank line where possible (dates are
    read within a paragraph), else after a line break, else after a space.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = -1
        for separator in ("\n\n", "\n", " "):
            found = text.rfind(separator, start + limit // 2, window_end)
            if found != -1:
                cut = found + len(separator)
                break
        if cut <= start:
            cut = window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds
