"""The desk view: diagnostics grouped by file, the source line with a caret under the span,
the suggested fixes, and how the date was read."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from factlint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from factlint.linter import LintResult
    from factlint.rules import Rule

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _excerpt(d: Diagnostic, lines: list[str] | None) -> Text | None:
    if not lines or d.location.start.line > len(lines):
        return None
    line_no = d.location.start.line
    line = lines[line_no - 1].expandtabs(1)
    start = d.location.start.column - 1
    end = d.location.end.column - 1 if d.location.end.line == line_no else len(line)
    end = max(end, start + 1)
    gutter = f"{line_no:>5} │ "
    text = Text(gutter, style="dim")
    text.append(line[:start])
    text.append(line[start:end], style=STYLE[d.severity])
    text.append(line[end:])
    text.append("\n" + " " * (len(gutter) - 2) + "│ " + " " * start, style="dim")
    text.append("^" * (end - start), style=STYLE[d.severity])
    return text


def report(result: LintResult, rules: list[Rule], stream: TextIO, quiet: bool = False) -> None:
    """`quiet` (--quiet) leaves out the summary line."""
    console = Console(file=stream, highlight=False, soft_wrap=True)
    for path, items in groupby(result.diagnostics, key=lambda d: d.location.path):
        diagnostics = list(items)
        console.print(Text(path, style="bold underline"))
        source = result.sources.get(path)
        lines = source.splitlines() if source is not None else None
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
