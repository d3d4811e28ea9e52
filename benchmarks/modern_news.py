"""factlint on today's web news: ../shared/corpora/modern-news (57 real pages, hand-checked).

The corpus gives every weekday+date mention an independent labeller found, a verdict for
each one found inconsistent (`error`: a genuine mistake; `artifact`: the labeller's year was
wrong; `other`: a misreading), and the ordinal conflicts noticed by hand (two "Second
Saturday"s). This measures what an editor sees: the genuine errors found, every error-level
diagnostic that is none of them (a false error), every warning (the trained rules' counted
per 100 pages), and how many labelled English mentions factlint read as a weekday with a date.
Run from the repo root: `python benchmarks/modern_news.py` (also part of accuracy.py).
Evaluation data only: nothing is copied from the corpus.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factlint.core.diagnostics import Diagnostic, Severity
from factlint.engine.api import LintOptions, lint_text_analysed
from factlint.engine.selection import rules_for

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "modern-news"
REPORT = ROOT / "benchmarks" / "reports" / "modern_news.md"
# What a genuine error must be reported as.
WEEKDAY_RULES = frozenset({"weekday-mismatch", "weekday-year-unclear"})
ORDINAL_RULES = frozenset({"nth-weekday-mismatch"})


@dataclass(frozen=True)
class Expected:
    doc: str
    line: int
    text: str
    rules: frozenset[str]


@dataclass
class Result:
    docs: int = 0
    found: list[tuple[Expected, Diagnostic]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false_errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    infos: list[Diagnostic] = field(default_factory=list)
    mentions: int = 0  # English weekday+date mentions labelled
    read: int = 0  # of them, read by factlint as a weekday with a date
    unread: list[str] = field(default_factory=list)

    def trained_warnings(self) -> list[Diagnostic]:
        """Warnings of rules that need the trained pipeline (events, counts, ages, tense)."""
        trained = {rule.id for rule in rules_for(None, LintOptions(use_config=False)) if rule.requires}
        return [d for d in self.warnings if d.rule in trained]


def _table(name: str) -> list[dict[str, str]]:
    with open(CORPUS / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def expected_errors() -> list[Expected]:
    found = [
        Expected(row["id"], int(row["line"]), row["text"], WEEKDAY_RULES)
        for row in _table("verdicts.tsv")
        if row["verdict"] == "error"
    ]
    found += [
        Expected(row["id"], int(row["line"]), row["text"], ORDINAL_RULES)
        for row in _table("events.tsv")
        if row["verdict"] == "error" and row["type"] == "ordinal_conflict"
    ]
    return found


def measure() -> Result:
    result = Result()
    expected = expected_errors()
    labels = [row for row in _table("labels.tsv") if row["lang"] == "en"]
    options = LintOptions(use_config=False)
    for path in sorted((CORPUS / "docs").glob("*.txt")):
        doc = path.stem
        result.docs += 1
        diagnostics, analysis = lint_text_analysed(path.read_text(encoding="utf-8"), f"modern-news/{path.name}", options)
        mine = [e for e in expected if e.doc == doc]
        for item in mine:
            hit = next((d for d in diagnostics if d.rule in item.rules and d.location.start.line == item.line), None)
            (result.found.append((item, hit)) if hit else result.missed.append(item))
        matched = {id(d) for _e, d in result.found}
        for d in diagnostics:
            if d.severity is Severity.ERROR and id(d) not in matched:
                result.false_errors.append(d)
            elif d.severity is Severity.WARNING and id(d) not in matched:
                result.warnings.append(d)
            elif d.severity is Severity.INFO:
                result.infos.append(d)
        weekdays = [analysis.document.location(c.start, c.end) for c in analysis.resolved if c.mention.weekday is not None]
        for row in (r for r in labels if r["id"] == doc):
            result.mentions += 1
            line, column = int(row["line"]), int(row["col"])
            if any(w.start.line == line and w.start.column <= column + 2 and column <= w.end.column for w in weekdays):
                result.read += 1
            else:
                result.unread.append(f"{doc}:{line}:{column} {row['text']!r}")
    return result


def report(result: Result) -> str:
    trained = result.trained_warnings()
    lines = [
        f"modern-news: {result.docs} pages, {len(expected_errors())} genuine errors",
        f"  genuine errors found: {len(result.found)} of {len(result.found) + len(result.missed)}",
        f"  false errors: {len(result.false_errors)}",
        f"  warnings: {len(result.warnings)} ({len(trained)} from trained rules, "
        f"{100 * len(trained) / max(result.docs, 1):.2f} per 100 pages)",
        f"  labelled English weekday+date mentions read: {result.read} of {result.mentions}",
    ]
    per_rule = Counter(d.rule for d in result.false_errors + result.warnings)
    lines += [f"    {rule}: {count}" for rule, count in sorted(per_rule.items())]
    return "\n".join(lines)


def _line(d: Diagnostic) -> str:
    where = f"{d.location.path}:{d.location.start.line}:{d.location.start.column}"
    return f"- `{where}` {d.severity} {d.message} [{d.rule}] :: {d.quoted!r}"


def write_report(result: Result, path: Path = REPORT) -> None:
    out = ["# factlint on modern-news (generated by benchmarks/modern_news.py)", "", "```", report(result), "```", ""]
    out += ["## Genuine errors found", ""] + [_line(d) for _e, d in result.found]
    out += ["", "## Genuine errors missed", ""] + [f"- {e.doc} line {e.line}: {e.text!r}" for e in result.missed]
    out += ["", "## False errors", ""] + [_line(d) for d in result.false_errors]
    out += ["", "## Warnings", ""] + [_line(d) for d in result.warnings]
    out += ["", "## Labelled weekday+date mentions factlint did not read", ""] + [f"- {m}" for m in result.unread]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return 0
    result = measure()
    write_report(result)
    print(report(result))
    print(f"(every finding listed in {REPORT.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
