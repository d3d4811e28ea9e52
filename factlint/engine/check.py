"""Checking analysed documents: every enabled rule's check kind, then suppressions, then the
kinds that run after them; findings become sorted Diagnostics.

`lint_documents` is the one place documents meet the NLP: one batched stream over many
documents, each checked with its own rules (a file's parse never depends on its batch).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from factlint.analysis.document_analysis import Analysis, analyse
from factlint.analysis.gate import Gate, build_gate
from factlint.core.diagnostics import Diagnostic, Edit, Related, Severity, Suggestion, sort_diagnostics
from factlint.core.document import Document, Problem
from factlint.core.errors import ConfigError, LexiconError, RuleAborted, RuleError
from factlint.core.findings import Finding
from factlint.core.rule import Rule
from factlint.core.templates import render
from factlint.engine.options import Limits
from factlint.kinds.base import CheckKind
from factlint.kinds.registry import default_registry
from factlint.nlp.pipeline import lazy_trained, load_language_pipeline, load_language_trained, load_pipeline
from factlint.read.suppressions import Suppression, apply_suppressions, find_suppressions


def diagnostic(rule: Rule, finding: Finding, document: Document) -> Diagnostic:
    """A finding as the report shows it: its spans in source lines and columns, its message
    rendered from the rule's template."""
    if finding.in_source:
        location = document.source_location(finding.start, finding.end)
    else:
        location = document.location(finding.start, finding.end)
    related = tuple(Related(r.location or document.location(r.start, r.end), r.label) for r in finding.related)
    suggestions = tuple(
        Suggestion(s.label, tuple(Edit(document.location(e.start, e.end), e.replacement) for e in s.edits))
        for s in finding.suggestions
    )
    return Diagnostic(
        rule=rule.id,
        severity=rule.severity,
        message=_in_own_words(render(rule.message, dict(finding.fields)), finding, document),
        location=location,
        related=related,
        suggestions=suggestions,
        quoted=document.source[location.start_offset : location.end_offset],
        note=finding.note,
    )


def _in_own_words(message: str, finding: Finding, document: Document) -> str:
    """Rule messages are English; in an article in another language the message starts with the
    date as the article wrote it ("miércoles 1 de octubre": October 1, 2019 was a Tuesday...),
    so the reader sees their own words, not only factlint's English rendering of them."""
    text = finding.fields.get("text")
    if document.language == "en" or not isinstance(text, str) or not text or f'"{text}"' in message:
        return message
    return f'"{text}": {message}'


def _run(kind: CheckKind, rule: Rule, analysis: Analysis, suppressions: list[Suppression] | None) -> list[Diagnostic]:
    """One rule on one document; a rule that fails is reported on the file, the run goes on."""
    document = analysis.document
    try:
        findings = kind.run(analysis, rule) if suppressions is None else kind.run(analysis, rule, suppressions)
        return [diagnostic(rule, finding, document) for finding in findings]
    except RuleAborted as error:
        location = document.source_location(0, 0)
        return [Diagnostic("rule-aborted", Severity.WARNING, f"rule {rule.id}: {error}", location)]
    except (ConfigError, RuleError, LexiconError):
        raise  # the user's configuration is wrong: exit 2 with its message, not a per-file note
    except Exception as error:  # one rule's bug must not lose the file or the run
        location = document.source_location(0, 0)
        message = f"rule {rule.id} failed on this file ({type(error).__name__}: {error}); please report it"
        return [Diagnostic("internal-error", Severity.ERROR, message, location)]


def check_analysis(
    analysis: Analysis,
    rules: Sequence[Rule],
    registry: Mapping[str, CheckKind] | None = None,
    seconds: float = 0.0,
) -> list[Diagnostic]:
    """Every rule on one analysis. `seconds` (0: none) is the time the rules may take: it is
    looked at between rules, and the rules not yet run when it is spent are named in a
    `file-too-complex` error (a rule that is running is not interrupted)."""
    registry = default_registry() if registry is None else registry
    document = analysis.document
    diagnostics = [problem_diagnostic(p, document) for p in document.problems]
    if analysis.over_budget:
        return sort_diagnostics([*diagnostics, over_budget_diagnostic(document, analysis.over_budget)])
    if analysis.untrained:
        untrained = sorted(r.id for r in rules if r.requires)
        rules = [r for r in rules if not r.requires]
        if untrained:
            reason = f"{analysis.untrained}; not run: {', '.join(untrained)}"
            diagnostics.append(over_budget_diagnostic(document, reason))
    deadline = time.monotonic() + seconds if seconds else None
    skipped: list[str] = []
    later = [r for r in rules if registry[r.extends].phase == "after-suppressions"]
    for rule in rules:
        if rule not in later:
            if deadline is not None and time.monotonic() > deadline:
                skipped.append(rule.id)
                continue
            diagnostics += _run(registry[rule.extends], rule, analysis, None)
    suppressions = find_suppressions(document.source, document.markup, document.lines, document.front_matter)
    diagnostics = apply_suppressions(diagnostics, suppressions)
    for rule in later:
        diagnostics += _run(registry[rule.extends], rule, analysis, suppressions)
    if skipped:
        reason = f"the rules took over {seconds:g} s (limits.seconds); not run: {', '.join(skipped)}"
        diagnostics.append(over_budget_diagnostic(document, reason))
    return sort_diagnostics(diagnostics)


