"""Checking the files a run must analyse on several cores.

Files go to worker processes in chunks; each worker loads the spaCy pipelines once
(factlint.nlp.pipeline.load_pipeline is cached per process) and analyses a chunk with one batched
stream. Outcomes come back in input order, so the report is the same for any --jobs.
A worker costs a model load, so a small run stays in-process.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING

from factlint.core.errors import SourceError
from factlint.engine.check import check_documents
from factlint.engine.options import Limits
from factlint.engine.timeline import timeline_of
from factlint.read.reader import ReadOptions, load_text, read_bytes

if TYPE_CHECKING:
    from factlint.core.diagnostics import Diagnostic
    from factlint.core.rule import Rule

MIN_BYTES_PER_WORKER = 200_000  # below this much text a worker's model load costs more than it saves
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


def worker_count(jobs: Sequence[Job], requested: int) -> int:
    size = sum(len(job.data) if job.data is not None else len(job.text) for job in jobs)
    by_size = math.ceil(size / MIN_BYTES_PER_WORKER) if MIN_BYTES_PER_WORKER else len(jobs)
    return max(1, min(requested, len(jobs), by_size))


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
    workers = worker_count(jobs, requested)
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
    with ProcessPoolExecutor(workers) as pool:
        for batch in pool.map(check_jobs, chunks, repeat(model), repeat(gating), repeat(timelines)):
            outcomes += batch
            if progress:
                progress(batch)
    return outcomes
