"""The event rules in French (`factlint[fr]`: fr_core_news_sm and factlint.claims.events_fr)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest
import yaml

from factlint.engine.api import LintOptions, lint_text
from factlint.engine.cache import DEFAULT_MODELS as CACHE_DEFAULT_MODELS
from factlint.engine.cache import LANGUAGE_MODELS as CACHE_LANGUAGE_MODELS
from factlint.kinds.event_series import ordinal_like
from factlint.kinds.registry import default_registry
from factlint.nlp import pipeline
from factlint.shells.cli import main

DATA = Path(__file__).parent / "data" / "languages"
CASES = yaml.safe_load((Path(__file__).parent / "data" / "events" / "fr.yaml").read_text(encoding="utf-8"))
MODERN = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "modern-news"
EVENT_RULES = {"age-conflict", "count-exceeds-ordinal", "event-day-mismatch", "ordinal-chronology"}
EVENT_RULES |= {"ordinal-conflict", "ordinal-exceeds-count", "quantity-conflict"}
french = pytest.mark.skipif(
    importlib.util.find_spec("fr_core_news_sm") is None,
    reason="fr_core_news_sm is not installed (pip install 'factlint[fr]')",
)


def _french(text: str, dct: str = CASES["date"]) -> list:
    return lint_text(text, "case.txt", LintOptions(dct=date.fromisoformat(dct), language="fr", use_config=False))


@french
@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_french_event_cases(case: dict) -> None:
    found = _french(case["text"])
    got = [(d.rule, d.quoted, d.message, d.suggestions[0].label if d.suggestions else None) for d in found]
    assert got == [(e["rule"], e["span"], e["message"], e["fix"]) for e in case["expect"]]


@french
def test_the_french_seed_has_both_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed translated into French (its language detected): the weekday and the visit's day."""
    path = DATA / "seed-fr.txt"
    found = lint_text(path.read_text(encoding="utf-8"), str(path), LintOptions(use_config=False))
    assert [(d.rule, d.location.start.line, d.location.start.column, d.quoted) for d in found] == [
        ("event-day-mismatch", 3, 162, "le deuxième jour"),
        ("weekday-mismatch", 13, 62, "mercredi 1er octobre"),
    ]
    day = found[0]
    assert day.message == (
        '"le deuxième jour": October 3 is day 3 of the visit that began October 1 ("mercredi 1er octobre"), not day 2'
    )
    assert day.suggestions[0].label == "le troisième jour"
    assert day.note == 'if the start was "mercredi 2 octobre", as its weekday says, both hold'
    assert (day.related[0].location.start.line, day.related[0].location.start.column) == (13, 42)
    assert main(["check", str(path), "--format", "text", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "seed-fr.txt:3:162: warning:" in out and "[event-day-mismatch]" in out


@french
def test_no_event_alarm_on_the_french_corpus_page() -> None:
    """modern-news' French page (a visit's programme, with arrivals and meetings): no event
    rule fires (its weekdays are checked by the calendar rules, and right)."""
    index = MODERN / "index.tsv"
    if not index.exists():
        pytest.skip("../shared/corpora/modern-news is not here")
    rows = [line.split("\t") for line in index.read_text(encoding="utf-8").splitlines()[1:]]
    pages = [row for row in rows if row[4] == "C" and row[5] == "fr"]
    assert pages
    for row in pages:
        text = (MODERN / "docs" / f"{row[0]}.txt").read_text(encoding="utf-8")
        found = lint_text(text, f"{row[0]}.txt", LintOptions(dct=date(2019, 10, 15), language="fr", use_config=False))
        assert [d.rule for d in found if d.rule in EVENT_RULES] == []


def test_event_kinds_say_they_run_in_french() -> None:
    registry = default_registry()
    for kind in ("event-day", "ordinal-series", "series-count", "quantity", "age"):
        assert registry[kind].runs_in("fr") and not registry[kind].runs_in("es")
    assert not registry["relative-date-conflict"].runs_in("fr")
    assert registry["weekday"].runs_in("es")


def test_the_cache_names_the_models_the_pipeline_loads() -> None:
    """cache.py copies the model names so a cached run imports no spaCy: they must agree."""
    assert CACHE_DEFAULT_MODELS == pipeline.DEFAULT_MODELS
    assert CACHE_LANGUAGE_MODELS == pipeline.LANGUAGE_MODELS


@pytest.mark.parametrize(("value", "like", "expected"), [
    (3, "deuxième", "troisième"),
    (3, "Deuxième", "Troisième"),
    (1, "deuxième", "premier"),
    (1, "seconde", "première"),
    (2, "premier", "second"),
    (3, "2e", "3e"),
    (3, "2ème", "3ème"),
    (1, "2e", "1er"),
    (2, "1re", "2e"),
    (1, "1re", "1re"),
])  # fmt: skip
def test_french_ordinal_fix_keeps_the_written_form(value: int, like: str, expected: str) -> None:
    assert ordinal_like(value, like, "fr") == expected


def test_without_the_french_pipeline_the_calendar_rules_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without fr_core_news_sm, a French file keeps its calendar rules, loses its event rules,
    and stderr says so once, naming the extra to install."""
    monkeypatch.setattr(pipeline, "LANGUAGE_MODELS", {"fr": ("fr_core_news_absent",)})
    monkeypatch.setattr(pipeline, "_told_missing", set())
    pipeline.load_language_trained.cache_clear()
    try:
        path = DATA / "seed-fr.txt"
        first = lint_text(path.read_text(encoding="utf-8"), str(path), LintOptions(use_config=False))
        again = lint_text(path.read_text(encoding="utf-8"), str(path), LintOptions(use_config=False))
    finally:
        pipeline.load_language_trained.cache_clear()
    assert [d.rule for d in first] == [d.rule for d in again] == ["weekday-mismatch"]
    err = capsys.readouterr().err
    assert err.count("no trained spaCy pipeline for 'fr'") == 1
    assert "pip install 'factlint[fr]'" in err


def test_rules_and_languages_say_where_the_event_rules_run(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["languages", "--format", "json"]) == 0
    rows = {row["language"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["fr"]["event_rules"] == "with factlint[fr]" and rows["fr"]["event_parser"] == "fr_core_news_sm"
    assert set(rows["fr"]["rules"]) >= EVENT_RULES and not EVENT_RULES & set(rows["es"]["rules"])
    assert (rows["fr"]["calendar_rule_count"], rows["fr"]["event_rule_count"]) == (rows["es"]["calendar_rule_count"], 7)
    assert rows["es"]["event_rules"] == "no"
    assert main(["rules"]) == 0
    listed = {
        line.split("│")[1].strip(): line.split("│")[4].strip() for line in capsys.readouterr().out.splitlines() if "│" in line
    }
    assert {listed[rule] for rule in EVENT_RULES} == {"en, fr"}
    assert listed["weekday-mismatch"] == "all" and listed["relative-date-conflict"] == "en"


@french
def test_the_cache_key_names_the_french_pipeline() -> None:
    """Installing or upgrading factlint[fr] changes French files' findings: it is in the key."""
    from factlint.engine.cache import model_identity

    model_identity.cache_clear()
    assert model_identity(None).endswith("; fr_core_news_sm 3.8.0")