def over_budget_diagnostic(document: Document, reason: str) -> Diagnostic:
    """A file not (wholly) checked because it is over a budget: an error at its start, so a
    CI step does not pass it as if it had been checked."""
    what = "not wholly checked" if "not run:" in reason else "not checked"
    return Diagnostic("file-too-complex", Severity.ERROR, f"{what}: {reason}", document.source_location(0, 0))


_DATE_WORD = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)


def _count_date_words(text: str, stop: int) -> int:
    """How many month names and ISO dates `text` has, counting no further than `stop` + 1:
    before the cheap pass (itself some 1 ms a date), a text far over the dates budget is
    known by a regular expression."""
    count = 0
    for _match in _DATE_WORD.finditer(text):
        count += 1
        if count > stop:
            break
    return count


def budget_for(limits: Limits, trained: bool = True) -> Callable[[Document, Analysis | None], str | None]:
    """The analysis's budget test for `limits`. Before the NLP: blocks, and a text with over
    twice the dates limit in month names and ISO dates (the cheap pass is linear, but some
    1.5 ms a date: a regular expression tells in a second what it would take a minute to).
    After the cheap pass, only when `trained` components are to run: the date expressions
    found (the parser's memory grows with them: 50,000 dates in one paragraph ran out of
    memory)."""

    def over(document: Document, analysis: Analysis | None) -> str | None:
        if analysis is None:
            ceiling = 2 * limits.dates
            if limits.dates and _count_date_words(document.text, ceiling) > ceiling:
                return f"over {ceiling:,} month names and ISO dates, twice the limit of {limits.dates:,} (limits.dates)"
            if limits.blocks and len(document.structure) > limits.blocks:
                count = len(document.structure)
                return f"{count:,} blocks (paragraphs, list items, cells), over the limit of {limits.blocks:,} (limits.blocks)"
            return None
        if trained and limits.dates and len(analysis.timexes) > limits.dates:
            return f"{len(analysis.timexes):,} date expressions, over the limit of {limits.dates:,} (limits.dates)"
        return None

    return over


def problem_diagnostic(problem: Problem, document: Document) -> Diagnostic:
    return Diagnostic(
        rule=problem.rule,
        severity=Severity.parse(problem.severity),
        message=problem.message.split(": ", 1)[-1] if problem.message.startswith(document.path + ":") else problem.message,
        location=document.source_location(problem.start_offset, problem.end_offset),
        quoted=document.source[problem.start_offset : problem.end_offset],
    )


def required_components(rules: Iterable[Rule]) -> frozenset[str]:
    needed: set[str] = set()
    for rule in rules:
        needed |= rule.requires
    return frozenset(needed)


def gate_for_rules(
    vocab: object,
    rules: Sequence[Rule],
    gating: bool = True,
    ner_reach: int | None = None,
    registry: Mapping[str, CheckKind] | None = None,
) -> Gate:
    """The gate for a rule set, each rule's selector its kind's."""
    registry = default_registry() if registry is None else registry
    return build_gate(vocab, rules, lambda rule: registry[rule.extends].select, gating, ner_reach)


# (vocab, registry, rules, gating, reach) -> the gate: a run checks its files in batches (and a
# language server buffer after buffer) with the same rules; the gate's matcher is built once.
# The vocab and registry are kept in the value, so the ids in the key stay theirs.
_GATES: dict[tuple[int, int, tuple[Rule, ...], bool, int | None], tuple[object, object, Gate]] = {}


def _kept_gate(
    vocab: object, rules: tuple[Rule, ...], gating: bool, reach: int | None, registry: Mapping[str, CheckKind]
) -> Gate:
    key = (id(vocab), id(registry), rules, gating, reach)
    if key not in _GATES:
        if len(_GATES) >= 64:
            _GATES.clear()
        _GATES[key] = (vocab, registry, gate_for_rules(vocab, rules, gating, reach, registry))
    return _GATES[key][2]


def lint_documents(
    documents: Sequence[Document],
    rules_per_document: Sequence[Sequence[Rule]],
    model: str | None = None,
    gating: bool = True,
    registry: Mapping[str, CheckKind] | None = None,
    limits: Limits | Sequence[Limits] | None = None,
) -> Iterator[list[Diagnostic]]:
    """One batched NLP stream over all documents; each is checked with its own rules.
    `gating`: parse only the sentences a rule may need (see factlint.analysis.gate), else whole texts."""
    for _analysis, diagnostics in check_documents(documents, rules_per_document, model, gating, registry, limits):
        yield diagnostics


