"""Every diagnostic factlint gives on the seed, its variants and every corpus document, as data.

A refactor that must not change behaviour is checked by running this before and after and
comparing the two files byte for byte (`cmp`). Run from the repo root:
`python benchmarks/golden.py OUT.jsonl [--limit N]`. Reads ../shared/corpora (evaluation
data only, never copied here) through the public API (`factlint.lint_text`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from factlint import LintOptions, lint_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"


def _location(location: Any) -> list[Any]:
    return [
        location.path,
        location.start.line,
        location.start.column,
        location.end.line,
        location.end.column,
        location.start_offset,
        location.end_offset,
    ]


def diagnostic_data(d: Any) -> dict[str, Any]:
    """Every field of a Diagnostic, offsets included (the JSON report leaves some out)."""
    return {
        "rule": d.rule,
        "severity": str(d.severity),
        "message": d.message,
        "location": _location(d.location),
        "quoted": d.quoted,
        "note": d.note,
        "related": [[r.label, _location(r.location)] for r in d.related],
        "suggestions": [[s.label, [[e.replacement, _location(e.location)] for e in s.edits]] for s in d.suggestions],
    }


def documents(limit: int | None) -> list[tuple[str, str, date | None]]:
    """(path, text, publication date) of every document checked."""
    found: list[tuple[str, str, date | None]] = []
    seeds = ROOT / "seeds"
    spec = yaml.safe_load((seeds / "variants.yaml").read_text(encoding="utf-8"))
    seed = (seeds / spec["seed"]).read_text(encoding="utf-8")
    found.append(("seeds/" + spec["seed"], seed, None))
    for variant in spec["variants"]:
        old, new = variant["replace"]
        found.append((f"variant/{variant['name']}.txt", seed.replace(old, new), None))
    for index in sorted((SHARED / "index").glob("*.jsonl")):
        with open(index, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        for row in rows[:limit]:
            found.append((f"{index.stem}/{row['doc_id']}.txt", row["text"], date.fromisoformat(row["dct"])))
    for path in sorted((SHARED / "modern-news" / "docs").glob("*.txt"))[:limit]:
        found.append((f"modern-news/{path.name}", path.read_text(encoding="utf-8"), None))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus (default: all)")
    args = parser.parse_args(argv)
    with open(args.out, "w", encoding="utf-8") as out:
        for path, text, dct in documents(args.limit):
            found = lint_text(text, path, LintOptions(dct=dct, use_config=False))
            out.write(json.dumps({"path": path, "diagnostics": [diagnostic_data(d) for d in found]}, ensure_ascii=False))
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
