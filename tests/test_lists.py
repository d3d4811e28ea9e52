"""Today's copy: lists, schedules and next year's dates read as an editor reads them.

Every text here is made up for the test; each case names the behaviour of issue 16 it pins.
"""

from __future__ import annotations

from datetime import date

from factlint.analysis.document_analysis import analyse
from factlint.claims.date_claim import YearSource
from factlint.engine.api import LintOptions, lint_text
from factlint.nlp.pipeline import load_pipeline
from factlint.read.reader import ReadOptions, load_text


def found(text: str, dct: date, path: str = "a.txt", select: tuple[str, ...] = ()) -> list[tuple]:
    options = LintOptions(dct=dct, use_config=False, select=select)
    return [
        (d.rule, d.location.start.line, d.location.start.column, d.quoted, d.message, [s.label for s in d.suggestions], d.note)
        for d in lint_text(text, path, options)
    ]


def test_a_weekday_never_pairs_with_the_date_on_the_next_line_of_a_list() -> None:
    right = "Bank closures in March\nMarch 2: Saturday\nMarch 3: Sunday\nMarch 4: Holi\n"
    assert found(right, date(2024, 2, 20)) == []  # not "Sunday, March 4" (a Monday)
    wrong = right.replace("March 2: Saturday", "March 2: Sunday")
    assert found(wrong, date(2024, 2, 20)) == [
        (
            "weekday-mismatch",
            2,
            1,
            "March 2: Sunday",
            "March 2, 2024 was a Saturday, not a Sunday",
            ["March 2: Saturday", "March 3: Sunday"],
            "year 2024 is the one nearest the publication date 2024-02-20 (--date)",
        )
    ]


def test_a_wrapped_sentence_still_reads_across_its_line_break() -> None:
    text = "He came on Wednesday,\nOctober 1 to Sochi, and\nOctober 3 he left.\n"
    assert [f[:4] for f in found(text, date(2019, 10, 4), select=("weekday",))] == [
        ("weekday-mismatch", 1, 12, "Wednesday,\nOctober 1")
    ]


def test_the_document_records_headings_items_and_cells() -> None:
    document = load_text(
        "Holidays for 2025\n\n- New Year's Day - 1 January\n- Labour Day - 1 May\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "a.md"
    )
    kinds = [(b.kind, document.text[b.start : b.end]) for b in document.structure]
    assert kinds == [
        ("heading", "Holidays for 2025"),
        ("item", "New Year's Day - 1 January"),
        ("item", "Labour Day - 1 May"),
        ("cell", "a"),
        ("cell", "b"),
        ("cell", "1"),
        ("cell", "2"),
    ]
    plain = load_text("Intro to the list\nJanuary 2 - Saturday\nJanuary 3 - Sunday\nA closing paragraph.\n", "a.txt")
    assert [b.kind for b in plain.structure] == ["heading", "item", "item", "paragraph"]


def test_a_list_takes_the_year_its_introduction_states() -> None:
    text = (
        "The council released the holidays for 2025.\n\n"
        "New Year's Day - 1 January (Wednesday)\n\nLabour Day - 1 May (Thursday)\n\nIndependence Day - 12 June (Friday)\n"
    )
    assert found(text, date(2024, 10, 31)) == [
        (
            "weekday-mismatch",
            7,
            20,
            "12 June (Friday)",
            "June 12, 2025 was a Thursday, not a Friday",
            ["12 June (Thursday)", "13 June (Friday)"],
            'year 2025 from the list\'s introduction "The council released the holidays for 2025." (line 1)',
        )
    ]


def test_the_introduction_s_year_is_a_related_location_and_relative_years_count() -> None:
    text = "Here are next year's holidays:\n\nNinoy Aquino Day - 21 August (Thursday)\n\nBonifacio Day - 30 November (Saturday)\n"
    options = LintOptions(dct=date(2024, 10, 31), use_config=False, select=("weekday",))
    [diagnostic] = lint_text(text, "a.txt", options)
    assert diagnostic.message == "November 30, 2025 was a Sunday, not a Saturday"
    assert diagnostic.note == 'year 2025 from the heading "Here are next year\'s holidays:" (line 1)'
    assert [(r.label, r.location.start.line, r.location.start.column) for r in diagnostic.related] == [
        ("year 2025 stated here", 1, 10)
    ]


