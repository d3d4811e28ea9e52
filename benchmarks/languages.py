"""The injected-error benchmark of benchmarks/accuracy.py, per language other than English.

Run from the repo root: `PYTHONPATH=. python benchmarks/languages.py [--per-style N] [--report]`.
For every language with calendar words, weekday+date expressions in the styles its copy uses
(tests/data/languages/<lang>.yaml: `styles`) are written into a sentence of that language
(`sentence`) with the right weekday and with a wrong one, and dates past their month's end are
written for the impossible-date rule; the sentence goes into the language's own test texts and,
for Spanish, French, Italian and Portuguese, after a paragraph of each non-English page of
../shared/corpora/modern-news/ (evaluation data only, never copied here; those pages' date
header gives only the month, so they are checked with the 15th of that month as publication
date). Scoring is accuracy.py's: a wrong weekday must be flagged on exactly its span, a right
one not at all. A fixed random seed makes every run the same. `--report` writes
benchmarks/reports/languages.md, and runs benchmarks/events_fr.py (the event rules in French)
for French's row of languages.json.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from benchmarks.accuracy import Case, Doc, Score, calendar_pack, judge
from factlint.core.calendar_words import CalendarLexicon, calendar_languages, calendar_lexicon
from factlint.engine.api import LintOptions, lint_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "languages"
MODERN = ROOT.parent / "shared" / "corpora" / "modern-news"
REPORT = ROOT / "benchmarks" / "reports" / "languages.md"
RESULTS = ROOT / "benchmarks" / "reports" / "languages.json"  # read by `factlint languages --results`
SEED = 20191004
DCT = date(2019, 10, 4)


@dataclass(frozen=True)
class Base:
    """A text to carry the injected sentence, with its publication date."""

    name: str
    text: str
    dct: date


def bases(language: str, spec: dict) -> list[Base]:
    """The language's own test texts (one paragraph), and its corpus pages."""
    found = [Base(f"{language}/own", "\n\n".join(case["text"] for case in spec["cases"]), date.fromisoformat(str(spec["date"])))]
    if (MODERN / "index.tsv").exists():
        rows = csv.DictReader((MODERN / "index.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t")
        for row in rows:
            if row["group"] == "C" and row["lang"] == language:
                year, month = (int(x) for x in row["dct"].split("-")[:2])
                day = int(row["dct"].split("-")[2]) if row["dct_precision"] == "day" else 15
                text = (MODERN / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
                found.append(Base(f"modern-news/{row['id']}", text, date(year, month, day)))
    return found


def written(style: str, lexicon: CalendarLexicon, weekday: int, value: date, language: str, day: int | None = None) -> str:
    """A weekday and a date in one of the language's styles."""
    name = lexicon.weekday_names[weekday][0]
    month = lexicon.month_names[value.month - 1][0]
    number = value.day if day is None else day
    day_text = "1er" if language == "fr" and number == 1 else str(number)
    return style.format(
        w=name,
        W=name[:1].upper() + name[1:],
        d=day_text,
        m=month,
        M=month[:1].upper() + month[1:],
        mm=f"{value.month:02d}",
        y=value.year,
        of="d'" if language == "ca" and month[:1] in "aeiou" else "de ",
    )


def span_of(sentence: str, expression: str) -> tuple[int, int]:
    """Where the expression lies in the sentence: the span a finding must have."""
    start = sentence.index("{date}")
    return start, start + len(expression)


def language_cases(language: str, spec: dict, rng: random.Random, per_style: int) -> Iterator[Case]:
    lexicon = calendar_lexicon(language)
    for base in bases(language, spec):
        doc = Doc("languages", base.name, base.text, base.dct, (), False)
        breaks = [i for i in range(len(base.text)) if base.text.startswith("\n\n", i)] or [len(base.text)]
        for style in spec["styles"]:
            for _ in range(per_style):
                has_year = "{y}" in style
                value = date(rng.randint(1990, 2030), 1, 1) + timedelta(days=rng.randint(0, 364)) if has_year else None
                if value is None:
                    value = base.dct + timedelta(days=rng.randint(-60, 60))
                at = rng.choice(breaks)
                for right in (True, False):
                    weekday = value.weekday() if right else (value.weekday() + rng.randint(1, 6)) % 7
                    expression = written(style, lexicon, weekday, value, language)
                    sentence = spec["sentence"]
                    start, end = span_of(sentence, expression)
                    inserted = "\n\n" + sentence.replace("{date}", expression)
                    text = base.text[:at] + inserted + base.text[at:]
                    offset = at + 2
                    operator = f"{language} weekday-{'right' if right else 'wrong'}"
                    yield Case(operator, doc, text, offset + start, offset + end, "weekday-mismatch", not right)
            for _ in range(max(1, per_style // 5) if "{mm}" not in style else 0):
                # the same style with a day past the month's end: the whole expression is flagged
                value = base.dct + timedelta(days=rng.randint(-60, 60))
                last = calendar.monthrange(value.year, value.month)[1]
                expression = written(style, lexicon, value.weekday(), value, language, day=last + 1)
                sentence = spec["sentence"]
                start, end = span_of(sentence, expression)
                at = rng.choice(breaks)
                text = base.text[:at] + "\n\n" + sentence.replace("{date}", expression) + base.text[at:]
                yield Case(f"{language} impossible-date", doc, text, at + 2 + start, at + 2 + end, "impossible-date", True)


def score_language(language: str, per_style: int, misses: list[str]) -> dict[str, Score]:
    spec = yaml.safe_load((DATA / f"{language}.yaml").read_text(encoding="utf-8"))
    rng = random.Random(f"{SEED}-{language}")
    scores: dict[str, Score] = {}
    rules = calendar_pack()
    for case in language_cases(language, spec, rng, per_style):
        found = lint_text(case.text, case.doc.path, LintOptions(dct=case.doc.dct, language=language, use_config=False), rules)
        tp, fn, fp, unclear = judge(case, found)
        kind = "impossible-date" if case.rule == "impossible-date" else "weekday"
        score = scores.setdefault(kind, Score())
        score.cases, score.tp, score.fn, score.fp, score.unclear = (
            score.cases + 1,
            score.tp + tp,
            score.fn + fn,
            score.fp + fp,
            score.unclear + unclear,
        )
        if fn or fp:
            misses.append(f"{case.operator} {case.doc.path} fn={fn} fp={fp}: {case.text[case.start : case.end]!r}")
    return scores


def own_tests(language: str) -> tuple[int, int]:
    """(passed, cases) of the language's short test texts, judged as tests/test_languages.py does."""
    spec = yaml.safe_load((DATA / f"{language}.yaml").read_text(encoding="utf-8"))
    passed = 0
    for case in spec["cases"]:
        options = LintOptions(dct=date.fromisoformat(str(case.get("date", spec["date"]))), language=language, use_config=False)
        found = lint_text(case["text"], "case.txt", options)
        got = [(d.rule, d.quoted, d.message, d.suggestions[0].label if d.suggestions else None) for d in found]
        passed += got == [(e["rule"], e["span"], e["message"], e["fix"]) for e in case["expect"]]
    return passed, len(spec["cases"])


def table(results: dict[str, dict[str, Score]]) -> str:
    lines = [
        "| language | weekday cases | precision | recall | impossible-date cases | recall |",
        "|---|---|---|---|---|---|",
    ]
    for language, scores in results.items():
        weekday, impossible = scores.get("weekday", Score()), scores.get("impossible-date", Score())
        lines.append(
            f"| {language} | {weekday.cases} | {weekday.precision:.3f} | {weekday.recall:.3f} "
            f"| {impossible.cases} | {impossible.recall:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-style", type=int, default=20, help="dates per style and text (default 20)")
    parser.add_argument("--languages", default="", help="comma-separated (default: every language but English)")
    parser.add_argument("--report", action="store_true", help=f"write {REPORT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    languages = [x for x in args.languages.split(",") if x] or list(calendar_languages()[1:])
    misses: list[str] = []
    results = {language: score_language(language, args.per_style, misses) for language in languages}
    text = table(results)
    print(text)
    for miss in misses:
        print("  miss:", miss)
    if args.report:
        import json

        measured = {}
        for language, scores in results.items():
            weekday, impossible = scores.get("weekday", Score()), scores.get("impossible-date", Score())
            passed, cases = own_tests(language)
            measured[language] = {
                "tests": cases,
                "tests_passed": passed,
                "weekday_cases": weekday.cases,
                "weekday_precision": round(weekday.precision, 3),
                "weekday_recall": round(weekday.recall, 3),
                "impossible_cases": impossible.cases,
                "impossible_recall": round(impossible.recall, 3),
            }
        if "fr" in measured:  # the event rules in French: benchmarks/events_fr.py, run with this report
            from benchmarks import events_fr

            events_fr.main(["--per-template", "40", "--report"])
            measured["fr"].update(json.loads(events_fr.RESULTS.read_text(encoding="utf-8")))
        RESULTS.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        REPORT.write_text(
            "# Injected weekday and impossible-date errors per language (generated by benchmarks/languages.py)\n\n"
            f"`PYTHONPATH=. python benchmarks/languages.py --per-style {args.per_style} --report`, seed {SEED}: "
            "right and wrong weekdays in each language's date styles, in its own test texts and its "
            "modern-news pages (es, fr, it, pt).\n\n" + text + "\n\n## Misses\n\n" + "".join(f"- {m}\n" for m in misses),
            encoding="utf-8",
        )
    ok = all(s.precision >= 0.99 and s.recall >= 0.98 for scores in results.values() for s in scores.values() if s.cases)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
