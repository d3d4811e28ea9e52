"""Holidays named next to a date or weekday: dates from the `holidays` package and the lexicon, country inference."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factlint.claims.holidays import holiday_dates, load_holiday_lexicon, rule_dates
from factlint.core.errors import LexiconError
from factlint.engine.api import LintOptions, lint_text
from factlint.shells.cli import main

DCT = date(2019, 10, 4)
HOLIDAY_RULES = ("holiday-date-mismatch", "holiday-weekday-mismatch")


def holiday_findings(text: str, dct: date | None = DCT, path: str = "article.txt", use_config: bool = False) -> list[str]:
    options = LintOptions(dct=dct, use_config=use_config, select=HOLIDAY_RULES)
    return [
        f"{d.location.start.line}:{d.location.start.column} {d.rule} {d.message}"
        for d in lint_text(text, path, options)
        if d.rule in HOLIDAY_RULES
    ]


def by_name(name: str):
    return next(h for h in load_holiday_lexicon().holidays if h.name == name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stores closed on Christmas Day, Wednesday, Dec. 25, 2019, across the city.", []),
        (
            "Families gathered on Thanksgiving, Thursday, Nov. 21, 2019, for the parade.",
            ["1:36 holiday-date-mismatch Thanksgiving 2019 falls on Thursday, November 28, not November 21"],
        ),
        ("Families gathered on Thanksgiving, Thursday, Nov. 28, 2019, for the parade.", []),
        (
            "Churches were full on Easter Sunday, April 20, 2019, in the capital.",
            ["1:38 holiday-date-mismatch Easter Sunday 2019 falls on Sunday, April 21, not April 20"],
        ),
        ("Churches were full on Easter Sunday, April 21, 2019, in the capital.", []),
        ("MANILA, Philippines – The country marked Independence Day, June 12, with rites.", []),
        (
            "MANILA, Philippines – The country marked Independence Day, June 14, with rites.",
            ["1:60 holiday-date-mismatch Independence Day (Philippines) 2019 falls on Wednesday, June 12, not June 14"],
        ),
        # On June 12 (Independence Day): the holiday named after the date.
        (
            "MANILA, Philippines – Rallies were held on July 4 (Independence Day) in the capital.",
            ["1:44 holiday-date-mismatch Independence Day (Philippines) 2019 falls on Wednesday, June 12, not July 4"],
        ),
    ],
)
def test_holiday_dates(text: str, expected: list[str]) -> None:
    assert holiday_findings(text) == expected


def test_ambiguous_holiday_needs_a_country() -> None:
    # Independence Day is July 4 in the US and June 12 in the Philippines: no country, no verdict.
    assert holiday_findings("The country marked Independence Day, June 14, with rites.") == []


def test_country_named_in_the_phrase_wins_over_the_dateline() -> None:
    text = "MANILA, Philippines – Americans abroad marked U.S. Independence Day, June 12, at the embassy."
    assert holiday_findings(text) == [
        "1:70 holiday-date-mismatch Independence Day (United States) 2019 falls on Thursday, July 4, not June 12"
    ]
    assert holiday_findings("Filipinos marked Philippine Independence Day, June 12, at the embassy.") == []


def test_country_from_front_matter(tmp_path: Path) -> None:
    text = "---\ndate: 2019-10-04\ncountry: PH\n---\nThe country marked Independence Day, July 4, with rites.\n"
    assert holiday_findings(text, dct=None, path="story.md") == [
        "5:38 holiday-date-mismatch Independence Day (Philippines) 2019 falls on Wednesday, June 12, not July 4"
    ]


def test_country_from_config(tmp_path: Path) -> None:
    (tmp_path / ".factlint.yaml").write_text("country: us\n", encoding="utf-8")
    text = "The country marked Independence Day, June 12, with fireworks.\n"
    assert holiday_findings(text, path=str(tmp_path / "story.txt"), use_config=True) == [
        "1:38 holiday-date-mismatch Independence Day (United States) 2019 falls on Thursday, July 4, not June 12"
    ]
    # A dateline still says more about the article than the newsroom's default.
    datelined = "MANILA, Philippines – The country marked Independence Day, June 12, with rites.\n"
    assert holiday_findings(datelined, path=str(tmp_path / "story.txt"), use_config=True) == []


def test_holiday_weekday_without_a_date() -> None:
    assert holiday_findings("Shops will close on Christmas Day, Tuesday, this year.") == [
        "1:36 holiday-weekday-mismatch Christmas Day 2019 falls on a Wednesday (December 25), not a Tuesday"
    ]
    assert holiday_findings("Shops will close on Christmas Day, Wednesday, this year.") == []
    # The year stated earlier in the sentence, not the one nearest the publication date.
    assert holiday_findings("In 2018, shops closed on Christmas Day, Tuesday, as usual.") == []
    # "Easter Sunday" is a name; "Christmas shoppers" is not the holiday next to a weekday.
    assert holiday_findings("Crowds came on Easter Sunday and on Monday. On Tuesday, Christmas shoppers came.") == []


def test_holiday_weekday_needs_a_year() -> None:
    assert holiday_findings("Shops will close on Christmas Day, Tuesday, this year.", dct=None) == []


def test_orthodox_christmas_in_a_russian_article() -> None:
    assert holiday_findings("MOSCOW, Russia – Churches were full on Christmas Day, Jan. 7, 2019.") == []
    assert holiday_findings("MOSCOW, Russia – Churches were full on Christmas Day, Jan. 8, 2019.") == [
        "1:55 holiday-date-mismatch Christmas Day (Russia) 2019 falls on Monday, January 7, not January 8"
    ]
    # Country unknown: the lexicon's fixed date, December 25, is the only one.
    assert holiday_findings("Churches were full on Christmas Day, Jan. 7, 2019.") == [
        "1:38 holiday-date-mismatch Christmas Day 2019 falls on Wednesday, December 25, not January 7"
    ]


def test_dates_come_from_the_package_and_the_lexicon() -> None:
    assert holiday_dates(by_name("Thanksgiving"), 2019, "US") == {date(2019, 11, 28)}
    # Canada's comes from the lexicon (the package has it only per province).
    assert holiday_dates(by_name("Thanksgiving"), 2019, None) == {date(2019, 11, 28), date(2019, 10, 14)}
    assert holiday_dates(by_name("Thanksgiving"), 2019, "CA") == {date(2019, 10, 14)}
    assert holiday_dates(by_name("Independence Day"), 2019, None) == set()
    assert holiday_dates(by_name("Independence Day"), 2019, "PH") == {date(2019, 6, 12)}
    assert holiday_dates(by_name("Easter Sunday"), 2019, None) == {date(2019, 4, 21), date(2019, 4, 28)}
    assert rule_dates("4th thursday of november", 2019) == {date(2019, 11, 28)}
    assert rule_dates("last monday of may", 2019) == {date(2019, 5, 27)}
    assert rule_dates("fixed:02-29", 2019) == set()


def test_a_newsroom_lexicon_extends_the_holidays(tmp_path: Path) -> None:
    lexicon = tmp_path / "holidays.yaml"
    lexicon.write_text(
        "holidays:\n  - name: Founders Day\n    computed: 1st monday of march\ncountries:\n  PH: [Philippines]\n",
        encoding="utf-8",
    )
    rule = tmp_path / "founders.yaml"
    rule.write_text(
        "id: founders-day\nextends: holiday-date\nseverity: error\nlexicon: holidays.yaml\n"
        'message: "{holiday} {year} is {expected:%B %-d}, not {stated:%B %-d}"\ndescription: our own holiday\n'
        "examples:\n  bad:\n    - text: The paper turned 50 on Founders Day, March 5, 2019.\n",
        encoding="utf-8",
    )
    options = LintOptions(rule_paths=(rule,), select=("founders-day",), use_config=False)
    found = lint_text("The paper turned 50 on Founders Day, March 5, 2019.", "a.txt", options)
    assert [d.message for d in found] == ["Founders Day 2019 is March 4, not March 5"]
    assert main(["test-rules", str(rule)]) == 0


def test_bad_lexicon_rule_is_reported(tmp_path: Path) -> None:
    lexicon = tmp_path / "holidays.yaml"
    lexicon.write_text("holidays:\n  - name: Odd Day\n    computed: second tuesday\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="holiday 'Odd Day': computed rule 'second tuesday' is not"):
        load_holiday_lexicon(lexicon)


def test_unknown_country_code_in_a_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = tmp_path / "r.yaml"
    rule.write_text(
        'id: x-holiday\nextends: holiday-date\nseverity: error\ncountry: XX\nmessage: "{holiday}"\ndescription: d\n',
        encoding="utf-8",
    )
    assert main(["rules", "--rules", str(rule)]) == 2
    assert f"{rule}:4:1: unknown country code 'XX'" in capsys.readouterr().err
