"""`factlint lsp`: the linter as a language server (pygls, stdio) for editors.

It lints the editor's buffer, never the file on disk, so diagnostics follow unsaved edits:
at once on open, and 300 ms after the last change (typing does not queue a spaCy run per
keystroke). factlint counts columns in code points; LSP counts in the negotiated encoding
(UTF-16 unless the client offers another), so every position is converted with the
buffer's own line text. Code actions apply a diagnostic's suggestions; hover on a date
says how it was resolved (value, where the year came from, the publication date).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from dataclasses import dataclass, replace
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from factlint.analysis.document_analysis import Analysis
from factlint.claims.date_claim import DateClaim, YearSource
from factlint.core.diagnostics import Diagnostic, Location, Position, Severity
from factlint.core.document import LineIndex
from factlint.core.version import __version__
from factlint.engine.api import LintOptions, lint_text_analysed

DEBOUNCE_SECONDS = 0.3
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
log = logging.getLogger(__name__)
# spaCy is not safe to run from two threads at once; the debounced lints and hovers share it.
_NLP_LOCK = threading.Lock()


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
    """One version of a buffer with its findings, kept for code actions, and the analysis they
    came from, kept for hover (how a date was read)."""

    version: int | None
    buffer: Buffer
    diagnostics: tuple[Diagnostic, ...]
    published: tuple[types.Diagnostic, ...]
    analysis: Analysis


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


def resolved_at(analysis: Analysis, offset: int) -> DateClaim | None:
    """The resolved date whose expression covers the source offset (ends included, for a cursor after it)."""
    for resolved in analysis.resolved:
        location = analysis.document.location(resolved.mention.start, resolved.mention.end)
        if location.start_offset <= offset <= location.end_offset:
            return resolved
    return None


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


class FactlintServer(LanguageServer):
    """Per-document state: the last published lint and the pending debounced one."""

    def __init__(self, options: LintOptions) -> None:
        super().__init__("factlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = options
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.failed = False

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
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self.lint(uri, delay))

    async def lint(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        current = self.buffer_of(uri)
        if current is None:
            return
        text, version, path = current
        try:
            diagnostics, analysis = await asyncio.to_thread(_locked, lint_text_analysed, text, path, self.lint_options(uri))
        except Exception as error:  # a broken rule file must not take the editor session down
            log.exception("factlint failed on %s", uri)
            if not self.failed:
                self.failed = True
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"factlint: {error}"))
            return
        now = self.buffer_of(uri)
        if now is None or now[1] != version:  # edited (or closed) meanwhile: a newer lint is due
            return
        buffer = Buffer.of(text, self.workspace.position_encoding)
        published = tuple(to_lsp(d, buffer, uri) for d in diagnostics)
        self.linted[uri] = Linted(version, buffer, tuple(diagnostics), published, analysis)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=list(published), version=version)
        )

    async def current(self, uri: str) -> Linted | None:
        """The lint of the buffer as it is now: the published one, else (an edit still waiting
        for its debounced lint) that lint run at once."""
        now = self.buffer_of(uri)
        if now is None:
            return None
        linted = self.linted.get(uri)
        if linted is None or linted.version != now[1]:
            pending = self.pending.pop(uri, None)
            if pending is not None:
                pending.cancel()
            await self.lint(uri, 0)
            linted = self.linted.get(uri)
        return linted if linted is not None and linted.version == now[1] else None

    def close(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _locked(function, *args):
    with _NLP_LOCK:
        return function(*args)


def build_server(options: LintOptions | None = None) -> FactlintServer:
    server = FactlintServer(options or LintOptions())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FactlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: FactlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: FactlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted, current = ls.linted.get(uri), ls.buffer_of(uri)
        if linted is None or current is None or current[1] != linted.version:
            return []  # stale: ranges would point into an older text
        return code_actions(linted, uri, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: FactlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = await ls.current(params.text_document.uri)
        if linted is None:
            return None
        analysis, buffer = linted.analysis, linted.buffer
        resolved = resolved_at(analysis, buffer.offset(params.position) - buffer.bom)
        if resolved is None:
            return None
        location = analysis.document.location(resolved.mention.start, resolved.mention.end)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=describe(resolved, analysis)),
            range=buffer.range(location),
        )

    return server


def main(options: LintOptions | None = None) -> int:
    """Serve on stdin/stdout until the client says exit. Stray prints go to stderr, not the protocol."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    build_server(options).start_io(stdin, stdout)
    return 0
