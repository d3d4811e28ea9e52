"""How a run is asked for: the options every engine entry point takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Limits:
    """What one file may cost before factlint stops and says so (`file-too-large`,
    `file-too-complex`) instead of running out of memory or time while the other files wait.

    The defaults sit far above any article (of the 2,906 corpus documents and modern-news
    pages, the most month names and ISO dates in one is 51, the most blocks 78) and below
    what was measured to hurt on this machine (`benchmarks/limits.py`). A 10 MB article
    (38,000 paragraphs, 27,000 dates) gets the cheap pass's rules (weekdays, impossible
    dates, holidays) and a `file-too-complex` error naming the trained rules not run.
    `limits:` in the configuration changes them; 0 turns one off."""

    file_bytes: int = 16 * 1024 * 1024  # bigger files are not read at all
    dates: int = 20_000  # date expressions found by the cheap pass
    blocks: int = 50_000  # list items, table cells and paragraphs
    seconds: float = 120.0  # checked between rules: the rules not yet run are skipped


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
    gating: bool = True  # False: run the trained components over whole texts (to verify the gate)
    limits: Limits | None = None  # None: the configuration's, else the defaults
    stdin_filename: str | None = None  # standard input is this file: its name, markup, configuration and per-file rules
    # True: also give each file's timeline (factlint.engine.timeline; the HTML report draws it)
    # and its source. The results cache holds diagnostics only, so such a run analyses every
    # file (it still writes the cache for the runs after it).
    timelines: bool = False
