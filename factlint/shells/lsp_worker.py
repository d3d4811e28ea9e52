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
from typing import Any

from factlint.engine.options import LintOptions
from factlint.shells.lsp_messages import Reply, Request, WorkerDied


def _child(*args: Any) -> None:
    """The child process's entry point. It imports the engine and spaCy itself: the server's
    process never does."""
    from factlint.shells.lsp_child import serve

    serve(*args)


class LintWorker:
    """One child process and its pipe, driven from the server's event loop: one lint at a
    time (`lint` waits while the child is still on an earlier, abandoned one)."""

    def __init__(self, options: LintOptions) -> None:
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_child, args=(child, options, os.getpid()), name="factlint-lsp-lint", daemon=True)
        self.process.start()
        child.close()
        self.loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[Reply] = self.loop.create_future()
        self.inflight: asyncio.Future[Reply] | None = None
        self.started = 0.0  # when the in-flight request was sent
        self.key: str | None = None  # which buffer the in-flight request is (its URI)
        self.dead = False
        self.killed = False
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
        self.dead = True
        how = "was stopped" if self.killed else f"ended (exit code {self.process.exitcode})"
        for future in (self.ready, self.inflight):
            if future is not None and not future.done():
                future.set_exception(WorkerDied(f"the lint worker {how}", self.killed))
                future.exception()  # retrieved: nobody may be waiting
        self.inflight = None

    @property
    def alive(self) -> bool:
        return not self.dead and self.process.is_alive()

    @property
    def busy_for(self) -> float:
        """Seconds the child has been on its current request (0 when idle)."""
        return time.monotonic() - self.started if self.inflight is not None else 0.0

    async def lint(self, request: Request, key: str, budget: float) -> Reply:
        """Lint `request` (for buffer `key`) once the child is free; TimeoutError if the child
        is on it longer than `budget` seconds (it is still busy then: the caller kills it)."""
        await asyncio.shield(self.ready)
        async with self.lock:
            while self.inflight is not None:  # still on a lint nobody waits for: let it finish
                await asyncio.wait([self.inflight])
            if self.dead:
                raise WorkerDied("the lint worker was stopped", self.killed)
            future = self.inflight = self.loop.create_future()
            self.started, self.key = time.monotonic(), key
            self.connection.send(request)
        try:
            return await asyncio.wait_for(asyncio.shield(future), budget)
        except WorkerDied as error:
            error.ours = True
            raise

    def kill(self) -> None:
        """Stop the child now (SIGKILL: it holds nothing the server needs)."""
        self.killed = True
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._died()
        self.connection.close()
