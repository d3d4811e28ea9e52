"""What Dask's memory trimming costs a checking process: MALLOC_TRIM_THRESHOLD_=65536 or not.

    .venv/bin/python benchmarks/malloc_trim.py [--pairs 8] [--limit N] [--report benchmarks/reports/malloc_trim.md]

Dask's nanny starts every worker with `MALLOC_TRIM_THRESHOLD_=65536` (glibc then hands freed
memory back to the system at once); `factlint.dask.QUIET_CONFIG` unsets it for the workers
`local_cluster` starts. This weighs that choice on the process alone, without Dask around it:
`factlint check --input` over the te3-silver articles as records, on one process, with and
without the variable, in alternating pairs (the order flips every pair, since the shared
machine drifts by 10 to 20% over minutes): wall time, CPU and peak resident memory of each,
and in how many pairs glibc's own threshold was the faster.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"
TRIM = {"MALLOC_TRIM_THRESHOLD_": "65536"}  # distributed.nanny.pre-spawn-environ's value


def write_records(path: Path, limit: int | None) -> int:
    """The articles as `check --input` records, their DCT as front matter (as benchmarks/archive.py writes them)."""
    count = 0
    with open(CORPUS, encoding="utf-8") as handle, open(path, "w", encoding="utf-8") as out:
        for line in handle:
            if limit is not None and count >= limit:
                break
            row = json.loads(line)
            text = f"---\ndate: {row['dct']}\n---\n{row['text'].strip()}\n"
            out.write(json.dumps({"id": row["doc_id"], "text": text, "markup": "markdown"}) + "\n")
            count += 1
    return count


def run(records: Path, trim: bool) -> tuple[float, float, float]:
    """One `check --input --jobs 1`: wall seconds, CPU seconds, peak RSS in MB."""
    env = {key: value for key, value in os.environ.items() if key != "MALLOC_TRIM_THRESHOLD_"}
    if trim:
        env.update(TRIM)
    command = [sys.executable, "-m", "factlint", "check", "--input", str(records), "--jobs", "1"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--report", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"no corpus at {CORPUS}: see ../shared/corpora/README.md", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="factlint-trim-") as tmp:
        records = Path(tmp) / "records.jsonl"
        count = write_records(records, args.limit)
        for pair in range(args.pairs):
            order = (False, True) if pair % 2 == 0 else (True, False)
            results = {trim: run(records, trim) for trim in order}
            rows.append((results[False], results[True]))
    lines = [
        "# Dask's memory trimming on a checking process (benchmarks/malloc_trim.py)",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs; `check --input --jobs 1` over {count} te3-silver"
        f" articles, {args.pairs} alternating pairs; load average at the end {os.getloadavg()[0]:.1f}.",
        "",
        "| pair | glibc's threshold: wall, CPU, peak | MALLOC_TRIM_THRESHOLD_=65536: wall, CPU, peak |",
        "|---|---|---|",
    ]
    for index, (plain, trimmed) in enumerate(rows, 1):
        cells = [f"{wall:.1f} s, {cpu:.1f} s, {mb:.0f} MB" for wall, cpu, mb in (plain, trimmed)]
        lines.append(f"| {index} | {cells[0]} | {cells[1]} |")
    faster = sum(1 for plain, trimmed in rows if plain[0] < trimmed[0])
    change = statistics.median(trimmed[0] / plain[0] - 1 for plain, trimmed in rows)
    peak = statistics.median(trimmed[2] / plain[2] - 1 for plain, trimmed in rows)
    lines += [
        "",
        f"glibc's own threshold was the faster in {faster} of {len(rows)} pairs; the median pair took"
        f" {change:+.1%} wall time with trimming, and {peak:+.1%} peak memory.",
    ]
    text = "\n".join(lines) + "\n"
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
