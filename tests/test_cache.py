"""The results cache: hits, misses, invalidation, `factlint clean`, and no spaCy on a full hit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import factlint.engine.api
from factlint.core.diagnostics import Diagnostic
from factlint.engine.api import LintOptions, lint_paths
from factlint.engine.cache import Cache
from factlint.shells.cli import main
from tests.conftest import REPO, SEED

SELECT = "weekday-mismatch,shout"
PACK = """
id: shout
extends: pattern
severity: {severity}
message: "shouting: {{text}}"
description: Words in capitals.
regex: "\\\\b[A-Z]{{4,}}\\\\b"
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("On Friday, October 4, 2019, NOTHING happened.\n", encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(PACK.format(severity="warning"), encoding="utf-8")
    return tmp_path


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files each run analysed (the rest came from the cache)."""
    seen: list[str] = []
    real = factlint.engine.api.run_jobs

    def spy(jobs, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(job.display for job in jobs)
        return real(jobs, *args, **kwargs)

    monkeypatch.setattr(factlint.engine.api, "run_jobs", spy)
    return seen


def run(workspace: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str]:
    args = ["check", str(workspace / "a.txt"), str(workspace / "b.txt"), "--rules", str(workspace / "pack.yaml")]
    code = main([*args, "--select", SELECT, "--format", "json", "--jobs", "1", "--cache-dir", str(workspace / "c"), *flags])
    return code, capsys.readouterr().out


def test_second_run_is_served_from_the_cache_with_the_same_report(workspace: Path, analysed: list[str], capsys) -> None:
    first = run(workspace, capsys)
    assert sorted(Path(p).name for p in analysed) == ["a.txt", "b.txt"]
    analysed.clear()
    second = run(workspace, capsys)
    assert analysed == []
    assert first == second
    report = json.loads(first[1])
    found = [(Path(d["path"]).name, d["rule"], d["start"]["line"], d["start"]["column"]) for d in report["diagnostics"]]
    assert ("a.txt", "weekday-mismatch", 19, 58) in found
    assert [f for f in found if f[0] == "b.txt"] == [("b.txt", "shout", 1, 29)]
    assert first[0] == 1
    assert (workspace / "c" / "CACHEDIR.TAG").is_file()
    assert not list((workspace / "c").rglob("*.tmp"))


def test_content_rule_and_date_changes_invalidate_only_what_they_touch(workspace: Path, analysed: list[str], capsys) -> None:
    run(workspace, capsys)
    analysed.clear()
    (workspace / "b.txt").write_text("On Friday, October 4, 2019, NOTHING WHATSOEVER happened.\n", encoding="utf-8")
    _code, out = run(workspace, capsys)
    assert [Path(p).name for p in analysed] == ["b.txt"]
    assert [d["text"] for d in json.loads(out)["diagnostics"] if d["rule"] == "shout" and d["path"].endswith("b.txt")] == [
        "NOTHING",
        "WHATSOEVER",
    ]
    analysed.clear()
    (workspace / "pack.yaml").write_text(PACK.format(severity="error"), encoding="utf-8")
    _code, out = run(workspace, capsys)
    assert sorted(Path(p).name for p in analysed) == ["a.txt", "b.txt"]
    assert {d["severity"] for d in json.loads(out)["diagnostics"] if d["rule"] == "shout"} == {"error"}
    analysed.clear()
    run(workspace, capsys, "--date", "2019-10-04")
    assert sorted(Path(p).name for p in analysed) == ["a.txt", "b.txt"]
    analysed.clear()
    run(workspace, capsys, "--date", "2019-10-04")
    assert analysed == []


def test_no_cache_reads_and_writes_nothing(workspace: Path, analysed: list[str], capsys) -> None:
    for _ in range(2):
        run(workspace, capsys, "--no-cache")
    assert len(analysed) == 4
    assert not (workspace / "c").exists()


def test_a_corrupt_entry_is_a_miss_and_is_rewritten(workspace: Path, analysed: list[str], capsys) -> None:
    first = run(workspace, capsys)
    for entry in (workspace / "c").rglob("*.json"):
        entry.write_text('{"key": "x", "diagn', encoding="utf-8")
    analysed.clear()
    assert run(workspace, capsys) == first
    assert len(analysed) == 2
    analysed.clear()
    assert run(workspace, capsys) == first
    assert analysed == []


def test_clean_removes_the_cache(workspace: Path, capsys) -> None:
    run(workspace, capsys)
    assert main(["clean", "--cache-dir", str(workspace / "c")]) == 0
    assert capsys.readouterr().out == f"removed {workspace / 'c'}\n"
    assert not (workspace / "c").exists()
    assert main(["clean", "--cache-dir", str(workspace / "c")]) == 0
    assert capsys.readouterr().out == f"no cache at {workspace / 'c'}\n"


def test_diagnostics_survive_the_json_round_trip(workspace: Path) -> None:
    result = lint_paths([str(workspace / "a.txt")], LintOptions(select=("weekday-mismatch",), use_config=False))
    assert result.diagnostics
    for diagnostic in result.diagnostics:
        back = Diagnostic.from_dict(json.loads(json.dumps(diagnostic.to_dict(offsets=True))))
        assert back == diagnostic and back.quoted == diagnostic.quoted
    cache = Cache(workspace / "c")
    cache.put("a.txt", "k1", result.diagnostics)
    assert cache.get("a.txt", "k1") == result.diagnostics
    assert cache.get("a.txt", "k2") is None and cache.get("other.txt", "k1") is None


def test_a_run_served_entirely_from_the_cache_does_not_import_spacy(workspace: Path, capsys) -> None:
    first = run(workspace, capsys)
    script = (
        "import sys\n"
        "from factlint.shells.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', code, file=sys.stderr)\n"
    )
    args = ["check", str(workspace / "a.txt"), str(workspace / "b.txt"), "--rules", str(workspace / "pack.yaml")]
    args += ["--select", SELECT, "--format", "json", "--jobs", "1", "--cache-dir", str(workspace / "c")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=workspace)
    assert done.stderr.strip().splitlines()[-1] == "NO-SPACY 1"
    assert done.stdout == first[1]


def test_token_pattern_rules_need_no_spacy_on_a_full_cache_hit_and_bad_ones_are_still_refused(workspace: Path, capsys) -> None:
    """spaCy's verdict on a user rule's token patterns is kept in the cache folder (by the
    patterns and spaCy's version): checking them imports spaCy, which a full hit must not."""
    pack = workspace / "ner.yaml"
    pack.write_text((REPO / "benchmarks" / "rules" / "ner.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", str(workspace / "a.txt"), "--rules", str(pack), "--select", "weekday-mismatch,bench-place-weekday"]
    args += ["--format", "json", "--jobs", "1", "--cache-dir", str(workspace / "c")]
    first = main(args), capsys.readouterr().out
    [pack_entry] = (workspace / "c").glob("v*/rules/*.json")  # the loaded pack, user patterns validated
    assert {rule["id"] for rule in json.loads(pack_entry.read_text(encoding="utf-8"))} >= {"bench-place-weekday"}
    script = (
        "import sys\n"
        "from factlint.shells.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', code, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=workspace)
    assert done.stderr.strip().splitlines()[-1] == "NO-SPACY 1"
    assert (1, done.stdout) == first and '"rule": "bench-place-weekday"' in done.stdout
    text = pack.read_text(encoding="utf-8").replace('{LOWER: "on"}', "{LOWER: {IN: 5}}")
    pack.write_text(text, encoding="utf-8")
    broken = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, cwd=workspace)
    lines = text.splitlines()
    bad = next(i for i, x in enumerate(lines) if "IN: 5" in x)
    key = max(i for i in range(bad) if lines[i].strip() == "tokens:") + 1  # errors name the rule's `tokens:` key
    assert broken.returncode == 0 and broken.stderr.strip().splitlines()[-1] == "SPACY 2"
    assert f"ner.yaml:{key}:5: spaCy rejects the token patterns" in broken.stderr
