"""weekday-mismatch on every form news copy uses, right and wrong, with and without a year.

October 1, 2019 was a Tuesday; September 3, 2019 a Tuesday; October 13, 2019 a Sunday;
September 30, 2019 a Monday and October 2, 2019 a Wednesday. Each text starts with
"He came on " (10 characters before column 11), so an expression starts at column 12.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factlint.engine.api import LintOptions, lint_text

DCT = date(2019, 10, 4)
PREFIX = "He came on "


def found(text: str, dct: date | None = DCT, rule: str = "weekday-mismatch") -> list[tuple]:
    return [
        (
            d.rule,
            d.location.start.line,
            d.location.start.column,
            d.location.end.column,
            d.message,
            [s.label for s in d.suggestions],
        )
        for d in lint_text(text, "a.txt", LintOptions(dct=dct))
        if d.rule == rule
    ]


TUE_NOT_WED = "October 1, 2019 was a Tuesday, not a Wednesday"

# (expression, stated weekday wrong?, suggestion labels when wrong)
WRONG = [
    ("Wednesday, October 1", ["Tuesday, October 1", "Wednesday, October 2"]),
    ("Wednesday, Oct. 1", ["Tuesday, Oct. 1", "Wednesday, Oct. 2"]),
    ("Wed., Oct. 1", ["Tue., Oct. 1", "Wed., Oct. 2"]),
    ("Wednesday (October 1)", ["Tuesday (October 1)", "Wednesday (October 2)"]),
    ("Wednesday, 1 October 2019", ["Tuesday, 1 October 2019", "Wednesday, 2 October 2019"]),
    ("Wednesday, 1 October", ["Tuesday, 1 October", "Wednesday, 2 October"]),
    ("Wednesday 1st October", ["Tuesday 1st October", "Wednesday 2nd October"]),
    ("Wednesday 1st October 2019", ["Tuesday 1st October 2019", "Wednesday 2nd October 2019"]),
    ("Wednesday the 1st", ["Tuesday the 1st", "Wednesday the 2nd"]),
    ("October 1 (Wednesday)", ["October 1 (Tuesday)", "October 2 (Wednesday)"]),
    ("October 1, 2019 (Wednesday)", ["October 1, 2019 (Tuesday)", "October 2, 2019 (Wednesday)"]),
    ("Wednesday, October 1st, 2019", ["Tuesday, October 1st, 2019", "Wednesday, October 2nd, 2019"]),
    ("Wednesday, October 1, 2019", ["Tuesday, October 1, 2019", "Wednesday, October 2, 2019"]),
    ("Wednesday, Oct. 1, 2019", ["Tuesday, Oct. 1, 2019", "Wednesday, Oct. 2, 2019"]),
    ("Wed 1 Oct", ["Tue 1 Oct", "Wed 2 Oct"]),
    ("Wed 1 Oct 2019", ["Tue 1 Oct 2019", "Wed 2 Oct 2019"]),
    ("Wednesday, 2019-10-01", ["Tuesday, 2019-10-01", "Wednesday, 2019-10-02"]),
]
RIGHT = [
    "Tuesday, October 1",
    "Tuesday, Oct. 1",
    "Tue., Oct. 1",
    "Tues., Oct. 1",
    "Tuesday (October 1)",
    "Tuesday, 1 October 2019",
    "Tuesday, 1 October",
    "Tuesday 1st October",
    "Tuesday the 1st",
    "October 1 (Tuesday)",
    "October 1, 2019 (Tuesday)",
    "Tuesday, October 1st, 2019",
    "Tuesday, October 1, 2019",
    "Tue 1 Oct",
    "Tuesday, 2019-10-01",
    "Tues., Sept. 3",
    "Tues., Sept. 3, 2019",
    "Sunday, 13/10/2019",
]


@pytest.mark.parametrize(("expression", "labels"), WRONG)
def test_wrong_weekday_is_flagged_over_the_whole_expression(expression: str, labels: list[str]) -> None:
    text = f"{PREFIX}{expression} for talks."
    assert found(text) == [("weekday-mismatch", 1, 12, 12 + len(expression), TUE_NOT_WED, labels)]


@pytest.mark.parametrize("expression", RIGHT)
def test_right_weekday_is_not_flagged(expression: str) -> None:
    assert found(f"{PREFIX}{expression} for talks.") == []


def test_ap_abbreviations_keep_their_style() -> None:
    text = f"{PREFIX}Tues., Sept. 4 for talks."
    assert found(text) == [
        ("weekday-mismatch", 1, 12, 26, "September 4, 2019 was a Wednesday, not a Tuesday", ["Wed., Sept. 4", "Tues., Sept. 3"])
    ]


def test_unambiguous_numeric_date_offers_only_the_weekday() -> None:
    text = f"{PREFIX}Monday, 13/10/2019 for talks."
    assert found(text) == [("weekday-mismatch", 1, 12, 30, "October 13, 2019 was a Sunday, not a Monday", ["Sunday, 13/10/2019"])]


@pytest.mark.parametrize("expression", ["Wednesday, 10/01/2019", "Monday, 10/01/2019", "Friday, 01/10/2019"])
def test_ambiguous_numeric_date_is_not_judged(expression: str) -> None:
    assert found(f"{PREFIX}{expression} for talks.") == []


def test_weekday_range_right() -> None:
    assert found("They met Monday-Wednesday, Sept. 30-Oct. 2, in Sochi.") == []
    assert found("They met Monday and Wednesday, Sept. 30 and Oct. 2, in Sochi.") == []


def test_weekday_range_second_part_wrong_is_flagged_at_that_part() -> None:
    diagnostics = [d for d in lint_text("They met Monday-Thursday, Sept. 30-Oct. 2, in Sochi.", "a.txt", LintOptions(dct=DCT))]
    assert [(d.rule, d.location.start.column, d.location.end.column, d.quoted) for d in diagnostics] == [
        ("weekday-mismatch", 17, 25, "Thursday")
    ]
    (diagnostic,) = diagnostics
    assert diagnostic.message == "October 2, 2019 was a Wednesday, not a Thursday"
    assert [s.label for s in diagnostic.suggestions] == ["Wednesday", "Oct. 3"]
    assert [(r.location.start.column, r.location.end.column) for r in diagnostic.related] == [(36, 42)]  # "Oct. 2"


def test_weekday_range_first_part_wrong_is_flagged_at_that_part() -> None:
    assert found("They met Sunday-Wednesday, Sept. 30-Oct. 2, in Sochi.") == [
        ("weekday-mismatch", 1, 10, 16, "September 30, 2019 was a Monday, not a Sunday", ["Monday", "Sept. 29"])
    ]


def test_from_to_range_checked_part_by_part() -> None:
    assert found("They met from Monday, Sept. 30 to Wednesday, Oct. 2, in Sochi.") == []
    assert found("They met from Monday, Sept. 30 to Thursday, Oct. 2, in Sochi.") == [
        (
            "weekday-mismatch",
            1,
            35,
            51,
            "October 2, 2019 was a Wednesday, not a Thursday",
            ["Wednesday, Oct. 2", "Thursday, Oct. 3"],
        )
    ]
    assert found("They met from Sunday, Sept. 30 to Wednesday, Oct. 2, in Sochi.") == [
        ("weekday-mismatch", 1, 15, 31, "September 30, 2019 was a Monday, not a Sunday", ["Monday, Sept. 30", "Sunday, Sept. 29"])
    ]


def test_not_a_date_after_the() -> None:
    # AFP copy: "On Monday, the 11 members of OPEC had met" (a count, not "Monday the 11th").
    assert found("On Monday, the 11 members of OPEC had met in Kuwait City.", date(2005, 12, 16)) == []


def test_day_range_token_kept_whole_by_the_tokenizer() -> None:
    # spaCy keeps "4-" whole in "Nov. 4- 5"; November 4, 2006 was a Saturday.
    assert found("The summit is slated for Sunday, Nov. 4- 5.", date(2006, 11, 3)) == [
        ("weekday-mismatch", 1, 26, 40, "November 4, 2006 was a Saturday, not a Sunday", ["Saturday, Nov. 4", "Sunday, Nov. 5"])
    ]


SEED = Path(__file__).resolve().parent.parent / "seeds" / "rappler-2019-10-04-duterte-putin.txt"


def test_seed_has_exactly_one_weekday_mismatch() -> None:
    text = SEED.read_text(encoding="utf-8")
    diagnostics = [d for d in lint_text(text, str(SEED)) if d.rule in ("weekday-mismatch", "impossible-date")]
    assert [
        (d.rule, d.location.start.line, d.location.start.column, d.location.end.line, d.location.end.column) for d in diagnostics
    ] == [("weekday-mismatch", 19, 58, 19, 78)]
    assert diagnostics[0].message == TUE_NOT_WED
    assert [s.label for s in diagnostics[0].suggestions] == ["Tuesday, October 1", "Wednesday, October 2"]
    assert "Thursday, October 3" in text.splitlines()[2] and "Friday, October 4" in text.splitlines()[4]


def test_calendar_spellings_the_tokenizer_would_split_are_kept_whole() -> None:
    import spacy

    from factlint.core.calendar_words import load_calendar_lexicon
    from factlint.nlp.pipeline import add_calendar_special_cases, load_pipeline

    text = "He left Wed. and came back Tues. in SEPT. or on Wed, Monday, Jan. 3."
    tokens = [t.text for t in load_pipeline(None).nlp.make_doc(text)]
    assert {"Wed.", "Tues.", "SEPT.", "Wed", "Monday", "Jan."} <= set(tokens)
    nlp = spacy.blank("en")
    add_calendar_special_cases(nlp, load_calendar_lexicon())
    assert "Wed" in nlp.tokenizer.rules and "Monday" not in nlp.tokenizer.rules  # whole already: no special case
    every = spacy.blank("en")
    for names in (*load_calendar_lexicon().weekday_names, *load_calendar_lexicon().month_names):
        for variant in {v for n in names for v in (n, n.lower(), n.upper()) if len(v) > 1}:
            every.tokenizer.add_special_case(variant, [{"ORTH": variant}])
    seed = SEED.read_text(encoding="utf-8") + " " + text
    assert [t.text for t in nlp.make_doc(seed)] == [t.text for t in every.make_doc(seed)]


def test_the_calendar_tokenizer_changes_load_spacy_s_special_cases_once() -> None:
    """spaCy reloads every special case (1,300 for English) each time a prefix, suffix or
    token rule is set: setting them one by one cost more than building the blank pipeline.
    The changes are made with the special cases taken out, which are then loaded once, and
    tokenize exactly as the same changes made one by one (with a reload each) do."""
    import cProfile
    import pstats

    import spacy

    from factlint.core.calendar_words import calendar_lexicon, load_calendar_lexicon
    from factlint.nlp.pipeline import add_calendar_special_cases

    text = SEED.read_text(encoding="utf-8") + " |Thursday, Sept. 7; October 23, Friday- Mahasaptami; Wed. 13/10/2019 Ekim'de"
    for code, lexicon in (("en", load_calendar_lexicon()), ("tr", calendar_lexicon("tr"))):
        nlp = spacy.blank(code)
        profile = cProfile.Profile()
        profile.runcall(add_calendar_special_cases, nlp, lexicon, numeric_dates=code == "tr")
        stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
        calls = sum(counts[1] for (_file, _line, name), counts in stats.items() if name == "add_special_case")
        if calls == 0:
            pytest.skip("this spaCy build does not report its tokenizer's calls to the profiler")
        rules = nlp.tokenizer.rules
        assert len(rules) <= calls <= len(rules) + 50, (code, calls, len(rules))  # one load (it was three)

        one_by_one = spacy.blank(code)  # the same changes, each set on a loaded tokenizer
        tokenizer = one_by_one.tokenizer
        for variant, tokens in rules.items():
            if tokenizer.rules.get(variant) != tokens:
                tokenizer.add_special_case(variant, tokens)
        tokenizer.token_match = nlp.tokenizer.token_match
        tokenizer.prefix_search = nlp.tokenizer.prefix_search
        tokenizer.suffix_search = nlp.tokenizer.suffix_search
        assert tokenizer.rules == rules
        made, expected = nlp.make_doc(text), one_by_one.make_doc(text)
        assert [(t.text, t.whitespace_) for t in made] == [(t.text, t.whitespace_) for t in expected]
