"""`factlint lsp`: the linter as a language server (pygls, stdio) for editors.

It lints the editor's buffer, never the file on disk, so diagnostics follow unsaved edits:
at once on open and after a pause in typing, and debounced while keys come in a burst
(`debounce`: typing does not queue a spaCy run per keystroke). factlint counts columns in
code points; LSP counts in the negotiated encoding (UTF-16 unless the client offers
another), so every position is converted with the buffer's own line text. Code actions
apply a diagnostic's suggestions; hover on a date says how it was resolved.

spaCy runs in a worker process (`lsp_worker`), started at `initialize` so the model loads
while the editor is still opening the file. A newer version of a buffer, or its close,
cancels the lint of the older one: the worker is killed (and a spare, kept warm once a kill
has happened or a big buffer is open, takes over) unless that lint has only just started. A lint longer than
`LINT_BUDGET_SECONDS` is stopped the same way. A lint that fails, for any reason, clears the
buffer's diagnostics and says why in the client's log. The transport (`lsp_transport`)
answers every request, survives a wrong Content-Length, and ends the server when the
client's stream ends; `exit` and end of input stop the worker too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import time
from dataclasses import dataclass, replace
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from factlint.core.diagnostics import Diagnostic, Location, Position, Severity
from factlint.core.document import LineIndex
from factlint.core.version import __version__
from factlint.engine.options import LintOptions
from factlint.shells.lsp_messages import HoverSpan, Reply, Request
from factlint.shells.lsp_transport import serve
from factlint.shells.lsp_worker import LintWorker, WorkerDied

__all__ = ["Buffer", "FactlintServer", "build_server", "code_units", "debounce", "main"]

# Debounce: the first change after a pause is linted at once; within a burst, a change waits
# 1.5 times the gap since the previous one (so the next key at the same pace supersedes it),
# between MIN and MAX. Typing at 150 ms a key waits 225 ms; a pause of PAUSE lints at once.
PAUSE_SECONDS = 0.5
MIN_DEBOUNCE_SECONDS = 0.05
MAX_DEBOUNCE_SECONDS = 0.3
# A superseded lint that has run less than this is left to finish (its result is dropped):
# killing it would cost a model load in a fresh worker; past it, or with a warm spare, kill.
KILL_AFTER_SECONDS = 0.5
# A buffer this long may well be cancelled mid-lint: have a spare worker loading meanwhile.
SPARE_FOR_CHARS = 200_000
LINT_BUDGET_SECONDS = 60.0  # one buffer's lint; past it the buffer is reported as not checked
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
log = logging.getLogger(__name__)


def debounce(gap: float) -> float:
    """Seconds to wait before linting a change that came `gap` seconds after the previous one."""
    if gap >= PAUSE_SECONDS:
        return 0.0
    return min(MAX_DEBOUNCE_SECONDS, max(MIN_DEBOUNCE_SECONDS, 1.5 * gap))


def code_units(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    """Length of `text` in the LSP position encoding (UTF-16: characters outside the BMP count 2)."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


@dataclass(frozen=True)
class Buffer:
    """An editor buffer's text and line starts: converts factlint positions to LSP ones and back.

    factlint drops a leading byte-order mark before reading, so its first-line columns are one
    short of the buffer's; `bom` puts it back.
    """

    text: str
    lines: LineIndex
    encoding: str = types.PositionEncodingKind.Utf16

    @classmethod
    def of(cls, text: str, encoding: str | None = None) -> Buffer:
        return cls(text, LineIndex.of(text), encoding or types.PositionEncodingKind.Utf16)

    @property
    def bom(self) -> int:
        return 1 if self.text.startswith("\ufeff") else 0

    def line_text(self, line: int) -> str:
        """The 0-based line's text without its line break ("" past the end)."""
        if not 0 <= line < len(self.lines.starts):
            return ""
        start, end = self.lines.line_span(line + 1, self.text)
        return self.text[start:end]

    def position(self, position: Position) -> types.Position:
        line = position.line - 1
        column = position.column - 1 + (self.bom if line == 0 else 0)
        if line >= len(self.lines.starts):  # past the end: clamp to the end of the buffer
            line = len(self.lines.starts) - 1
            column = len(self.line_text(line))
        return types.Position(line=line, character=code_units(self.line_text(line)[:column], self.encoding))

    def range(self, location: Location) -> types.Range:
        return types.Range(start=self.position(location.start), end=self.position(location.end))

    def offset(self, position: types.Position) -> int:
        """Code-point offset into the buffer of an LSP position (clamped to its line)."""
        line = min(max(position.line, 0), len(self.lines.starts) - 1)
        text = self.line_text(line)
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return self.lines.starts[line] + index
            units += code_units(char, self.encoding)
        return self.lines.starts[line] + len(text)