def test_a_list_without_a_stated_year_takes_the_year_its_weekdays_agree_on() -> None:
    text = "Long weekends ahead:\n\n- July 10 - Saturday\n- July 11 - Sunday\n- July 12 - Monday\n- July 19 - Tuesday\n"
    assert found(text, date(2020, 12, 29), path="a.md") == [
        (
            "weekday-mismatch",
            6,
            3,
            "July 19 - Tuesday",
            "July 19, 2021 was a Monday, not a Tuesday",
            ["July 19 - Monday", "July 20 - Tuesday"],
            "year 2021 from the list's weekdays: 3 of 4 fit 2021",
        )
    ]


def test_a_lead_s_talk_of_last_year_is_no_list_year() -> None:
    text = (
        "Last year the schedule slipped, and at some point last year fans gave up.\n\n"
        "Thursday, Nov. 9 - Matchups\n\nFriday, Nov. 10 - Matchups\n\nSaturday, Nov. 11 - Matchups\n"
    )
    assert found(text, date(2023, 11, 8)) == []


def test_a_year_stated_in_a_heading_that_no_weekday_fits_was_misread() -> None:
    text = "Fixtures (the 2022 format)\n\nThursday, Nov. 9 - home\n\nFriday, Nov. 10 - away\n\nSaturday, Nov. 11 - home\n"
    assert found(text, date(2023, 11, 8)) == []


def test_a_weekday_that_fits_the_next_year_months_away_is_said_not_judged() -> None:
    text = "The festival opens on 12 June (Thursday), the organisers said."
    assert found(text, date(2024, 10, 31)) == [
        (
            "weekday-year-unclear",
            1,
            23,
            "12 June (Thursday)",
            "June 12, 2024 was a Wednesday, but June 12, 2025 is a Thursday: which year is meant?",
            ["12 June (Wednesday)", "12 June 2025 (Thursday)", "13 June (Thursday)"],
            "year 2024 is the one nearest the publication date 2024-10-31 (--date)",
        )
    ]
    near = "The festival opens on Saturday, November 1, the organisers said."  # two days away: this year's, and wrong
    assert [f[0] for f in found(near, date(2024, 10, 30))] == ["weekday-mismatch"]


def test_an_anchor_in_an_aside_that_closed_sets_no_year() -> None:
    text = "The schedule (Dec. 22, 2020 - March 4, 2021) will be announced on Friday, Dec. 4."
    assert found(text, date(2020, 12, 2)) == []
    document = load_text(text, "a.txt", ReadOptions(dct=date(2020, 12, 2)))
    analysis = next(analyse([document], load_pipeline(None)))
    friday = next(c for c in analysis.resolved if c.mention.weekday is not None)
    assert (friday.year, friday.year_source) == (2020, YearSource.PUBLICATION_DATE)


def test_new_list_forms_are_read() -> None:
    dct = date(2025, 10, 1)
    cases = {
        "October 5: Sunday": None,
        "October 6: Sunday": "October 6, 2025 was a Monday, not a Sunday",
        "November 1 - Sunday": "November 1, 2025 was a Saturday, not a Sunday",
        "April 3- Saturday": "April 3, 2025 was a Thursday, not a Saturday",
        "November 4, Wednesday": "November 4, 2025 was a Tuesday, not a Wednesday",
        "02 October, Friday": "October 2, 2025 was a Thursday, not a Friday",
        "March 2, 2025, Saturday": "March 2, 2025 was a Sunday, not a Saturday",
        "November 4 (Monday): closing ceremony": "November 4, 2025 was a Tuesday, not a Monday",
        "Oct. 6 (Sunday)": "October 6, 2025 was a Monday, not a Sunday",
    }
    for form, message in cases.items():
        got = [f[4] for f in found(f"On {form} they met.", dct, select=("weekday-mismatch",))]
        assert got == ([message] if message else []), form


