"""The calendar rules in other languages: each language's short texts, the seed translated into
Spanish and Filipino, how a file's language is chosen, and what an English run loads."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from factlint import LintOptions, lint_text
from factlint.core.calendar_words import calendar_languages, calendar_lexicon, normalise_language
from factlint.read.language import detect_language
from factlint.read.reader import ReadOptions, load_text
from factlint.shells.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "languages"
LANGUAGE_FILES = sorted(p for p in DATA.glob("*.yaml"))
MODERN = ROOT.parent / "shared" / "corpora" / "modern-news"


def _cases() -> list[tuple[str, dict, date]]:
    found = []
    for path in LANGUAGE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            found.append((data["language"], case, date.fromisoformat(str(case.get("date", data["date"])))))
    return found


CASES = _cases()


def test_twenty_languages_besides_english() -> None:
    languages = calendar_languages()
    assert languages[0] == "en" and len(languages) - 1 >= 20
    assert {p.stem for p in LANGUAGE_FILES} == set(languages[1:])  # every language has its texts


@pytest.mark.parametrize(("language", "case", "dct"), CASES, ids=[f"{lang}-{c['name']}" for lang, c, _ in CASES])
def test_language_case(language: str, case: dict, dct: date) -> None:
    found = lint_text(case["text"], "case.txt", LintOptions(dct=dct, language=language, use_config=False))
    got = [
        (
            d.rule,
            d.location.start.line,
            d.location.start.column,
            d.quoted,
            d.message,
            d.suggestions[0].label if d.suggestions else None,
        )
        for d in found
    ]
    expected = [(e["rule"], 1, case["text"].index(e["span"]) + 1, e["span"], e["message"], e["fix"]) for e in case["expect"]]
    assert got == expected


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=[p.stem for p in LANGUAGE_FILES])
def test_language_detected_from_its_texts(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = " ".join(case["text"] for case in data["cases"])
    assert detect_language(text).language == data["language"]


@pytest.mark.parametrize(("name", "line", "column", "quoted", "fix"), [
    ("seed-es.txt", 13, 53, "miércoles 1 de octubre", "martes 1 de octubre"),
    ("seed-tl.txt", 13, 74, "Miyerkoles, Oktubre 1", "Martes, Oktubre 1"),
])  # fmt: skip
def test_seed_translations(name: str, line: int, column: int, quoted: str, fix: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The seed's weekday error, found in the translation's own words; its second error (the
    visit's day) is an event rule, which runs on English only: not reported."""
    path = DATA / name
    found = lint_text(path.read_text(encoding="utf-8"), str(path), LintOptions(use_config=False))
    assert [(d.rule, d.location.start.line, d.location.start.column, d.quoted) for d in found] == [
        ("weekday-mismatch", line, column, quoted)
    ]
    assert found[0].message == f'"{quoted}": October 1, 2019 was a Tuesday, not a Wednesday'
    assert found[0].suggestions[0].label == fix
    assert main(["check", str(path), "--format", "text", "--no-cache"]) == 1
    assert main(["check", str(path), "--format", "text", "--no-cache", "--language", "en"]) == 0
    capsys.readouterr()


def test_language_sources_in_order() -> None:
    """--language, then front matter (lang, language, locale), then configuration, then detection."""
    text = "---\nlang: es-MX\n---\nEl presidente llegó el miércoles 1 de octubre de 2019.\n"
    assert load_text(text, "a.md").language == "es"
    assert load_text(text, "a.md").language_source == "front matter 'lang'"
    assert load_text(text, "a.md", ReadOptions(language="pt")).language == "pt"
    assert load_text(text, "a.md", ReadOptions(default_language="fr")).language == "es"
    plain = "El presidente llegó el miércoles 1 de octubre de 2019."
    assert load_text(plain, "a.txt", ReadOptions(default_language="fil")).language == "tl"
    assert load_text(plain, "a.txt").language == "en"  # nine words: too few to leave English for
    unsupported = load_text(plain, "a.txt", ReadOptions(language="ja"))
    assert (unsupported.language, unsupported.language_source) == ("en", "--language (ja: no calendar words, read as English)")
    assert normalise_language("pt_BR") == "pt" and normalise_language("fil") == "tl" and normalise_language("no") == "nb"


