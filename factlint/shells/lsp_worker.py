"""The language server's lint worker: spaCy in a child process the server can kill.

Why a process and not a thread or cooperative cancellation: one lint is a few long calls
into spaCy and thinc (a 10 MB buffer ran 400 s at 1.86 GB), which no flag can interrupt and
which hold the GIL between their C loops, so a lint thread starves the server's own loop;
a thread cannot be stopped either, so `exit` left the process running at 97% CPU. A child
process is stopped at once with SIGKILL, its memory goes with it, and the server's loop never
waits on spaCy. It is spawned, not forked: the server has threads (its stdin reader), and
a fork of a threaded process can inherit a held lock.

The child loads the pipelines once, at start (a warm-up lint of an empty buffer), and then
lints one buffer per request. Its replies carry only plain data: the diagnostics, and for
hover every resolved date's span and description (an Analysis holds spaCy docs, which are
neither small nor cheap to pickle).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from factlint.analysis.document_analysis import Analysis
from factlint.claims.date_claim import DateClaim, YearSource
from factlint.core.diagnostics import Diagnostic, Location
from factlint.engine.api import LintOptions, lint_text_analysed
from factlint.engine.parallel import die_with_parent


@dataclass(frozen=True)
class HoverSpan:
    """A resolved date's span in the source (code points) and what hover says about it."""

    start: int
    end: int
    location: Location
    text: str


@dataclass(frozen=True)
class Request:
    text: str
    path: str
    options: LintOptions


@dataclass(frozen=True)
class Reply:
    """A lint's outcome: diagnostics and hover spans, or `error` (the lint raised)."""

    diagnostics: tuple[Diagnostic, ...] = ()
    hovers: tuple[HoverSpan, ...] = ()
    error: str = ""


class WorkerDied(Exception):
    """The worker ended (killed, out of memory) before it answered."""


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


def _serve(connection: Connection, options: LintOptions, parent: int) -> None:
    """The child: warm up, say so, then answer requests until the server closes the pipe."""
    die_with_parent(parent)
    connection.send(_lint(Request("", "<stdin>", options)))  # loads the pipelines the rules need
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_lint(request))


class LintWorker:
    """One child process and its pipe, driven from the server's event loop: one lint at a
    time (`lint` waits while the child is still on an earlier, abandoned one)."""

    def __init__(self, options: LintOptions) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, options, os.getpid()), name="factlint-lsp-lint", daemon=True)
        self.process.start()
        child.close()
        self.loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[Reply] = self.loop.create_future()
        self.inflight: asyncio.Future[Reply] | None = None
        self.started = 0.0  # when the in-flight request was sent
        self.lock = asyncio.Lock()
        self.loop.add_reader(self.connection.fileno(), self._readable)

    def _readable(self) -> None:
        try:
            reply: Any = self.connection.recv()
        except (EOFError, OSError):
            self._died()
            return
        if not self.ready.done():
            self.ready.set_result(reply)
        elif self.inflight is not None:
            future, self.inflight = self.inflight, None
            if not future.done():
                future.set_result(reply)

    def _unwatch(self) -> None:
        if not self.connection.closed:
            self.loop.remove_reader(self.connection.fileno())

    def _died(self) -> None:
        self._unwatch()
        for future in (self.ready, self.inflight):
            if future is not None and not future.done():
                future.set_exception(WorkerDied(f"the lint worker ended (exit code {self.process.exitcode})"))
                future.exception()  # retrieved: nobody may be waiting
        self.inflight = None

    @property
    def alive(self) -> bool:
        return self.process.is_alive() and not (self.ready.done() and self.ready.exception() is not None)

    @property
    def busy_for(self) -> float:
        """Seconds the child has been on its current request (0 when idle)."""
        return time.monotonic() - self.started if self.inflight is not None else 0.0

    async def lint(self, request: Request) -> Reply:
        await asyncio.shield(self.ready)
        async with self.lock:
            while self.inflight is not None:  # still on a lint nobody waits for: let it finish
                await asyncio.wait([self.inflight])
            future = self.inflight = self.loop.create_future()
            self.started = time.monotonic()
            self.connection.send(request)
        return await asyncio.shield(future)

    def kill(self) -> None:
        """Stop the child now (SIGKILL: it holds nothing the server needs)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._died()
        self.connection.close()
