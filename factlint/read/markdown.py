"""Which parts of a Markdown source are prose.

markdown-it-py finds the blocks (its token maps give line ranges); only the lines of
inline content (paragraphs, headings, table cells) are prose. Inside them, markup that is
not prose is replaced by nothing (emphasis markers, link brackets and targets, inline
code, HTML) so columns of the remaining words still point at the source.
"""

from __future__ import annotations

import re
from itertools import pairwise

from markdown_it import MarkdownIt

from factlint.core.document import LineIndex, Replacement, line_break_replacements
from factlint.read.structure import SourceBlock, mark_headings

# markdown-it stops reading a document (silently) at this depth of nested blockquotes and
# lists: CommonMark's preset says 20, which real pages rarely but hostile ones easily reach.
# 60 keeps the block parser's recursion far from Python's limit; deeper is reported.
MAX_NESTING = 60
_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")


def _nesting_cut(tokens: list, first_line: int) -> int | None:
    """The first line where blocks reach markdown-it's depth limit (what is deeper there,
    it skips), or None."""
    deepest = [t for t in tokens if t.level >= MAX_NESTING - 1 and t.map]
    return deepest[0].map[0] + first_line if deepest else None

_HEADING_PREFIX = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_SUFFIX = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)+")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?:[ \t]+|$)")
_TABLE_PIPE = re.compile(r"(?<!\\)\|")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")

# Inline markup, tried left to right. Group names say what to do with a match. Every
# alternative starts with one of the characters in the lookahead: it spares the regex engine
# trying all eight at every character of prose (twelve times faster, the same matches).
_INLINE = re.compile(
    r"(?=[`<!\[\\*_~])(?:"
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<label>[^\]\n]*)\](?P<target>\([^)\n]*\)|\[[^\]\n]*\]))"
    r"|(?P<autolink><(?:https?|mailto|ftp):[^>\s]*>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\)[!-/:-@\[-`{-~]"
    r"|(?P<emphasis>(?<![\w*~])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\w*~])))",
    re.DOTALL,
)


def markdown_replacements(source: str, body_start: int, lines: LineIndex) -> list[Replacement]:
    """Replacements that turn the Markdown body (from `body_start`) into plain prose."""
    return markdown_reading(source, body_start, lines)[0]  # type: ignore[return-value]


def markdown_reading(
    source: str, body_start: int, lines: LineIndex, skip: frozenset[int] = frozenset()
) -> tuple[list[Replacement], list[SourceBlock], int | None]:
    """Replacements that turn the Markdown body (from `body_start`) into plain prose, its
    blocks: headings, list items (each its own paragraph of the plain text), table cells and
    paragraphs, and the line from which nothing was read for nesting too deep (or None).
    Lines in `skip` (page metadata) are not prose."""
    body = source[body_start:]
    first_line = lines.position(body_start).line
    tokens = _PARSER.parse(body)
    cut = _nesting_cut(tokens, first_line)
    prose_lines: dict[int, str] = {}  # 1-based source line -> "heading" | "list" | "table" | "text"
    containers: list[str] = []
    list_item_starts: set[int] = set()
    items: list[int] = []  # the open list items, innermost last, by their first line
    inline: list[tuple[int, int, str, int | None]] = []  # (first, last line, kind, its innermost item)
    for token in tokens:
        if token.type.endswith("_open") and token.map and token.type in ("list_item_open",):
            list_item_starts.add(token.map[0] + first_line)
            items.append(token.map[0] + first_line)
        elif token.type == "list_item_close":
            items.pop()
        if token.type in ("heading_open",):
            containers.append("heading")
        elif token.type in ("heading_close",):
            containers.pop()
        elif token.type == "table_open":
            containers.append("table")
        elif token.type == "table_close":
            containers.pop()
        if token.type == "inline" and token.map:
            kind = containers[-1] if containers else "text"
            for index in range(token.map[0], token.map[1]):
                if index + first_line not in skip:
                    prose_lines.setdefault(index + first_line, kind)
            inline.append((token.map[0] + first_line, token.map[1] - 1 + first_line, kind, items[-1] if items else None))
    blocks = _blocks(source, body_start, lines, inline)

    reps: list[Replacement] = []
    total_lines = len(lines.starts)
    for line in range(first_line, total_lines + 1):
        start, end = lines.line_span(line, source)
        if line == first_line:
            start = max(start, body_start)
        kind = prose_lines.get(line)
        if kind is None or (kind == "table" and _TABLE_DELIMITER.match(source, start, end)):
            reps.append(Replacement(start, end))
            continue
        reps.extend(_line_prefix(source, start, end, kind, line in list_item_starts))
        if kind == "heading":
            suffix = _HEADING_SUFFIX.search(source, start, end)
            if suffix:
                reps.append(Replacement(suffix.start(), suffix.end()))
        if kind == "table":
            # Cells are separate pieces of prose: a weekday in one never pairs with a date in the next.
            reps.extend(Replacement(m.start(), m.end(), "\n\n") for m in _TABLE_PIPE.finditer(source, start, end))
    reps.extend(_inline_replacements(source, body_start, prose_lines, lines))
    paragraph_ends = {line for line, kind in prose_lines.items() if kind in ("heading", "table")}
    for block in blocks:  # a list item is a paragraph of its own: it never runs on into the next
        if block.kind == "item":
            first, last = lines.position(block.start).line, lines.position(max(block.end - 1, block.start)).line
            paragraph_ends |= {first - 1, last}
    reps.extend(line_break_replacements(source, lines, set(prose_lines), paragraph_ends, first_line))
    return reps, mark_headings(blocks, source), cut


