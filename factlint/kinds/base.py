"""The contract between the engine and a check kind.

A check kind gets one document's analysis and one rule, and yields Findings: text spans
with named fields. It never formats the message (the rule's YAML template does), reads
files, or knows about output formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.analysis.gate import Selector
    from factlint.core.diagnostics import Location
    from factlint.engine.rule_loading import Rule


@dataclass(frozen=True)
class TextEdit:
    """Replace plain-text range [start, end) (which maps 1:1 to the source) by `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class SuggestionDraft:
    label: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class RelatedSpan:
    start: int
    end: int
    label: str
    location: Location | None = None  # set for a place outside the document (a calendar file's entry)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    fields: Mapping[str, Any]
    related: tuple[RelatedSpan, ...] = ()
    suggestions: tuple[SuggestionDraft, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class CheckKind:
    """A named, registered check implementation.

    `fields`: names a rule's message template may use. `parameters`: JSON Schema
    properties of the kind's own rule keys. `requires`: trained spaCy components needed.
    `select`: which sentences those components must read for this kind (factlint.analysis.gate);
    None with `requires`: every sentence.
    """

    name: str
    run: Callable[[Analysis, Rule], Iterator[Finding]]
    fields: frozenset[str]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()
    description: str = ""
    # Checks beyond the JSON Schema: (path to the offending key, message) for each problem.
    validate: Callable[[Mapping[str, Any]], list[tuple[list[Any], str]]] | None = None
    # Trained components a given rule of this kind needs (on top of `requires`).
    needs: Callable[[Mapping[str, Any]], frozenset[str]] | None = None
    select: Selector | None = None

    def components(self, params: Mapping[str, Any]) -> frozenset[str]:
        return self.requires | (self.needs(params) if self.needs else frozenset())


class RuleAborted(Exception):
    """A rule stopped on one file (e.g. a user regex over its time budget): said, not hidden."""


REGISTRY: dict[str, CheckKind] = {}


def register(kind: CheckKind) -> CheckKind:
    REGISTRY[kind.name] = kind
    return kind
