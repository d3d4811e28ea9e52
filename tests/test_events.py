"""Event, day, count, quantity and age claims as read from the parse, and their rules."""

from __future__ import annotations

from datetime import date

import pytest

from factlint.analysis.document_analysis import Analysis, analyse
from factlint.claims.events import extract_event_claims
from factlint.engine.api import LintOptions, lint_text
from factlint.nlp.pipeline import load_pipeline
from factlint.read.reader import ReadOptions, load_text
from tests.conftest import SEED

DCT = date(2019, 10, 4)


def read(text: str) -> Analysis:
    document = load_text(text, "a.txt", ReadOptions(dct=DCT))
    trained = load_pipeline(None, frozenset({"parser", "ner", "tagger"}))
    if not trained.trained:
        pytest.skip("no trained English pipeline installed")
    return next(analyse([document], load_pipeline(None), trained=trained))


def events(text: str) -> list[tuple]:
    return [
        (e.text, e.type, tuple(sorted(e.participants)), e.place, e.ordinal, e.when.period.label if e.when else None)
        for e in read(text).claims(extract_event_claims).events
    ]


def test_seed_series_read_correctly() -> None:
    claims = read(SEED.read_text(encoding="utf-8")).claims(extract_event_claims)
    series = [
        (e.text, e.ordinal, e.when.period.label if e.when else None)
        for e in claims.events
        if e.participants == frozenset({"Duterte", "Putin"}) and e.type == "meeting"
    ]
    assert series == [("The October 3 meeting", 4, "2019-10-03"), ("first met", 1, "2016-11"), ("their first meeting", 1, "2016")]
    visits = [
        (e.text, e.ordinal, e.place) for e in claims.events if e.type == "visit" and e.participants == frozenset({"Duterte"})
    ]
    assert ("that first trip", 1, "Russia") in visits
    assert ("his second visit", 2, "Russia") in visits
    [start] = claims.starts
    assert (start.text, start.date.period.label, start.event.text) == (
        "arrived in Moscow on Wednesday, October 1",
        "2019-10-01",
        "his second visit",
    )
    [day] = claims.days
    assert (day.text, day.position, day.event.text, day.date.period.label) == (
        "the second day",
        2,
        "his official visit",
        "2019-10-03",
    )


def test_pronoun_prefers_the_clause_subject_and_says_so() -> None:
    analysis = read("Duterte relayed this to Putin during talks in Sochi, the second day of his official visit to that country.")
    visit = next(e for e in analysis.claims(extract_event_claims).events if e.type == "visit")
    assert visit.participants == frozenset({"Duterte"})
    assert visit.place == "Russia"
    assert visit.resolved == ("his -> Duterte (line 1)", "country -> Russia (line 1)")


def test_elided_noun_and_verb_events() -> None:
    found = events("The October 3 meeting in Sochi was Duterte's 4th with Putin. They first met in Lima in November 2016.")
    assert found == [
        ("The October 3 meeting", "meeting", ("Duterte", "Putin"), "Russia", 4, "2019-10-03"),
        ("first met", "meeting", ("Duterte", "Putin"), None, 1, "2016-11"),
    ]


def test_counts_days_quantities_and_ages() -> None:
    analysis = read(
        "Smith has visited Russia twice. It was day three of the talks. Last year, 3 Russian warships docked. "
        "Jones, 45, spoke. Jones, a 47-year-old teacher, left. Jones was born in 1970. The 50-year-old stayed. "
        "He was born in 1960."
    )
    claims = analysis.claims(extract_event_claims)
    assert [(c.type, c.count, c.place) for c in claims.counts] == [("visit", 2, "Russia")]
    assert [(d.text, d.position, d.event.type) for d in claims.days] == [("day three", 3, "meeting")]
    assert [(q.noun, q.number, q.definite) for q in claims.quantities] == [("warship", 3, False)]
    # "The 50-year-old" and "He was born" name nobody: no claim rather than a guess
    assert [(a.person, a.age, a.born) for a in claims.ages] == [("Jones", 45, None), ("Jones", 47, None), ("Jones", None, 1970)]


def test_quantity_conflict_with_a_definite_count() -> None:
    text = "Three Russian warships docked. The four warships left."
    found = lint_text(text, "a.txt", LintOptions(dct=DCT))
    assert [(d.rule, d.location.start.column) for d in found] == [("quantity-conflict", text.index("four") + 1)]


def test_age_conflict_with_birth_year() -> None:
    found = lint_text("Jones, 45, spoke on Monday. Jones was born in 1970.", "a.txt", LintOptions(dct=DCT))
    assert [(d.rule, d.message, d.location.start.column) for d in found] == [
        ("age-conflict", 'Jones: "born in 1970" here, but 45 earlier, so born in 1973 or 1974', 39)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Russian Navy has also made goodwill visits to the Philippines. Its first visit was in 2017.",
        "In October 32 people were hurt. The three warships left. Four warships arrived.",
        "About 500 people marched. The seven people arrested were released.",
        "At least two rebels died. All 14 rebels had been armed.",
        "Smith, 45, spoke. Smith, 46, left.",
        "Three Russian warships docked. The newly built four warships left.",  # "the" two words off: not definite
    ],
)
def test_no_event_findings_on_consistent_text(text: str) -> None:
    rules = {"ordinal-conflict", "ordinal-chronology", "event-day-mismatch", "quantity-conflict", "age-conflict"}
    assert [d.rule for d in lint_text(text, "a.txt", LintOptions(dct=DCT)) if d.rule in rules] == []


def test_rules_only_pipeline_skips_event_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.engine import check

    original = check.load_pipeline
    monkeypatch.setattr(check, "load_pipeline", lambda model=None, needed=frozenset(): original(None))
    monkeypatch.setattr(check, "lazy_trained", lambda needed: None)  # what it gives with no model installed
    found = lint_text(SEED.read_text(encoding="utf-8"), "seed.txt")
    assert [d.rule for d in found] == ["weekday-mismatch"]


def test_claims_view_lists_the_seed_event_series() -> None:
    import io

    from factlint.shells.cli import main

    out = io.StringIO()
    assert main(["claims", str(SEED)], stdout=out) == 0
    text = out.getvalue()
    assert (
        'meetings (Duterte and Putin): #1 2016 (line 17, "their first meeting"), #1 2016-11 (line 15, "first met"), '
        '#4 2019-10-03 (line 15, "The October 3 meeting")'
    ) in text
    assert '#1 2017 (line 17, "that first trip"), #2 2019-10-01 (line 19, "his second visit")' in text
