"""Injected errors for the event rules in French (`factlint[fr]`).

Run from the repo root: `PYTHONPATH=. python benchmarks/events_fr.py [--per-template N] [--report]`.
Five templates of French news sentences, each written right and wrong with random people,
places, dates and ordinal styles ("deuxième", "2e"): the day of a visit against its arrival
(event-day-mismatch), an ordinal against a count (ordinal-exceeds-count), two numbered meetings
against their dates (ordinal-chronology), a count referred back to (quantity-conflict), and two
ages of one person (age-conflict). A wrong text must get its rule's finding (recall); a right
text must get no finding at all (a finding there is a false alarm: precision). Other findings
on a wrong text are counted apart: a first meeting dated after the second is both out of order
(ordinal-chronology) and a "first" with an earlier one dated (count-exceeds-ordinal), as in
English. Also counted: the hand-written cases of
tests/data/events/fr.yaml and, as false alarms only, the French page of
../shared/corpora/modern-news/ (evaluation data, never copied here). The texts are this
benchmark's own, written to the templates: they measure the reader on the constructions it is
meant to read, not on French copy at large. A fixed seed makes every run the same.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from factlint.engine.api import LintOptions, lint_text

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "events" / "fr.yaml"
MODERN = ROOT.parent / "shared" / "corpora" / "modern-news"
REPORT = ROOT / "benchmarks" / "reports" / "events-fr.md"
RESULTS = ROOT / "benchmarks" / "reports" / "events-fr.json"  # merged into languages.json by languages.py
SEED = 20191004
DCT = date(2019, 10, 4)
EVENT_RULES = frozenset(
    {"age-conflict", "count-exceeds-ordinal", "event-day-mismatch", "ordinal-chronology"}
    | {"ordinal-conflict", "ordinal-exceeds-count", "quantity-conflict"}
)

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WORDS = {1: "première", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième", 6: "sixième", 7: "septième"}
COUNTS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit"}
LEADERS = [  # (name, feminine)
    ("Emmanuel Macron", False), ("Angela Merkel", True), ("Justin Trudeau", False), ("Narendra Modi", False),
    ("Joko Widodo", False), ("Cyril Ramaphosa", False), ("Pedro Sánchez", False), ("Giorgia Meloni", True),
    ("Jacinda Ardern", True), ("Olaf Scholz", False), ("Macky Sall", False), ("Ursula von der Leyen", True),
]  # fmt: skip
PEOPLE = [
    ("Jean Dupont", False), ("Marie Lambert", True), ("Sophie Martin", True), ("Karim Benali", False),
    ("Luc Moreau", False), ("Claire Petit", True), ("Paul Girard", False), ("Nadia Haddad", True),
]  # fmt: skip
TRIPS = [  # (city, the country, in the country)
    ("Moscou", "la Russie", "en Russie"), ("Pékin", "la Chine", "en Chine"), ("Tokyo", "le Japon", "au Japon"),
    ("Madrid", "l'Espagne", "en Espagne"), ("Rome", "l'Italie", "en Italie"), ("Dakar", "le Sénégal", "au Sénégal"),
]  # fmt: skip
THINGS = [("navires", "de guerre"), ("avions", "de chasse"), ("soldats", "français"), ("camions", "d'aide")]


def ordinal(value: int, style: str) -> str:
    if style == "numeral":
        return "1re" if value == 1 else f"{value}e"
    return WORDS[value]


def day_text(value: date) -> str:
    day = "1er" if value.day == 1 else str(value.day)
    return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month]}"


@dataclass(frozen=True)
class Case:
    template: str
    text: str
    wrong: bool
    rule: str


def _day(rng: random.Random, wrong: bool) -> Case:
    name, feminine = rng.choice(LEADERS)
    partner, _ = rng.choice([p for p in LEADERS if p[0] != name])
    city, _country, in_country = rng.choice(TRIPS)
    start = date(2019, rng.randint(8, 10), rng.randint(1, 20))  # near the publication date: no year in doubt
    length = rng.randint(1, 5)
    on = start + timedelta(days=length)
    stated = length + 1 + (rng.choice((-1, 1)) if wrong else 0)
    style = rng.choice(("word", "numeral"))
    visit = ordinal(rng.randint(2, 5), style)
    pronoun = "elle" if feminine else "il"
    arrived = rng.choice((f"est arrivée à {city}" if feminine else f"est arrivé à {city}", f"a atterri à {city}"))
    aside = rng.choice(("", f" {pronoun.capitalize()} a d'abord visité une usine de la capitale."))
    position = ordinal(stated, style)
    before = rng.random() < 0.5
    day = f"le {position} jour de sa visite"
    second = (
        f"Le {day_text(on)}, {day}, {pronoun} a rencontré {partner}."
        if before
        else (f"{day[0].upper()}{day[1:]}, le {day_text(on)}, {pronoun} a rencontré {partner}.")
    )
    text = f"{name} {arrived} le {day_text(start)} pour sa {visit} visite {in_country}.{aside} {second}"
    return Case("event-day", text, wrong, "event-day-mismatch")


def _count(rng: random.Random, wrong: bool) -> Case:
    name, _ = rng.choice(LEADERS)
    _city, country, in_country = rng.choice(TRIPS)
    times = rng.randint(2, 4)
    stated = times + 1 if wrong else rng.randint(2, times)
    style = rng.choice(("word", "numeral"))
    count = rng.choice((f"{COUNTS[times]} fois", f"à {COUNTS[times]} reprises"))
    said = rng.choice((f"a visité {country} {count}", f"s'est rendu {count} {in_country}"))
    text = f"{name} {said} depuis 2014. Sa {ordinal(stated, style)} visite {in_country} a été annoncée mardi."
    return Case("count", text, wrong, "ordinal-exceeds-count")


def _chronology(rng: random.Random, wrong: bool) -> Case:
    (one, _), (two, _) = rng.sample(LEADERS, 2)
    first = rng.randint(1, 4)
    style = rng.choice(("word", "numeral"))
    early = date(rng.randint(2015, 2017), rng.randint(1, 12), rng.randint(1, 28))
    late = date(rng.randint(2018, 2019), rng.randint(1, 9), rng.randint(1, 28))
    a, b = (late, early) if wrong else (early, late)

    def written(value: date) -> str:
        return f"{'1er' if value.day == 1 else value.day} {MONTHS[value.month]} {value.year}"

    happened = rng.choice(("a eu lieu le", "s'est tenue le"))
    text = (
        f"{one} a reçu {two} à Paris. Leur {ordinal(first, style)} rencontre {happened} {written(a)}. "
        f"Leur {ordinal(first + 1, style)} rencontre {happened} {written(b)}."
    )
    return Case("chronology", text, wrong, "ordinal-chronology")


def _quantity(rng: random.Random, wrong: bool) -> Case:
    noun, modifier = rng.choice(THINGS)
    count = rng.randint(2, 8)
    later = count if not wrong else rng.choice([n for n in range(2, 9) if n != count])
    city, _country, _in = rng.choice(TRIPS)
    number = rng.choice((COUNTS[count], str(count)))
    text = f"L'an dernier, {number} {noun} {modifier} sont arrivés à {city}."
    text += f" {rng.choice(('Les', 'Ces'))} {COUNTS[later]} {noun} sont repartis après une semaine."
    return Case("quantity", text, wrong, "quantity-conflict")


def _age(rng: random.Random, wrong: bool) -> Case:
    name, feminine = rng.choice(PEOPLE)
    age = rng.randint(25, 70)
    later = age if not wrong else age + rng.choice((-9, -5, 3, 7))
    surname = name.split()[-1]
    aged = "âgée" if feminine else "âgé"
    opening = rng.choice((f"{name}, {age} ans,", f"{name} ({age} ans)"))
    text = f"{opening} dirige l'entreprise depuis 2010."
    text += f" Selon ses collègues, {surname}, {aged} de {later} ans, ne compte pas partir."
    return Case("age", text, wrong, "age-conflict")


TEMPLATES: dict[str, Callable[[random.Random, bool], Case]] = {
    "event-day": _day,
    "count": _count,
    "chronology": _chronology,
    "quantity": _quantity,
    "age": _age,
}


@dataclass
class Score:
    cases: int = 0  # wrong texts
    found: int = 0  # wrong texts given exactly their rule's finding
    false: int = 0  # findings on right texts: false alarms
    also: int = 0  # other findings on wrong texts (another rule naming the same injected error, or not)
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.cases if self.cases else 1.0

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false) if self.found + self.false else 1.0


def cases(rng: random.Random, per_template: int) -> Iterator[Case]:
    for make in TEMPLATES.values():
        for index in range(2 * per_template):
            yield make(rng, index % 2 == 1)


def own_tests() -> tuple[int, int]:
    """(passed, cases) of tests/data/events/fr.yaml, judged as tests/test_events_fr.py does."""
    spec = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    passed = 0
    for case in spec["cases"]:
        options = LintOptions(dct=date.fromisoformat(str(spec["date"])), language="fr", use_config=False)
        found = lint_text(case["text"], "case.txt", options)
        got = [(d.rule, d.quoted, d.message, d.suggestions[0].label if d.suggestions else None) for d in found]
        passed += got == [(e["rule"], e["span"], e["message"], e["fix"]) for e in case["expect"]]
    return passed, len(spec["cases"])


def corpus_alarms() -> tuple[int, int]:
    """(pages, event findings) on modern-news' French pages: every one is a false alarm (the
    pages' hand-checked verdicts list no event error in them)."""
    index = MODERN / "index.tsv"
    if not index.exists():
        return 0, 0
    pages = alarms = 0
    for row in csv.DictReader(index.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
        if row["group"] != "C" or row["lang"] != "fr":
            continue
        year, month = (int(x) for x in row["dct"].split("-")[:2])
        text = (MODERN / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
        found = lint_text(text, f"{row['id']}.txt", LintOptions(dct=date(year, month, 15), language="fr", use_config=False))
        pages += 1
        alarms += sum(1 for d in found if d.rule in EVENT_RULES)
    return pages, alarms


def score(per_template: int) -> dict[str, Score]:
    rng = random.Random(SEED)
    scores: dict[str, Score] = {name: Score() for name in TEMPLATES}
    for case in cases(rng, per_template):
        found = lint_text(case.text, "case.txt", LintOptions(dct=DCT, language="fr", use_config=False))
        rules = [d.rule for d in found]
        entry = scores[case.template]
        if case.wrong:
            entry.cases += 1
            hit = rules.count(case.rule) == 1
            entry.found += hit
            entry.also += len(rules) - hit
            if not hit:
                entry.misses.append(f"{case.template}: {case.text} -> {rules}")
        elif rules:
            entry.false += len(rules)
            entry.misses.append(f"{case.template} (right): {case.text} -> {rules}")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=40, help="right and wrong texts per template (default 40 each)")
    parser.add_argument("--report", action="store_true", help=f"write {REPORT.relative_to(ROOT)} and its JSON")
    args = parser.parse_args(argv)
    scores = score(args.per_template)
    passed, tests = own_tests()
    pages, alarms = corpus_alarms()
    total = Score(
        sum(s.cases for s in scores.values()),
        sum(s.found for s in scores.values()),
        sum(s.false for s in scores.values()) + alarms,
    )
    total.also = sum(s.also for s in scores.values())
    lines = [
        "| template | wrong texts | right texts | precision | recall | other findings on wrong texts |",
        "|---|---|---|---|---|---|",
    ]
    for name, entry in scores.items():
        lines.append(
            f"| {name} | {entry.cases} | {args.per_template} | {entry.precision:.3f} | {entry.recall:.3f} | {entry.also} |"
        )
    lines.append(f"| all (and {pages} corpus page, {alarms} alarms) | {total.cases} | {args.per_template * len(scores)} "
                 f"| {total.precision:.3f} | {total.recall:.3f} | {total.also} |")  # fmt: skip
    text = "\n".join(lines)
    print(text)
    print(f"hand-written cases: {passed}/{tests}")
    misses = [m for s in scores.values() for m in s.misses]
    for miss in misses:
        print("  miss:", miss)
    if args.report:
        measured = {
            "event_tests": tests,
            "event_tests_passed": passed,
            "event_cases": total.cases,
            "event_precision": round(total.precision, 3),
            "event_recall": round(total.recall, 3),
            "event_corpus_pages": pages,
            "event_corpus_alarms": alarms,
        }
        RESULTS.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        REPORT.write_text(
            "# Injected errors for the event rules in French (generated by benchmarks/events_fr.py)\n\n"
            f"`PYTHONPATH=. python benchmarks/events_fr.py --per-template {args.per_template} --report`, seed {SEED}, "
            f"fr_core_news_sm. Texts written to five templates, right and wrong; a wrong one must get its rule's finding, "
            f"a right one nothing. Hand-written cases (tests/data/events/fr.yaml): "
            f"{passed}/{tests}. modern-news' French pages: {pages}, event findings on them: {alarms}.\n\n"
            + text
            + "\n\n## Misses\n\n"
            + "".join(f"- {m}\n" for m in misses),
            encoding="utf-8",
        )
    return 0 if total.precision >= 0.99 and total.recall >= 0.98 and passed == tests else 1


if __name__ == "__main__":
    sys.exit(main())
