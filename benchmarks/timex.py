"""TempEval-3 style scores of factlint's temporal resolver against gold TIMEX3 annotations.

Usage: PYTHONPATH=. .venv/bin/python benchmarks/timex.py [CORPUS_DIR] [--sets a,b] [--errors N]

CORPUS_DIR defaults to ../shared/corpora; it reads CORPUS_DIR/index/<set>.jsonl (text, DCT,
gold TIMEX3 with character offsets, `annotated_until`). Only what lies before
`annotated_until` is scored, on both sides. Figures per set: strict span P/R/F1 (same
offsets), relaxed span P/R/F1 (overlap), and value F1 (an overlapping pair with equal
values counts, for precision and for recall), with HeidelTime's published figures beside.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SETS = ("te3-platinum", "tbaq-timebank", "tbaq-aquaint", "meantime-en")
# HeidelTime's published figures (see the corpora README): strict span F1, relaxed span F1, value F1.
HEIDELTIME = {"te3-platinum": (81.34, 90.30, 77.61), "tbaq-timebank": (None, None, 79.24), "tbaq-aquaint": (None, None, 72.95)}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_gold: int = 0
    strict_system: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    value_gold: int = 0
    value_system: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def prf(hit_system: int, system: int, hit_gold: int, gold: int) -> tuple[float, float, float]:
        p = hit_system / system if system else 0.0
        r = hit_gold / gold if gold else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.strict_system, self.system, self.strict_gold, self.gold)

    def relaxed(self) -> tuple[float, float, float]:
        return self.prf(self.relaxed_system, self.system, self.relaxed_gold, self.gold)

    def value(self) -> tuple[float, float, float]:
        return self.prf(self.value_system, self.system, self.value_gold, self.gold)


def read_set(corpus: Path, name: str) -> Iterator[dict]:
    with open(corpus / "index" / f"{name}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def score(rows: list[dict]) -> Counts:
    """TIMEX values as `factlint check` reads them: from the cheap pass alone (tense from
    words), so no trained component is loaded here."""
    from factlint.analysis.document_analysis import analyse
    from factlint.nlp.pipeline import load_pipeline
    from factlint.read.reader import ReadOptions, load_text

    documents = [
        load_text(row["text"], f"{row['doc_id']}.txt", ReadOptions(dct=date.fromisoformat(row["dct"][:10]))) for row in rows
    ]
    cheap = load_pipeline(None)
    counts = Counts()
    for row, document, analysis in zip(rows, documents, analyse(documents, cheap), strict=True):
        if document.text != row["text"]:
            counts.errors.append(f"{row['doc_id']}: plain text differs from the corpus text; skipped")
            continue
        limit = row.get("annotated_until") or len(row["text"])
        gold = [
            (t["start"], t["end"], t["value"], t["text"]) for t in row["timexes"] if t["end"] > t["start"] and t["start"] < limit
        ]
        system = [(t.start, t.end, t.value, t.text) for t in analysis.timexes if t.start < limit]
        counts.gold += len(gold)
        counts.system += len(system)
        for g in gold:
            overlapping = [s for s in system if s[0] < g[1] and g[0] < s[1]]
            counts.strict_gold += any(s[:2] == g[:2] for s in overlapping)
            counts.relaxed_gold += bool(overlapping)
            right = any(s[2] == g[2] for s in overlapping)
            counts.value_gold += right
            if not right:
                found = "; ".join(f"{s[3]!r}={s[2]}" for s in overlapping) or "-"
                counts.errors.append(f"{row['doc_id']} {row['dct'][:10]} MISS {g[3]!r}={g[2]}  got {found}")
        for s in system:
            overlapping = [g for g in gold if s[0] < g[1] and g[0] < s[1]]
            counts.strict_system += any(g[:2] == s[:2] for g in overlapping)
            counts.relaxed_system += bool(overlapping)
            counts.value_system += any(g[2] == s[2] for g in overlapping)
            if not overlapping:
                counts.errors.append(f"{row['doc_id']} {row['dct'][:10]} EXTRA {s[3]!r}={s[2]}")
    return counts


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(results: dict[str, Counts], measured: str) -> str:
    lines = [
        f"Temporal expressions against gold TIMEX3 (measured {measured}; `benchmarks/timex.py`).",
        "",
        "| set | gold | found | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | value F1 "
        "| HeidelTime strict F1 | HeidelTime relaxed F1 | HeidelTime value F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, counts in results.items():
        sp, sr, sf = counts.strict()
        rp, rr, rf = counts.relaxed()
        _vp, _vr, vf = counts.value()
        ht = HEIDELTIME.get(name, (None, None, None))
        lines.append(
            f"| {name} | {counts.gold} | {counts.system} | {sp:.2f} | {sr:.2f} | {sf:.2f} | {rp:.2f} | {rr:.2f} | {rf:.2f} "
            f"| **{vf:.2f}** | {_cell(ht[0])} | {_cell(ht[1])} | {_cell(ht[2])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated index names")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N value errors per set")
    parser.add_argument("--report", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    if not (args.corpus / "index").is_dir():
        print(f"no corpus index under {args.corpus}", file=sys.stderr)
        return 2
    results: dict[str, Counts] = {}
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        rows = list(read_set(args.corpus, name))
        started = time.perf_counter()
        results[name] = score(rows)
        print(f"{name}: {len(rows)} documents in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        for error in results[name].errors[: args.errors]:
            print("  " + error, file=sys.stderr)
    output = table(results, date.today().isoformat())
    print(output)
    if args.report:
        args.report.write_text(output, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
