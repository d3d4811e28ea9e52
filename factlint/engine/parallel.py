"""Checking the files a run must analyse on several cores.

A chunk is checked by a `factlint.engine.linter.Linter` with the run's model and gating, each
file with the rules `lint_paths` resolved for it (its own configuration and overrides).

Files go to worker processes in chunks; each worker loads the spaCy pipelines once
(factlint.nlp.pipeline.load_pipeline is cached per process) and analyses a chunk with one batched
stream. Outcomes come back in input order, so the report is the same for any --jobs.
A worker costs a model load, so a small run stays in-process.

Where the platform forks (Linux, and any POSIX system while this process has one thread),
the pipelines are loaded here first and the workers are forked after: they inherit the loaded
model instead of each loading their own, so a second worker costs a fork, not a second model
load, and `--jobs 2` is not slower than `--jobs 1`. Elsewhere they are spawned and load it.

Workers die with their parent: a `kill -9` of `factlint check` must not leave them running
with nobody to read their results (on Linux the kernel sends them SIGKILL, PR_SET_PDEATHSIG;
everywhere a watchdog thread in each worker exits when its parent process is gone).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING

from factlint.core.errors import SourceError
from factlint.engine.check import check_documents, required_components
from factlint.engine.options import Limits
from factlint.engine.timeline import timeline_of
from factlint.nlp.pipeline import load_pipeline
from factlint.read.reader import ReadOptions, load_text, read_bytes

if TYPE_CHECKING:
    from factlint.core.diagnostics import Diagnostic
    from factlint.core.rule import Rule

# Below this much text a second worker costs more than it saves: a spawned worker loads the
# model (~2 s of CPU), a forked one only pickles its results back, but the parent's own share
# of the work must still outweigh starting it.
MIN_BYTES_PER_WORKER = 200_000
MIN_BYTES_PER_FORKED_WORKER = 100_000
WATCHDOG_SECONDS = 1.0  # how often a worker checks that its parent is alive (where no PDEATHSIG)
PR_SET_PDEATHSIG = 1
# Files per task: the trained pipeline batches the chunks of a task's files, and NER on short
# windows runs 10-15% faster in batches of 128 than of 32; a task is still at most a quarter of
# a worker's share (run_jobs), so the load stays balanced.
MAX_CHUNK = 128


@dataclass(frozen=True)
class Job:
    display: str
    data: bytes | None  # the file's bytes; None: `text` is standard input
    read: ReadOptions
    rules: tuple[Rule, ...]
    text: str = ""
    limits: Limits = field(default_factory=Limits)  # the file's budgets (its configuration's)


@dataclass(frozen=True)
class Outcome:
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str = ""  # the file's text when there are diagnostics (reporters quote it)
    error: str = ""  # the file could not be read
    timeline: dict | None = None  # asked for (`timelines`): the file's timeline, made in the worker from its analysis


def check_jobs(jobs: Sequence[Job], model: str | None, gating: bool, timelines: bool = False) -> list[Outcome]:
    """Check `jobs` in this process with one batched NLP stream; `timelines`: each outcome also
    carries its file's timeline and source (made here, where the analysis is: only plain data
    crosses back from a worker process)."""
    outcomes: list[Outcome] = [Outcome()] * len(jobs)
    slots, documents, rule_sets, limits = [], [], [], []
    for index, job in enumerate(jobs):
        try:
            document = (
                read_bytes(job.data, job.display, job.read)
                if job.data is not None
                else load_text(job.text, job.display, job.read)
            )
        except SourceError as error:
            outcomes[index] = Outcome(error=str(error))
            continue
        slots.append(index)
        documents.append(document)
        rule_sets.append(job.rules)
        limits.append(job.limits)
    checked = check_documents(documents, rule_sets, model, gating, limits=limits)
    for index, document, (analysis, diagnostics) in zip(slots, documents, checked, strict=True):
        if timelines:
            outcomes[index] = Outcome(tuple(diagnostics), document.source, timeline=timeline_of(analysis))
        else:
            outcomes[index] = Outcome(tuple(diagnostics), document.source if diagnostics else "")
    return outcomes


def worker_count(jobs: Sequence[Job], requested: int, forked: bool = False) -> int:
    """How many processes the work is worth: never more than asked or than there are files,
    and one more only per `MIN_BYTES_PER_WORKER` of text (less where workers are forked with
    the model already loaded)."""
    size = sum(len(job.data) if job.data is not None else len(job.text) for job in jobs)
    per_worker = MIN_BYTES_PER_FORKED_WORKER if forked else MIN_BYTES_PER_WORKER
    by_size = math.ceil(size / per_worker) if per_worker else len(jobs)
    return max(1, min(requested, len(jobs), by_size))


def can_fork() -> bool:
    """Whether workers may be forked from this process: a POSIX fork start method, and no
    other thread that could hold a lock (stdio, logging, a progress bar's) at the fork."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when `parent` ends, even by kill -9.

    On Linux the kernel does it (PR_SET_PDEATHSIG, SIGKILL: a worker has nothing to clean up,
    the parent writes the cache); the watchdog thread covers other systems, and a parent that
    died before prctl took effect is caught by the first check."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watchdog still works
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCHDOG_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="factlint-parent-watchdog", daemon=True).start()


def worker_pool(workers: int, forked: bool) -> ProcessPoolExecutor:
    """The worker processes of every `--jobs N` run (files here, records in factlint.batch):
    forked (`forked`, from `can_fork()`, after the caller has loaded what they should inherit)
    or spawned, and ended with this process, so that a `kill -9` of the run leaves none behind."""
    context = multiprocessing.get_context("fork" if forked else None)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),))


def preload(jobs: Sequence[Job], model: str | None) -> None:
    """Load the pipelines `check_jobs` will ask for (the same cached calls, the same keys), so
    that forked workers inherit them."""
    needed = required_components(rule for job in jobs for rule in job.rules)
    load_pipeline(None)
    if needed or model:
        load_pipeline(model, needed)


def run_jobs(
    jobs: Sequence[Job],
    model: str | None,
    gating: bool,
    requested: int,
    progress: Callable[[list[Outcome]], None] | None = None,
    timelines: bool = False,
) -> list[Outcome]:
    """Outcomes of `jobs`, in order, using up to `requested` processes (1: this one).
    `progress(outcomes)` hears each batch of outcomes as it is done, in order (a progress bar,
    and cache writes while the workers go on)."""
    if not jobs:
        return []  # every file was cached: do not so much as import spaCy
    forked = requested > 1 and can_fork()
    workers = worker_count(jobs, requested, forked)
    outcomes: list[Outcome] = []
    if workers <= 1:
        batches: Iterable[list[Outcome]] = (
            check_jobs(jobs[start : start + MAX_CHUNK], model, gating, timelines) for start in range(0, len(jobs), MAX_CHUNK)
        )
        for batch in batches:
            outcomes += batch
            if progress:
                progress(batch)
        return outcomes
    size = max(1, min(MAX_CHUNK, math.ceil(len(jobs) / (workers * 4))))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    if forked:
        preload(jobs, model)
    with worker_pool(workers, forked) as pool:
        for batch in pool.map(check_jobs, chunks, repeat(model), repeat(gating), repeat(timelines)):
            outcomes += batch
            if progress:
                progress(batch)
    return outcomes
