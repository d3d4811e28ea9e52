"""What hostile-sized inputs cost, and that each stays within its budget (factlint.engine.options.Limits).

Each case is a whole `factlint check --no-cache` process (start-up included) on a file this
script writes into a temporary folder, beside a one-line good file whose weekday error must
still be reported: wall time, peak RSS (os.wait4), exit code and what factlint said of the
big file.

    .venv/bin/python benchmarks/limits.py [--report benchmarks/reports/limits.md]

Cases: 5,000 and 50,000 dates in one paragraph; 10,000 and 100,000 list items with weekdays;
a 10 MB article (the seed's paragraphs repeated); a 60,000-event calendar (.ics) named by the
configuration. Goal: every case ends, the good file's error is reported, and a case over a
budget gets its `file-too-complex` / `file-too-large` error instead of running on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "rappler-2019-10-04-duterte-putin.txt"
GOOD = "He came on Wednesday, October 1.\n"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    budget: str  # what the case should end in


def _dates(count: int) -> str:
    start = date(2019, 1, 1)
    parts = [f"on {start + timedelta(days=i % 365):%A, %B %-d, %Y}" for i in range(count)]
    return "---\ndate: 2019-10-04\n---\nThe meetings were held " + ", and ".join(parts) + ".\n"


def _items(count: int) -> str:
    start = date(2019, 1, 1)
    lines = [f"- {start + timedelta(days=i % 365):%A, %B %-d}: event {i}" for i in range(count)]
    return "---\ndate: 2019-10-04\n---\n# Schedule 2019\n\n" + "\n".join(lines) + "\n"


def _ten_megabytes() -> str:
    body = SEED.read_text(encoding="utf-8").replace(" date 2019-10-04 ", "", 1)
    chunk = "\n\n".join(p for p in body.split("\n\n") if "Wednesday" not in p) + "\n\n"
    return "date 2019-10-04\n" + chunk * (10_000_000 // len(chunk) + 1)


def _calendar(count: int) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//factlint//limits//EN"]
    start = date(2019, 1, 1)
    for i in range(count):
        day = start + timedelta(days=i % 3650)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{i}@limits",
            f"SUMMARY:Meeting number {i}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


def _run(folder: Path, target: str) -> tuple[float, int, int, list[dict], list[dict]]:
    command = [sys.executable, "-m", "factlint", "check", "--no-cache", "--format", "json", target, "good.txt"]
    started = time.perf_counter()
    with open(folder / "out.json", "wb") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    report = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    return elapsed, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), report["diagnostics"], report["errors"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args(argv)
    cases = [
        (Case("5,000 dates in one paragraph", "dates5k.md", "checked"), lambda: _dates(5_000)),
        (Case("50,000 dates in one paragraph", "dates50k.md", "file-too-complex"), lambda: _dates(50_000)),
        (Case("10,000 list items", "items10k.md", "checked"), lambda: _items(10_000)),
        (Case("100,000 list items", "items100k.md", "file-too-complex"), lambda: _items(100_000)),
        (Case("10 MB article", "big.txt", "file-too-complex"), _ten_megabytes),  # cheap rules run; trained ones refused
        (Case("60,000-event calendar", "good.txt", "checked"), None),
    ]
    rows = []
    ok = True
    with tempfile.TemporaryDirectory(prefix="factlint-limits-") as tmp:
        folder = Path(tmp)
        (folder / "good.txt").write_text("date 2019-10-04\n" + GOOD, encoding="utf-8")
        (folder / "events.ics").write_text(_calendar(60_000), encoding="utf-8")
        for case, make in cases:
            config = folder / ".factlint.yaml"
            config.unlink(missing_ok=True)
            if make is None:
                config.write_text("calendars: [events.ics]\n", encoding="utf-8")
            else:
                (folder / case.file).write_text(make(), encoding="utf-8")
            size = (folder / (case.file if make else "events.ics")).stat().st_size
            elapsed, rss, code, diagnostics, errors = _run(folder, case.file)
            good_found = any(d["path"] == "good.txt" and d["rule"] == "weekday-mismatch" for d in diagnostics)
            budget = sorted({d["rule"] for d in diagnostics if d["rule"] in ("file-too-complex", "file-too-large")})
            outcome = budget[0] if budget else ("error: " + errors[0]["message"] if errors else "checked")
            passed = good_found and outcome == case.budget
            ok &= passed
            rows.append(
                (case.name, f"{size / 1e6:.1f} MB", f"{elapsed:.1f} s", f"{rss:,} MB", code, outcome, "yes" if passed else "NO")
            )
            print(" | ".join(map(str, rows[-1])), flush=True)
    header = (
        "| case | size | wall | peak RSS | exit | outcome | as budgeted, good file reported |\n|---|---|---|---|---|---|---|\n"
    )
    table = header + "".join("| " + " | ".join(map(str, row)) + " |\n" for row in rows)
    machine = f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}"
    text = (
        f"# Limits (`benchmarks/limits.py`)\n\n{machine}. Each case is one whole `factlint check --no-cache` process.\n\n{table}"
    )
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
