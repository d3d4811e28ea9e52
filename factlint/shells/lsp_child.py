"""The language server's lint worker, inside the child process: loads the pipelines once,
then lints one buffer per request until the server closes the pipe (see `lsp_worker`)."""

from __future__ import annotations

from multiprocessing.connection import Connection

from factlint.analysis.document_analysis import Analysis
from factlint.claims.date_claim import DateClaim, YearSource
from factlint.engine.api import lint_text_analysed
from factlint.engine.options import LintOptions
from factlint.engine.parallel import die_with_parent
from factlint.shells.lsp_messages import HoverSpan, Reply, Request


def describe(resolved: DateClaim, analysis: Analysis) -> str:
    """Hover text (Markdown): the date's value and where each part of it came from."""
    mention, document = resolved.mention, analysis.document
    value = resolved.date
    if value is not None:
        head = f"**{mention.text}** → `{value.isoformat()}` ({value.strftime('%A')})"
    elif resolved.impossible:
        head = f"**{mention.text}** → no such day"
    elif resolved.year is not None and resolved.month is not None:
        head = f"**{mention.text}** → `{resolved.year:04d}-{resolved.month:02d}` (a month, no day)"
    else:
        head = f"**{mention.text}** → not a complete date"
    dct = document.dct
    published = f"{dct.value.isoformat()} ({dct.origin})" if dct else "unknown (no date header, front matter or dateline)"
    if resolved.year_source is YearSource.EXPLICIT:
        year = f"{resolved.year}, written in the expression"
    elif resolved.year_source is YearSource.ANCHOR and resolved.year_anchor is not None:
        line = document.location(resolved.year_anchor.start, resolved.year_anchor.end).start.line
        year = f'{resolved.year}, from the anchor "{resolved.year_anchor.text}" (line {line})'
    elif resolved.year_source in (YearSource.HEADING, YearSource.LIST):
        year = f"{resolved.year}, from {resolved.evidence.detail}"
    elif resolved.year_source is YearSource.PUBLICATION_DATE:
        year = f"{resolved.year}, the year that puts it nearest the publication date"
        if resolved.evidence.other_year is not None:
            year += f"; its weekday fits {resolved.evidence.other_year}"
    else:
        year = "unknown: no year written, no anchor and no publication date"
    lines = [head, "", f"- year: {year}", f"- published: {published}"]
    if mention.weekday is not None and value is not None and value.weekday() != mention.weekday.value:
        lines.append(f"- written weekday: {mention.weekday.text}, but {value.isoformat()} is a {value.strftime('%A')}")
    return "\n".join(lines)


def _lint(request: Request) -> Reply:
    try:
        diagnostics, analysis = lint_text_analysed(request.text, request.path, request.options)
        hovers = []
        for resolved in analysis.resolved:
            location = analysis.document.location(resolved.mention.start, resolved.mention.end)
            hovers.append(HoverSpan(location.start_offset, location.end_offset, location, describe(resolved, analysis)))
        return Reply(tuple(diagnostics), tuple(hovers))
    except Exception as error:  # any failure of one buffer is reported, the worker goes on
        return Reply(error=f"{type(error).__name__}: {error}")


# Linted once at start: loads the pipelines the rules need and builds what a first real lint
# would build lazily (the gate's and the trained components' first run, the TIMEX patterns),
# so the first buffer opened after the model has loaded is answered in well under a second.
WARM_UP = (
    "date 2019-10-04\nOn Wednesday, October 1, the president arrived in Moscow for his second visit, "
    "and the following day, the second day of his four-day trip, he met 3 ministers.\n"
)


def serve(connection: Connection, options: LintOptions, parent: int) -> None:
    """The child: warm up, say so, then answer requests until the server closes the pipe."""
    die_with_parent(parent)
    connection.send(_lint(Request(WARM_UP, "<stdin>", options)))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_lint(request))
