"""impossible-date: a day the month does not have, and numbers after a month that are counts."""

from __future__ import annotations

from datetime import date

import pytest

from factlint.engine.api import LintOptions, lint_text

DCT = date(2019, 10, 4)


def found(text: str, dct: date | None = DCT) -> list[tuple]:
    return [
        (d.rule, d.location.start.column, d.location.end.column, d.message, [s.label for s in d.suggestions])
        for d in lint_text(text, "a.txt", LintOptions(dct=dct))
        if d.rule in ("impossible-date", "weekday-mismatch")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deadline is February 30.", (17, 28, 'February has 29 days in 2020: "February 30" does not exist', ["February 29"])),
        ("The deadline is April 31.", (17, 25, 'April has 30 days: "April 31" does not exist', ["April 30"])),
        (
            "It took effect on Feb. 29, 2019.",
            (19, 32, 'February has 28 days in 2019: "Feb. 29, 2019" does not exist', ["Feb. 28, 2019"]),
        ),
        ("The deadline is October 32.", (17, 27, 'October has 31 days: "October 32" does not exist', ["October 31"])),
        ("It ends on the 31st of June.", (12, 28, 'June has 30 days: "the 31st of June" does not exist', ["the 30th of June"])),
        ("The Aug. 32 bombings killed 257 people.", (5, 12, 'August has 31 days: "Aug. 32" does not exist', ["Aug. 31"])),
        ("It set a June 31 deadline for the plan.", (10, 17, 'June has 30 days: "June 31" does not exist', ["June 30"])),
        ("It was due after May 32 general elections.", (18, 24, 'May has 31 days: "May 32" does not exist', ["May 31"])),
    ],
)
def test_impossible_dates_flagged(text: str, expected: tuple) -> None:
    assert found(text) == [("impossible-date", *expected)]


@pytest.mark.parametrize(
    "text",
    [
        "It took effect on Feb. 29, 2020.",
        "In October 32 people were hurt.",
        "During May 40 soldiers died.",
        "By March 12 schools had closed.",
        "The deadline is April 30.",
        "It ends on 31 December.",
    ],
)
def test_real_dates_and_counts_not_flagged(text: str) -> None:
    assert found(text) == []


def test_yearless_february_29_takes_the_nearest_year() -> None:
    # A 1999-02-27 article's "February 29" is 1999's, which has none; a 2019-10-04 article's is 2020's.
    assert found("It was signed on February 29.", date(1999, 2, 27)) == [
        ("impossible-date", 18, 29, 'February has 28 days in 1999: "February 29" does not exist', ["February 28"])
    ]
    assert found("It will be signed on February 29.", DCT) == []


def test_impossible_date_with_weekday_is_not_also_a_weekday_mismatch() -> None:
    assert found("It opens on Wednesday, April 31.") == [
        ("impossible-date", 13, 32, 'April has 30 days: "Wednesday, April 31" does not exist', ["Wednesday, April 30"])
    ]
