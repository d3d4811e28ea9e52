"""Detection quality on real news: false alarms on clean copy, recall on injected calendar errors.

Run from the repo root: `PYTHONPATH=. python benchmarks/accuracy.py [--limit-docs N] [--limit-cases N]`.
Reads ../shared/corpora/index/*.jsonl (evaluation data only, never copied here). One process,
one cached spaCy pipeline; a fixed random seed makes every run the same.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from factlint.core.calendar_words import load_calendar_lexicon
from factlint.core.diagnostics import Diagnostic, Severity
from factlint.core.errors import RuleError
from factlint.core.resources import builtin_rules_dir
from factlint.core.rule import Rule
from factlint.engine.api import LintOptions, lint_text
from factlint.engine.rule_loading import load_rule_file, load_rules

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora" / "index"
ALLOWLIST = ROOT / "benchmarks" / "allowlist.yaml"
REPORT = ROOT / "benchmarks" / "reports" / "false_alarms.txt"
SEED = 20191004
CALENDAR_RULES = ("weekday-mismatch", "weekday-year-unclear", "impossible-date")
# An injected weekday error is found when either rule flags its span: `weekday-year-unclear`
# is the warning factlint gives where the weekday fits the year beside the nearest one and
# nothing says which year is meant (months from publication); Score.unclear counts those.
ACCEPTED = {"weekday-mismatch": ("weekday-mismatch", "weekday-year-unclear")}


@dataclass(frozen=True)
class Doc:
    corpus: str
    doc_id: str
    text: str
    dct: date
    timexes: tuple[dict, ...]
    gold: bool

    @property
    def path(self) -> str:
        return f"{self.corpus}/{self.doc_id}.txt"


@dataclass(frozen=True)
class Case:
    """One injected edit: the document text after it, the span edited, and what must be said there."""

    operator: str
    doc: Doc
    text: str
    start: int
    end: int
    rule: str
    flagged: bool  # True: `rule` must flag exactly [start, end); False: nothing of `rule` may touch it


def load_docs(root: Path = CORPORA) -> list[Doc]:
    docs: list[Doc] = []
    for path in sorted(root.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                docs.append(
                    Doc(
                        path.stem,
                        row["doc_id"],
                        row["text"],
                        date.fromisoformat(row["dct"]),
                        tuple(row.get("timexes") or ()),
                        row.get("gold") == "gold",
                    )
                )
    return docs


@lru_cache(maxsize=1)
def rule_pack() -> tuple[Rule, ...]:
    """The built-in rules, read once; if another rule file is broken, the calendar rules alone (said on stderr)."""
    try:
        return tuple(load_rules())
    except RuleError as error:
        print(f"accuracy: {error}; measuring the calendar rules only", file=sys.stderr)
        rules_dir = builtin_rules_dir()
        return tuple(r for name in (*CALENDAR_RULES, "no-publication-date") for r in load_rule_file(rules_dir / f"{name}.yaml"))


def calendar_pack() -> tuple[Rule, ...]:
    """The rules the injected errors test: they need no trained pipeline, so the cases run fast."""
    return tuple(r for r in rule_pack() if r.id in CALENDAR_RULES)


def lint(doc: Doc, text: str | None = None, rules: Sequence[Rule] | None = None) -> list[Diagnostic]:
    rules = rule_pack() if rules is None else rules
    return lint_text(doc.text if text is None else text, doc.path, LintOptions(dct=doc.dct), rules=rules)


# --- false alarms -------------------------------------------------------------------------


def load_allowlist(path: Path = ALLOWLIST) -> set[tuple[str, int, int, str]]:
    """Reviewed diagnostics that are real errors in the text: (file, line, column, rule)."""
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(e["file"], int(e["line"]), int(e["column"]), e["rule"]) for e in data.get("entries", [])}


@dataclass(frozen=True)
class FalseAlarms:
    docs: int
    diagnostics: tuple[Diagnostic, ...]
    allowed: frozenset[tuple[str, int, int, str]]

    def key(self, d: Diagnostic) -> tuple[str, int, int, str]:
        return (d.location.path, d.location.start.line, d.location.start.column, d.rule)

    def per_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(d.rule for d in self.diagnostics).items()))

    def false_errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR and self.key(d) not in self.allowed]

    def table(self) -> str:
        severity = {d.rule: str(d.severity) for d in self.diagnostics}
        lines = [f"{'rule':28} {'severity':>8} {'diagnostics':>11} {'per 100 docs':>12}"]
        for rule, count in self.per_rule().items():
            lines.append(f"{rule:28} {severity[rule]:>8} {count:>11} {100 * count / max(self.docs, 1):>12.2f}")
        false = len(self.false_errors())
        lines.append(f"{'false errors (not allowed)':28} {'error':>8} {false:>11} {100 * false / max(self.docs, 1):>12.2f}")
        return "\n".join(lines)


def false_alarms(docs: Sequence[Doc]) -> FalseAlarms:
    found: list[Diagnostic] = []
    for doc in docs:
        found.extend(lint(doc))
    return FalseAlarms(len(docs), tuple(found), frozenset(load_allowlist()))


def write_report(result: FalseAlarms, path: Path = REPORT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# factlint false alarms on {result.docs} clean documents (generated by benchmarks/accuracy.py)\n")
        for d in result.diagnostics:
            mark = " [allow-listed]" if result.key(d) in result.allowed else ""
            out.write(
                f"{d.location.path}:{d.location.start.line}:{d.location.start.column}: {d.severity}: {d.message} [{d.rule}]"
                f"{mark} :: {d.quoted!r}\n"
            )


# --- injected errors ----------------------------------------------------------------------

LEXICON = load_calendar_lexicon()
WEEKDAY_WORDS = {name[0].lower(): i for i, name in enumerate(LEXICON.weekday_names)}
_MONTHS = sorted({n for names in LEXICON.month_names for n in names if n != "May." and len(n.rstrip(".")) >= 3}, key=len)
_MONTH_RE = "|".join(re.escape(n) for n in reversed(_MONTHS))
EXPLICIT_DATE = re.compile(
    rf"(?<![\w.])(?P<month>{_MONTH_RE})(?!\w) (?P<day>\d{{1,2}})(?P<suffix>st|nd|rd|th)?(?![\d/:.,]\d)(?!\w)"
    rf"(?P<year>(?: ?,)? (?P<y>\d{{4}})(?!\d))?"
)
_PRECEDING_WEEKDAY = re.compile(rf"(?:{'|'.join(re.escape(n) for names in LEXICON.weekday_names for n in names)})\W*$", re.I)
_YEAR_IN_TEXT = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
STYLES = ("{W}, {M} {d}", "{Wa} {Ma} {d}", "{W} ({M} {d})", "{W} {d} {M}", "{W}, {M} {d}, {Y}")


def ap_weekday(index: int) -> str:
    return ("Mon.", "Tues.", "Wed.", "Thurs.", "Fri.", "Sat.", "Sun.")[index]


def ap_month(month: int) -> str:
    return ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")[month - 1]


def styled(style: str, weekday: int, value: date) -> str:
    """A weekday and a date written in one of the styles news copy uses."""
    text = style.format(
        W=LEXICON.weekday_names[weekday][0],
        Wa=ap_weekday(weekday) + ",",
        M=LEXICON.month_names[value.month - 1][0],
        Ma=ap_month(value.month),
        d=value.day,
        Y=value.year,
    )
    return text


def replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def gold_weekday_cases(docs: Sequence[Doc], rng: random.Random) -> Iterator[Case]:
    """Bare gold weekdays ("on Tuesday", value 2013-03-05) rewritten as "Tuesday, March 5": right and moved."""
    for doc in docs:
        if not doc.gold:
            continue
        for timex in doc.timexes:
            word = timex["text"].strip().lower()
            if word not in WEEKDAY_WORDS or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex["value"] or ""):
                continue
            value = date.fromisoformat(timex["value"])
            weekday = WEEKDAY_WORDS[word]
            if value.weekday() != weekday or abs((value - doc.dct).days) > 150:
                continue  # the gold value is itself wrong (README) or far from the DCT: not a test of ours
            style = rng.choice(STYLES)
            right = styled(style, weekday, value)
            yield Case("gold-weekday-right", doc, replace(doc.text, timex["start"], timex["end"], right),
                       timex["start"], timex["start"] + len(right), "weekday-mismatch", False)  # fmt: skip
            moved = value + timedelta(
                days=rng.choice((-3, -2, -1, 1, 2, 3, 4, 5, 6)) if rng.random() < 0.5 else rng.randint(1, 6)
            )
            wrong = styled(style, weekday, moved)
            yield Case("gold-weekday-wrong", doc, replace(doc.text, timex["start"], timex["end"], wrong),
                       timex["start"], timex["start"] + len(wrong), "weekday-mismatch", True)  # fmt: skip


def explicit_dates(doc: Doc) -> Iterator[tuple[re.Match[str], date]]:
    """Month-day dates in the text whose full date is known without our resolver's help."""
    for match in EXPLICIT_DATE.finditer(doc.text):
        month = LEXICON.month_forms[match["month"].lower()]
        day = int(match["day"])
        if not 1 <= day <= 31:
            continue
        if match["y"]:
            year = int(match["y"])
        else:
            paragraph = doc.text.rfind("\n\n", 0, match.start())
            if _YEAR_IN_TEXT.search(doc.text, max(paragraph, 0), match.start()):
                continue  # an earlier year in the paragraph may anchor it: not unambiguous
            year = _nearest_year(month, day, doc.dct)
        if year < 1600 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        if _PRECEDING_WEEKDAY.search(doc.text[max(0, match.start() - 14) : match.start()]):
            continue
        yield match, date(year, month, day)