def check_documents(
    documents: Sequence[Document],
    rules_per_document: Sequence[Sequence[Rule]],
    model: str | None = None,
    gating: bool = True,
    registry: Mapping[str, CheckKind] | None = None,
    limits: Limits | Sequence[Limits] | None = None,
) -> Iterator[tuple[Analysis, list[Diagnostic]]]:
    """`lint_documents`, each document's analysis given with its diagnostics (the language
    server keeps it for hover: how a date was read comes from the lint, not a second pass).

    English documents take the path they always took; a document in another language is
    analysed by that language's rules-only pipeline (loaded when the first such file comes)
    and checked by the rules whose kind runs in every language. Results come in input order."""
    registry = default_registry() if registry is None else registry
    per_limits = list(limits) if isinstance(limits, Sequence) else [limits or Limits()] * len(documents)
    languages = [document.language for document in documents]
    if all(language == "en" for language in languages):
        yield from _check_english(documents, rules_per_document, model, gating, registry, per_limits)
        return
    streams: dict[str, Iterator[tuple[Analysis, list[Diagnostic]]]] = {}
    for language in dict.fromkeys(languages):
        chosen = [index for index, found in enumerate(languages) if found == language]
        docs = [documents[index] for index in chosen]
        rules = [rules_per_document[index] for index in chosen]
        budgets = [per_limits[index] for index in chosen]
        if language == "en":
            streams[language] = _check_english(docs, rules, model, gating, registry, budgets)
        else:
            streams[language] = _check_language(language, docs, rules, registry, budgets)
    for language in languages:
        yield next(streams[language])


def _check_language(
    language: str,
    documents: Sequence[Document],
    rules_per_document: Sequence[Sequence[Rule]],
    registry: Mapping[str, CheckKind],
    per_limits: Sequence[Limits],
) -> Iterator[tuple[Analysis, list[Diagnostic]]]:
    """Documents in a language other than English: the calendar kinds on its blank tokenizer,
    and where the language has a trained pipeline installed (French with `factlint[fr]`) and
    an enabled rule's kind reads it, the event kinds on its parse. Those texts are parsed
    whole: the gate's cues are English words."""
    pipeline = load_language_pipeline(language)
    wanted = any(r.requires and registry[r.extends].runs_in(language) for rules in rules_per_document for r in rules)
    trained = load_language_trained(language) if wanted else None
    budget = _budget(documents, per_limits, trained=trained is not None)
    analyses = analyse(documents, pipeline, trained=trained, budget=budget)
    for analysis, rules, found in zip(analyses, rules_per_document, per_limits, strict=True):
        usable = [r for r in rules if registry[r.extends].runs_in(language) and (trained is not None or not r.requires)]
        yield analysis, check_analysis(analysis, usable, registry, found.seconds)


def _budget(
    documents: Sequence[Document], per_limits: Sequence[Limits], trained: bool
) -> Callable[[Document, Analysis | None], str | None]:
    by_document = {id(document): found for document, found in zip(documents, per_limits, strict=True)}

    def budget(document: Document, analysis: Analysis | None) -> str | None:
        return budget_for(by_document[id(document)], trained)(document, analysis)

    return budget


def _check_english(
    documents: Sequence[Document],
    rules_per_document: Sequence[Sequence[Rule]],
    model: str | None,
    gating: bool,
    registry: Mapping[str, CheckKind],
    per_limits: Sequence[Limits],
) -> Iterator[tuple[Analysis, list[Diagnostic]]]:
    needed = required_components(r for rules in rules_per_document for r in rules)
    cheap = load_pipeline(None)
    patterns = any("tokens" in r.params for rules in rules_per_document for r in rules if r.requires)
    lazy = lazy_trained(needed) if needed and not model and not patterns else None  # loaded when a chunk needs it
    trained = lazy or (load_pipeline(model, needed) if needed or model else None)
    if trained is not None and (not trained.trained or not needed):
        trained = None  # nothing needs it, or the rules-only fallback (said once on stderr)
    gates: dict[tuple[Rule, ...], Gate] = {}  # one per rule set: a file's parse never depends on its batch
    for rules in rules_per_document if trained else ():
        key = tuple(rules)
        if key not in gates:
            reach = None if lazy else trained.ner_reach  # read only for token-pattern rules, which load eagerly
            gates[key] = _kept_gate(cheap.nlp.vocab, key, gating, reach, registry)
    per_document = [gates[tuple(rules)] for rules in rules_per_document] if trained else None
    analyses = analyse(
        documents, cheap, trained=trained, gate=per_document, budget=_budget(documents, per_limits, trained is not None)
    )
    for analysis, rules, found in zip(analyses, rules_per_document, per_limits, strict=True):
        usable = [r for r in rules if trained is not None or not r.requires]
        yield analysis, check_analysis(analysis, usable, registry, found.seconds)
