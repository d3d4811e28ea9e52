"""The temporal resolver: every expression kind, anchoring, the seed, and gold oracles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factlint.analysis.document_analysis import analyse
from factlint.claims.date_claim import AnchorKind, DateClaim
from factlint.claims.timex.values import Point, bounds, duration, shift
from factlint.nlp.pipeline import load_pipeline
from factlint.read.reader import ReadOptions, load_text
from tests.conftest import SEED, SHARED


def read(text: str, dct: str | None = "2019-10-04") -> tuple[DateClaim, ...]:
    document = load_text(text, "t.txt", ReadOptions(dct=date.fromisoformat(dct) if dct else None))
    return next(analyse([document], load_pipeline(None))).timexes


def find(timexes: tuple[DateClaim, ...], text: str) -> DateClaim:
    matches = [t for t in timexes if t.text == text]
    assert matches, f"{text!r} not found in {[t.text for t in timexes]}"
    return matches[0]


# (sentence, expression, value, type, anchor) with the DCT 2019-10-04, a Friday.
CASES = [
    ("I saw it today.", "today", "2019-10-04", "DATE", AnchorKind.DCT),
    ("He resigned yesterday.", "yesterday", "2019-10-03", "DATE", AnchorKind.DCT),
    ("She leaves tomorrow.", "tomorrow", "2019-10-05", "DATE", AnchorKind.DCT),
    ("Last year, 3 warships docked.", "Last year", "2018", "DATE", AnchorKind.DCT),
    ("Prices rose this month.", "this month", "2019-10", "DATE", AnchorKind.DCT),
    ("Talks resume next week.", "next week", "2019-W41", "DATE", AnchorKind.DCT),
    ("The law passed last month.", "last month", "2019-09", "DATE", AnchorKind.DCT),
    ("They met this summer.", "this summer", "2019-SU", "DATE", AnchorKind.DCT),
    ("It happened three years ago.", "three years ago", "2016", "DATE", AnchorKind.DCT),
    ("Profit rose in the third quarter.", "the third quarter", "2019-Q3", "DATE", AnchorKind.DCT),
    ("He spoke this morning.", "this morning", "2019-10-04TMO", "TIME", AnchorKind.DCT),
    ("They met in November 2016.", "November 2016", "2016-11", "DATE", AnchorKind.EXPLICIT),
    ("It was built in 1998.", "1998", "1998", "DATE", AnchorKind.EXPLICIT),
    ("Rock peaked in the 1970s.", "the 1970s", "197", "DATE", AnchorKind.EXPLICIT),
    ("It stayed shut for three days.", "three days", "P3D", "DURATION", AnchorKind.NONE),
    ("It took a decade.", "a decade", "P10Y", "DURATION", AnchorKind.NONE),
    ("Prices rose over the past two months.", "the past two months", "P2M", "DURATION", AnchorKind.NONE),
    ("It lasted several years.", "several years", "PXY", "DURATION", AnchorKind.NONE),
    ("The office is now closed.", "now", "PRESENT_REF", "DATE", AnchorKind.NONE),
    ("He recently moved.", "recently", "PAST_REF", "DATE", AnchorKind.NONE),
    ("The band plays every Thursday.", "every Thursday", "XXXX-WXX-4", "SET", AnchorKind.NONE),
]


@pytest.mark.parametrize(("text", "expression", "value", "type_", "anchor"), CASES)
def test_expression_kinds(text: str, expression: str, value: str, type_: str, anchor: AnchorKind) -> None:
    timex = find(read(text), expression)
    assert (timex.value, timex.type, timex.anchor) == (value, type_, anchor)


def test_granularity_is_kept() -> None:
    timexes = read("They met in November 2016 and again on Oct. 3, 2018, in 2019 and last week.")
    assert [(t.text, t.granularity) for t in timexes] == [
        ("November 2016", "month"),
        ("Oct. 3, 2018", "day"),
        ("2019", "year"),
        ("last week", "week"),
    ]


@pytest.mark.parametrize(
    ("text", "expression", "value", "anchor_text"),
    [
        ("They met on May 3, 2017. Two days later, they signed.", "Two days later", "2017-05-05", "May 3, 2017"),
        ("They met on May 3, 2017. A week earlier, he had called.", "A week earlier", "2017-04-26", "May 3, 2017"),
        ("They met on May 3, 2017. That day, it rained.", "That day", "2017-05-03", "May 3, 2017"),
        ("They met on May 3, 2017. The next morning, he left.", "The next morning", "2017-05-04TMO", "May 3, 2017"),
        ("He was elected in 2010 and resigned the following year.", "the following year", "2011", "2010"),
    ],
)
def test_anaphoric_expressions_anchor_on_the_narrative(text: str, expression: str, value: str, anchor_text: str) -> None:
    timexes = read(text)
    timex = find(timexes, expression)
    assert timex.value == value
    assert timex.anchor is AnchorKind.EXPRESSION and timex.anchor_index is not None
    assert timexes[timex.anchor_index].text == anchor_text


def test_anaphoric_needs_a_compatible_granularity() -> None:
    """ "two days later" cannot hang on a month: it skips "November 2016" for the day before it."""
    timexes = read("On Nov. 2, 2016, they met; in November 2016 talks began. Two days later they signed.")
    timex = find(timexes, "Two days later")
    assert timex.value == "2016-11-04"
    assert timexes[timex.anchor_index or 0].text == "Nov. 2, 2016"


@pytest.mark.parametrize(
    "text",
    [
        "They first met in November 2016 (he had been to Lima in October 2018) and he returned the following year.",
        "They first met in November 2016 – he had been to Lima in October 2018 – and he returned the following year.",
    ],
)
def test_an_aside_does_not_capture_the_anchor(text: str) -> None:
    timexes = read(text)
    timex = find(timexes, "the following year")
    assert timex.value == "2017"
    assert timexes[timex.anchor_index or 0].text == "November 2016"


def test_seed_following_year_and_last_year() -> None:
    document_text = SEED.read_text(encoding="utf-8")
    document = load_text(document_text, str(SEED), ReadOptions())
    timexes = next(analyse([document], load_pipeline(None))).timexes
    following = find(timexes, "the following year")
    assert following.value == "2017" and following.anchor is AnchorKind.EXPRESSION
    # It hangs on "in 2016" of its own sentence, which restates the "November 2016" before it.
    anchor = timexes[following.anchor_index or 0]
    assert (anchor.text, anchor.value) == ("2016", "2016")
    assert find(timexes, "November 2016").value == "2016-11"
    last_year = find(timexes, "Last year")
    assert (last_year.value, last_year.anchor) == ("2018", AnchorKind.DCT)
    assert find(timexes, "October 2018").value == "2018-10"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He arrived on Thursday.", "2019-10-03"),
        ("He arrived on Friday.", "2019-10-04"),
        ("He will arrive on Thursday.", "2019-10-10"),
        ("The summit is to open on Monday.", "2019-10-07"),
    ],
)
def test_bare_weekdays_fall_in_the_dct_week_by_tense(text: str, value: str) -> None:
    weekday = [t for t in read(text) if t.kind.startswith("weekday/")]
    assert [t.value for t in weekday] == [value]


def test_weekday_tense_from_the_tagger() -> None:
    assert find(read("Officials said the delegation leaves on Monday."), "Monday").value == "2019-09-30"
    assert find(read("Officials said the delegation will leave on Monday."), "Monday").value == "2019-10-07"


def test_month_names_take_the_narrative_year_or_the_nearest() -> None:
    timexes = read("In May 2017 he left, and in June he returned. Sales will pick up in January.")
    assert find(timexes, "June").value == "2017-06"
    assert find(timexes, "January").value == "2020-01"


def test_without_a_publication_date_deictic_values_stay_unknown() -> None:
    timexes = read("He resigned yesterday, in March 2019, and left last week.", dct=None)
    assert [(t.text, t.value) for t in timexes] == [
        ("yesterday", "XXXX-XX-XX"),
        ("March 2019", "2019-03"),
        ("last week", "XXXX-WXX"),
    ]


def test_not_temporal() -> None:
    assert read("A two-year-old boy and 2000 people saw Sun Microsystems. May I come?") == ()


def test_values_arithmetic() -> None:
    assert shift(Point("month", 2019, 12), "M", 1).value() == "2020-01"
    assert shift(Point("quarter", 2019, quarter=1), "Q", -1).value() == "2018-Q4"
    assert Point.of_date(date(2019, 10, 1)).at("week").value() == "2019-W40"
    assert duration(3, "D") == "P3D" and duration(2, "H") == "PT2H" and duration("X", "Y") == "PXY"
    assert bounds("2019-10") == (date(2019, 10, 1), date(2019, 10, 31))
    assert bounds("2019-W40") == (date(2019, 9, 30), date(2019, 10, 6))
    assert bounds("PAST_REF") is None


INDEXES = [SHARED / "corpora" / "index" / f"{name}.jsonl" for name in ("te3-platinum", "tbaq-timebank")]
ORACLES = {"last year": 4, "yesterday": 10, "today": 10}  # expression -> length of a calendar value


@pytest.mark.skipif(not all(p.exists() for p in INDEXES), reason="../shared/corpora is not available")
def test_gold_oracles_against_the_dct() -> None:
    """Every gold "last year", "yesterday" and "today" with a calendar value, resolved from the DCT."""
    checked = 0
    for line in (line for index in INDEXES for line in index.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        gold = [t for t in row["timexes"] if len(t["value"]) == ORACLES.get(t["text"].lower(), -1) and t["value"][:1].isdigit()]
        if not gold:
            continue
        ours = {(t.start, t.end): t.value for t in read(row["text"], dct=row["dct"][:10])}
        for timex in gold:
            assert ours.get((timex["start"], timex["end"])) == timex["value"], (row["doc_id"], timex)
            checked += 1
    assert checked >= 60


# -- error classes fixed against TimeBank (each a rule for news in general) -------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials said talks open on Saturday.", "2019-10-05"),  # the day after the DCT: a preview, not last week
        ("Officials said talks opened on Sunday.", "2019-09-29"),  # five days back stays in the past
        ("He arrived on Thursday.", "2019-10-03"),
    ],
)
def test_a_bare_weekday_is_the_dct_or_up_to_five_days_before_or_the_next_day(text: str, value: str) -> None:
    assert [t.value for t in read(text) if t.kind.startswith("weekday/")] == [value]


@pytest.mark.parametrize(
    ("text", "expression", "dct", "value"),
    [
        ("Sales fell in March, the company said.", "March", "2019-10-04", "2019-03"),  # past: not next March
        ("Prices rose in December.", "December", "2019-10-04", "2018-12"),  # past, after the DCT's month: last year's
        ("The company said it would close the plant in November.", "November", "2019-10-30", "2019-11"),  # the next month
        ("The vote will be held in December.", "December", "2019-03-04", "2019-12"),  # future: this year's, not last
        ("The lenders extended loans through January.", "January", "2019-10-04", "2020-01"),  # a deadline: nearest
    ],
)
def test_yearless_months_take_their_year_from_the_tense(text: str, expression: str, dct: str, value: str) -> None:
    assert find(read(text, dct=dct), expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Third-quarter profit rose 5% from the year-ago quarter.", "the year-ago quarter", "2018-Q3"),
        ("Profit was $5 million, up from the year-earlier quarter.", "the year-earlier quarter", "2018-Q3"),
        ("Last year, sales rose. Year-earlier profit was flat.", "Year-earlier", "2018"),
        ("Fourth-quarter sales will rise, but in the latest quarter profit fell.", "the latest quarter", "2019-Q3"),
        ("Third-quarter profit rose, and the current quarter looks weak.", "the current quarter", "2019-Q4"),
        ("Third-quarter profit rose from the 2018 quarter.", "the 2018 quarter", "2018-Q3"),
    ],
)
def test_finance_periods(text: str, expression: str, value: str) -> None:
    """Year-on-year comparisons move the reported quarter a year back; "the latest quarter" has been reported."""
    assert find(read(text), expression).value == value


def test_the_year_ended_a_date_is_a_fiscal_year_duration() -> None:
    timexes = read("Revenue was $76 million for the year ended March 31. Sales rose during the year.")
    ended = find(timexes, "the year")
    assert (ended.value, ended.type) == ("P1Y", "DURATION")
    assert [t.value for t in timexes if t.text == "the year"] == ["P1Y", "2019"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("November 2016", "2016-11"), ("Sept. 30", "2019-09-30"), ("March of 2010", "2010-03"), ("10/03/2019", "2019-10-03")],
)
def test_dateparser_fallback_keeps_precision(text: str, value: str) -> None:
    from factlint.claims.timex.fallback import parse_span

    point = parse_span(text, date(2019, 10, 4))
    assert point is not None and point.value() == value


@pytest.mark.parametrize("text", ["the 4th", "Tuesday, Oct. 3", "Tuesday", "the following year", "the fall"])
def test_dateparser_fallback_refuses_its_traps(text: str) -> None:
    """A lone ordinal (read as April), a weekday (ignored) and narrative anchors (unknown) give no value."""
    from factlint.claims.timex.fallback import parse_span

    assert parse_span(text, date(2019, 10, 4)) is None


def test_a_found_span_without_a_reader_is_read_by_dateparser() -> None:
    from factlint.claims.timex.extract import Candidate
    from factlint.claims.timex.resolve import Resolver
    from factlint.claims.timex.tense import TenseReader

    text = "Trading resumed in March of 2010 after the 4th halt."
    doc = load_pipeline(None).nlp(text)
    resolver = Resolver(text, doc, date(2019, 10, 4), TenseReader(doc))
    for words in ("March of 2010", "the 4th"):
        start = text.index(words)
        resolver.add(Candidate(start, start + len(words), "custom/unread", span=doc.char_span(start, start + len(words))))
    assert [(t.text, t.value, t.granularity, t.anchor, t.kind) for t in resolver.timexes] == [
        ("March of 2010", "2010-03", "month", AnchorKind.EXPLICIT, "custom/unread+dateparser")
    ]


def test_a_past_verb_dating_the_weekday_keeps_it_in_the_past() -> None:
    """ "arrived on Saturday" in a Friday article is last Saturday; "said talks open Saturday" is tomorrow."""
    assert find(read("The minister arrived on Saturday."), "Saturday").value == "2019-09-28"
    assert find(read("Officials said talks open on Saturday."), "Saturday").value == "2019-10-05"


def test_offset_after_a_coarser_narrative_date_keeps_its_granularity() -> None:
    # "a week later" than some day of last year is last year, not a week after publication
    found = {t.text: t for t in read("Last year, 3 Russian warships docked in Manila. The four warships left a week later.")}
    later = found["a week later"]
    assert (later.value, later.granularity, later.anchor_index) == ("2018", "year", 0)


def test_values_do_not_depend_on_the_trained_pipeline_or_the_gate() -> None:
    """Tense is read from words, so a TIMEX value is the same whatever the enabled rules parse."""
    text = (
        "Italy is expected to provide 2,000 soldiers; France said Tuesday it was sending 1,000. "
        "The vote will be held in December. The minister arrived on Saturday. Talks will open on Monday."
    )
    trained = load_pipeline(None, frozenset({"tagger", "parser", "ner"}))
    if not trained.trained:
        pytest.skip("no trained English pipeline installed")
    document = load_text(text, "t.txt", ReadOptions(dct=date(2019, 10, 4)))
    cheap = next(analyse([document], load_pipeline(None)))
    parsed = next(analyse([document], load_pipeline(None), trained=trained))
    assert parsed.parsed and parsed.timexes == cheap.timexes
    values = {t.text: t.value for t in cheap.timexes}
    assert (values["Tuesday"], values["December"], values["Saturday"], values["Monday"]) == (
        "2019-10-01",  # "said Tuesday": the nearest tense word is "said", not "is expected" before the semicolon
        "2019-12",  # "will be held": the participle's auxiliary decides
        "2019-09-28",  # "arrived on Saturday": a past verb keeps a day six back in the past
        "2019-10-07",  # "will open": the coming Monday
    )
