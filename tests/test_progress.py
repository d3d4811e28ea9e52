"""Progress: lint_paths reports files done; the CLI shows a bar only on a terminal."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from factlint.engine.api import LintOptions, lint_paths
from factlint.shells.cli import main
from tests.conftest import SEED


def test_progress_counts_every_analysed_file(tmp_path: Path) -> None:
    for index in range(7):
        shutil.copy(SEED, tmp_path / f"a{index}.txt")
    calls: list[tuple[int, int]] = []
    result = lint_paths(
        [str(tmp_path)], LintOptions(jobs=1, select=("weekday-mismatch",)), progress=lambda d, t: calls.append((d, t))
    )
    assert len(result.files) == 7
    assert calls[-1] == (7, 7)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_no_bar_off_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(7):
        shutil.copy(SEED, tmp_path / f"a{index}.txt")
    out = io.StringIO()
    code = main(["check", str(tmp_path), "--format", "text", "--select", "weekday-mismatch", "--jobs", "1"], stdout=out)
    assert code == 1
    assert len(out.getvalue().splitlines()) == 7
    assert capsys.readouterr().err == ""  # stderr is not a terminal here: nothing extra
