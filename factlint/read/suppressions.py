"""Inline suppressions: `<!-- factlint-disable-next-line rule -- reason -->` and friends.

Forms (in Markdown and plain text alike; plain text also takes the same words on a line
of their own after `#` or `//`):
  factlint-disable-next-line [rules]   the next non-blank line
  factlint-disable-line [rules]        the comment's own line
  factlint-disable [rules] ... factlint-enable [rules]
  factlint-disable-file [rules]
and front matter `factlint: {ignore: [rules]}`. No rules named means every rule.
Text after ` -- ` is the reason, kept for reviewers. A suppression that silences nothing
is reported by the `unused-suppression` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factlint.core.diagnostics import Diagnostic
from factlint.core.document import LineIndex, Replacement

_DIRECTIVE = (
    r"factlint-(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<rules>(?:[ \t]+(?!--)[\w*,. \t-]*?)?)"
    r"(?:[ \t]+--[ \t]+(?P<reason>.*?))?[ \t]*"
)
_HTML = re.compile(r"<!--[ \t]*" + _DIRECTIVE + r"-->")
_LINE = re.compile(r"^[ \t]*(?:#|//)[ \t]*" + _DIRECTIVE + r"$", re.MULTILINE)


@dataclass
class Suppression:
    verb: str
    rules: frozenset[str]  # empty: every rule
    start: int  # source offsets of the comment
    end: int
    first_line: int  # lines it covers (inclusive)
    last_line: int
    used: bool = field(default=False)

    def covers(self, diagnostic: Diagnostic) -> bool:
        line = diagnostic.location.start.line
        return self.first_line <= line <= self.last_line and (not self.rules or diagnostic.rule in self.rules)


def _rules(text: str) -> frozenset[str]:
    return frozenset(r for r in re.split(r"[\s,]+", text.strip()) if r)


def directive_matches(source: str, markup: str) -> list[re.Match[str]]:
    found = list(_HTML.finditer(source))
    if markup == "text":
        found += list(_LINE.finditer(source))
    return sorted(found, key=lambda m: m.start())


def comment_replacements(source: str, markup: str) -> list[Replacement]:
    """Plain-text suppression lines are not prose (Markdown comments are dropped already)."""
    if markup != "text":
        return []
    return [Replacement(m.start(), m.end()) for m in directive_matches(source, markup)]


def find_suppressions(source: str, markup: str, lines: LineIndex, front_matter: dict[str, Any]) -> list[Suppression]:
    total = len(lines.starts)
    found: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for match in directive_matches(source, markup):
        verb, rules = match.group("verb"), _rules(match.group("rules") or "")
        line = lines.position(match.start()).line
        end_line = lines.position(match.end()).line
        if verb == "disable-next-line":
            target = end_line + 1
            while target <= total and not source[slice(*lines.line_span(target, source))].strip():
                target += 1
            found.append(Suppression(verb, rules, match.start(), match.end(), target, target))
        elif verb == "disable-line":
            found.append(Suppression(verb, rules, match.start(), match.end(), line, end_line))
        elif verb == "disable-file":
            found.append(Suppression(verb, rules, match.start(), match.end(), 1, total))
        elif verb == "disable":
            suppression = Suppression(verb, rules, match.start(), match.end(), line, total)
            found.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: closes the matching open ranges (all of them when no rules are named)
            for suppression in list(open_ranges):
                if not rules or suppression.rules & rules or not suppression.rules:
                    suppression.last_line = line
                    open_ranges.remove(suppression)
    settings = front_matter.get("factlint")
    if isinstance(settings, dict) and isinstance(settings.get("ignore"), list):
        found.append(Suppression("front-matter", frozenset(str(r) for r in settings["ignore"]), 0, 0, 1, total))
    return found


def apply_suppressions(diagnostics: list[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    """Diagnostics no suppression covers; marks each suppression that silenced something."""
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        covering = [s for s in suppressions if s.covers(diagnostic)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(diagnostic)
    return kept