def _nearest_year(month: int, day: int, dct: date) -> int:
    candidates = [y for y in (dct.year - 1, dct.year, dct.year + 1) if day <= calendar.monthrange(y, month)[1]]
    return min(candidates, key=lambda y: abs((date(y, month, day) - dct).days))


def explicit_weekday_cases(docs: Sequence[Doc], rng: random.Random, per_doc: int = 2) -> Iterator[Case]:
    """Existing explicit dates ("March 3, 2013", "Oct. 1") with a right and a wrong weekday in front."""
    for doc in docs:
        found = list(explicit_dates(doc))
        for match, value in rng.sample(found, min(per_doc, len(found))):
            for right in (True, False):
                weekday = value.weekday() if right else (value.weekday() + rng.randint(1, 6)) % 7
                name = LEXICON.weekday_names[weekday][0] if rng.random() < 0.7 else ap_weekday(weekday)
                prefix = f"{name}, "
                text = replace(doc.text, match.start(), match.start(), prefix)
                yield Case(f"explicit-weekday-{'right' if right else 'wrong'}", doc, text, match.start(),
                           match.end() + len(prefix), "weekday-mismatch", not right)  # fmt: skip


def impossible_cases(docs: Sequence[Doc], rng: random.Random, per_doc: int = 1) -> Iterator[Case]:
    """Existing explicit dates with the day moved past the month's end ("April 31", "Feb. 30, 2013")."""
    for doc in docs:
        found = list(explicit_dates(doc))
        for match, value in rng.sample(found, min(per_doc, len(found))):
            last = calendar.monthrange(value.year, value.month)[1]
            day = last + 1 if last < 31 else 32
            suffix = ("th" if day != 31 else "st") if match["suffix"] else ""
            new = f"{match['month']} {day}{suffix}"
            cut = match.end("suffix") if match["suffix"] else match.end("day")
            text = replace(doc.text, match.start(), cut, new)
            end = match.end() + len(new) - (cut - match.start())
            yield Case("impossible-date", doc, text, match.start(), end, "impossible-date", True)


