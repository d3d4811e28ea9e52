"""The contract between the engine and a check kind, and the registry of kinds.

A check kind gets one document's analysis and one rule, and yields Findings: text spans
with named fields. It never formats the message (the rule's YAML template does), reads
files, or knows about output formats. A kind declares what it needs: the trained components
(`requires`, `needs`), the sentences they must read (`select`), and its `phase`: most run on
the analysis; an `after-suppressions` kind runs once suppressions are applied and is also
given them (unused-suppression).

Kinds are registered explicitly: the built-in ones in factlint.kinds.registry, and any
installed package's under the `factlint.kinds` entry-point group, so a newsroom can ship a
kind in its own package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from factlint.core.errors import FactlintError

if TYPE_CHECKING:
    from factlint.claims.cues import Selector
    from factlint.core.findings import Finding

Phase = Literal["text", "after-suppressions"]
ENTRY_POINT_GROUP = "factlint.kinds"


@dataclass(frozen=True, eq=False)
class CheckKind:
    """A named check implementation (hashed by identity: one object per registered kind).

    `fields`: names a rule's message template may use. `parameters`: JSON Schema properties of
    the kind's own rule keys. `requires`: trained spaCy components needed. `select`: which
    sentences those components must read for this kind (factlint.analysis.gate); None with
    `requires`: every sentence. `languages`: which files' languages it checks.
    `run(analysis, rule)` yields Findings; an
    `after-suppressions` kind's `run(analysis, rule, suppressions)` is given the suppressions.
    """

    name: str
    run: Callable[..., Iterator[Finding]]
    fields: frozenset[str]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    requires: frozenset[str] = frozenset()
    description: str = ""
    # Checks beyond the JSON Schema: (path to the offending key, message) for each problem.
    validate: Callable[[Mapping[str, Any]], list[tuple[list[Any], str]]] | None = None
    # Trained components a given rule of this kind needs (on top of `requires`).
    needs: Callable[[Mapping[str, Any]], frozenset[str]] | None = None
    select: Selector | None = None
    phase: Phase = "text"
    # Which files the kind checks: "en" (English only: it reads English words or the English
    # trained pipeline), "all" (every language with calendar words: it reads dates only), or
    # the languages it has a claim reader for (the event kinds: English and French).
    languages: Literal["en", "all"] | frozenset[str] = "en"

    def runs_in(self, language: str) -> bool:
        if isinstance(self.languages, frozenset):
            return language == "en" or language in self.languages
        return language == "en" or self.languages == "all"

    def components(self, params: Mapping[str, Any]) -> frozenset[str]:
        return self.requires | (self.needs(params) if self.needs else frozenset())


class KindError(FactlintError):
    """Two check kinds with one name, or an entry point that gives no kind."""


class Registry(Mapping[str, CheckKind]):
    """Check kinds by name; a name is taken once."""

    def __init__(self, kinds: Iterable[CheckKind] = ()) -> None:
        self._kinds: dict[str, CheckKind] = {}
        for kind in kinds:
            self.add(kind)

    def add(self, kind: CheckKind, origin: str = "factlint") -> None:
        if not isinstance(kind, CheckKind):
            raise KindError(f"{origin}: {kind!r} is not a factlint CheckKind")
        if kind.name in self._kinds:
            raise KindError(f"{origin}: check kind {kind.name!r} is already registered")
        self._kinds[kind.name] = kind

    def add_entry_points(self, group: str = ENTRY_POINT_GROUP) -> Registry:
        """Kinds installed packages declare in `group`: each entry point names a CheckKind or
        an iterable of them (e.g. `house = "house_rules.kinds:KINDS"` in their pyproject.toml)."""
        from importlib.metadata import entry_points

        for point in sorted(entry_points(group=group), key=lambda p: p.name):
            origin = f"entry point {point.name!r} ({point.value})"
            try:
                loaded = point.load()
            except Exception as error:  # a broken plug-in is the user's error to fix, said plainly
                raise KindError(f"{origin} cannot be loaded: {type(error).__name__}: {error}") from None
            for kind in loaded if isinstance(loaded, Iterable) and not isinstance(loaded, CheckKind) else [loaded]:
                self.add(kind, origin)
        return self

    def __getitem__(self, name: str) -> CheckKind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)
