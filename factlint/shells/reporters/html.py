"""The HTML report: one self-contained page per run (factlint.shells.html draws it).

Each checked file is an `ArticleView`: its source, its diagnostics exactly as the JSON report
gives them, and the timeline the engine built from the same analysis (`LintResult.timelines`,
filled when the run was asked for timelines, as `factlint check --format html` does). A result
without timelines (`factlint report saved.json --format html`: a saved report holds no analysis)
is drawn without them, its text re-read where the file still exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from factlint.core.version import __version__
from factlint.shells.html import ArticleView, render_report

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule


NO_ANALYSIS = {"note": "No timeline: a saved JSON report holds no analysis (factlint check --format html draws one)."}


def article_views(result: LintResult) -> list[ArticleView]:
    """One view per checked file, in the run's order (sorted by path, as the JSON report lists files)."""
    by_path: dict[str, list[dict]] = {}
    for diagnostic in result.diagnostics:
        by_path.setdefault(diagnostic.location.path, []).append(diagnostic.to_dict())
    return [
        ArticleView(path, result.sources.get(path, ""), tuple(by_path.get(path, ())), result.timelines.get(path, NO_ANALYSIS))
        for path in sorted(result.files)
    ]


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    stream.write(render_report(article_views(result), errors=result.errors, tool_version=__version__))
