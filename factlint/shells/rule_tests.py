"""Every rule's `examples` as tests: each `bad` text must raise the rule, each `good` must not.

A bad example may mark where the diagnostic must be with `[[...]]`; then exactly that
span must be reported. Examples run with all loaded rules (a suppression example needs
the rule it suppresses) but only the rule under test is judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factlint.core.rule import Example, Rule
from factlint.engine.api import LintOptions, lint_text

_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "bad" or "good"
    text: str
    passed: bool
    detail: str


def _unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    cursor = 0
    removed = 0
    for match in _MARK.finditer(text):
        out.append(text[cursor : match.start()])
        start = match.start() - removed
        spans.append((start, start + len(match.group(1))))
        out.append(match.group(1))
        removed += 4
        cursor = match.end()
    out.append(text[cursor:])
    return "".join(out), spans


def run_example(rule: Rule, example: Example, kind: str, all_rules: Sequence[Rule]) -> ExampleResult:
    text, marked = _unmark(example.text)
    options = LintOptions(dct=example.date, use_config=False)
    found = [d for d in lint_text(text, "example.txt", options, rules=all_rules) if d.rule == rule.id]
    spans = sorted((d.location.start_offset, d.location.end_offset) for d in found)
    if kind == "good":
        detail = "; ".join(d.message for d in found)
        return ExampleResult(rule.id, kind, example.text, not found, f"raised: {detail}" if found else "")
    if not found:
        return ExampleResult(rule.id, kind, example.text, False, "not raised")
    if marked and spans != sorted(marked):
        return ExampleResult(rule.id, kind, example.text, False, f"raised at {spans}, marked {sorted(marked)}")
    return ExampleResult(rule.id, kind, example.text, True, "")


def run_rule_examples(rules: Sequence[Rule], only: Sequence[Rule] | None = None) -> list[ExampleResult]:
    results: list[ExampleResult] = []
    for rule in only if only is not None else rules:
        results += [run_example(rule, e, "bad", rules) for e in rule.bad]
        results += [run_example(rule, e, "good", rules) for e in rule.good]
    return results
