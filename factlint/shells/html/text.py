"""The article's source as numbered lines with every span wrapped, however the spans overlap.

Diagnostics, their related locations, dates and events overlap freely ("arrived in Moscow
on Wednesday, October 1" holds "Wednesday, October 1", which is both an error and a date),
but HTML elements must nest. Each line is cut at every span boundary; a span that has to be
closed while it still goes on (an inner span outlives it, or the line ends) is reopened as a
continuation piece with the same classes and no id, so every id stays unique, `:target`
hits the first piece and a footnote link follows the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from factlint.shells.html.model import SourceIndex


@dataclass(frozen=True)
class Span:
    """A source range [start, end) in code-point offsets, rendered as one element (in pieces)."""

    start: int
    end: int
    tag: str  # "mark" or "span"
    classes: str
    anchor: str  # the id of its first piece
    attrs: tuple[tuple[str, str], ...] = ()  # on every piece (title, data-*); values unescaped
    after: str = ""  # markup put right after its last piece: a footnote link
    order: int = 0  # among spans of one range, lower is outer


def clean(text: str) -> str:
    """Escaped text safe to put anywhere in a document, one output character per code point.

    Control characters and lone surrogates cannot appear in HTML (or be encoded as UTF-8),
    so each becomes one visible stand-in: columns after it still line up with the source.
    """
    out = []
    for char in text:
        code = ord(char)
        if char == "\t" or (code >= 0x20 and code != 0x7F and not 0x80 <= code <= 0x9F and not 0xD800 <= code <= 0xDFFF):
            out.append(char)
        elif code < 0x20:
            out.append(chr(0x2400 + code))  # the Control Pictures block: ␀ … ␟
        elif code == 0x7F:
            out.append("\u2421")
        else:
            out.append("\ufffd")
    return escape("".join(out), quote=True)


def _open(span: Span, first: bool) -> str:
    attrs = [f'class="{clean(span.classes if first else span.classes + " fl-cont")}"']
    if first:
        attrs.append(f'id="{clean(span.anchor)}"')
    else:
        attrs.append(f'data-of="{clean(span.anchor)}"')
    attrs += [f'{name}="{clean(value)}"' for name, value in span.attrs]
    return f"<{span.tag} {' '.join(attrs)}>"


def render_source(index: SourceIndex, spans: list[Span], prefix: str) -> str:
    """The source as `<div class="fl-line" id="{prefix}-L{n}">` rows with every span wrapped."""
    source = index.source
    by_line: dict[int, list[int]] = {}
    for n, span in enumerate(spans):
        first_line = index.line_of(span.start)
        last_line = index.line_of(span.end - 1) if span.end > span.start else first_line
        for line in range(first_line, last_line + 1):
            by_line.setdefault(line, []).append(n)
    opened: set[int] = set()
    rows = []
    for line in range(1, index.line_count + 1):
        start, end = index.starts[line - 1], index.content_end(line)
        body = _render_line(source, start, end, [(n, spans[n]) for n in by_line.get(line, [])], opened)
        rows.append(
            f'<div class="fl-line" id="{prefix}-L{line}"><span class="fl-ln" data-n="{line}" aria-hidden="true"></span>'
            f'<span class="fl-lc">{body}</span></div>'
        )
    return f'<div class="fl-src" role="document">{"".join(rows)}</div>'


def _render_line(source: str, start: int, end: int, spans: list[tuple[int, Span]], opened: set[int]) -> str:
    parts = {n: (max(s.start, start), min(s.end, end)) for n, s in spans if s.end > s.start}
    parts = {n: bounds for n, bounds in parts.items() if bounds[0] < bounds[1]}
    empty = sorted((s.start, s.order, n) for n, s in spans if s.end == s.start and start <= s.start <= end)
    lookup = dict(spans)
    cuts = sorted({start, end, *(b for bounds in parts.values() for b in bounds), *(e[0] for e in empty)})
    out: list[str] = []
    stack: list[int] = []
    for i, cut in enumerate(cuts):
        active = {n for n, (a, b) in parts.items() if a <= cut < b}
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        footnotes = []  # after every span closed here, so an outer span's words hold no inner footnote
        for n in reversed(stack[keep:]):
            out.append(f"</{lookup[n].tag}>")
            if lookup[n].end == cut:
                footnotes.append(lookup[n].after)
        out += footnotes
        del stack[keep:]
        for _, _, n in (e for e in empty if e[0] == cut):
            out.append(_open(lookup[n], n not in opened) + f"</{lookup[n].tag}>" + lookup[n].after)
            opened.add(n)
        fresh = sorted(active - set(stack), key=lambda n: (-lookup[n].end, lookup[n].order, lookup[n].start, n))
        for n in fresh:
            out.append(_open(lookup[n], n not in opened))
            opened.add(n)
            stack.append(n)
        if i + 1 < len(cuts):
            out.append(clean(source[cut : cuts[i + 1]]))
    return "".join(out)
