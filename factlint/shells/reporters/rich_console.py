"""The desk view: diagnostics grouped by file, the source line with a caret under the span,
the suggested fixes, and how the date was read."""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from factlint.core.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as factlint.core.document.LineIndex counts lines
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


CONTEXT_BEFORE, CONTEXT_AFTER = 48, 32  # characters shown around the span on long lines


def _excerpt(d: Diagnostic, lines: list[str] | None) -> Text | None:
    """The span's source line, cut to a window around the span (news paragraphs are one long
    line), with carets under the span measured in terminal cells (wide characters count two)."""
    if not lines or d.location.start.line > len(lines):
        return None
    line_no = d.location.start.line
    line = lines[line_no - 1].replace("\t", " ")
    start = d.location.start.column - 1
    end = d.location.end.column - 1 if d.location.end.line == line_no else len(line)
    end = max(end, start + 1)
    left = max(start - CONTEXT_BEFORE, 0)
    right = min(end + CONTEXT_AFTER, len(line))
    before = ("…" if left else "") + line[left:start]
    after = line[end:right] + ("…" if right < len(line) else "")
    gutter = f"{line_no:>5} │ "
    text = Text(gutter, style="dim")
    text.append(before)
    text.append(line[start:end], style=STYLE[d.severity])
    text.append(after)
    text.append("\n" + " " * (len(gutter) - 2) + "│ " + " " * cell_len(before), style="dim")
    text.append("^" * max(cell_len(line[start:end]), 1), style=STYLE[d.severity])
    return text


def report(result: LintResult, rules: list[Rule], stream: TextIO, quiet: bool = False) -> None:
    """`quiet` (--quiet) leaves out the summary line."""
    console = Console(file=stream, highlight=False, soft_wrap=True)
    for path, items in groupby(result.diagnostics, key=lambda d: d.location.path):
        diagnostics = list(items)
        console.print(Text(path, style="bold underline"))
        source = result.sources.get(path)
        lines = LINE_BREAK.split(source) if source is not None else None
        for d in diagnostics:
            head = Text(f"  {d.location.start.line}:{d.location.start.column} ", style="bold")
            head.append(f"{d.severity}", style=STYLE[d.severity])
            head.append(f" {d.message} ")
            head.append(f"[{d.rule}]", style="dim")
            console.print(head)
            excerpt = _excerpt(d, lines)
            if excerpt is not None:
                console.print(excerpt)
            for index, suggestion in enumerate(d.suggestions):
                console.print(
                    Text("        " + ("fix: " if index == 0 else " or: "), style="green")
                    + Text(suggestion.label, style="bold green")
                )
            for related in d.related:
                console.print(
                    Text(
                        f"        see {related.location.start.line}:{related.location.start.column}: {related.label}", style="dim"
                    )
                )
            if d.note:
                console.print(Text(f"        note: {d.note}", style="dim"))
        console.print()
    for error in result.errors:
        console.print(Text("error: ", style="bold red") + Text(error))
    counts = {s: sum(1 for d in result.diagnostics if d.severity is s) for s in Severity}
    summary = Text(f"{len(result.files)} file(s) checked: ")
    summary.append(f"{counts[Severity.ERROR]} error(s)", style=STYLE[Severity.ERROR] if counts[Severity.ERROR] else "")
    summary.append(f", {counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info")
    if result.errors:
        summary.append(f", {len(result.errors)} file(s) could not be read", style="bold red")
    if not quiet:
        console.print(summary)
