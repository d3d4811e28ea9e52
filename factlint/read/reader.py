"""Readers: a file or a string becomes a Document (plain text + offset map + DCT)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factlint.core.document import (
    Block,
    Document,
    LineIndex,
    OffsetMap,
    Problem,
    PublicationDate,
    Replacement,
    build_document_text,
    line_break_replacements,
)
from factlint.core.errors import SourceError
from factlint.read.dct import (
    dateline_date,
    front_matter_date,
    header_date,
    unreadable_front_matter_date,
)
from factlint.read.decode import decode_bytes
from factlint.read.front_matter import read_front_matter
from factlint.read.language import choose_language
from factlint.read.options import ReadOptions
from factlint.read.structure import SourceBlock, metadata_lines, text_blocks
from factlint.read.suppressions import comment_replacements

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


def markup_for(path: str, options: ReadOptions) -> str:
    if options.markup:
        return options.markup
    return "markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def read_file(path: Path, display: str, options: ReadOptions) -> Document:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{display}: cannot read: {error.strerror or error}") from None
    return read_bytes(data, display, options)


def read_bytes(data: bytes, display: str, options: ReadOptions) -> Document:
    """A file's bytes as a Document (the cache hashes the very bytes that are read)."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise SourceError(f"{display}: {decoded.warning}")
    offset = decoded.offset
    problems = (Problem("encoding", "warning", f"{display}: {decoded.warning}", offset, offset + 1),) if decoded.warning else ()
    return load_text(decoded.text, display, options, problems)


def load_text(
    source: str, path: str = "<stdin>", options: ReadOptions | None = None, problems: tuple[Problem, ...] = ()
) -> Document:
    options = options or ReadOptions()
    if source.startswith("\ufeff"):
        source = source[1:]
        problems = tuple(
            replace(p, start_offset=max(p.start_offset - 1, 0), end_offset=max(p.end_offset - 1, 0)) for p in problems
        )
    markup = markup_for(path, options)
    lines = LineIndex.of(source)
    found: list[Problem] = list(problems)
    front: dict = {}
    body_start = 0
    dct: PublicationDate | None = PublicationDate(options.dct, "--date") if options.dct else None
    if markup == "markdown":
        front_matter = read_front_matter(source)
        body_start = front_matter.end
        front = front_matter.data
        if front_matter.error:
            line = lines.position(front_matter.error_offset).line
            found.append(
                Problem(
                    "invalid-front-matter",
                    "error",
                    f"{path}:{line}: {front_matter.error}",
                    front_matter.error_offset,
                    front_matter.error_offset,
                )
            )
        if dct is None:
            hit = front_matter_date(front, options.front_matter_keys)
            if hit:
                dct = PublicationDate(hit[0], f"front matter '{hit[1]}'")
            elif (problem := unreadable_front_matter_date(front, options.front_matter_keys)) is not None:
                found.append(Problem("invalid-front-matter", "error", f"{path}:1: {problem}", 0, 0))
    replacements: list[Replacement] = []
    if body_start:
        replacements.append(Replacement(0, body_start))
    header = header_date(source, body_start)
    if header:
        replacements.append(Replacement(header.start, header.end))
        if dct is None:
            dct = PublicationDate(header.value, "date header")
    metadata = metadata_lines(source, lines, body_start)
    if markup == "markdown":
        from factlint.read.markdown import MAX_NESTING, markdown_reading

        prose, blocks, cut = markdown_reading(source, body_start, lines, metadata)
        replacements.extend(prose)
        if cut is not None:
            offset = lines.starts[cut - 1] if cut - 1 < len(lines.starts) else len(source)
            message = f"{path}:{cut}: Markdown nests over {MAX_NESTING} levels deep here: what lies deeper is not checked"
            found.append(Problem("markdown-too-deep", "error", message, offset, offset))
    else:
        blocks, hard_breaks = text_blocks(source, lines, body_start)
        hard_breaks |= {line - 1 for line in metadata} | metadata
        replacements.extend(Replacement(*lines.line_span(line, source)) for line in metadata)
        replacements.extend(comment_replacements(source, markup))
        replacements.extend(line_break_replacements(source, lines, paragraph_ends=hard_breaks))
    text, offsets = build_document_text(source, replacements)
    if dct is None:
        dateline = dateline_date(text)
        if dateline:
            dct = PublicationDate(dateline, "dateline")
    structure = text_structure(blocks, text, offsets)
    choice = choose_language(options.language, front, options.default_language, text)
    return Document(
        path, source, text, offsets, lines, dct, markup, front, tuple(found), structure, choice.language, choice.source
    )


def text_structure(blocks: list[SourceBlock], text: str, offsets: OffsetMap) -> tuple[Block, ...]:
    """The blocks in plain-text offsets, trimmed of the whitespace around them; a block left
    empty (a comment, a code span) is dropped."""
    found: list[Block] = []
    for block in blocks:
        start, end = offsets.to_text(block.start, len(text)), offsets.to_text(block.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and (not found or start >= found[-1].end):
            found.append(Block(block.kind, start, end, block.row, block.column))
    return tuple(found)
