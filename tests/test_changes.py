"""--diff-base / --changed-only: only diagnostics on lines changed since a git ref."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from factlint.shells.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
WRONG = "He arrived on Wednesday, October 1.\n"  # 2019-10-01 was a Tuesday


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    out = io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return main(args, stdout=out), out.getvalue()
    finally:
        os.chdir(previous)


def test_diff_base_reports_only_changed_lines_and_new_files(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    old = tmp_path / "old.txt"
    old.write_text("date 2019-10-04\n\n" + WRONG + "\nNothing else.\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "archive")
    old.write_text("date 2019-10-04\n\n" + WRONG + "\nThen on Friday, October 3, he left.\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("date 2019-10-04 " + WRONG, encoding="utf-8")
    code, out = run(["check", ".", "--format", "text", "--diff-base", "HEAD"], tmp_path)
    assert out.splitlines() == [
        "new.txt:1:31: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]",
        "old.txt:5:9: error: October 3, 2019 was a Thursday, not a Friday [weekday-mismatch]",
    ]
    assert code == 1
    code, out = run(["check", ".", "--format", "text"], tmp_path)
    assert len(out.splitlines()) == 3  # without the filter the old line 3 is reported too


def test_changed_only_outside_a_repository_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    code, _ = run(["check", "a.txt", "--changed-only"], tmp_path)
    assert code == 2
    assert "factlint: error: git rev-parse --show-toplevel:" in capsys.readouterr().err
