"""A rule as data: what a YAML rule file says, validated, and hashable.

A Rule's parameters are frozen (mappings become `FrozenMap`, lists tuples), so a Rule can
key a cache or sit in a set: per-rule work (a compiled matcher, a rule set's fingerprint) is
remembered by the rule itself, not by `id()` of an object that may be gone. `thaw` gives the
plain YAML-shaped data back for what needs it (spaCy's Matcher, JSON).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factlint.core.diagnostics import Severity


class FrozenMap(Mapping[str, Any]):
    """An immutable, hashable mapping (values frozen too), equal to a dict with the same items."""

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        self._items = {key: freeze(value) for key, value in (items or {}).items()}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(sorted(self._items.items(), key=lambda item: item[0])))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"


def freeze(value: Any) -> Any:
    """YAML-shaped data made immutable: mappings FrozenMap, lists tuples, sets frozensets."""
    if isinstance(value, FrozenMap):
        return value
    if isinstance(value, Mapping):
        return FrozenMap(value)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """The inverse of `freeze`: dicts and lists again, as the YAML gave them."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    if isinstance(value, frozenset):
        return {thaw(item) for item in value}
    return value


@dataclass(frozen=True)
class Example:
    text: str
    date: date | None = None


@dataclass(frozen=True)
class Rule:
    """One rule: its id, severity, message template, rationale, the check kind it `extends`
    and that kind's parameters; where it was written; the trained components it needs."""

    id: str
    extends: str
    severity: Severity
    message: str
    description: str
    params: Mapping[str, Any] = field(default_factory=FrozenMap)
    link: str = ""
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    source: str = ""
    line: int = 0
    requires: frozenset[str] = frozenset()  # trained spaCy components this rule needs

    def __post_init__(self) -> None:
        if not isinstance(self.params, FrozenMap):
            object.__setattr__(self, "params", FrozenMap(self.params))
