"""The one library call behind the CLI, the cache and the language server.

`lint_text` checks a string (a `factlint.Linter` built from the options, with the buffer's
configuration found from its folder); `lint_paths` checks files and folders: it finds each
file's configuration and rules, consults the results cache and hands the rest to
`factlint.engine.parallel`, whose chunks a `Linter` checks. Both read sources
into Documents, analyse them with one batched spaCy stream, run every enabled rule's
check kind, and turn findings into sorted Diagnostics. `analyse_paths` gives the analyses
themselves, read as `lint_paths` reads the files (the claims view shows them).

A run whose every file is a cache hit must start in a tenth of a second: this module imports
at its top only what finding files, their rules and their cache keys needs. The analysis,
the check kinds and the parallel driver (and through them spaCy, the claim extractors and
their compiled patterns) are imported by the functions that analyse, when they do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.core.data_cache import use_store
from factlint.core.diagnostics import Diagnostic, Location, Position, Severity, sort_diagnostics
from factlint.core.errors import SourceError
from factlint.core.result import LintResult
from factlint.core.rule import Rule
from factlint.core.safe_read import FileTooLarge, UnreadableFile, read_regular
from factlint.engine.cache import Cache, file_key, rules_fingerprint, run_settings
from factlint.engine.config import Config
from factlint.engine.discover import decoded_source, discover, display_name
from factlint.engine.options import DEFAULT_SUFFIXES, Limits, LintOptions
from factlint.engine.selection import config_for, rules_for
from factlint.read.options import ReadOptions

if TYPE_CHECKING:
    from factlint.analysis.document_analysis import Analysis
    from factlint.core.document import Document
    from factlint.engine.linter import Linter
    from factlint.engine.parallel import Job, Outcome

__all__ = [
    "DEFAULT_SUFFIXES",
    "LintOptions",
    "LintResult",
    "analyse_paths",
    "lint_paths",
    "lint_text",
    "lint_text_analysed",
    "prepare_text",
]

UNLIMITED = 1 << 62  # a limit of 0: no limit
BUDGET_RULES = frozenset({"file-too-large", "file-too-complex"})

# Components the claims view parses whole texts with: the event series need the parse.
VIEW_COMPONENTS = frozenset({"tagger", "parser", "ner"})


def lint_text(
    text: str, path: str = "<stdin>", options: LintOptions | None = None, rules: Sequence[Rule] | None = None
) -> list[Diagnostic]:
    """Check one article given as a string (Markdown when `path` ends in .md)."""
    return lint_text_analysed(text, path, options, rules)[0]


def lint_text_analysed(
    text: str, path: str = "<stdin>", options: LintOptions | None = None, rules: Sequence[Rule] | None = None
) -> tuple[list[Diagnostic], Analysis]:
    """`lint_text`, and the analysis its diagnostics came from (the language server's hover
    says how a date was read from it, with no second pass)."""

    from factlint.engine.linter import Linter

    options = options or LintOptions()
    linter = Linter.from_options(options, rules)
    document, active, model = prepare_text(text, path, options, rules, linter)
    limits = limits_for(options, config_for(None if path == "<stdin>" else Path(path), options))
    analysis, diagnostics = next(linter.check_documents([document], [active], model, limits=limits))
    return diagnostics, analysis


def prepare_text(
    text: str, path: str, options: LintOptions, rules: Sequence[Rule] | None = None, linter: Linter | None = None
) -> tuple[Document, list[Rule], str | None]:
    """The Document, the rules and the model `lint_text` uses for a buffer: the Linter's, with
    the configuration found from the buffer's folder (as for a file on the command line)."""
    if linter is None:
        from factlint.engine.linter import Linter

        linter = Linter.from_options(options, rules)
    from factlint.read.reader import load_text

    config, active, model = linter.for_path(path)
    file = None if path == "<stdin>" else Path(path)
    return load_text(text, path, read_options(options, config, file)), list(active), model


def read_options(options: LintOptions, config: Config, file: Path | None = None) -> ReadOptions:
    keys = {"front_matter_keys": config.front_matter_keys} if config.front_matter_keys else {}
    language = {"language": options.language} if options.language else {}
    configured = config.language_for(file)
    default = {"default_language": configured} if configured else {}
    return ReadOptions(dct=options.dct, markup=options.markup, **keys, **language, **default)


def run_jobs(
    jobs: Sequence[Job],
    model: str | None,
    gating: bool,
    requested: int,
    progress: Callable[[list[Outcome]], None] | None = None,
    timelines: bool = False,
) -> list[Outcome]:
    """The files the cache did not have, analysed (factlint.engine.parallel.run_jobs): the
    driver, and with it the analysis, is imported only when there is one."""
    if not jobs:
        return []
    from factlint.engine.parallel import run_jobs as run

    return run(jobs, model, gating, requested, progress, timelines)


