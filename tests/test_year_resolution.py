"""Where a yearless date's year comes from: the expression, the narrative anchor, the DCT."""

from __future__ import annotations

from datetime import date

from factlint.engine.api import LintOptions, lint_text


def found(text: str, dct: date | None) -> list[tuple]:
    return [
        (d.rule, d.severity.name, d.location.start.line, d.location.start.column, d.location.end.column, d.message)
        for d in lint_text(text, "a.txt", LintOptions(dct=dct))
    ]


def test_explicit_year_beats_the_publication_date() -> None:
    # October 1, 2019 was a Tuesday; October 1, 2021 (nearest a 2021 DCT) a Friday.
    assert found("They met on Tuesday, October 1, 2019, in Sochi.", date(2021, 10, 4)) == []
    assert found("They met on Friday, October 1, 2019, in Sochi.", date(2021, 10, 4)) == [
        ("weekday-mismatch", "ERROR", 1, 13, 36, "October 1, 2019 was a Tuesday, not a Friday")
    ]


def test_narrative_anchor_in_the_same_sentence() -> None:
    text = "In May 2017 he flew to Moscow, and on Tuesday, May 23, he cut the trip short."
    assert found(text, date(2019, 10, 4)) == []  # May 23, 2019 was a Thursday: the anchor, not the DCT, decides


def test_narrative_anchor_wrong_weekday_names_the_anchor_year() -> None:
    text = "In May 2017 he flew to Moscow, and on Thursday, May 23, he cut the trip short."
    diagnostics = lint_text(text, "a.txt", LintOptions(dct=date(2019, 10, 4)))
    assert [(d.rule, d.location.start.column, d.location.end.column, d.message) for d in diagnostics] == [
        ("weekday-mismatch", 39, 55, "May 23, 2017 was a Tuesday, not a Thursday")
    ]
    (related,) = diagnostics[0].related
    assert (related.location.start.column, related.location.end.column, related.label) == (4, 12, "year 2017 taken from here")
    assert [s.label for s in diagnostics[0].suggestions] == ["Tuesday, May 23", "Thursday, May 25"]


def test_narrative_anchor_in_an_earlier_sentence_of_the_paragraph() -> None:
    text = "Trouble began in May 2017. He flew to Moscow. On Tuesday, May 23, he cut the trip short."
    assert found(text, date(2019, 10, 4)) == []


def test_far_or_future_year_is_no_anchor() -> None:
    # A 1989 bond's "due Oct. 15, 1999" does not set the year of "Thursday, October 26" (1989).
    text = "The notes are due Oct. 15, 1999. They rose over Thursday, October 26's close."
    assert found(text, date(1989, 10, 30)) == []
    # Nor does a year more than two sentences back: August 14, 1990 was a Tuesday.
    far = "The August 1988 cease-fire held. Iran agreed. Iraq agreed. Talks went on. He left Tuesday 14 August for talks."
    assert found(far, date(1990, 8, 15)) == []


def test_anchor_in_another_paragraph_is_ignored() -> None:
    text = "In May 2017 he flew to Moscow.\n\nOn Thursday, May 23, he flies again."
    assert found(text, date(2019, 10, 4)) == []  # May 23, 2019 was a Thursday


def test_dct_roll_over_back_to_last_year() -> None:
    assert found("He came on Tuesday, Dec. 31.", date(2020, 1, 2)) == []  # December 31, 2019
    assert found("He came on Monday, Dec. 31.", date(2020, 1, 2)) == [
        ("weekday-mismatch", "ERROR", 1, 12, 27, "December 31, 2019 was a Tuesday, not a Monday")
    ]


def test_dct_roll_over_forward_to_next_year() -> None:
    assert found("He comes on Wednesday, Jan. 1.", date(2019, 12, 30)) == []  # January 1, 2020
    assert found("He comes on Thursday, Jan. 1.", date(2019, 12, 30)) == [
        ("weekday-mismatch", "ERROR", 1, 13, 29, "January 1, 2020 was a Wednesday, not a Thursday")
    ]


def test_dct_note_says_where_the_year_came_from() -> None:
    (diagnostic,) = lint_text("He came on Monday, Dec. 31.", "a.txt", LintOptions(dct=date(2020, 1, 2)))
    assert diagnostic.note == "year 2019 is the one nearest the publication date 2020-01-02 (--date)"


def test_no_dct_no_weekday_diagnostic_for_yearless_dates() -> None:
    text = "He came on Thursday, Jan. 1, and left on Monday, Dec. 31."
    assert found(text, None) == [
        (
            "no-publication-date",
            "INFO",
            1,
            12,
            28,
            'no publication date found, so 2 date(s) without a year, starting with "Thursday, Jan. 1", were not checked; '
            'give one with --date YYYY-MM-DD, a front-matter `date:`, or a first line "date YYYY-MM-DD"',
        )
    ]


def test_no_dct_explicit_year_still_checked() -> None:
    assert found("He came on Wednesday, October 1, 2019.", None) == [
        ("weekday-mismatch", "ERROR", 1, 12, 38, "October 1, 2019 was a Tuesday, not a Wednesday")
    ]


def test_dates_before_1583_are_not_judged() -> None:
    # October 4, 1582 (Julian) was a Thursday; proleptic Gregorian says Monday: neither is judged.
    # weekday-mismatch stays silent; the info rule says why instead of leaving the reader guessing
    [(rule, severity, *_rest)] = found("Pope Gregory's reform came after Thursday, October 4, 1582.", date(2019, 10, 4))
    assert (rule, severity) == ("weekday-not-checked", "INFO")
    assert [rule for rule, *_ in found("It was Monday, 12 June 1000.", date(2019, 10, 4))] == ["weekday-not-checked"]
    assert found("It was Monday, 12 June 1583.", date(2019, 10, 4)) == [
        ("weekday-mismatch", "ERROR", 1, 8, 28, "June 12, 1583 was a Sunday, not a Monday")
    ]
