"""Which rules apply to a file: the rule packs, the nearest configuration, its per-file
overrides and the command line's select/ignore, in that order of strength."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.core.errors import ConfigError
from factlint.core.resources import builtin_rules_dir
from factlint.core.rule import Rule
from factlint.engine.config import Config, find_config, read_config_file
from factlint.engine.options import LintOptions
from factlint.engine.rule_files import rule_files
from factlint.engine.rule_pack import load_rule_pack

if TYPE_CHECKING:
    from factlint.kinds.base import CheckKind


def matches(rule_id: str, selectors: Sequence[str]) -> bool:
    """A selector is a rule id, a prefix ending in `*`, or a prefix of dash-separated words."""
    return any(rule_id == s or (s.endswith("*") and rule_id.startswith(s[:-1])) or rule_id.startswith(s + "-") for s in selectors)


def config_for(path: Path | None, options: LintOptions) -> Config:
    if not options.use_config:
        return Config()
    if options.config is not None:
        config = read_config_file(options.config)
        if config is None:
            raise ConfigError(f"{options.config}: no [tool.factlint] table")
        return config
    if path is None:
        return find_config(Path.cwd().resolve())
    return find_config(path.resolve().parent)


def loaded_rules(paths: tuple[Path, ...], cache_dir: Path | None = None) -> tuple[Rule, ...]:
    """Loaded once per process, and again when a rule file changes (the language server);
    with a cache folder, read from the pack stored there (factlint.engine.rule_pack)."""
    stamps = []
    for file in rule_files(paths):
        try:
            stat = file.stat()
            stamps.append((file, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((file, 0, 0))
    return _rules_at(paths, tuple(stamps), cache_dir)


@lru_cache(maxsize=64)
def _rules_at(paths: tuple[Path, ...], stamps: tuple[tuple[Path, int, int], ...], cache_dir: Path | None) -> tuple[Rule, ...]:
    return load_rule_pack(paths, None, builtin_rules_dir(), cache_dir)  # the default registry, imported on a miss


def rules_for(
    path: Path | None,
    options: LintOptions,
    config: Config | None = None,
    packs: dict[tuple[Path, ...], tuple[Rule, ...]] | None = None,
) -> list[Rule]:
    """The rules that apply to one file: packs, select/ignore and severities from the
    command line, the nearest config, and its per-file overrides, in that order of strength.
    `packs`: the rule packs one run has loaded (a run of 200 files stat-ed every rule file 200 times)."""
    config = config or config_for(path, options)
    paths = tuple(config.rules) + tuple(options.rule_paths)
    if packs is None:
        rules = loaded_rules(paths, options.cache_dir)
    else:
        if paths not in packs:
            packs[paths] = loaded_rules(paths, options.cache_dir)
        rules = packs[paths]
    select = list(options.select or config.select)
    ignore = list(options.ignore) + list(config.ignore)
    severity = dict(config.severity)
    for override in config.overrides_for(path) if path is not None else []:
        select = list(override.select) or select
        ignore += override.ignore
        severity.update(override.severity)
    chosen = [with_config(r, config) for r in rules if (not select or matches(r.id, select)) and not matches(r.id, ignore)]
    return [replace(r, severity=severity[r.id]) if r.id in severity else r for r in chosen]


def with_config(rule: Rule, config: Config, registry: Mapping[str, CheckKind] | None = None) -> Rule:
    """Config settings a rule's kind takes as parameters: `country` (unless the rule sets one)
    and `calendars` (before the rule's own, so a newsroom's entry is the one cited). The
    registry (every check kind, and through them the claim extractors) is imported only when
    the config has such a setting: a cached run without one never needs it."""
    if not (config.country or config.calendars):
        return rule
    if registry is None:
        from factlint.kinds.registry import default_registry

        registry = default_registry()
    declared = registry[rule.extends].parameters
    params = dict(rule.params)
    if config.country and "country" in declared:
        params.setdefault("country", config.country)
    if config.calendars and "calendars" in declared:
        params["calendars"] = (*(str(p) for p in config.calendars), *params.get("calendars", ()))  # the newsroom's first
    return replace(rule, params=params) if params != dict(rule.params) else rule


def enabled_rules(options: LintOptions, rules: Sequence[Rule] | None = None) -> list[Rule]:
    """Rules for a run with no particular file (`factlint rules`, reporters' rule tables)."""
    if rules is not None:
        return [r for r in rules if (not options.select or matches(r.id, options.select)) and not matches(r.id, options.ignore)]
    return rules_for(None, options)
