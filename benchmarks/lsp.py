"""How soon the language server answers (issue 18: first diagnostics within 1.0 s of opening
a file on a warm machine).

`factlint lsp` is started as an editor starts it and driven over stdio with raw JSON-RPC (the
test suite's client, tests/test_lsp.py). Each repetition starts a fresh server and measures,
from the moment the notification is written to the diagnostics published for it:

- open at once: a 600-word article opened right after `initialized`, while the worker is
  still loading the model (what a user who opens a file the instant the editor starts waits);
- open, warm: a second article opened once the first was answered (the model loaded at
  `initialize`: what opening a file in an editor that has been running a while costs);
- edit after a pause: one sentence with a wrong weekday appended to the second article, after
  a second of quiet (the first change after a pause is linted at once, not debounced); its
  diagnostics must hold the weekday-mismatch, so the figure is of a lint that ran.

The articles are the two te3-silver ones nearest 600 words (the first is the one
`benchmarks/speed.py --small` checks), each with its publication date as front matter.
The machine may be shared: each figure is the fastest of `--repeat` fresh servers, with the
slowest beside it.

    PYTHONPATH=. .venv/bin/python benchmarks/lsp.py [--repeat 3] [--report benchmarks/reports/lsp.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from speed import CORPUS  # noqa: E402

from tests.test_lsp import Client  # noqa: E402

GOAL_SECONDS = 1.0


def timed(client: Client, uri: str, version: int, send, rules: set[str] | None = None) -> float:  # type: ignore[no-untyped-def]
    """Seconds from `send()` to the diagnostics of `uri` at `version` (which must hold `rules`)."""
    start = time.perf_counter()
    send()
    found = client.diagnostics(uri, version)
    seconds = time.perf_counter() - start
    assert rules is None or rules <= {d["code"] for d in found}, found
    return seconds


def articles(words: int = 600) -> list[tuple[int, str]]:
    """The two corpus articles nearest `words` words long: (word count, Markdown with front matter)."""
    found = []
    with open(CORPUS, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = row["text"].strip() + "\n"
            found.append((abs(len(text.split()) - words), len(text.split()), f"---\ndate: {row['dct']}\n---\n{text}"))
    return [(count, text) for _, count, text in sorted(found, key=lambda item: item[0])[:2]]


def one_server(first_text: str, second_text: str) -> dict[str, float]:
    client = Client()
    try:
        client.initialize()
        first, second = "file:///tmp/bench/first.md", "file:///tmp/bench/second.md"
        at_once = timed(client, first, 1, lambda: client.open(first, first_text, "markdown"))
        warm = timed(client, second, 1, lambda: client.open(second, second_text, "markdown"))
        time.sleep(1.0)
        changed = second_text + "On Thursday, November 4, 2005, the vote was held.\n"  # a Friday: an error
        change = {"textDocument": {"uri": second, "version": 2}, "contentChanges": [{"text": changed}]}
        edit = timed(client, second, 2, lambda: client.notify("textDocument/didChange", change), {"weekday-mismatch"})
        return {"at_once": at_once, "warm": warm, "edit": edit}
    finally:
        client.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    (words, first), (other, second) = articles()
    runs = [one_server(first, second) for _ in range(max(args.repeat, 1))]
    rows = [
        (f"open a {words}-word article at once after `initialized`", "at_once", ""),
        (f"then open a {other}-word article (the model loaded)", "warm", f"<= {GOAL_SECONDS:.1f} s"),
        ("edit it after a pause (a sentence with a wrong weekday appended)", "edit", ""),
    ]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "# The language server's answers (benchmarks/lsp.py)",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at the end {load}; {len(runs)} fresh servers, fastest (slowest) of each.",
        "",
        "| from the notification to its diagnostics | fastest | slowest | goal | met |",
        "|---|---|---|---|---|",
    ]
    for name, key, goal in rows:
        fastest, slowest = min(r[key] for r in runs), max(r[key] for r in runs)
        met = ("yes" if fastest <= GOAL_SECONDS else "no") if goal else ""
        lines.append(f"| {name} | {fastest:.2f} s | {slowest:.2f} s | {goal} | {met} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
