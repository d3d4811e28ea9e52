"""An archive through every engine: the 2,452 te3-silver articles as records.

    .venv/bin/python benchmarks/archive.py [--limit N] [--repeat N] [--report benchmarks/reports/archive.md]

Corpus: ../shared/corpora/index/te3-silver.jsonl, each article a record `{id, text, markup:
"markdown"}` whose text carries its DCT as front matter (`date:`), and the same texts as
`.md` files for the reference `factlint check DIR --jobs 1`, so every engine reads exactly
the same bytes and must report exactly the same findings.

Runs, each a whole process timed on the wall clock:
- `factlint check DIR --jobs 1` (files: the reference for findings and memory);
- `factlint check --input records.jsonl --jobs 1` and `--jobs 2`;
- Dask: `factlint.dask.local_cluster` of 1 and of 2 worker processes (one thread each, Dask's
  upkeep quieted), the worker plugin warming the model, `lint_bag` over
  `dask.bag.read_text(...)` partitions; the CPU of the driver process (scheduler, nannies,
  client) and of the workers is recorded beside the wall time;
- Spark: `local[1]` and `local[2]`, `lint_rdd` over `textFile(...)` partitions;
- the machine: two copies of `check --input --jobs 1` at once, each on all the records,
  nothing shared: what the second core gives two processes of their own (twice the work in
  the time of both, against one alone). Until 2026-12-04 each copy took half the records
  (alternate lines); the halves do not hold equal work and the run lasted as long as the
  heavier one, so that measured the halves, not the machine, and the `--jobs 2` pool "beat" it.
Every engine gets the command line's chunk: partitions of 128 records on average (the
records' bytes divided by ceil(records / 128)): for the 2,452 articles, 19 Dask
partitions (a block ends at a line's end) and 20 Spark ones.
"Checking" is the wall time after start-up: for the command line, the run minus a
one-record run; for Dask, after the cluster is up and warmed; for Spark, after a warm-up job
on every Python worker, with the CPU of the JVM and of the Python workers while checking
beside it (the JVM's just-in-time compiler works through the first long job, on the core
local[1] leaves free and taken from the Python workers in local[2]). Peak memory: the
largest resident set among a command's processes (os.wait4); for Dask each worker's, for
Spark each Python worker's (the JVM is not counted).

The machine is shared (`uptime` is recorded) and its speed drifts by 10 to 20% over minutes:
with `--repeat N` every run is made N times, the runs alternating, and each counts its
fastest checking time (every repetition is listed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from factlint.batch import CHUNK_LINES  # a task of `check --input`: every engine's partition

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"
PYTHON = sys.executable
FACTLINT = [PYTHON, "-m", "factlint"]


@dataclass
class Result:
    name: str
    wall: float
    checking: float
    peak_mb: list[float]
    findings: list[str] = field(default_factory=list)
    note: str = ""
    work: int = 1  # how many times the run checked the records (two copies at once: 2)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args: list[str], cwd: Path, stdout: Path | None = None) -> tuple[float, float, int]:
    """A whole process: wall seconds, peak RSS in MB (it and its reaped workers), exit code."""
    with open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def write_corpus(folder: Path, limit: int | None) -> tuple[Path, Path, int]:
    """The articles as .md files and as JSON-lines records with the same text; the word count."""
    files = folder / "files"
    files.mkdir(parents=True)
    records = folder / "records.jsonl"
    words = 0
    with open(CORPUS, encoding="utf-8") as handle, open(records, "w", encoding="utf-8") as out:
        for index, line in enumerate(handle):
            if limit is not None and index >= limit:
                break
            row = json.loads(line)
            text = f"---\ndate: {row['dct']}\n---\n{row['text'].strip()}\n"
            words += len(row["text"].split())
            (files / f"{row['doc_id']}.md").write_text(text, encoding="utf-8")
            out.write(json.dumps({"id": row["doc_id"], "text": text, "markup": "markdown"}) + "\n")
    return files, records, words


def canonical(item: dict[str, Any]) -> str:
    """An output record without its path (a file's path or a record's id, both the article's id)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "path"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(item), sort_keys=True)


def file_findings(report: Path) -> list[str]:
    found = []
    for diagnostic in json.loads(report.read_text(encoding="utf-8"))["diagnostics"]:
        found.append(canonical({"id": Path(diagnostic["path"]).stem, **diagnostic}))
    return sorted(found)


def line_findings(output: Path) -> list[str]:
    with open(output, encoding="utf-8") as handle:
        return sorted(canonical(json.loads(line)) for line in handle if line.strip())


# -- drivers: run in a process of their own ------------------------------------------------


def drive_dask(records: Path, workers: int, out: Path, quiet: bool = True) -> dict[str, Any]:
    """`quiet=False`: a LocalCluster with Dask's default configuration, as one is started by
    hand (`LocalCluster(n_workers=N, threads_per_worker=1)`), to weigh what QUIET_CONFIG saves."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from factlint import Linter
    from factlint.dask import lint_bag, local_cluster, warm_workers

    start = time.perf_counter()
    if quiet:
        cluster = local_cluster(workers)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    linter = Linter()
    warm_workers(client, linter)
    count, size = _partitions(records)
    bag = db.read_text(str(records), blocksize=math.ceil(size / count)).map(json.loads)
    workers_cpu, driver_cpu = client.run(time.process_time), time.process_time()
    ready = time.perf_counter()
    items = lint_bag(bag, linter).compute()
    done = time.perf_counter()
    driver_cpu = time.process_time() - driver_cpu
    workers_cpu = sum(after - workers_cpu[address] for address, after in client.run(time.process_time).items())
    peaks = sorted(client.run(_rss_mb).values())
    client.close()
    cluster.close()
    _write(out, items)
    return {
        "startup": ready - start,
        "checking": done - ready,
        "peak_mb": peaks,
        "partitions": bag.npartitions,
        "driver_cpu": driver_cpu,
        "workers_cpu": workers_cpu,
    }


def _partitions(records: Path) -> tuple[int, int]:
    """How many partitions give the command line's chunk (CHUNK_LINES records on average), and the records' bytes."""
    with open(records, "rb") as handle:
        lines = sum(1 for _line in handle)
    return max(1, math.ceil(lines / CHUNK_LINES)), records.stat().st_size


def _warm_partition(items: Any) -> Any:
    from factlint import Linter

    list(items)
    Linter().warm()
    yield os.getpid()


def _peak_partition(items: Any) -> Any:
    list(items)
    yield (os.getpid(), _rss_mb())


def drive_spark(records: Path, workers: int, out: Path) -> dict[str, Any]:
    os.environ["PYSPARK_PYTHON"] = PYTHON
    os.environ["PYSPARK_DRIVER_PYTHON"] = PYTHON
    from pyspark.sql import SparkSession

    from factlint import Linter
    from factlint.spark import lint_rdd

    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("factlint-archive-benchmark")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    context = spark.sparkContext
    warmed = set(context.parallelize(range(workers), workers).mapPartitions(_warm_partition).collect())
    partitions, _size = _partitions(records)
    rdd = context.textFile(str(records), minPartitions=partitions).map(json.loads)
    cpu_before, ready = _descendants_cpu(), time.perf_counter()
    items = lint_rdd(rdd, Linter()).collect()
    done, cpu_after = time.perf_counter(), _descendants_cpu()
    cpu = {"jvm": 0.0, "python": 0.0}
    for pid, (command, seconds) in cpu_after.items():
        cpu["jvm" if command == "java" else "python"] += seconds - cpu_before.get(pid, (command, 0.0))[1]
    peaks: dict[int, float] = {}
    for pid, mb in context.parallelize(range(8 * workers), 8 * workers).mapPartitions(_peak_partition).collect():
        peaks[pid] = max(mb, peaks.get(pid, 0))
    spark.stop()
    _write(out, items)
    return {
        "startup": ready - start,
        "checking": done - ready,
        "peak_mb": sorted(peaks.values()),
        "partitions": rdd.getNumPartitions(),
        "warmed_workers": len(warmed),
        "python_workers": len(peaks),
        "jvm_cpu": cpu["jvm"],
        "python_cpu": cpu["python"],
    }


def _descendants_cpu() -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of every process below this one, by pid, with its command
    name, from /proc (Linux; elsewhere nothing): the JVM and Spark's Python daemon and workers."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    stats: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            text = (entry / "stat").read_text()
            command, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(rest[1])
            stats[int(entry.name)] = (command, (int(rest[11]) + int(rest[12])) / tick)
    mine, frontier = {}, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in mine:
                mine[pid] = stats[pid]
                frontier.append(pid)
    return mine


def _write(out: Path, items: list[dict[str, Any]]) -> None:
    with open(out, "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item) + "\n")


# -- the benchmark ---------------------------------------------------------------------


def measure(limit: int | None, repeat: int = 1) -> tuple[list[Result], dict[str, Any]]:
    """Every run `repeat` times, alternating; each result is its fastest repetition (by
    checking time), its note listing them all."""
    rounds: list[list[Result]] = []
    with tempfile.TemporaryDirectory(prefix="factlint-archive-") as tmp:
        root = Path(tmp)
        files, records, words = write_corpus(root / "corpus", limit)
        lines = records.read_text(encoding="utf-8").splitlines(keepends=True)
        count = len(lines)
        one = root / "one.jsonl"
        one.write_text(lines[0], encoding="utf-8")
        startups = []
        for _round in range(max(repeat, 1)):
            startup, _mb, _code = run([*FACTLINT, "check", "--input", str(one), "--jobs", "1"], root)
            startups.append(startup)
            rounds.append(one_round(root, files, records, startup))
    results = []
    for runs in zip(*rounds, strict=True):
        best = min(runs, key=lambda r: r.checking if not math.isnan(r.checking) else math.inf)
        if len(runs) > 1:
            listed = "repetitions (checking): " + ", ".join(f"{r.checking:.1f} s" for r in runs)
            best = replace(best, note="; ".join(filter(None, (best.note, listed))))
        results.append(best)
    load = os.getloadavg()
    context = {
        "articles": count,
        "words": words,
        "startup": min(startups),
        "repeat": max(repeat, 1),
        "load": f"{load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}",
    }
    return results, context


def one_round(root: Path, files: Path, records: Path, startup: float) -> list[Result]:
    """Each engine once, in a fixed order."""
    results: list[Result] = []
    report = root / "files.json"
    wall, mb, _code = run([*FACTLINT, "check", str(files), "--jobs", "1", "--no-cache", "--format", "json"], root, report)
    reference = file_findings(report)
    results.append(Result("factlint check DIR --jobs 1 (files)", wall, wall - startup, [mb], reference))
    for jobs in (1, 2):
        output = root / f"input-{jobs}.jsonl"
        wall, mb, _code = run([*FACTLINT, "check", "--input", str(records), "--jobs", str(jobs)], root, output)
        results.append(Result(f"check --input, --jobs {jobs}", wall, wall - startup, [mb], line_findings(output)))
    wall, peaks, outputs = run_at_once([[*FACTLINT, "check", "--input", str(records), "--jobs", "1"]] * 2, root)
    findings, second = (line_findings(output) for output in outputs)
    note = "two processes, all the records each" + ("" if second == findings else "; the second copy's findings DIFFER")
    results.append(Result(MACHINE, wall, wall - startup, peaks, findings, note, work=2))
    for engine, workers in ENGINE_RUNS:
        output = root / f"{engine}-{workers}.jsonl"
        metrics = root / f"{engine}-{workers}.json"
        args = [PYTHON, __file__, "--driver", engine, "--workers", str(workers), "--records", str(records)]
        wall, _mb, code = run([*args, "--out", str(output), "--metrics", str(metrics)], REPO)
        if code != 0 or not metrics.exists():
            results.append(Result(f"{engine}, {workers} worker(s)", wall, float("nan"), [], note=f"failed (exit {code})"))
            continue
        data = json.loads(metrics.read_text(encoding="utf-8"))
        note = f"{data['partitions']} partitions; start-up {data['startup']:.1f} s"
        if engine == "spark":
            name = f"Spark local[{workers}]"
            note += f"; {data['python_workers']} Python worker(s)"
            note += f"; CPU while checking: Python workers {data['python_cpu']:.1f} s, JVM {data['jvm_cpu']:.1f} s"
        else:
            name = f"{'Dask local_cluster' if engine == 'dask' else DASK_DEFAULT}, {workers} worker(s)"
            cpu = f"workers {data['workers_cpu']:.1f} s, driver (scheduler, nannies, client) {data['driver_cpu']:.1f} s"
            note += f"; CPU while checking: {cpu}"
        results.append(Result(name, wall, data["checking"], data["peak_mb"], line_findings(output), note))
    return results


MACHINE = "the machine: two copies of check --input --jobs 1 at once"
DASK_DEFAULT = "Dask LocalCluster, Dask's default configuration"
ENGINE_RUNS = (("dask", 1), ("dask", 2), ("dask-default", 2), ("spark", 1), ("spark", 2))


def run_at_once(commands: list[list[str]], cwd: Path) -> tuple[float, list[float], list[Path]]:
    """Processes started together: the wall time until the last ends, each one's peak RSS, their outputs."""
    outputs = [cwd / f"at-once-{index}.jsonl" for index in range(len(commands))]
    with contextlib.ExitStack() as stack:
        handles = [stack.enter_context(open(output, "wb")) for output in outputs]
        start = time.perf_counter()
        processes = [
            subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.DEVNULL)
            for command, handle in zip(commands, handles, strict=True)
        ]
        peaks = [os.wait4(process.pid, 0)[2].ru_maxrss / 1024 for process in processes]
        return time.perf_counter() - start, peaks, outputs


