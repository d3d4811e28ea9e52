"""The loaded rule pack, kept in the cache folder by content, so a rerun reads no rule YAML.

Loading a pack parses every rule file, validates each rule against the JSON Schema and asks
spaCy about user token patterns (0.6 s to import it): work a rerun over unchanged files need
not do. The pack is stored as JSON (never pickle: a cache folder may come from a hostile
repository) under a key of every rule file's bytes, factlint's code, the check kinds
registered and the versions of the packages validation asks; a pack that does not read back
as the very Rules that were loaded is not stored.

A cached run must not import what loading needs (PyYAML, the rule loader, the check kinds and
through them the claim extractors): with the default registry, the key names the built-in
kinds by factlint's code fingerprint and any plug-in kind by the installed distributions
(their names and versions), and the registry is imported only when the pack is loaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.core.diagnostics import Severity
from factlint.core.rule import Example, Rule, thaw
from factlint.engine.cache import Cache, code_fingerprint, installed_distributions, package_version
from factlint.engine.rule_files import rule_files

if TYPE_CHECKING:
    from factlint.kinds.base import CheckKind

PACK_FORMAT = 1
VALIDATING_PACKAGES = ("spacy", "jsonschema", "regex", "holidays")


def pack_key(
    paths: Sequence[Path], registry: Mapping[str, CheckKind] | None, builtin_dir: Path, store: Cache | None = None
) -> str | None:
    """The pack's identity: None when a rule file cannot be read (then it is loaded, and fails, as usual).
    `registry` None: the default one, identified without importing it (see the module's docstring)."""
    digest = hashlib.sha256()
    parts: list[str] = [str(PACK_FORMAT), code_fingerprint(store)]
    parts += [f"{name}={package_version(name)}" for name in VALIDATING_PACKAGES]
    if registry is None:
        parts += ["default registry", *installed_distributions()]
    else:
        parts += [f"{name}:{kind.run.__module__}" for name, kind in sorted(registry.items())]
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    for file in rule_files([builtin_dir, *paths]):
        try:
            data = file.read_bytes()
        except OSError:
            return None
        digest.update(str(file).encode("utf-8", "surrogateescape") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def rule_data(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "extends": rule.extends,
        "severity": str(rule.severity),
        "message": rule.message,
        "description": rule.description,
        "params": thaw(rule.params),
        "link": rule.link,
        "bad": [[e.text, e.date.isoformat() if e.date else None] for e in rule.bad],
        "good": [[e.text, e.date.isoformat() if e.date else None] for e in rule.good],
        "source": rule.source,
        "line": rule.line,
        "requires": sorted(rule.requires),
    }


def rule_from_data(data: dict[str, Any]) -> Rule:
    def examples(items: list[list[Any]]) -> tuple[Example, ...]:
        return tuple(Example(text, date.fromisoformat(day) if day else None) for text, day in items)

    return Rule(
        id=data["id"],
        extends=data["extends"],
        severity=Severity.parse(data["severity"]),
        message=data["message"],
        description=data["description"],
        params=data["params"],
        link=data["link"],
        bad=examples(data["bad"]),
        good=examples(data["good"]),
        source=data["source"],
        line=data["line"],
        requires=frozenset(data["requires"]),
    )


def load_rule_pack(
    paths: tuple[Path, ...], registry: Mapping[str, CheckKind] | None, builtin_dir: Path, cache_dir: Path | None
) -> tuple[Rule, ...]:
    """The built-in pack plus `paths`, read from the cache folder when it holds this very pack
    (`registry` None: the default registry, imported only on a miss)."""
    cache = Cache(cache_dir) if cache_dir is not None else None
    key = pack_key(paths, registry, builtin_dir, cache) if cache is not None else None
    entry = cache.blob_path("rules", key) if cache is not None and key is not None else None
    if cache is not None and entry is not None:
        stored = cache.read(entry)
        try:
            if isinstance(stored, list):
                return tuple(rule_from_data(item) for item in stored)
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry is a miss
    from factlint.engine.rule_loading import load_rules  # a miss: PyYAML and the kinds, only now

    rules = tuple(load_rules(paths, registry=registry))
    if cache is not None and entry is not None:
        try:
            data = [rule_data(rule) for rule in rules]
            text = json.dumps(data)
            if tuple(rule_from_data(item) for item in json.loads(text)) == rules:
                cache.write(entry, text)
        except (TypeError, ValueError):
            pass  # a parameter JSON cannot hold: loaded every time
    return rules