def test_configured_language_per_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".factlint.yaml").write_text("language: en\nper-file:\n  - files: 'es/**'\n    language: es\n")
    (tmp_path / "es").mkdir()
    story = "El presidente llegó el miércoles 1 de octubre de 2019 a Moscú.\n"
    (tmp_path / "es" / "a.txt").write_text(story)
    (tmp_path / "b.txt").write_text(story)
    assert main(["check", str(tmp_path), "--format", "text", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'es' / 'a.txt'}:1:24: error: " in out
    assert str(tmp_path / "b.txt") not in out  # configured English: no Spanish calendar words


def test_mixed_language_page_reads_its_main_language() -> None:
    """An English article quoting a Spanish sentence is English: the quote's wrong weekday is
    not read (no false alarm from a half-read language), the English dates still are."""
    text = (
        "The president arrived in Madrid on Tuesday, October 1, 2019, and told reporters that the visit was "
        'important for both countries. His host said: "El presidente llegó el miércoles 1 de octubre." '
        "The talks were held on Thursday, October 4, 2019."
    )
    assert load_text(text, "a.txt").language == "en"
    found = lint_text(text, "a.txt", LintOptions(use_config=False))
    assert [(d.rule, d.quoted) for d in found] == [("weekday-mismatch", "Thursday, October 4, 2019")]


def test_numeric_day_month_in_the_language_order() -> None:
    """ "domingo (6/10)": day then month in Spanish; "(10/6)" in Filipino, month first."""
    options = LintOptions(dct=date(2019, 10, 4), language="es", use_config=False)
    assert lint_text("El equipo juega el domingo (6/10) en casa.", "a.txt", options) == []
    wrong = lint_text("El equipo juega el sábado (6/10) en casa.", "a.txt", options)
    assert [(d.rule, d.quoted, d.suggestions[0].label) for d in wrong] == [
        ("weekday-mismatch", "sábado (6/10)", "domingo (6/10)")
    ]
    tagalog = LintOptions(dct=date(2019, 10, 4), language="tl", use_config=False)
    assert [d.quoted for d in lint_text("Maglalaro sila sa Sabado (10/6).", "a.txt", tagalog)] == ["Sabado (10/6)"]


def test_inflected_names_in_fixes() -> None:
    """A fix takes the inflection and case of the word it replaces."""
    assert calendar_lexicon("fi").weekday_name(1, "keskiviikkona") == "tiistaina"
    assert calendar_lexicon("cs").month_name(11, "října") == "listopadu"
    assert calendar_lexicon("es").weekday_name(1, "Miércoles") == "Martes"
    assert calendar_lexicon("pt").weekday_name(1, "Quarta") == "Terça"
    assert calendar_lexicon("de").weekday_name(1, "Mittwoch") == "Dienstag"


def test_generated_lexicons_are_current() -> None:
    """The lexicons are what the generator writes from the installed dateparser (when it is the
    version they were generated from)."""
    import dateparser

    header = (ROOT / "rules" / "lexicons" / "calendar" / "es.yaml").read_text(encoding="utf-8").splitlines()[0]
    if f"dateparser {dateparser.__version__} " not in header:
        pytest.skip(f"lexicons generated with another dateparser ({header})")
    result = subprocess.run(
        [sys.executable, "tools/generate_calendar_lexicons.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_english_run_loads_no_other_language() -> None:
    """The built-in English pack reads no other language's calendar words or date patterns,
    builds no other pipeline and loads no language detector for an English article."""
    code = (
        "import sys\n"
        "from factlint import LintOptions, lint_text\n"
        "from factlint.claims import dates\n"
        "from factlint.core import calendar_words\n"
        "from factlint.nlp import pipeline\n"
        "text = open('seeds/rappler-2019-10-04-duterte-putin.txt').read()\n"
        "lint_text(text, 'a.txt', LintOptions(use_config=False))\n"
        "print(calendar_words.load_calendar_lexicon.cache_info().currsize,\n"
        "      dates.load_language_date_patterns.cache_info().currsize,\n"
        "      pipeline.load_language_pipeline.cache_info().currsize, 'py3langid' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0] == "1 0 0 False"


@pytest.mark.skipif(not MODERN.exists(), reason="../shared/corpora/modern-news is not here")
def test_modern_news_group_c_no_false_alarms() -> None:
    """The corpus's Spanish, French, Italian and Portuguese pages: each read in its language,
    0 diagnostics but for the info that a month-only date header is no publication date; with
    the 15th of that month as the date, 0 diagnostics and every labelled mention read."""
    import csv

    index = (MODERN / "index.tsv").read_text(encoding="utf-8").splitlines()
    rows = [r for r in csv.DictReader(index, delimiter="\t") if r["group"] == "C"]
    labelled = (MODERN / "labels.tsv").read_text(encoding="utf-8").splitlines()
    labels = [r for r in csv.DictReader(labelled, delimiter="\t") if r["lang"] != "en"]
    assert len(rows) == 8 and len(labels) == 20
    from factlint.engine.api import lint_text_analysed

    read = 0
    for row in rows:
        text = (MODERN / "docs" / f"{row['id']}.txt").read_text(encoding="utf-8")
        plain = lint_text(text, f"{row['id']}.txt", LintOptions(use_config=False))
        assert {d.rule for d in plain} <= {"no-publication-date"}
        year, month = (int(x) for x in row["dct"].split("-")[:2])
        dct = date(year, month, 15) if row["dct_precision"] == "month" else None
        found, analysis = lint_text_analysed(text, f"{row['id']}.txt", LintOptions(dct=dct, use_config=False))
        assert analysis.document.language == row["lang"]
        assert found == []
        document = analysis.document
        dates = set()
        for claim in analysis.resolved:
            if claim.mention.weekday is not None:
                where = document.location(claim.mention.start, claim.mention.end).start
                dates.add((where.line, where.column, str(claim.date)))
        read += sum((int(r["line"]), int(r["col"]), r["resolved_date"]) in dates for r in labels if r["id"] == row["id"])
    assert read == 20


def test_readme_example_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Spanish example is what the command prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ factlint check tests/data/languages/seed-es.txt --format text\n", 1)[1].split("```", 1)[0]
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        assert main(["check", "tests/data/languages/seed-es.txt", "--format", "text", "--no-cache", "--quiet"]) == 1
    finally:
        os.chdir(cwd)
    assert capsys.readouterr().out == block


def test_claims_view_reads_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    """`factlint claims` reads a Filipino file with the Filipino words: its dates and values."""
    import json

    assert main(["claims", str(DATA / "seed-tl.txt"), "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["files"][0]["claims"]
    assert [(c["line"], c["column"], c["text"], c["value"]) for c in claims] == [
        (3, 130, "Huwebes, Oktubre 3", "2019-10-03"),
        (5, 379, "Biyernes, Oktubre 4", "2019-10-04"),
        (7, 135, "Oktubre 2018", "2018-10"),
        (9, 18, "Oktubre 3", "2019-10-03"),
        (9, 258, "Nobyembre 2016", "2016-11"),
        (13, 74, "Miyerkoles, Oktubre 1", "2019-10-01"),
    ]


def test_holiday_weekday_in_spanish() -> None:
    options = LintOptions(dct=date(2019, 10, 4), language="es", use_config=False)
    found = lint_text("Este año la Navidad, martes, llega pronto.", "a.txt", options)
    assert [(d.rule, d.location.start.column, d.quoted, d.message) for d in found] == [
        (
            "holiday-weekday-mismatch",
            22,
            "martes",
            '"Navidad": Christmas Day 2019 falls on a Wednesday (December 25), not a Tuesday',
        )
    ]
    assert lint_text("Este año la Navidad, miércoles, llega pronto.", "a.txt", options) == []


def test_unknown_language_flag_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in --language used to read every file as English without a word; now it stops
    the run before any file is read, naming the languages factlint has calendar words for."""
    story = tmp_path / "a.txt"
    story.write_text("He arrived on Wednesday, October 1, 2019.\n")
    with pytest.raises(SystemExit) as stopped:
        main(["check", str(story), "--language", "klingon"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --language: no calendar words for 'klingon' (factlint reads: en, ca, " in err
    assert err.rstrip().endswith("; or auto)")
    assert main(["check", str(story), "--language", "EN-gb", "--format", "text", "--no-cache"]) == 1
    assert main(["check", str(story), "--language", "auto", "--format", "text", "--no-cache"]) == 1
