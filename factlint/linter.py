"""The one library call behind the CLI, the cache and the language server.

`lint_text` checks a string; `lint_paths` checks files and folders. Both read sources
into Documents, analyse them with one batched spaCy stream, run every enabled rule's
check kind, and turn findings into sorted Diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from factlint.analysis import Analysis, analyse
from factlint.checks import REGISTRY
from factlint.checks.base import Finding
from factlint.diagnostics import Diagnostic, Edit, Related, Severity, Suggestion, sort_diagnostics
from factlint.document import Document
from factlint.nlp import load_pipeline
from factlint.rules import Rule, load_rules
from factlint.sources import ReadOptions, SourceError, load_text, read_file
from factlint.templates import render

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


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be checked, by name
    files: list[str] = field(default_factory=list)  # files checked
    sources: dict[str, str] = field(default_factory=dict)  # source of each file with diagnostics, for excerpts


def enabled_rules(options: LintOptions, rules: Sequence[Rule] | None = None) -> list[Rule]:
    rules = load_rules(options.rule_paths) if rules is None else rules

    def matches(rule_id: str, selectors: Sequence[str]) -> bool:
        return any(
            rule_id == s or (rule_id.startswith(s.rstrip("*")) and s.endswith("*")) or rule_id.startswith(s + "-")
            for s in selectors
        )

    return [r for r in rules if (not options.select or matches(r.id, options.select)) and not matches(r.id, options.ignore)]


def _diagnostic(rule: Rule, finding: Finding, document: Document) -> Diagnostic:
    location = document.location(finding.start, finding.end)
    related = tuple(Related(document.location(r.start, r.end), r.label) for r in finding.related)
    suggestions = tuple(
        Suggestion(s.label, tuple(Edit(document.location(e.start, e.end), e.replacement) for e in s.edits))
        for s in finding.suggestions
    )
    return Diagnostic(
        rule=rule.id,
        severity=rule.severity,
        message=render(rule.message, dict(finding.fields)),
        location=location,
        related=related,
        suggestions=suggestions,
        quoted=document.source[location.start_offset : location.end_offset],
        note=finding.note,
    )


def check_analysis(analysis: Analysis, rules: Sequence[Rule]) -> list[Diagnostic]:
    diagnostics = [_problem(p, analysis.document) for p in analysis.document.problems]
    for rule in rules:
        kind = REGISTRY[rule.extends]
        diagnostics.extend(_diagnostic(rule, f, analysis.document) for f in kind.run(analysis, rule))
    return sort_diagnostics(diagnostics)


def _problem(problem, document: Document) -> Diagnostic:
    return Diagnostic(
        rule=problem.rule,
        severity=Severity.parse(problem.severity),
        message=problem.message.split(": ", 1)[-1] if problem.message.startswith(document.path + ":") else problem.message,
        location=document.source_location(problem.start_offset, problem.end_offset),
    )


def required_components(rules: Iterable[Rule]) -> frozenset[str]:
    needed: set[str] = set()
    for rule in rules:
        needed |= REGISTRY[rule.extends].requires
    return frozenset(needed)


def lint_documents(documents: Iterable[Document], rules: Sequence[Rule], model: str | None = None) -> Iterator[list[Diagnostic]]:
    pipeline = load_pipeline(model, required_components(rules))
    for analysis in analyse(documents, pipeline):
        yield check_analysis(analysis, rules)


def lint_text(
    text: str, path: str = "<stdin>", options: LintOptions | None = None, rules: Sequence[Rule] | None = None
) -> list[Diagnostic]:
    """Check one article given as a string (Markdown when `path` ends in .md)."""
    options = options or LintOptions()
    active = enabled_rules(options, rules)
    document = load_text(text, path, ReadOptions(dct=options.dct, markup=options.markup))
    return next(lint_documents([document], active, options.model))


def discover(paths: Sequence[str], suffixes: Sequence[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to check (folders recurse; hidden folders skipped) and errors for missing paths."""
    found: list[tuple[Path, str]] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(tuple(suffixes)) and not name.startswith("."):
                        full = Path(root) / name
                        found.append((full, full.as_posix()))
        elif path.is_file() or raw == "-":
            found.append((path, raw))
        elif path.exists():
            errors.append(f"{raw}: not a regular file")
        else:
            errors.append(f"{raw}: no such file or directory")
    return found, errors


def lint_paths(paths: Sequence[str], options: LintOptions | None = None, stdin_text: str | None = None) -> LintResult:
    """Check files and folders. A file that cannot be read is an error; the rest are still checked."""
    options = options or LintOptions()
    active = enabled_rules(options)
    files, errors = discover(paths, options.suffixes)
    result = LintResult(errors=errors)
    read_options = ReadOptions(dct=options.dct, markup=options.markup)
    documents: list[Document] = []
    for path, display in files:
        try:
            if display == "-":
                documents.append(load_text(stdin_text or "", "<stdin>", read_options))
            else:
                documents.append(read_file(path, display, read_options))
        except SourceError as error:
            result.errors.append(str(error))
    for document, diagnostics in zip(documents, lint_documents(documents, active, options.model), strict=True):
        result.files.append(document.path)
        result.diagnostics.extend(diagnostics)
        if diagnostics:
            result.sources[document.path] = document.source
    result.diagnostics = sort_diagnostics(result.diagnostics)
    return result