def write_report(results: list[Result], context: dict[str, Any], path: Path | None) -> str:
    count = context["articles"]
    reference = results[0]
    lines = [
        "# An archive through every engine (benchmarks/archive.py)",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()};"
        f" te3-silver, {count} articles, {context['words']:,} words; built-in rules; load average at the end"
        f" {context['load']} (a shared machine: other jobs ran alongside); each run the fastest of {context['repeat']}.",
        "",
        f"Start-up of a one-record `check --input` (Python, spaCy, the model, the rules): {context['startup']:.1f} s.",
        "",
        "| run | wall time | checking | records/s (checking) | peak memory per worker | findings |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        same = "identical to files" if r.findings == reference.findings else f"{len(r.findings)}, DIFFERENT"
        if r is reference:
            same = f"{len(r.findings)} (the reference)"
        if not r.peak_mb:
            lines.append(f"| {r.name} | {r.wall:.1f} s | - | - | - | {r.note} |")
            continue
        peaks = ", ".join(f"{mb:.0f}" for mb in r.peak_mb) + " MB"
        rate = r.work * count / r.checking if r.checking > 0 else float("nan")
        extra = f"; {r.note}" if r.note else ""
        lines.append(f"| {r.name} | {r.wall:.1f} s | {r.checking:.1f} s | {rate:.0f} | {peaks} | {same}{extra} |")
    by_name = {r.name: r for r in results}
    pairs = (
        ("the machine: two copies at once / one alone (twice the work)", "check --input, --jobs 1", MACHINE),
        ("--jobs 2 / --jobs 1", "check --input, --jobs 1", "check --input, --jobs 2"),
        ("Dask 2 workers / 1", "Dask local_cluster, 1 worker(s)", "Dask local_cluster, 2 worker(s)"),
        ("Dask 2 workers, Dask's defaults / 1 (quiet)", "Dask local_cluster, 1 worker(s)", f"{DASK_DEFAULT}, 2 worker(s)"),
        ("Spark local[2] / local[1]", "Spark local[1]", "Spark local[2]"),
    )
    lines += ["", "| scaling (speed-up, 1 worker's time / 2 workers') | checking | wall | goal |", "|---|---|---|---|"]
    for label, one, two in pairs:
        if one in by_name and two in by_name and not math.isnan(by_name[one].checking + by_name[two].checking):
            a, b = by_name[one], by_name[two]
            goal = "" if b.name == MACHINE else ">= 1.8"
            work = b.work / a.work
            lines.append(f"| {label} | {work * a.checking / b.checking:.2f} | {work * a.wall / b.wall:.2f} | {goal} |")
    single = by_name.get("check --input, --jobs 1")
    if single is not None:
        per_record = single.checking / count
        lines += [
            "",
            f"Per-record time, one process, after start-up: {per_record * 1000:.1f} ms"
            f" ({count / single.checking:.0f} records/s); memory of a single `factlint check`: {reference.peak_mb[0]:.0f} MB.",
        ]
    text = "\n".join(lines) + "\n"
    if path is not None:
        path.write_text(text, encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--report", type=Path, help="write the Markdown report here")
    parser.add_argument("--repeat", type=int, default=1, help="make every run N times, alternating; count the fastest")
    parser.add_argument("--driver", choices=["dask", "dask-default", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--metrics", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        if args.driver == "spark":
            data = drive_spark(args.records, args.workers, args.out)
        else:
            data = drive_dask(args.records, args.workers, args.out, quiet=args.driver == "dask")
        args.metrics.write_text(json.dumps(data), encoding="utf-8")
        return 0
    if not CORPUS.is_file():
        print(f"no corpus at {CORPUS}: see ../shared/corpora/README.md", file=sys.stderr)
        return 2
    results, context = measure(args.limit, args.repeat)
    print(write_report(results, context, args.report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
