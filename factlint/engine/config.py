"""Configuration: `[tool.factlint]` in pyproject.toml or `.factlint.yaml`, nearest to each file.

Found by walking up from each checked file (nearest wins); `--config FILE` overrides the
search. Command-line options are applied on top of whatever file was found. A file is parsed
once per content (keyed by its path, size, modification time and inode), and the search
looks again every time it is asked, so a long-running language server sees an edited,
created or deleted configuration at its next lint.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from factlint.core.diagnostics import Severity
from factlint.core.errors import ConfigError
from factlint.core.safe_read import MiB, UnreadableFile, read_regular_text
from factlint.engine.options import Limits

MAX_CONFIG_BYTES = 1 * MiB
CONFIG_NAMES = (".factlint.yaml", ".factlint.yml", "pyproject.toml")
KNOWN_KEYS = frozenset(
    {"rules", "select", "ignore", "severity", "fail-on", "include", "exclude", "per-file", "date", "model", "output-format"}
    | {"calendars", "country", "limits", "language"}
)
LIMIT_KEYS = {"file-bytes": "file_bytes", "dates": "dates", "blocks": "blocks", "seconds": "seconds"}


@dataclass(frozen=True)
class FileOverride:
    """Settings for files matching `files` (a glob relative to the config's folder)."""

    files: str
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    language: str | None = None  # files matching `files` are in this language (after their front matter)


@dataclass(frozen=True)
class Config:
    root: Path = Path(".")
    source: str = ""  # the file it came from ("" = defaults)
    rules: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file: tuple[FileOverride, ...] = ()
    front_matter_keys: tuple[str, ...] = ()
    model: str | None = None
    output_format: str | None = None
    calendars: tuple[Path, ...] = ()  # reference calendars (.ics, YAML fact files) for calendar-event rules
    country: str | None = None  # ISO code assumed when an article names no country (holiday rules)
    limits: Limits | None = None  # per-file budgets (None: the defaults)
    language: str | None = None  # files' language when their front matter names none ("auto": detect)

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def excludes(self, path: Path) -> bool:
        if not self.include and not self.exclude:  # the usual case: no path to resolve
            return False
        rel = self.relative(path)
        if self.include and not any(_glob(rel, g) for g in self.include):
            return True
        return any(_glob(rel, g) for g in self.exclude)

    def overrides_for(self, path: Path) -> list[FileOverride]:
        if not self.per_file:
            return []
        rel = self.relative(path)
        return [o for o in self.per_file if _glob(rel, o.files)]

    def language_for(self, path: Path | None) -> str | None:
        """The configured language of a file: the last matching per-file entry that sets one, else the global one."""
        found = [o.language for o in self.overrides_for(path) if o.language] if path is not None else []
        return found[-1] if found else self.language


def _glob(relative: str, pattern: str) -> bool:
    """`opinion/**` matches everything under opinion/; `*.md` matches at any depth."""
    path = PurePosixPath(relative)
    if pattern.endswith("/**"):
        prefix = pattern[:-3]
        return relative == prefix or relative.startswith(prefix + "/")
    return path.match(pattern) or fnmatch.fnmatch(relative, pattern)


def _strings(value: Any, key: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{source}: `{key}` must be a list of strings")


def _severities(value: Any, key: str, source: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: `{key}` must map rule ids to error, warning or info")
    try:
        return {str(k): Severity.parse(str(v)) for k, v in value.items()}
    except ValueError as error:
        raise ConfigError(f"{source}: `{key}`: {error}") from None


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def parse_config(data: Mapping[str, Any], root: Path, source: str) -> Config:
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})")
    for key in ("model", "output-format", "country"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ConfigError(f"{source}: `{key}` must be a string, not {_type_name(data[key])}")
    per_file = data.get("per-file") or []
    if not isinstance(per_file, list):
        raise ConfigError(f"{source}: `per-file` must be a list of mappings with a `files` glob, not {_type_name(per_file)}")
    overrides = []
    for index, item in enumerate(per_file):
        if not isinstance(item, dict) or "files" not in item:
            raise ConfigError(f"{source}: per-file[{index}] needs a `files` glob")
        overrides.append(
            FileOverride(
                str(item["files"]),
                _strings(item.get("select", []), "select", source),
                _strings(item.get("ignore", []), "ignore", source),
                _severities(item.get("severity", {}), "severity", source),
                _language(item.get("language"), f"per-file[{index}].language", source),
            )
        )
    date_settings = data.get("date", {}) or {}
    if not isinstance(date_settings, dict):
        raise ConfigError(f"{source}: `date` must be a mapping (e.g. front-matter-keys: [published])")
    fail_on = data.get("fail-on")
    try:
        fail = Severity.parse(str(fail_on)) if fail_on else None
    except ValueError as error:
        raise ConfigError(f"{source}: `fail-on`: {error}") from None
    return Config(
        root=root,
        source=source,
        rules=tuple((root / p) for p in _strings(data.get("rules", []), "rules", source)),
        select=_strings(data.get("select", []), "select", source),
        ignore=_strings(data.get("ignore", []), "ignore", source),
        severity=_severities(data.get("severity", {}), "severity", source),
        fail_on=fail,
        include=_strings(data.get("include", []), "include", source),
        exclude=_strings(data.get("exclude", []), "exclude", source),
        per_file=tuple(overrides),
        front_matter_keys=_strings(date_settings.get("front-matter-keys", []), "date.front-matter-keys", source),
        model=data.get("model"),
        output_format=data.get("output-format"),
        calendars=tuple((root / p) for p in _strings(data.get("calendars", []), "calendars", source)),
        country=str(data["country"]).upper() if data.get("country") else None,
        limits=_limits(data.get("limits"), source),
        language=_language(data.get("language"), "language", source),
    )


def _limits(value: Any, source: str) -> Limits | None:
    """`limits: {file-bytes: 1000000, dates: 5000, blocks: 20000, seconds: 30}` (0: no limit)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: `limits` must be a mapping ({', '.join(LIMIT_KEYS)}), not {_type_name(value)}")
    unknown = sorted(set(map(str, value)) - set(LIMIT_KEYS))
    if unknown:
        raise ConfigError(f"{source}: limits: unknown key {unknown[0]!r} (known: {', '.join(LIMIT_KEYS)})")
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise ConfigError(f"{source}: limits.{key} must be a number, 0 or more, not {number!r}")
    return Limits(**{LIMIT_KEYS[str(k)]: v for k, v in value.items()})


def _language(value: Any, key: str, source: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{source}: `{key}` must be a language code such as es, fil or pt-BR, or auto")
    return value.strip()


def read_config_file(path: Path) -> Config | None:
    """The config in `path`, or None for a pyproject.toml without [tool.factlint]."""
    try:
        found = os.stat(path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    return _config_at(path, found.st_size, found.st_mtime_ns, found.st_ino)


@lru_cache(maxsize=256)
def _config_at(path: Path, _size: int, _mtime: int, _inode: int) -> Config | None:
    """`path` parsed, once per version of the file (the stat fields are the cache key).

    Every way a file can be unusable is a ConfigError naming it: not a regular file, over
    1 MiB, not UTF-8, not TOML/YAML, nested past Python's recursion limit, or of the
    wrong shape; a YAML timestamp stays a string (a bad one is not a ValueError)."""
    import tomllib  # both parsers are imported only when a configuration is read: a cached run reads none

    import yaml

    from factlint.core.safe_yaml import load_string_dates

    try:
        text = read_regular_text(path, MAX_CONFIG_BYTES)
        if path.name == "pyproject.toml":
            tool = tomllib.loads(text).get("tool", {})
            if not isinstance(tool, dict):
                raise ConfigError(f"{path}: `tool` must be a table, not {_type_name(tool)}")
            data = tool.get("factlint")
            if data is None:
                return None
        else:
            data = load_string_dates(text)
            data = {} if data is None else data
    except UnreadableFile as error:
        raise ConfigError(f"{error.path}: cannot read configuration: {error.problem}") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read configuration: nested too deeply") from None
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: configuration must be a mapping, not {_type_name(data)}")
    return parse_config(data, path.parent, str(path))


def find_config(directory: Path) -> Config:
    """The nearest configuration at or above `directory` (defaults when there is none),
    looked for afresh on every call: only parsing is cached."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                found = os.stat(candidate)
            except OSError:
                continue
            if not stat.S_ISREG(found.st_mode):
                continue
            config = _config_at(candidate, found.st_size, found.st_mtime_ns, found.st_ino)
            if config is not None:
                return config
    return Config()
