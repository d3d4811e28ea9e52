"""The language server's stdio transport: JSON-RPC framing that survives a bad header, an
answer to every request, and an end when the client's stream ends.

pygls's own loop (pygls.io_.run_async) trusts `Content-Length`: a wrong one swallows the
next message (too long: read as this body; too short: the rest is read as headers), and a
request whose params do not fit the LSP types is dropped with no response, so the client
waits forever. This loop reads whatever bytes arrive into a buffer (`Framer`), takes a
message by its declared length when that parses, and otherwise by where its JSON value
really ends, so one bad header costs that message only. Requests that cannot be read get
the JSON-RPC error the spec names (ParseError, InvalidRequest, InvalidParams) with their id.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.protocol import JsonRPCProtocol

log = logging.getLogger(__name__)

QUIET_SECONDS = 0.2  # no bytes for this long: a body shorter than its declared length is all there is
CHUNK = 1 << 16
_HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_HEADERS_END = re.compile(rb"\r?\n\r?\n")


_UNPARSED = object()


@dataclass(frozen=True)
class Frame:
    """One message read off the stream: its body, or why none could be (`error`)."""

    body: bytes = b""
    error: str = ""
    data: Any = _UNPARSED  # the body parsed, when framing already had to parse it


class Framer:
    """Splits a byte stream into JSON-RPC bodies, resynchronising after a wrong header.

    A body is taken by its declared `Content-Length` when those bytes are one JSON value;
    otherwise (no or a non-numeric length, a length too long or too short) by where the JSON
    value that starts the body ends (`json.JSONDecoder.raw_decode`). A length longer than the
    bytes sent is found out when the stream goes quiet (`take(quiet=True)`), so a client that
    waits for its answer is not left waiting; a body arriving in pieces is not re-parsed on
    every piece, only when the buffer has doubled since the last try.
    """

    def __init__(self) -> None:
        self.buffer = bytearray()
        self._tried = 0  # buffer size at the last failed early parse

    def feed(self, data: bytes) -> None:
        self.buffer += data

    def take(self, quiet: bool = False) -> Frame | None:
        """The next frame, or None until more bytes come."""
        start = _HEADER.search(self.buffer)
        if start is None:
            if quiet and self.buffer.strip():
                self._drop(len(self.buffer))
                return Frame(error="bytes without a Content-Length header")
            return None
        if start.start() and self.buffer[: start.start()].strip():
            self._drop(start.start())
            return Frame(error="bytes before a Content-Length header")
        end = _HEADERS_END.search(self.buffer, start.start())
        if end is None:
            return None
        headers = bytes(self.buffer[start.start() : end.start()])
        body_start = end.end()
        match = _LENGTH.search(headers)
        length = int(match.group(1)) if match else None
        available = len(self.buffer) - body_start
        if length is not None and available >= length:
            body = bytes(self.buffer[body_start : body_start + length])
            data = _parsed(body)
            if data is not _UNPARSED:
                self._drop(body_start + length)
                return Frame(body, data=data)
        elif length is not None and not quiet:
            return None  # the declared length is not all here yet
        elif length is None and not quiet and len(self.buffer) < 2 * self._tried:
            return None  # tried this body already: wait for the buffer to double
        return self._by_json_end(body_start, length, quiet)

    def _by_json_end(self, body_start: int, length: int | None, quiet: bool) -> Frame | None:
        """The body as the JSON value it starts with, whatever the header said; None while
        that value may still be arriving."""
        text = bytes(self.buffer[body_start:]).decode("utf-8", "surrogateescape")
        stripped = len(text) - len(text.lstrip())
        try:
            _, end = json.JSONDecoder().raw_decode(text, stripped)
        except json.JSONDecodeError as error:
            incomplete = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
            following = _HEADER.search(self.buffer, body_start)
            if incomplete and not (quiet and following):
                self._tried = len(self.buffer)
                return None
            self._drop(following.start() if following else len(self.buffer))
            return Frame(error=f"a body that is not JSON ({error.msg})")
        size = len(text[:end].encode("utf-8", "surrogateescape"))
        body = bytes(self.buffer[body_start : body_start + size])
        self._drop(body_start + size)
        log.warning("Content-Length %s, but the JSON body is %d bytes: read by the JSON", length, size)
        return Frame(body)

    def _drop(self, count: int) -> None:
        del self.buffer[:count]
        self._tried = 0


def _parsed(body: bytes) -> Any:
    """The body's JSON value, or _UNPARSED (parsed once: a buffer can be 10 MB)."""
    try:
        return json.loads(body)
    except ValueError:
        return _UNPARSED


def error_response(ident: Any, error: JsonRpcException) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": error.code, "message": error.message}}


def dispatch(protocol: JsonRPCProtocol, frame: Frame, refuse: Callable[[dict[str, Any]], bool] = lambda _: False) -> None:
    """Hand one frame to pygls; answer, with the JSON-RPC error, a request it could not take.

    `refuse(data)`: a request the server will not take any more (after `shutdown`) gets
    InvalidRequest instead of pygls's silence."""
    if frame.error:
        log.error("unreadable message: %s", frame.error)
        _send(protocol, error_response(None, JsonRpcParseError(frame.error)))
        return
    try:
        data = frame.data if frame.data is not _UNPARSED else json.loads(frame.body)
    except ValueError as error:
        _send(protocol, error_response(None, JsonRpcParseError(f"Parse error: {error}")))
        return
    is_request = isinstance(data, dict) and "id" in data and "method" in data
    ident = data.get("id") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0" or not isinstance(data.get("method", ""), str):
        _send(protocol, error_response(ident, JsonRpcInvalidRequest("not a JSON-RPC 2.0 message")))
        return
    if is_request and refuse(data):
        _send(protocol, error_response(ident, JsonRpcInvalidRequest("the server is shutting down")))
        return
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as error:
        if is_request:
            reason = "Invalid params" if isinstance(error, JsonRpcInvalidParams) else error.message
            _send(protocol, error_response(ident, JsonRpcInvalidParams(f"{reason} for {data['method']}")))
        else:
            log.error("dropped a %s notification whose params do not fit: %s", data.get("method"), error)
        return
    protocol.handle_message(message)  # pygls answers a failing handler with an error itself


def _send(protocol: JsonRPCProtocol, message: dict[str, Any]) -> None:
    protocol._send_data(message)


async def serve(protocol: JsonRPCProtocol, fd: int, refuse: Callable[[dict[str, Any]], bool] = lambda _: False) -> None:
    """Read messages from file descriptor `fd` until it ends (the client closed its end).

    Bytes are read by a daemon thread (blocking `os.read`, portable to pipes and files), so a
    blocked read never keeps the process alive once the server decides to exit."""
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[bytes] = asyncio.Queue()

    def read() -> None:
        while True:
            try:
                data = os.read(fd, CHUNK)
            except OSError:
                data = b""
            loop.call_soon_threadsafe(chunks.put_nowait, data)
            if not data:
                return

    threading.Thread(target=read, name="factlint-lsp-stdin", daemon=True).start()
    framer = Framer()
    ended = False
    while not ended:
        try:
            data = await asyncio.wait_for(chunks.get(), QUIET_SECONDS) if framer.buffer else await chunks.get()
            quiet = False
        except TimeoutError:
            data, quiet = b"", True
        else:
            ended = not data
            framer.feed(data)
        while (frame := framer.take(quiet or ended)) is not None:
            dispatch(protocol, frame, refuse)
