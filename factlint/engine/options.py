"""How a run is asked for: the options every engine entry point takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class LintOptions:
    dct: date | None = None
    model: str | None = None
    rule_paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    markup: str | None = None
    config: Path | None = None  # --config: use this file instead of searching from each file
    use_config: bool = True  # False: built-in defaults only (examples, tests of rules)
    jobs: int = 1  # processes for files not in the cache (the CLI's default: one per CPU)
    cache_dir: Path | None = None  # None: no cache (the CLI's default: .factlint_cache)
    language: str | None = None  # --language: every file is in this language ("auto": detect)
    gating: bool = True  # False: run the trained components over whole texts (to verify the gate)