@dataclass(frozen=True)
class Linted:
    """One version of a buffer with its findings, kept for code actions, and its dates' hover
    texts (how each was read), worked out by the same lint."""

    version: int | None
    buffer: Buffer
    diagnostics: tuple[Diagnostic, ...]
    published: tuple[types.Diagnostic, ...]
    hovers: tuple[HoverSpan, ...]

    def hover_at(self, offset: int) -> HoverSpan | None:
        """The date whose expression covers the source offset (ends included, for a cursor after it)."""
        return next((h for h in self.hovers if h.start <= offset <= h.end), None)


def to_lsp(diagnostic: Diagnostic, buffer: Buffer, uri: str) -> types.Diagnostic:
    related = [
        types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=buffer.range(r.location)), message=r.label)
        for r in diagnostic.related
    ]
    message = diagnostic.message + (f"\n{diagnostic.note}" if diagnostic.note else "")
    return types.Diagnostic(
        range=buffer.range(diagnostic.location),
        message=message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.rule,
        source="factlint",
        related_information=related or None,
    )


def code_actions(linted: Linted, uri: str, wanted: types.Range) -> list[types.CodeAction]:
    """A quick fix per suggestion of every diagnostic touching `wanted`."""
    actions: list[types.CodeAction] = []
    for diagnostic, published in zip(linted.diagnostics, linted.published, strict=True):
        if not _overlaps(published.range, wanted):
            continue
        for suggestion in diagnostic.suggestions:
            edits = [types.TextEdit(range=linted.buffer.range(e.location), new_text=e.replacement) for e in suggestion.edits]
            actions.append(
                types.CodeAction(
                    title=f'Replace with "{suggestion.label}"',
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[published],
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                    is_preferred=len(diagnostic.suggestions) == 1,
                )
            )
    return actions


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


