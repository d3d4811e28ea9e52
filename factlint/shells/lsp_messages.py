"""What the language server and its lint worker say to each other: plain, picklable data.

Kept apart from both ends so that the server's own process imports neither spaCy nor the
engine (`lsp_worker`), and the worker's side (`lsp_child`) needs nothing of pygls.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.core.diagnostics import Diagnostic, Location
from factlint.engine.options import LintOptions


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
    """The worker ended before it answered: `killed` by the server (a newer version, a budget
    run out), or on its own (out of memory, a crash)."""

    def __init__(self, message: str, killed: bool = False) -> None:
        super().__init__(message)
        self.killed = killed
        self.ours = False  # it was on the request of the one who hears this