def _blocks(source: str, body_start: int, lines: LineIndex, inline: list[tuple[int, int, str, int | None]]) -> list[SourceBlock]:
    """One block per heading, per list item (its own lines, not its nested items'), per table
    cell and per paragraph, in source order."""

    def span(first: int, last: int) -> tuple[int, int]:
        return max(lines.line_span(first, source)[0], body_start), lines.line_span(last, source)[1]

    blocks: list[SourceBlock] = []
    owned: dict[int, list[int]] = {}
    rows: set[int] = set()  # markdown-it gives each cell's inline token its row's lines
    for first, last, kind, item in inline:
        if kind == "table":
            if first in rows:
                continue
            rows.add(first)
            row = len(rows) - 1
            start, end = span(first, last)
            cells = [start, *(m.end() for m in _TABLE_PIPE.finditer(source, start, end)), end + 1]
            for column, (low, high) in enumerate(pairwise(cells)):
                if source[low : high - 1].strip():
                    blocks.append(SourceBlock("cell", low, high - 1, row, column))
        elif item is not None and kind == "text":
            owned.setdefault(item, []).extend((first, last))
        else:
            blocks.append(SourceBlock("heading" if kind == "heading" else "paragraph", *span(first, last)))
    blocks += [SourceBlock("item", *span(min(owned_lines), max(owned_lines))) for owned_lines in owned.values()]
    return sorted(blocks, key=lambda block: block.start)


def _line_prefix(source: str, start: int, end: int, kind: str, list_start: bool) -> list[Replacement]:
    reps: list[Replacement] = []
    cursor = start
    quote = _QUOTE_PREFIX.match(source, cursor, end)
    if quote and ">" in quote.group(0):
        reps.append(Replacement(cursor, quote.end()))
        cursor = quote.end()
    if list_start:
        marker = _LIST_MARKER.match(source, cursor, end)
        if marker:
            reps.append(Replacement(cursor, marker.end()))
            cursor = marker.end()
    if kind == "heading":
        heading = _HEADING_PREFIX.match(source, cursor, end)
        if heading:
            reps.append(Replacement(cursor, heading.end()))
    return reps


def _inline_replacements(source: str, body_start: int, prose_lines: dict[int, str], lines: LineIndex) -> list[Replacement]:
    """Inline markup over runs of consecutive prose lines (code spans and comments may wrap)."""
    reps: list[Replacement] = []
    for run_start, run_end in _runs(sorted(prose_lines)):
        start = max(lines.starts[run_start - 1], body_start)
        end = lines.line_span(run_end, source)[1]
        for match in _INLINE.finditer(source, start, end):
            group = match.lastgroup
            if group == "link":
                reps.append(Replacement(match.start(), match.start() + 1))
                reps.append(Replacement(match.start("target") - 1, match.end()))
            elif group in ("code", "comment", "image", "autolink", "html"):
                reps.append(Replacement(match.start(), match.end()))
            elif group == "escape":
                reps.append(Replacement(match.start(), match.start() + 1))
            elif group == "emphasis":
                reps.append(Replacement(match.start(), match.end()))
    return reps


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs
