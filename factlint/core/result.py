"""What one run gives back: every diagnostic, the files checked and the files that could not be."""

from __future__ import annotations

from dataclasses import dataclass, field

from factlint.core.diagnostics import Diagnostic


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be checked, by name
    files: list[str] = field(default_factory=list)  # files checked
    sources: dict[str, str] = field(default_factory=dict)  # source of each file with diagnostics, for excerpts
    # with LintOptions.timelines: each checked file's timeline (plain data, the HTML renderer's
    # contract), and `sources` then holds every checked file, with diagnostics or not
    timelines: dict[str, dict] = field(default_factory=dict)
