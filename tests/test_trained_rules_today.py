"""The trained-pipeline rules on today's copy: what real pages taught them not to say.

Each text is made up; each pair is the false alarm it used to raise and a true finding
beside it that must still be raised.
"""

from __future__ import annotations

from datetime import date

import pytest

from factlint.engine.api import LintOptions, lint_text
from factlint.nlp.pipeline import load_pipeline

pytestmark = pytest.mark.skipif(
    not load_pipeline(None, frozenset({"parser"})).trained, reason="no trained English pipeline is installed"
)
DCT = date(2024, 7, 8)


def rules(text: str, path: str = "a.txt", dct: date = DCT) -> list[tuple[str, str]]:
    return [(d.rule, d.message) for d in lint_text(text, path, LintOptions(dct=dct, use_config=False))]


def test_two_people_with_one_surname_are_two_people() -> None:
    assert rules("Jose Cruz, 50, and his son Mark Cruz, 21, were arrested. Cruz, 21, denied the charges.") == []
    assert rules("Jose Cruz, 50, was arrested on Monday. Cruz, 53, denied the charges.") == [
        ("age-conflict", 'Jose Cruz: "53" here, but 50 earlier')
    ]


def test_a_scorers_tally_is_no_age() -> None:
    assert rules("Top scorers: Kane, 4; Son, 1; Salah, 3. Kane, 30, has scored in every game.") == []


def test_a_table_s_counts_are_each_row_s() -> None:
    table = "| Team | Wins |\n|---|---|\n| Arsenal | 7 wins |\n| Spurs | 6 wins |\n\nThe 7 wins are a club record.\n"
    assert rules(table, "a.md") == []


def test_a_count_told_by_its_own_clause_is_a_set_of_its_own() -> None:
    assert rules("Kane has 4 goals this month. The 3 goals he scored in May were his best.") == []
    assert rules("Three Russian warships docked in Manila. The four warships left on Friday.") == [
        ("quantity-conflict", '"The four warships" counts 4 warship(s), but "Three Russian warships" counted 3')
    ]


def test_a_grade_number_is_no_count() -> None:
    assert rules("The grade 12 students passed. The grade 10 students failed.") == []


def test_a_declared_day_is_what_was_declared_not_when() -> None:
    assert rules("On Monday the Palace declared Friday, 12 July 2024, a special holiday in Manila.") == []
    assert rules("The delegation arrived on July 12, 2024.") == [
        (
            "past-event-after-publication",
            '"July 12, 2024" is 2024-07-12, after the publication date 2024-07-08, yet "arrived" tells it in the past tense',
        )
    ]


def test_a_page_s_update_stamp_is_not_copy() -> None:
    assert rules("Updated: Wednesday, July 20, 2024, 10:15 AM\nThe minister arrived in Tokyo on Monday.") == []
    assert rules("# Talks\n\nLast updated on July 20, 2024 (Friday)\n\nThe minister arrived on Monday.", "a.md") == []
    assert ("weekday-mismatch", "July 10, 2024 was a Wednesday, not a Thursday") in rules(
        "Updated results came on Thursday, July 10."
    )


def test_later_is_counted_from_the_story_not_from_publication() -> None:
    assert rules("The minister arrived in Tokyo. They left a week later.") == []
