"""The results cache against a hostile checkout, a full disk and malformed entries (issue 17,
items 3, 10 and 13): it writes only inside its own folder and never through a symlink, leaves
no temporary file behind, refuses to `clean` a folder it did not make, reads a wrong-shaped
entry as a miss, and keys every file a rule reads (a lexicon relative to the rule file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.engine.cache import Cache
from factlint.shells.cli import main
from tests.conftest import REPO, SEED

FLAGS = ["--select", "weekday-mismatch", "--format", "json", "--jobs", "1"]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def check(article: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str, str]:
    code = main(["check", str(article), *FLAGS, *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def weekday_errors(report: str) -> list[str]:
    return [d["rule"] for d in json.loads(report)["diagnostics"]]


def test_symlinked_gitignore_and_cachedir_tag_are_replaced_and_their_targets_untouched(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cache = tmp_path / "hostile"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(victim)
    (cache / "CACHEDIR.TAG").symlink_to(outside / "planted")  # dangling: a write through it creates it
    code, out, _ = check(article, capsys, "--cache-dir", str(cache))
    assert code == 1 and weekday_errors(out) == ["weekday-mismatch"]
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    for name in (".gitignore", "CACHEDIR.TAG"):
        assert not (cache / name).is_symlink() and (cache / name).is_file()
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert check(article, capsys, "--cache-dir", str(cache))[:2] == (code, out)


def test_a_symlinked_folder_inside_the_cache_is_not_written_through(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = tmp_path / "hostile"
    cache.mkdir()
    (cache / "v1").symlink_to(outside, target_is_directory=True)
    code, out, _ = check(article, capsys, "--cache-dir", str(cache))
    assert code == 1 and weekday_errors(out) == ["weekday-mismatch"]
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("kind", ["symlink", "file"])
def test_a_cache_dir_that_is_a_symlink_or_a_file_warns_and_the_files_are_still_checked(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    cache = tmp_path / "cache"
    if kind == "symlink":
        cache.symlink_to(target, target_is_directory=True)
    else:
        cache.write_text("not a folder\n", encoding="utf-8")
    code, out, err = check(article, capsys, "--cache-dir", str(cache))
    assert code == 1 and weekday_errors(out) == ["weekday-mismatch"]
    problem = "is a symbolic link" if kind == "symlink" else "is not a folder"
    assert f"factlint: warning: {cache}: the cache folder {problem}" in err
    assert "checking without the results cache" in err and "Traceback" not in err
    assert list(target.iterdir()) == []
    if kind == "file":
        assert cache.read_text(encoding="utf-8") == "not a folder\n"


def test_clean_removes_only_a_folder_with_factlints_cachedir_tag(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "src"
    precious.mkdir()
    (precious / "story.md").write_text("keep me\n", encoding="utf-8")
    assert main(["clean", "--cache-dir", str(precious)]) == 2
    assert f"{precious}: not a factlint cache" in capsys.readouterr().err
    assert (precious / "story.md").read_text(encoding="utf-8") == "keep me\n"
    (precious / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# made by borg\n", encoding="utf-8")
    assert main(["clean", "--cache-dir", str(precious)]) == 2  # somebody else's cache
    assert (precious / "story.md").exists()
    link = tmp_path / "link"
    link.symlink_to(precious, target_is_directory=True)
    assert main(["clean", "--cache-dir", str(link)]) == 2
    assert "is a symbolic link" in capsys.readouterr().err and (precious / "story.md").exists()
    cache = tmp_path / "cache"
    check(article, capsys, "--cache-dir", str(cache))
    assert main(["clean", "--cache-dir", str(cache)]) == 0
    assert capsys.readouterr().out == f"removed {cache}\n" and not cache.exists()


WRONG_SHAPES = ["[]", '"str"', "5", "null", '{"key": "%s", "diagnostics": "x"}', '{"key": "%s", "diagnostics": [1]}']


@pytest.mark.parametrize("entry", WRONG_SHAPES)
def test_an_entry_of_the_wrong_shape_is_a_miss(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str], entry: str
) -> None:
    cache = tmp_path / "cache"
    first = check(article, capsys, "--cache-dir", str(cache))
    [stored] = [p for p in cache.glob("v1/??/*.json")]
    key = json.loads(stored.read_text(encoding="utf-8"))["key"]
    stored.write_text(entry % key if "%s" in entry else entry, encoding="utf-8")
    assert Cache(cache).get(str(article), key) is None
    assert check(article, capsys, "--cache-dir", str(cache)) == first
    assert json.loads(stored.read_text(encoding="utf-8"))["key"] == key  # rewritten


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "factlint", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_a_lexicon_relative_to_its_rule_file_is_part_of_the_key(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    lexicon = house / "holidays.yaml"
    lexicon.write_text('holidays:\n  - name: Founders Day\n    fixed: "03-05"\n', encoding="utf-8")
    (house / "founders.yaml").write_text(
        "id: founders-day\nextends: holiday-date\nseverity: error\nlexicon: holidays.yaml\n"
        'message: "{holiday} {year} is {expected:%B %-d}, not {stated:%B %-d}"\ndescription: our own holiday\n',
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text("The paper turned 50 on Founders Day, March 5, 2019.\n", encoding="utf-8")
    args = ["check", "story.txt", "--rules", "house/founders.yaml", "--select", "founders-day", "--format", "text", "--jobs", "1"]
    assert run_cli(tmp_path, *args).returncode == 0  # writes the cache
    assert run_cli(tmp_path, *args).returncode == 0  # served from it
    lexicon.write_text('holidays:\n  - name: Founders Day\n    fixed: "03-04"\n', encoding="utf-8")
    fresh = run_cli(tmp_path, *args, "--no-cache")
    assert fresh.returncode == 1 and "Founders Day 2019 is March 4, not March 5" in fresh.stdout
    cached = run_cli(tmp_path, *args)
    assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout)


@pytest.mark.skipif(not hasattr(os, "setrlimit") and sys.platform != "linux", reason="needs RLIMIT_FSIZE")
def test_a_full_disk_leaves_no_temporary_files(tmp_path: Path, article: Path) -> None:
    """RLIMIT_FSIZE makes every write past 100 bytes fail (EFBIG), as a full disk's ENOSPC
    does: the entries fail to be written, the report is still whole, and no *.tmp is left."""
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))\n"
        "from factlint.shells.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    args = ["check", str(article), *FLAGS, "--cache-dir", str(cache)]
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 1 and weekday_errors(done.stdout) == ["weekday-mismatch"], done.stderr
    assert cache.is_dir()
    assert [p.name for p in cache.rglob("*") if p.name.endswith(".tmp")] == []
    assert not any(cache.glob("v1/??/*.json"))  # nothing half-written passed for an entry


def test_a_failed_write_removes_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factlint.engine.cache as cache_module

    cache = Cache(tmp_path / "cache")
    cache.put("a.txt", "k", [])
    assert cache.get("a.txt", "k") == []

    def full(fd: int, data: memoryview) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module, "write_some", full)
    cache.put("a.txt", "k2", [])
    cache.put("b.txt", "k", [])
    assert cache.get("a.txt", "k") == [] and cache.get("a.txt", "k2") is None and cache.get("b.txt", "k") is None
    assert [p for p in (tmp_path / "cache").rglob("*") if p.name.endswith(".tmp")] == []
    assert cache.write(tmp_path / "elsewhere.json", "{}") is None and not (tmp_path / "elsewhere.json").exists()