def all_cases(docs: Sequence[Doc], seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    return [*gold_weekday_cases(docs, rng), *explicit_weekday_cases(docs, rng), *impossible_cases(docs, rng)]


@dataclass
class Score:
    cases: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    unclear: int = 0  # true positives found as weekday-year-unclear warnings, not errors

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def judge(case: Case, diagnostics: Sequence[Diagnostic]) -> tuple[int, int, int, int]:
    """(tp, fn, fp, unclear) of one case: an exact-span hit of the rule (or a rule it accepts),
    and any other of their diagnostics on the span; `unclear`: the hit was a year-unclear warning."""
    rules = ACCEPTED.get(case.rule, (case.rule,))
    touching = [
        d for d in diagnostics if d.rule in rules and d.location.start_offset < case.end and d.location.end_offset > case.start
    ]
    exact = [d for d in touching if (d.location.start_offset, d.location.end_offset) == (case.start, case.end)]
    if case.flagged:
        unclear = int(bool(exact) and all(d.rule != case.rule for d in exact))
        return (1, 0, len(touching) - 1, unclear) if exact else (0, 1, len(touching), 0)
    return 0, 0, len(touching), 0


def score(cases: Sequence[Case], misses: list[str] | None = None) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        tp, fn, fp, unclear = judge(case, lint(case.doc, case.text, calendar_pack()))
        for key in (case.operator, f"all {case.rule}"):
            s = scores[key]
            s.cases, s.tp, s.fn, s.fp, s.unclear = s.cases + 1, s.tp + tp, s.fn + fn, s.fp + fp, s.unclear + unclear
        if (fn or fp) and misses is not None:
            misses.append(f"{case.operator} {case.doc.path} fn={fn} fp={fp}: {case.text[case.start : case.end]!r}")
    return dict(sorted(scores.items()))


def score_table(scores: dict[str, Score]) -> str:
    lines = [f"{'operator':38} {'cases':>6} {'TP':>5} {'FN':>5} {'FP':>5} {'precision':>9} {'recall':>7} {'as warning':>10}"]
    for name, s in scores.items():
        row = f"{name:38} {s.cases:>6} {s.tp:>5} {s.fn:>5} {s.fp:>5} {s.precision:>9.3f} {s.recall:>7.3f} {s.unclear:>10}"
        lines.append(row)
    return "\n".join(lines)


def seed_variant_scores(root: Path = ROOT / "seeds") -> dict[str, Score]:
    """Ordinal and count edits on the seed: each variant in seeds/variants.yaml (hand-made
    ground truth) against what factlint reports, by (rule, line, column), per rule."""
    spec = yaml.safe_load((root / "variants.yaml").read_text(encoding="utf-8"))
    seed = (root / spec["seed"]).read_text(encoding="utf-8")
    scores: dict[str, Score] = defaultdict(Score)
    texts = [("seed", seed, spec["real_findings"])]
    texts += [(v["name"], seed.replace(*v["replace"]), v["expect"]) for v in spec["variants"]]
    for _name, text, expected in texts:
        found = {(d.rule, d.location.start.line, d.location.start.column) for d in lint_text(text, "seed.txt")}
        wanted = {(e["rule"], e["line"], e["column"]) for e in expected}
        for rule in {r for r, _, _ in found | wanted}:
            hits = {k for k in found if k[0] == rule}
            truth = {k for k in wanted if k[0] == rule}
            for key in (f"seed-variants {rule}", "seed-variants all"):
                score_ = scores[key]
                score_.cases += len(truth)
                score_.tp += len(hits & truth)
                score_.fn += len(truth - hits)
                score_.fp += len(hits - truth)
    return dict(sorted(scores.items()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit-docs", type=int, default=0, help="use only the first N documents (0: all)")
    parser.add_argument("--no-clean", action="store_true", help="skip the false-alarm pass")
    parser.add_argument("--no-injected", action="store_true", help="skip the injected errors")
    parser.add_argument("--no-modern-news", action="store_true", help="skip ../shared/corpora/modern-news")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    if not CORPORA.exists():
        print(f"corpora not found at {CORPORA}", file=sys.stderr)
        return 2
    docs = load_docs()
    if args.limit_docs:
        docs = docs[: args.limit_docs]
    if not args.no_injected:
        misses: list[str] = []
        scores = score(all_cases(docs), misses)
        print(f"injected errors (seed {SEED}):")
        print(score_table(scores))
        if args.show_misses:
            print("\n".join(misses))
        print("\nordinal, count and day edits on the seed (seeds/variants.yaml, all rules):")
        print(score_table(seed_variant_scores()))
    if not args.no_clean:
        result = false_alarms(docs)
        write_report(result)
        print(f"\nfalse alarms on {result.docs} clean documents (listed in {REPORT.relative_to(ROOT)}):")
        print(result.table())
    if not args.no_modern_news:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import modern_news

        print()
        modern_news.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
