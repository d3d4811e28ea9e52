"""The installed package is complete: every subpackage and data file ships in the wheel.

Tests import factlint from the source tree, so a package left out of pyproject.toml would
pass them and still break `pip install . && factlint check seeds/`; these tests catch that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_has_an_init_and_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = [p for p in (ROOT / "factlint").rglob("*") if p.is_dir() and p.name != "__pycache__"]
    assert [f for f in folders if not (f / "__init__.py").exists()] == []
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "factlint").rglob("__init__.py")}
    assert found - listed == set()


def test_installed_factlint_checks_the_seed_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = subprocess.run(
        [sys.executable, "-c", "import factlint; print(factlint.__file__)"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    if probe.returncode != 0 or Path(probe.stdout.strip()).resolve().is_relative_to(ROOT / "factlint"):
        pytest.skip("factlint is not installed as a package here (source checkout on PYTHONPATH, or editable)")
    seed = ROOT / "seeds" / "rappler-2019-10-04-duterte-putin.txt"
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", str(seed), "--format", "text", "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert f"{seed}:19:58: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]" in done.stdout.splitlines()


def test_every_built_in_rule_file_is_package_data() -> None:
    """Each file of the rule pack (rules/, shipped as factlint.builtin_rules) matches a
    package-data glob: a new lexicon folder without one would be missing from the wheel."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["factlint.builtin_rules"]
    files = [p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()]
    missing = [f for f in files if not any(fnmatch.fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)]
    assert files and missing == []
