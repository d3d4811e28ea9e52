"""What a reader sees as separate: headings, list items, table cells and paragraphs.

Today's copy is full of lists (holidays, schedules, fixtures) that wire copy never had, and
a list item is not a sentence that runs on into the next: "March 3: Sunday" on one line and
"March 4: Holi" on the next say nothing about a Sunday, March 4. The reader records each
block with its source range (the Document keeps them in plain-text offsets), and in plain
text a line break next to a list item is a hard break, never a soft wrap.

Plain text: a line led by a bullet (`-`, `*`, `•`, `1.`) or by a date ("October 5: Sunday",
"Friday, January 1", "1 May (Thursday)") is a list item; a short line without closing
punctuation just before items (or between them: "January") introduces them, a heading.
In any markup, short paragraphs holding a date, two or more in a row, are a list too
("New Year's Day - 1 January (Wednesday)" paragraph after paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from factlint.core.calendar_words import load_calendar_lexicon
from factlint.core.document import LineIndex

BULLET = re.compile(r"[ \t]*(?:[•◦▪‣*][ \t]*|[-–—][ \t]+|\(?\d{1,3}[.)][ \t]+)(?=\S)")
SHORT_HEADING = 80  # characters a heading line may have
SHORT_ITEM = 160  # characters a paragraph may have and still be a list item
_CLOSING = (".", "!", "?", ";", ",", '."', ".”")
_SENTENCE_END = (".", "!", "?", '."', ".”", '?"', "?”", '!"', "!”")


@dataclass(frozen=True)
class SourceBlock:
    """A block in source offsets [start, end) (see factlint.core.document.Block)."""

    kind: str
    start: int
    end: int
    row: int = -1
    column: int = -1


@lru_cache(maxsize=1)
def _dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a date leads the text, the text holds a date): month-day, day-month, ISO and numeric
    dates, led by an optional weekday, from the calendar lexicon's spellings. Spellings that
    are also words ("May", "Sun") count only capitalised."""
    lexicon = load_calendar_lexicon()
    ambiguous = {word.lower() for word in lexicon.ambiguous}

    def alternatives(names: tuple[tuple[str, ...], ...]) -> str:
        forms: set[str] = set()
        for spellings in names:
            for spelling in spellings:
                bare = spelling.rstrip(".")
                forms |= {re.escape(bare) + r"\.?", re.escape(bare.upper()) + r"\.?"}
                if bare.lower() not in ambiguous:
                    forms.add(re.escape(bare.lower()) + r"\.?")
        return "|".join(sorted(forms, key=len, reverse=True))

    month = rf"(?:{alternatives(lexicon.month_names)})"
    weekday = rf"(?:{alternatives(lexicon.weekday_names)})"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    numeric = r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    date = rf"(?:{month}[ \t]+{day}(?!\d)|{day}[ \t]+(?:of[ \t]+)?{month}(?![A-Za-z])|{numeric})"
    leads = re.compile(rf"(?:{weekday}[ \t]*[,(]?[ \t]*)?{date}")
    holds = re.compile(rf"(?<![A-Za-z]){date}")
    return leads, holds


def led_by_date(text: str) -> bool:
    return _dates()[0].match(text) is not None


def holds_date(text: str) -> bool:
    return _dates()[1].search(text) is not None


