"""Load test of `factlint serve`: real articles, a bounded number of requests in flight, on 127.0.0.1 only.

Starts `python -m factlint serve` on a free port of 127.0.0.1 (its own process, as a user
would), waits for /health, then sends `--requests` POST /api/v1/check requests, at most
`--concurrency` at a time, from one asyncio client (httpx). The articles are te3-silver's
(../shared/corpora/index/te3-silver.jsonl: AFP/Xinhua newswire) of 450 to 750 words, each
sent with its publication date, cycled in a shuffled order (fixed seed) so each is sent
several times at different moments.

Reported: the latency of a check alone (`--alone` requests one at a time, first), then for
the load: requests per second over the whole run, latency p50/p95/max (request sent to
answer read), errors (any status but 200, any failed request, and any answer that differs
from the first answer the same article got: a check must not depend on what else the
server is doing), and the server's resident memory (with any process it started): after start-up, its peak (VmHWM), and
after each fifth of the run (flat means no growth per request).

    PYTHONPATH=. .venv/bin/python benchmarks/serve.py [--requests 500] [--concurrency 8] [--report benchmarks/reports/serve.md]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from statistics import median

import httpx

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"
HOST = "127.0.0.1"  # never anything else: this client loads a server on this machine only
MIN_WORDS, MAX_WORDS = 450, 750


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    dct: str
    words: int


@dataclass(frozen=True)
class Outcome:
    article: str
    status: int  # 0: the request failed (connection, timeout)
    seconds: float
    answer: str  # the diagnostics, as JSON text, to compare answers for one article


def articles(limit: int) -> list[Article]:
    if not CORPUS.exists():
        sys.exit(f"benchmarks/serve.py: {CORPUS} is absent (the shared corpora)")
    found = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            words = len(row["text"].split())
            if MIN_WORDS <= words <= MAX_WORDS and row.get("dct"):
                found.append(Article(row["doc_id"], row["text"], row["dct"], words))
    return found[:limit]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def rss_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) in kB, summed over the server and any process it started."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    totals = {"VmRSS": 0, "VmHWM": 0}
    todo = [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            lines = Path(f"/proc/{current}/status").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            key, _, rest = line.partition(":")
            if key in totals:
                totals[key] += int(rest.split()[0])
    return totals


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "factlint", "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"factlint serve exited: {process.stderr.read().decode(errors='replace')[-2000:]}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=2).json().get("status") == "ok":
                return process
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.25)
    process.kill()
    sys.exit("factlint serve did not answer /health within 180 s")


async def load(port: int, plan: list[Article], concurrency: int, pid: int) -> tuple[list[Outcome], float, list[int]]:
    """Send every request of `plan`, at most `concurrency` in flight; RSS after each fifth of the run."""
    url = f"http://{HOST}:{port}/api/v1/check"
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    outcomes: list[Outcome] = []
    fifths: list[int] = []
    step = max(1, len(plan) // 5)

    async def one(client: httpx.AsyncClient, article: Article) -> None:
        async with gate:
            started = time.perf_counter()
            try:
                response = await client.post(url, json={"text": article.text, "date": article.dct})
                status = response.status_code
                answer = json.dumps(response.json().get("diagnostics"), sort_keys=True) if status == 200 else ""
            except (httpx.HTTPError, ValueError):
                status, answer = 0, ""
            outcomes.append(Outcome(article.doc_id, status, time.perf_counter() - started, answer))
            if len(outcomes) % step == 0:
                fifths.append(rss_kb(pid)["VmRSS"])

    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(one(client, article) for article in plan))
        return outcomes, time.perf_counter() - started, fifths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--articles", type=int, default=100, help="distinct articles to cycle through")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--alone", type=int, default=20, help="requests sent one at a time first, to time a check alone")
    parser.add_argument("--report", type=Path, help="write the Markdown report here")
    args = parser.parse_args()

    texts = articles(args.articles)
    plan = [texts[i % len(texts)] for i in range(args.requests)]
    random.Random(20).shuffle(plan)
    port = free_port()
    process = start_server(port, args.workers)
    try:
        for article in texts[:4]:  # warm the server's caches; not counted
            httpx.post(f"http://{HOST}:{port}/api/v1/check", json={"text": article.text, "date": article.dct}, timeout=120)
        alone = []  # one request at a time: what a check costs without queueing
        for article in texts[: args.alone]:
            started = time.perf_counter()
            httpx.post(f"http://{HOST}:{port}/api/v1/check", json={"text": article.text, "date": article.dct}, timeout=120)
            alone.append(time.perf_counter() - started)
        before = rss_kb(process.pid)["VmRSS"]
        load_before = os.getloadavg()[0]
        outcomes, wall, fifths = asyncio.run(load(port, plan, args.concurrency, process.pid))
        memory = rss_kb(process.pid)
        load_after = os.getloadavg()[0]
    finally:
        process.terminate()
        process.wait(timeout=30)

    first: dict[str, str] = {}
    failed = differing = 0
    for outcome in outcomes:
        if outcome.status != 200:
            failed += 1
            continue
        if first.setdefault(outcome.article, outcome.answer) != outcome.answer:
            differing += 1
    latencies = [o.seconds for o in outcomes]
    words = [a.words for a in plan]
    statuses = sorted({o.status for o in outcomes})
    rows = [
        ("requests", f"{len(outcomes)} ({len(texts)} articles, {min(words)}-{max(words)} words, median {median(words):g})"),
        ("concurrency", f"{args.concurrency} in flight; server --workers {args.workers}"),
        ("requests per second", f"{len(outcomes) / wall:.1f} ({wall:.1f} s in all)"),
        ("latency p50", f"{percentile(latencies, 0.50) * 1000:.0f} ms"),
        ("latency p95", f"{percentile(latencies, 0.95) * 1000:.0f} ms (goal: under 1 s)"),
        ("latency max", f"{max(latencies) * 1000:.0f} ms"),
        (
            f"latency alone ({len(alone)} requests one at a time, p50)",
            f"{percentile(alone, 0.50) * 1000:.0f} ms" if alone else "-",
        ),
        ("errors", f"{failed + differing} ({failed} not 200, {differing} unlike the article's first answer; HTTP {statuses})"),
        ("server RSS after start-up and warm-up", f"{before / 1024:.0f} MB"),
        ("server RSS after each fifth of the run", ", ".join(f"{kb / 1024:.0f} MB" for kb in fifths)),
        ("server peak RSS (VmHWM)", f"{memory['VmHWM'] / 1024:.0f} MB"),
        ("machine load (1-minute average) before / after", f"{load_before:.1f} / {load_after:.1f} on {os.cpu_count()} CPUs"),
    ]
    system = f"{platform.system()} {platform.release()}"
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {system}"
    lines = [
        "# Service load (benchmarks/serve.py)",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {machine}; `factlint serve` on {HOST}, one asyncio httpx client;",
        f"te3-silver articles of {MIN_WORDS} to {MAX_WORDS} words with their publication dates, POST /api/v1/check.",
        "",
        "| figure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
        f"Command: `PYTHONPATH=. .venv/bin/python benchmarks/serve.py --requests {args.requests}"
        f" --concurrency {args.concurrency} --articles {args.articles} --workers {args.workers}`",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    return 1 if failed + differing else 0


if __name__ == "__main__":
    sys.exit(main())