def lint_paths(
    paths: Sequence[str],
    options: LintOptions | None = None,
    stdin_text: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LintResult:
    """Check files and folders. A file that cannot be read is an error; the rest are still checked.

    Files whose cached results are current (`options.cache_dir`) are not analysed again; the
    rest are analysed on up to `options.jobs` processes. The result does not depend on either.
    `options.timelines` adds each file's timeline and source (the HTML report); the cache holds
    only diagnostics, so then no file is read from it (each is analysed, and its entry written).
    `progress(done, total)` hears how many of the files to analyse are done.
    """
    options = options or LintOptions()
    files, errors = discover(paths, options.suffixes)
    explicit = {Path(p) for p in paths}
    result = LintResult(errors=errors)
    cache = Cache(options.cache_dir) if options.cache_dir is not None else None
    model = options.model
    jobs: list[_Job | _Hit | str] = []  # a str: the error of a file that cannot be read; a _Hit: known already
    packs: dict[tuple[Path, ...], tuple[Rule, ...]] = {}  # rule packs, loaded once per run
    rule_sets: dict[int, tuple[Config, tuple[Rule, ...]]] = {}  # a configuration's rules, when no per-file entry varies them
    configs: dict[Path, Config] = {}  # one lookup per folder and run (200 files stat-ed every parent 200 times)
    for path, display in files:
        file = None if display == "-" else path
        config = _config_in_run(file if file is not None else _stdin_path(options), options, configs)
        if file is not None and file not in explicit and config.excludes(file):
            continue
        model = model or config.model
        jobs.append(_job(file, display, options, config, stdin_text, packs, rule_sets))
    done: dict[int, Outcome | _Hit] = {}
    keys: dict[int, str] = {}
    fingerprints: dict[int, tuple[tuple[Rule, ...], str]] = {}  # by rule set (the value keeps it alive)
    for index, job in enumerate(jobs):
        if isinstance(job, _Hit):
            done[index] = job
        elif cache is not None and isinstance(job, _Job) and job.data is not None:
            if id(job.rules) not in fingerprints:
                fingerprints[id(job.rules)] = (job.rules, rules_fingerprint(job.rules))
            fingerprint = fingerprints[id(job.rules)][1]
            keys[index] = file_key(job.data, job.rules, run_settings(model, options.gating, job.read, cache), fingerprint)
            cached = None if options.timelines else cache.get(job.display, keys[index])
            if cached is not None:
                done[index] = _Hit(tuple(cached), decoded_source(job.data) if cached else "")
    missing = [index for index, job in enumerate(jobs) if isinstance(job, _Job) and index not in done]
    pending = iter(missing)
    analysed = [0]

    def finished(batch: list[Outcome]) -> None:
        """Outcomes arrive in order, a batch at a time: cache them while the workers go on."""
        for outcome in batch:
            index = next(pending)
            done[index] = outcome
            over = any(d.rule in BUDGET_RULES for d in outcome.diagnostics)  # depends on limits and time: not cached
            if cache is not None and index in keys and not outcome.error and not over:
                cache.put(jobs[index].display, keys[index], outcome.diagnostics)  # type: ignore[union-attr]
        analysed[0] += len(batch)
        if progress:
            progress(analysed[0], len(missing))

    if cache is not None and missing:  # lexicons and patterns, parsed once and kept as JSON beside the results
        use_store(
            lambda key: cache.read(cache.blob_path("data", key)),
            lambda key, text: cache.write(cache.blob_path("data", key), text),
        )
    try:
        run_jobs([_real(jobs[i]) for i in missing], model, options.gating, options.jobs, finished, options.timelines)  # type: ignore[arg-type]
    finally:
        use_store(None)
    for index, job in enumerate(jobs):
        error = job if isinstance(job, str) else done[index].error
        if error:
            result.errors.append(error)
            continue
        display = job.display if isinstance(job, _Job) else done[index].diagnostics[0].location.path
        result.files.append(display)
        result.diagnostics.extend(done[index].diagnostics)
        if done[index].diagnostics or options.timelines:
            result.sources[display] = done[index].source
        if done[index].timeline is not None:
            result.timelines[display] = done[index].timeline
    result.diagnostics = sort_diagnostics(result.diagnostics)
    return result


def _config_in_run(path: Path | None, options: LintOptions, configs: dict[Path, Config]) -> Config:
    """The configuration of a file, found once per folder in a run: the files of one folder
    share it (an edited configuration is still seen at the next run or lint). The folder is
    the one the path names, unresolved (resolving every file's path was a tenth of a cached
    run): two spellings of one folder are looked up twice, never one for another."""
    if path is None or not options.use_config or options.config is not None:
        return config_for(path, options)
    folder = path.parent
    if folder not in configs:
        configs[folder] = config_for(path, options)
    return configs[folder]


def limits_for(options: LintOptions, config: Config) -> Limits:
    """The budgets for one file: the caller's, else its configuration's, else the defaults."""
    return options.limits or config.limits or Limits()


def budget_diagnostic(rule: str, display: str, message: str) -> Diagnostic:
    """A file over a budget, reported at its first character: an error, since nothing or
    not everything in it was checked (a CI step must not pass it silently)."""
    return Diagnostic(rule, Severity.ERROR, message, Location(display, Position(1, 1), Position(1, 1), 0, 0))


def _job(
    file: Path | None,
    display: str,
    options: LintOptions,
    config: Config,
    stdin_text: str | None,
    packs: dict[tuple[Path, ...], tuple[Rule, ...]],
    rule_sets: dict[int, tuple[Config, tuple[Rule, ...]]],
) -> _Job | _Hit | str:
    """One file's job. `rule_sets`: the rules of each configuration of a run, shared by its files
    when the configuration has no per-file entries (selecting 200 times gave 200 equal tuples,
    each hashed again for its cache key)."""
    read = read_options(options, config, file)
    shared = file is not None and not config.per_file
    if shared and id(config) in rule_sets:
        rules = rule_sets[id(config)][1]
    else:
        rules = tuple(rules_for(file if file is not None else _stdin_path(options), options, config, packs))
        if shared:
            rule_sets[id(config)] = (config, rules)
    limits = limits_for(options, config)
    if file is None:
        return _stdin_job(options, config, stdin_text or "", limits)
    try:
        return _Job(display, read_regular(file, limits.file_bytes or UNLIMITED, shown=display), read, rules, limits=limits)
    except FileTooLarge as error:
        message = f"file is {error.size:,} bytes, over the limit of {error.limit:,} (limits.file-bytes): not checked"
        return _Hit((budget_diagnostic("file-too-large", display, message),))
    except UnreadableFile as error:
        return str(error)


def _stdin_path(options: LintOptions) -> Path | None:
    return Path(options.stdin_filename) if options.stdin_filename else None


def _stdin_job(options: LintOptions, config: Config, text: str, limits: Limits) -> _Job:
    """Standard input as the file `--stdin-filename` names (shown by that name, read as its
    suffix says), else as `<stdin>`: Markdown when it opens with front matter (`cat story.md |
    factlint check -` must find the date there), plain text otherwise."""
    from factlint.read.front_matter import FRONT_MATTER_OPENING

    read = read_options(options, config, _stdin_path(options))
    rules = tuple(rules_for(_stdin_path(options), options, config))
    name = display_name(options.stdin_filename) if options.stdin_filename else "<stdin>"
    if read.markup is None and not options.stdin_filename and FRONT_MATTER_OPENING.match(text):
        read = replace(read, markup="markdown")
    return _Job(name, None, read, rules, text, limits)


@dataclass(frozen=True)
class _Job:
    """A file to check, as factlint.engine.parallel.Job holds it, before it is known whether
    the cache has it (the driver's own Job is made only for a miss: importing it imports the analysis)."""

    display: str
    data: bytes | None
    read: ReadOptions
    rules: tuple[Rule, ...]
    text: str = ""
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class _Hit:
    """A file's outcome known without analysing it (a cache hit, a file over its size budget),
    as factlint.engine.parallel.Outcome holds it."""

    diagnostics: tuple[Diagnostic, ...] = ()
    source: str = ""
    error: str = ""
    timeline: dict | None = None  # never from the cache: a run that wants timelines analyses


def _real(job: _Job) -> Job:
    from factlint.engine.parallel import Job

    return Job(job.display, job.data, job.read, job.rules, job.text, job.limits)


def analyse_paths(paths: Sequence[str], options: LintOptions | None = None) -> tuple[list[Analysis], list[str]]:
    """Files read as `lint_paths` reads them (configuration, publication date, markup), each
    analysed whole: with a trained pipeline installed, every sentence is parsed (the event
    series a fact-checker reads need the parse everywhere, not only where a rule would look)."""
    from factlint.analysis.document_analysis import analyse
    from factlint.nlp.pipeline import load_language_pipeline, load_language_trained, load_pipeline
    from factlint.read.reader import read_bytes

    options = options or LintOptions()
    files, errors = discover(paths, options.suffixes)
    documents: list[Document] = []
    model = options.model
    for path, display in files:
        config = config_for(None if display == "-" else path, options)
        model = model or config.model
        try:
            data = read_regular(path, limits_for(options, config).file_bytes or UNLIMITED, shown=display)
            documents.append(read_bytes(data, display, read_options(options, config, path)))
        except (UnreadableFile, SourceError) as error:
            errors.append(str(error))
    trained = load_pipeline(model, VIEW_COMPONENTS)
    found: dict[int, Analysis] = {}
    for language in dict.fromkeys(d.language for d in documents):
        chosen = [i for i, d in enumerate(documents) if d.language == language]
        docs = [documents[i] for i in chosen]
        if language == "en":
            analysed = analyse(docs, load_pipeline(None), trained=trained if trained.trained else None)
        else:  # another language: its own tokenizer, and its trained pipeline where one is installed
            analysed = analyse(docs, load_language_pipeline(language), trained=load_language_trained(language))
        found.update(zip(chosen, analysed, strict=True))
    return [found[i] for i in range(len(documents))], errors