def _is_heading_line(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= SHORT_HEADING and not stripped.endswith(_CLOSING)


def text_blocks(source: str, lines: LineIndex, body_start: int) -> tuple[list[SourceBlock], set[int]]:
    """Blocks of a plain-text source, and the lines whose break to the next line is hard."""
    first = lines.position(body_start).line
    total = len(lines.starts)
    spans: dict[int, tuple[int, int]] = {}
    for line in range(first, total + 1):
        start, end = lines.line_span(line, source)
        spans[line] = (max(start, body_start), end)

    def content(line: int) -> str:
        return source[slice(*spans[line])]

    def item_line(line: int) -> bool:
        text = content(line)
        bullet = BULLET.match(text)
        rest = text[bullet.end() :] if bullet else text.lstrip()
        return bullet is not None or led_by_date(rest)

    blocks: list[SourceBlock] = []
    hard: set[int] = set()
    line = first
    while line <= total:
        if not content(line).strip():
            line += 1
            continue
        group = [line]
        while group[-1] + 1 <= total and content(group[-1] + 1).strip():
            group.append(group[-1] + 1)
        line = group[-1] + 1
        items = _list_lines(group, [item_line(n) for n in group], content)
        if not any(items):
            blocks.append(SourceBlock("paragraph", spans[group[0]][0], spans[group[-1]][1]))
            continue
        current: list[int] = []
        for position, number in enumerate(group):
            later_item = any(items[position + 1 :])
            text = content(number)
            continues = text[:1].isspace() or text[:1].islower()  # an indented or lower-case line carries on the one before
            if items[position] or not current or (not continues and (items[group.index(current[0])] or later_item)):
                if current:
                    blocks.append(_line_block(current, items, group, spans, content))
                    hard.add(current[-1])
                current = [number]
            else:
                current.append(number)  # a line wrapped from the item or paragraph before
        blocks.append(_line_block(current, items, group, spans, content))
    return mark_headings(blocks, source), hard


_OPEN_ENDINGS = frozenset({"and", "or", "but", "the", "a", "an", "to", "on", "of", "in", "at", "for", "by", "from", "with"})


def _ends_a_thought(text: str) -> bool:
    """Does the line end where a list item could start after it: with closing punctuation, or
    as a heading does ("Here is the list of holidays"), not mid-sentence ("arrived on
    Wednesday," or "... and")?"""
    stripped = text.rstrip()
    if stripped.endswith((".", "!", "?", ":", ";", ")", '"', "”")):
        return True
    words = stripped.split()
    return _is_heading_line(stripped) and bool(words) and words[-1].lower() not in _OPEN_ENDINGS


def _list_lines(group: list[int], candidates: list[bool], content) -> list[bool]:  # type: ignore[no-untyped-def]
    """Which lines of a run are list items: led by a bullet or a date, two or more of them, each
    the run's first line or after a line that ends a thought. A wrapped sentence whose next line
    happens to start with a date ("arrived on Wednesday,/October 1") is no list."""
    if sum(candidates) < 2:
        return [False] * len(group)
    items: list[bool] = []
    for position, candidate in enumerate(candidates):
        items.append(candidate and (position == 0 or items[-1] or _ends_a_thought(content(group[position - 1]))))
    return items


def _line_block(numbers, items, group, spans, content) -> SourceBlock:  # type: ignore[no-untyped-def]
    if items[group.index(numbers[0])]:
        kind = "item"
    elif len(numbers) == 1 and _is_heading_line(content(numbers[0])):
        kind = "heading"
    else:
        kind = "paragraph"
    return SourceBlock(kind, spans[numbers[0]][0], spans[numbers[-1]][1])


def mark_headings(blocks: list[SourceBlock], source: str) -> list[SourceBlock]:
    """Short one-line paragraphs that read as entries, two or more in a row (headings may
    come between), are list items; a short unpunctuated paragraph right before an item is its
    heading. An entry is led by a date ("Friday, January 1 – New Year's Day.") or holds one
    and does not end as a sentence does ("New Year's Day: January 1 (Monday)"); two short
    sentences of prose that each name a date ("Offices will close on Independence Day, June
    14.") are paragraphs, whose year is the story's, not a list's."""
    kinds = [block.kind for block in blocks]

    def dated_paragraph(index: int) -> bool:
        block = blocks[index]
        text = source[block.start : block.end].strip()
        if kinds[index] != "paragraph" or len(text) > SHORT_ITEM or "\n" in text:
            return False
        return led_by_date(text) or (holds_date(text) and not text.endswith(_SENTENCE_END))

    dated = [dated_paragraph(i) for i in range(len(blocks))]
    for index, is_dated in enumerate(dated):
        if not is_dated:
            continue
        neighbours = [j for j in (index - 1, index + 1) if 0 <= j < len(blocks)]
        # skip one heading between dated paragraphs ("Regular Holidays" between two lists)
        neighbours += [j for j in (index - 2, index + 2) if 0 <= j < len(blocks) and kinds[(index + j) // 2] == "heading"]
        if any(dated[j] or kinds[j] == "item" for j in neighbours):
            kinds[index] = "item"
    for index in range(len(blocks) - 1):
        text = source[blocks[index].start : blocks[index].end]
        if kinds[index] == "paragraph" and kinds[index + 1] == "item" and _is_heading_line(text) and "\n" not in text.strip():
            kinds[index] = "heading"
    return [replace(block, kind=kind) for block, kind in zip(blocks, kinds, strict=True)]


# A page's "Updated July 20, 2024, 10:15 AM" line is when the page changed, not a claim of its copy.
_METADATA = re.compile(r"[ \t]*(?:last[ \t]+)?(?:updated|modified|edited)\b[ \t]*(?:on|at)?[ \t]*:?", re.IGNORECASE)
METADATA_CHARACTERS = 100


def metadata_lines(source: str, lines: LineIndex, body_start: int) -> frozenset[int]:
    """Source lines that are a page's update stamp: short, "Updated" (or "Last updated",
    "Modified") and then a date; not "Updated figures came on Thursday, July 10"."""
    found = set()
    for line in range(lines.position(body_start).line, len(lines.starts) + 1):
        start, end = lines.line_span(line, source)
        text = source[max(start, body_start) : end]
        match = _METADATA.match(text)
        if match and len(text.strip()) <= METADATA_CHARACTERS and led_by_date(text[match.end() :].lstrip(" \t:")):
            found.add(line)
    return frozenset(found)