def test_a_range_s_weekdays_are_paired_day_by_day() -> None:
    assert found("Offices close on 29 and 30 June (Thursday and Friday).", date(2023, 6, 22)) == []
    wrong = found("Offices close on 29 and 30 June (Thursday and Saturday).", date(2023, 6, 22))
    assert [f[:5] for f in wrong] == [("weekday-mismatch", 1, 47, "Saturday", "June 30, 2023 was a Friday, not a Saturday")]


def test_a_range_s_hyphen_pairs_no_weekday() -> None:
    assert found("Banks will be closed from December 30-Wednesday, January 3.", date(2006, 12, 31)) == []


def test_a_table_row_s_date_and_weekday_cells_are_one_claim() -> None:
    text = "| Date | Day | Event |\n|---|---|---|\n| November 5 | Wednesday | Departures |\n| November 6 | Friday | Arrivals |\n"
    assert found(text, date(2025, 10, 27), path="a.md") == [
        (
            "weekday-mismatch",
            4,
            3,
            "November 6 | Friday",
            "November 6, 2025 was a Thursday, not a Friday",
            ["November 6 | Thursday", "November 7 | Friday"],
            "year 2025 is the one nearest the publication date 2025-10-27 (--date)",
        )
    ]


def test_a_list_s_holiday_is_checked_against_its_own_line() -> None:
    text = "---\ncountry: PH\n---\n- May 1: Labor Day\n- June 12: Independence Day\n"
    assert found(text, date(2024, 3, 1), path="a.md") == []
    plain = "May 1: Labor Day\nJune 12: Independence Day\nJune 14: Ninoy Aquino Day\n"
    assert [f[:5] for f in found(plain, date(2024, 3, 1))] == [
        ("holiday-date-mismatch", 3, 1, "June 14", "Ninoy Aquino Day 2024 falls on Friday, August 23, not June 14")
    ]


def test_a_holiday_named_to_place_another_day_is_not_dated() -> None:
    assert found("Offices close on Boxing Day, the day after Christmas, December 26.", date(2024, 12, 1)) == []


def test_a_list_for_next_year_checks_next_year_s_holiday_dates() -> None:
    text = "Here are next year's holidays:\n\nNinoy Aquino Day - 23 August (Saturday)\n\nRizal Day - 30 December (Tuesday)\n"
    assert found(text, date(2024, 10, 31)) == [
        (
            "holiday-date-mismatch",
            3,
            20,
            "23 August (Saturday)",
            "Ninoy Aquino Day 2025 falls on Thursday, August 21, not August 23",
            [],
            "country unknown: any listed country's date is accepted; "
            'year 2025 from the heading "Here are next year\'s holidays:" (line 1)',
        )
    ]
    assert found(text.replace("23 August (Saturday)", "21 August (Thursday)"), date(2024, 10, 31)) == []


def test_nth_weekdays_of_a_list_against_their_dates() -> None:
    text = "Bank closures in October 2024\nOctober 12: Second Saturday\nOctober 13: Sunday\nOctober 26: Second Saturday\n"
    assert found(text, date(2024, 9, 28)) == [
        (
            "nth-weekday-mismatch",
            4,
            13,
            "Second Saturday",
            "October 26, 2024 is the fourth and last Saturday, not the second Saturday of October",
            ["Fourth Saturday"],
            "the second Saturday of October 2024 is October 12; "
            'year 2024 from the heading "Bank closures in October 2024" (line 1)',
        )
    ]
    assert [f[4] for f in found("National Heroes Day - 25 August (Last Monday of August)", date(2024, 10, 31))] == [
        "August 25, 2024 is a Sunday, not the last Monday of August"
    ]
