"""The one library call behind the CLI, the cache and the language server.

`lint_text` checks a string; `lint_paths` checks files and folders. Both read sources
into Documents, analyse them with one batched spaCy stream, run every enabled rule's
check kind, and turn findings into sorted Diagnostics.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from factlint.analysis.document_analysis import Analysis, analyse
from factlint.analysis.gate import Gate, build_gate
from factlint.core.diagnostics import Diagnostic, Edit, Related, Severity, Suggestion, sort_diagnostics
from factlint.core.document import Document
from factlint.core.templates import render
from factlint.engine.cache import Cache, file_key, run_settings
from factlint.engine.config import Config, ConfigError, find_config, read_config_file
from factlint.engine.parallel import Job, Outcome, run_jobs
from factlint.engine.rule_loading import Rule, RuleError, load_rules, rule_files
from factlint.kinds import REGISTRY
from factlint.kinds.base import Finding, RuleAborted
from factlint.kinds.suppression import unused_findings
from factlint.kinds.user_patterns import VERDICTS
from factlint.nlp.pipeline import load_pipeline
from factlint.read.decode import decode_bytes
from factlint.read.reader import ReadOptions, load_text
from factlint.read.suppressions import apply_suppressions, find_suppressions

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
    gating: bool = True  # False: run the trained components over whole texts (to verify the gate)


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be checked, by name
    files: list[str] = field(default_factory=list)  # files checked
    sources: dict[str, str] = field(default_factory=dict)  # source of each file with diagnostics, for excerpts


def _matches(rule_id: str, selectors: Sequence[str]) -> bool:
    """A selector is a rule id, a prefix ending in `*`, or a prefix of dash-separated words."""
    return any(rule_id == s or (s.endswith("*") and rule_id.startswith(s[:-1])) or rule_id.startswith(s + "-") for s in selectors)


def config_for(path: Path | None, options: LintOptions) -> Config:
    if not options.use_config:
        return Config()
    if options.config is not None:
        config = read_config_file(options.config)
        if config is None:
            raise ConfigError(f"{options.config}: no [tool.factlint] table")
        return config
    if path is None:
        return find_config(Path.cwd().resolve())
    return find_config(path.resolve().parent)


def _loaded_rules(paths: tuple[Path, ...]) -> tuple[Rule, ...]:
    """Loaded once per process, and again when a user rule file changes (the language server)."""
    stamps = []
    for file in rule_files(paths):
        try:
            stat = file.stat()
            stamps.append((file, stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append((file, 0, 0))
    return _rules_at(paths, tuple(stamps))


@lru_cache(maxsize=64)
def _rules_at(paths: tuple[Path, ...], stamps: tuple[tuple[Path, int, int], ...]) -> tuple[Rule, ...]:
    return tuple(load_rules(paths))


def rules_for(path: Path | None, options: LintOptions, config: Config | None = None) -> list[Rule]:
    """The rules that apply to one file: packs, select/ignore and severities from the
    command line, the nearest config, and its per-file overrides, in that order of strength."""
    config = config or config_for(path, options)
    rules = _loaded_rules(tuple(config.rules) + tuple(options.rule_paths))
    select = list(options.select or config.select)
    ignore = list(options.ignore) + list(config.ignore)
    severity = dict(config.severity)
    for override in config.overrides_for(path) if path is not None else []:
        select = list(override.select) or select
        ignore += override.ignore
        severity.update(override.severity)
    chosen = [_with_config(r, config) for r in rules if (not select or _matches(r.id, select)) and not _matches(r.id, ignore)]
    return [replace(r, severity=severity[r.id]) if r.id in severity else r for r in chosen]


def _with_config(rule: Rule, config: Config) -> Rule:
    """Config settings a rule's kind takes as parameters: `country` (unless the rule sets one)
    and `calendars` (before the rule's own, so a newsroom's entry is the one cited)."""
    declared = REGISTRY[rule.extends].parameters
    params = dict(rule.params)
    if config.country and "country" in declared:
        params.setdefault("country", config.country)
    if config.calendars and "calendars" in declared:
        params["calendars"] = [*(str(p) for p in config.calendars), *params.get("calendars", [])]  # the newsroom's first
    return replace(rule, params=params) if params != dict(rule.params) else rule


def enabled_rules(options: LintOptions, rules: Sequence[Rule] | None = None) -> list[Rule]:
    """Rules for a run with no particular file (`factlint rules`, reporters' rule tables)."""
    if rules is not None:
        return [r for r in rules if (not options.select or _matches(r.id, options.select)) and not _matches(r.id, options.ignore)]
    return rules_for(None, options)


def _diagnostic(rule: Rule, finding: Finding, document: Document) -> Diagnostic:
    location = document.location(finding.start, finding.end)
    related = tuple(Related(r.location or document.location(r.start, r.end), r.label) for r in finding.related)
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
    document = analysis.document
    diagnostics = [_problem(p, document) for p in document.problems]
    post = [r for r in rules if r.extends == "unused-suppression"]
    for rule in rules:
        if rule in post:
            continue
        kind = REGISTRY[rule.extends]
        try:
            for finding in kind.run(analysis, rule):
                diagnostics.append(_diagnostic(rule, finding, document))
        except RuleAborted as error:
            location = document.source_location(0, 0)
            diagnostics.append(Diagnostic("rule-aborted", Severity.WARNING, f"rule {rule.id}: {error}", location))
        except (ConfigError, RuleError):
            raise  # the user's configuration is wrong: exit 2 with its message, not a per-file note
        except Exception as error:  # one rule's bug must not lose the file or the run
            location = document.source_location(0, 0)
            message = f"rule {rule.id} failed on this file ({type(error).__name__}: {error}); please report it"
            diagnostics.append(Diagnostic("internal-error", Severity.ERROR, message, location))
    suppressions = find_suppressions(document.source, document.markup, document.lines, document.front_matter)
    diagnostics = apply_suppressions(diagnostics, suppressions)
    for rule in post:
        for start, end, fields in unused_findings(suppressions, analysis):
            location = document.source_location(start, end)
            diagnostics.append(
                Diagnostic(rule.id, rule.severity, render(rule.message, fields), location, quoted=document.source[start:end])
            )
    return sort_diagnostics(diagnostics)


def _problem(problem, document: Document) -> Diagnostic:
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


def lint_documents(
    documents: Sequence[Document],
    rules_per_document: Sequence[Sequence[Rule]],
    model: str | None = None,
    gating: bool = True,
) -> Iterator[list[Diagnostic]]:
    """One batched NLP stream over all documents; each is checked with its own rules.
    `gating`: parse only the sentences a rule may need (see factlint.analysis.gate), else whole texts."""
    needed = required_components(r for rules in rules_per_document for r in rules)
    cheap = load_pipeline(None)
    trained = load_pipeline(model, needed) if needed or model else None
    if trained is not None and (not trained.trained or not needed):
        trained = None  # nothing needs it, or the rules-only fallback (said once on stderr)
    gates: dict[tuple[tuple[str, str, int], ...], Gate] = {}  # one per rule set: a file's parse never depends on its batch
    for rules in rules_per_document if trained else ():
        key = tuple((r.id, r.source, r.line) for r in rules)
        if key not in gates:
            gates[key] = build_gate(cheap.nlp.vocab, rules, gating, trained.ner_reach)
    per_document = [gates[tuple((r.id, r.source, r.line) for r in rules)] for rules in rules_per_document] if trained else None
    analyses = analyse(documents, cheap, trained=trained, gate=per_document)
    for analysis, rules in zip(analyses, rules_per_document, strict=True):
        usable = [r for r in rules if trained is not None or not r.requires]
        yield check_analysis(analysis, usable)


def lint_text(
    text: str, path: str = "<stdin>", options: LintOptions | None = None, rules: Sequence[Rule] | None = None
) -> list[Diagnostic]:
    """Check one article given as a string (Markdown when `path` ends in .md)."""
    options = options or LintOptions()
    document, active, model = prepare_text(text, path, options, rules)
    return next(lint_documents([document], [active], model))


def prepare_text(
    text: str, path: str, options: LintOptions, rules: Sequence[Rule] | None = None
) -> tuple[Document, list[Rule], str | None]:
    """The Document, the rules and the model `lint_text` uses for a buffer (the LSP hovers with the same)."""
    file = None if path == "<stdin>" else Path(path)
    config = config_for(file, options)
    active = enabled_rules(options, rules) if rules is not None else rules_for(file, options, config)
    read = ReadOptions(dct=options.dct, markup=options.markup, **_date_keys(config))
    return load_text(text, path, read), active, options.model or config.model


def _date_keys(config: Config) -> dict[str, tuple[str, ...]]:
    return {"front_matter_keys": config.front_matter_keys} if config.front_matter_keys else {}


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


def lint_paths(
    paths: Sequence[str],
    options: LintOptions | None = None,
    stdin_text: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LintResult:
    """Check files and folders. A file that cannot be read is an error; the rest are still checked.

    Files whose cached results are current (`options.cache_dir`) are not analysed again; the
    rest are analysed on up to `options.jobs` processes. The result does not depend on either.
    `progress(done, total)` hears how many of the files to analyse are done.
    """
    options = options or LintOptions()
    files, errors = discover(paths, options.suffixes)
    explicit = {Path(p) for p in paths}
    result = LintResult(errors=errors)
    cache = Cache(options.cache_dir) if options.cache_dir is not None else None
    VERDICTS.use(options.cache_dir)  # spaCy's verdicts on user patterns: a full cache hit imports no spaCy
    model = options.model
    jobs: list[Job | str] = []  # a str: the error of a file that cannot be read
    for path, display in files:
        file = None if display == "-" else path
        config = config_for(file, options)
        if file is not None and file not in explicit and config.excludes(file):
            continue
        model = model or config.model
        jobs.append(_job(file, display, options, config, stdin_text))
    done: dict[int, Outcome] = {}
    keys: dict[int, str] = {}
    for index, job in enumerate(jobs):
        if cache is not None and isinstance(job, Job) and job.data is not None:
            keys[index] = file_key(job.data, job.rules, run_settings(model, options.gating, job.read))
            cached = cache.get(job.display, keys[index])
            if cached is not None:
                done[index] = Outcome(tuple(cached), decoded_source(job.data) if cached else "")
    VERDICTS.save()
    missing = [index for index, job in enumerate(jobs) if isinstance(job, Job) and index not in done]
    pending = iter(missing)
    analysed = [0]

    def finished(batch: list[Outcome]) -> None:
        """Outcomes arrive in order, a batch at a time: cache them while the workers go on."""
        for outcome in batch:
            index = next(pending)
            done[index] = outcome
            if cache is not None and index in keys and not outcome.error:
                cache.put(jobs[index].display, keys[index], outcome.diagnostics)  # type: ignore[union-attr]
        analysed[0] += len(batch)
        if progress:
            progress(analysed[0], len(missing))

    run_jobs([jobs[i] for i in missing], model, options.gating, options.jobs, finished)  # type: ignore[misc]
    for index, job in enumerate(jobs):
        error = job if isinstance(job, str) else done[index].error
        if error:
            result.errors.append(error)
            continue
        assert isinstance(job, Job)
        result.files.append(job.display)
        result.diagnostics.extend(done[index].diagnostics)
        if done[index].diagnostics:
            result.sources[job.display] = done[index].source
    result.diagnostics = sort_diagnostics(result.diagnostics)
    return result


def _job(file: Path | None, display: str, options: LintOptions, config: Config, stdin_text: str | None) -> Job | str:
    read = ReadOptions(dct=options.dct, markup=options.markup, **_date_keys(config))
    rules = tuple(rules_for(file, options, config))
    if file is None:
        return Job("<stdin>", None, read, rules, stdin_text or "")
    try:
        return Job(display, file.read_bytes(), read, rules)
    except OSError as error:
        return f"{display}: cannot read: {error.strerror or error}"


def decoded_source(data: bytes) -> str:
    """The source text reporters quote, decoded as `read_file` does (without the NLP)."""
    text = decode_bytes(data).text or ""
    return text[1:] if text.startswith("\ufeff") else text
