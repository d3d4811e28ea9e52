"""--jobs: the same bytes out whatever the number of processes and the state of the cache."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import factlint.engine.parallel
from factlint.batch import CHUNK_LINES
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


def test_forked_workers_are_worth_starting_on_less_text() -> None:
    """A forked worker inherits the loaded model, so a second one pays off on less text than
    a spawned one, which loads its own."""
    forked = factlint.engine.parallel.MIN_BYTES_PER_FORKED_WORKER
    assert forked < factlint.engine.parallel.MIN_BYTES_PER_WORKER
    jobs = [_job(forked // 2)] * 3  # 1.5 forked workers' worth of text
    assert worker_count(jobs, 2, forked=True) == 2
    assert worker_count(jobs, 2, forked=False) == 1


def test_workers_are_not_forked_from_a_threaded_process() -> None:
    """A fork copies only the calling thread: a lock another thread holds (stdio, a progress
    bar's) would stay held in the worker forever."""
    import threading

    from factlint.engine.parallel import can_fork

    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert can_fork()  # and once it is alone again, it forks


def test_reports_are_byte_identical_across_jobs_and_cache_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(factlint.engine.parallel, "MIN_BYTES_PER_WORKER", 0)  # really start two workers on small files
    monkeypatch.setattr(factlint.engine.parallel, "MIN_BYTES_PER_FORKED_WORKER", 0)
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


def _children(pid: int) -> set[int]:
    """Live processes whose parent is `pid` (from /proc; zombies count as gone)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("source", ["files", "records"])
def test_workers_die_when_the_parent_is_killed(tmp_path: Path, source: str) -> None:
    """kill -9 of `factlint check --jobs 2` (files) or `check --input --jobs 2` (records)
    while its workers are busy: no worker outlives it (they used to live on with parent PID 1,
    ~175 MB each; the records' pool until 2026-12-04)."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    seed = SEED.read_text(encoding="utf-8")
    if source == "files":
        for index in range(8):  # 8 x 60 kB: enough text for two workers, and for them to be busy
            (tmp_path / f"article-{index}.txt").write_text(seed * 24, encoding="utf-8")
        args = [str(tmp_path), "--no-cache", "--format", "json"]
    else:  # three chunks of factlint.batch.CHUNK_LINES records: two workers, each busy for seconds
        records = tmp_path / "records.jsonl"
        lines = (json.dumps({"id": f"article-{index}", "text": seed}) + "\n" for index in range(3 * CHUNK_LINES))
        records.write_text("".join(lines), encoding="utf-8")
        args = ["--input", str(records)]
    parent = subprocess.Popen(
        [sys.executable, "-m", "factlint", "check", *args, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(SEED.parent.parent)},
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers |= _children(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the run never started two workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [w for w in workers if _alive(w)]
    finally:
        for pid in _children(parent.pid) if parent.poll() is None else ():
            os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)  # do not leave them to the next test
    assert survivors == []
