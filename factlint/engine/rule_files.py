"""Which files a rule path names (a file, or a folder's *.yaml and *.yml), without loading any.

Apart from `rule_loading` (which imports PyYAML and the check kinds) because the rule pack's
cache key needs only the list: a cached run stats the rule files and reads no YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """The rule files of `paths`, a folder's sorted by name (.yaml first, then .yml)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.yaml") if p.is_file()))
            files.extend(sorted(p for p in path.glob("*.yml") if p.is_file()))
        else:
            files.append(path)
    return files