class FactlintServer(LanguageServer):
    """Per-document state (the last published lint, the pending debounced one, when the last
    change came) and the lint workers."""

    def __init__(self, options: LintOptions) -> None:
        super().__init__("factlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = options
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.changed: dict[str, float] = {}
        self.worker: LintWorker | None = None
        self.spare: LintWorker | None = None
        self.keep_spare = False  # set by the first kill or big buffer: this session may need it
        self.stopping = False
        self.failed = False

    # -- workers

    def start_worker(self) -> LintWorker:
        """The worker to lint on, started (its model loading) if there is none alive."""
        if self.worker is None or not self.worker.alive:
            if self.worker is not None:
                self.worker.kill()
            self.worker, self.spare = (self.spare, None) if self.spare is not None and self.spare.alive else (None, self.spare)
            if self.worker is None:
                self.worker = LintWorker(self.options)
            self.worker.ready.add_done_callback(lambda _: self._ensure_spare())
        return self.worker

    def _ensure_spare(self) -> None:
        """Start the spare once the active worker is ready (not before: two model loads at once
        would delay the one the editor is waiting for)."""
        if self.keep_spare and not self.stopping and (self.spare is None or not self.spare.alive):
            self.spare = LintWorker(self.options)

    def kill_worker(self) -> None:
        """Stop the active worker's lint now; the spare (if warm) or a fresh worker takes over."""
        if self.worker is not None:
            self.worker.kill()
        self.keep_spare = True
        if not self.stopping:
            self.start_worker()

    def stop_workers(self) -> None:
        self.stopping = True
        for task in list(self.pending.values()):
            task.cancel()
        for worker in (self.worker, self.spare):
            if worker is not None:
                worker.kill()
        self.worker = self.spare = None

    def supersede(self, uri: str) -> None:
        """A newer version of `uri` (or its close): cancel the lint of an older one."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        worker = self.worker
        if worker is None or worker.inflight is None or worker.key != uri:
            return
        spare_ready = self.spare is not None and self.spare.ready.done() and self.spare.alive
        if worker.busy_for >= KILL_AFTER_SECONDS or spare_ready:
            log.info("cancelling the lint of an older version of %s", uri)
            self.kill_worker()

    # -- buffers

    def buffer_of(self, uri: str) -> tuple[str, int | None, str] | None:
        """(text, version, path) of an open document; None once it is closed."""
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        return document.source, document.version, to_fs_path(uri) or document.path

    def lint_options(self, uri: str) -> LintOptions:
        document = self.workspace.text_documents.get(unquote(uri))
        if document is not None and document.language_id == "markdown" and self.options.markup is None:
            return replace(self.options, markup="markdown")
        return self.options

    def schedule(self, uri: str, delay: float) -> None:
        self.supersede(uri)
        self.pending[uri] = asyncio.get_running_loop().create_task(self.lint(uri, delay))

    def changed_now(self, uri: str) -> float:
        """Record a change of `uri`; the debounce it gets."""
        now = time.monotonic()
        gap = now - self.changed.get(uri, float("-inf"))
        self.changed[uri] = now
        return debounce(gap)

    async def lint(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        current = self.buffer_of(uri)
        if current is None or self.stopping:
            return
        text, version, path = current
        request = Request(text, path, self.lint_options(uri))
        if len(text) >= SPARE_FOR_CHARS:
            self.keep_spare = True
            if self.worker is not None and self.worker.ready.done():
                self._ensure_spare()
        for _attempt in range(3):  # a worker killed for another buffer's sake: again on the next
            worker = self.start_worker()
            try:
                reply = await worker.lint(request, uri, LINT_BUDGET_SECONDS)
                break
            except TimeoutError:
                if worker is self.worker:
                    self.kill_worker()
                reply = Reply(error=f"not checked: the lint took more than {LINT_BUDGET_SECONDS:.0f} s")
                break
            except WorkerDied as error:
                now = self.buffer_of(uri)
                if now is None or now[1] != version or self.stopping:
                    return  # killed for a newer version of this buffer, or the server is ending
                reply = Reply(error=str(error))
                if error.ours and not error.killed:
                    break  # it died on this buffer (out of memory?): do not feed it another worker
        now = self.buffer_of(uri)
        if now is None or now[1] != version:  # edited (or closed) meanwhile: a newer lint is due
            return
        if reply.error:
            self.report_failure(uri, version, path, reply.error)
            return
        buffer = Buffer.of(text, self.workspace.position_encoding)
        published = tuple(to_lsp(d, buffer, uri) for d in reply.diagnostics)
        self.linted[uri] = Linted(version, buffer, reply.diagnostics, published, reply.hovers)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(published), version=version)
        )

    def report_failure(self, uri: str, version: int | None, path: str, error: str) -> None:
        """A lint that failed: the old diagnostics would describe another text, so clear them,
        and say why (the log every time, a message the first time)."""
        log.error("factlint failed on %s: %s", uri, error)
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version))
        message = f"factlint could not check {path}: {error}"
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))
        if not self.failed:
            self.failed = True
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    async def current(self, uri: str) -> Linted | None:
        """The lint of the buffer as it is now: the published one, else (an edit still waiting
        for its debounced lint) that lint run at once."""
        now = self.buffer_of(uri)
        if now is None:
            return None
        linted = self.linted.get(uri)
        if linted is None or linted.version != now[1]:
            pending = self.pending.pop(uri, None)
            if pending is not None and not pending.done():
                pending.cancel()
            task = asyncio.get_running_loop().create_task(self.lint(uri, 0))
            self.pending[uri] = task
            await asyncio.wait([task])
            linted = self.linted.get(uri)
        return linted if linted is not None and linted.version == now[1] else None

    def close(self, uri: str) -> None:
        self.supersede(uri)
        self.linted.pop(uri, None)
        self.changed.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _check_position(position: types.Position) -> None:
    if position.line < 0 or position.character < 0:
        raise JsonRpcInvalidParams("a position is negative")


def build_server(options: LintOptions | None = None) -> FactlintServer:
    server = FactlintServer(options or LintOptions())

    @server.feature(types.INITIALIZE)
    def initialize(ls: FactlintServer, params: types.InitializeParams) -> None:
        ls.start_worker()  # the model loads while the client opens its first file
        if params.process_id:
            _watch_client(params.process_id)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FactlintServer, params: None) -> None:
        ls.stop_workers()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.changed_now(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.changed_now(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: FactlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        _check_position(params.range.start)
        _check_position(params.range.end)
        uri = params.text_document.uri
        linted, current = ls.linted.get(uri), ls.buffer_of(uri)
        if linted is None or current is None or current[1] != linted.version:
            return []  # stale: ranges would point into an older text
        return code_actions(linted, uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: FactlintServer, params: types.HoverParams) -> types.Hover | None:
        _check_position(params.position)
        linted = await ls.current(params.text_document.uri)
        if linted is None:
            return None
        buffer = linted.buffer
        span = linted.hover_at(buffer.offset(params.position) - buffer.bom)
        if span is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=span.text),
            range=buffer.range(span.location),
        )

    return server


def _watch_client(pid: int) -> None:
    """LSP: the server exits when the client process it was given is gone, even if the pipe
    is somehow kept open (a crashed editor whose child holds its end)."""

    async def watch() -> None:
        while True:
            await asyncio.sleep(2.0)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                log.error("the client (pid %d) is gone: exiting", pid)
                raise SystemExit(1) from None
            except PermissionError:
                pass  # alive, another user's

    _WATCHERS.add(asyncio.get_running_loop().create_task(watch()))  # SystemExit leaves asyncio.run


_WATCHERS: set[asyncio.Task[None]] = set()  # a task nobody holds may be collected mid-sleep


def main(options: LintOptions | None = None) -> int:
    """Serve on stdin/stdout until the client says exit or its stream ends. Stray prints go
    to stderr, not the protocol."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    server = build_server(options)
    server.protocol.set_writer(_Writer(stdout))
    code = 1
    try:
        asyncio.run(serve(server.protocol, stdin.fileno(), lambda _: server.stopping))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    finally:
        server.stopping = True
        for worker in (server.worker, server.spare):
            if worker is not None and worker.process.is_alive():
                worker.process.kill()
    return code


class _Writer:
    """pygls's writer interface over stdout; a client gone mid-write is not an error to log."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.stream.flush()
