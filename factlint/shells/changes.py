"""Which lines changed since a git ref, so a CI run on a large archive reports only on new
copy (`--diff-base REF`, `--changed-only`). Old articles are not to be rewritten."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from factlint.core.diagnostics import Diagnostic
from factlint.core.errors import ChangesError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ChangesError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def changed_lines(ref: str, cwd: Path | None = None) -> dict[Path, set[int] | None]:
    """Absolute path -> changed 1-based line numbers since `ref` (working tree included);
    None means the whole file is new (untracked)."""
    cwd = cwd or Path.cwd()
    root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--"], cwd)
    changes: dict[Path, set[int] | None] = {}
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (root / name[2:] if name.startswith("b/") else root / name).resolve()
            if current is not None:
                changes.setdefault(current, set())
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or 1)
                lines = changes[current]
                if lines is not None:
                    lines.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changes[(root / name).resolve()] = None
    return changes


def only_changed(diagnostics: Iterable[Diagnostic], changes: dict[Path, set[int] | None]) -> list[Diagnostic]:
    """Diagnostics whose span touches a changed line (stdin always counts as changed)."""
    kept = []
    for diagnostic in diagnostics:
        if diagnostic.location.path == "<stdin>":
            kept.append(diagnostic)
            continue
        path = Path(diagnostic.location.path).resolve()
        if path not in changes:
            continue
        lines = changes[path]
        span = range(diagnostic.location.start.line, diagnostic.location.end.line + 1)
        if lines is None or any(line in lines for line in span):
            kept.append(diagnostic)
    return kept
