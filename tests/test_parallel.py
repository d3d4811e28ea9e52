"""--jobs: the same bytes out whatever the number of processes and the state of the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

import factlint.engine.parallel
from factlint.engine.parallel import Job, worker_count
from factlint.read.reader import ReadOptions
from factlint.shells.cli import main
from tests.conftest import SEED


def _job(size: int) -> Job:
    return Job("x.txt", b"x" * size, ReadOptions(), ())


def test_worker_count_is_bounded_by_request_files_and_text_size() -> None:
    big = factlint.engine.parallel.MIN_BYTES_PER_WORKER
    assert worker_count([_job(big)] * 8, 64) == 8
    assert worker_count([_job(big)] * 8, 2) == 2
    assert worker_count([_job(10)] * 8, 2) == 1  # too little text to pay for a second model load
    assert worker_count([_job(big)], 4) == 1


def test_reports_are_byte_identical_across_jobs_and_cache_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(factlint.engine.parallel, "MIN_BYTES_PER_WORKER", 0)  # really start two workers on small files
    monkeypatch.setattr(factlint.engine.parallel, "MAX_CHUNK", 1)
    seed = SEED.read_text(encoding="utf-8")
    variants = [seed, seed.replace("Wednesday, October 1", "Thursday, October 1"), "On Tuesday, Oct. 7, 2019, it rained.\n"]
    for index, text in enumerate(variants * 2):
        (tmp_path / f"article-{index}.txt").write_text(text, encoding="utf-8")
    outputs = []
    for flags in (
        ["--jobs", "1", "--no-cache"],
        ["--jobs", "2", "--no-cache"],
        ["--jobs", "2", "--cache-dir", str(tmp_path / "cache")],  # cold: fills the cache from the workers
        ["--jobs", "2", "--cache-dir", str(tmp_path / "cache")],  # warm
        ["--jobs", "1", "--cache-dir", str(tmp_path / "cache")],
    ):
        code = main(["check", str(tmp_path), "--format", "json", "--date", "2019-10-04", *flags])
        outputs.append((code, capsys.readouterr().out))
    assert all(output == outputs[0] for output in outputs)
    code, out = outputs[0]
    assert code == 1
    assert out.count('"rule": "weekday-mismatch"') == 6  # Wednesday and Thursday, October 1, and Tuesday, Oct. 7, twice each


def test_the_command_tunes_the_collector_and_main_leaves_it_alone(monkeypatch, capsys) -> None:
    import gc
    import sys

    from factlint.shells.cli import main, run

    before = gc.get_threshold()
    try:
        assert main(["rules", "--format", "json"]) == 0 and gc.get_threshold() == before
        monkeypatch.setattr(sys, "argv", ["factlint", "rules", "--format", "json"])
        assert run() == 0
        assert gc.get_threshold() == (50_000, 20, 100)
        assert '"weekday-mismatch"' in capsys.readouterr().out
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_html_report_is_byte_identical_across_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The timelines are made in the workers, next to the diagnostics, and come back as data."""
    monkeypatch.setattr(factlint.engine.parallel, "MIN_BYTES_PER_WORKER", 0)
    monkeypatch.setattr(factlint.engine.parallel, "MAX_CHUNK", 1)
    seed = SEED.read_text(encoding="utf-8")
    for index, text in enumerate([seed, "On Tuesday, Oct. 7, 2019, it rained.\n", seed.replace("2016", "2015")]):
        (tmp_path / f"article-{index}.txt").write_text(text, encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.html"
        argv = ["check", str(tmp_path), "--format", "html", "--output-file", str(out), "--jobs", jobs, "--no-cache"]
        assert main(argv) == 1
        reports.append(out.read_text(encoding="utf-8"))
    assert reports[0] == reports[1]
    assert reports[0].count('class="fl-timeline-svg"') >= 3 and ">#1 first met<" in reports[0]
