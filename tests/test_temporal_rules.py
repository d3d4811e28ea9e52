"""The timeline rules on right and wrong text, and `factlint claims` on the seed."""

from __future__ import annotations

import io
import json
from datetime import date

from factlint.engine.api import LintOptions, lint_text
from factlint.engine.rule_loading import load_rules
from factlint.shells.cli import main
from tests.conftest import REPO

RULES = {r.id: r for r in load_rules([])}


def diagnostics(text: str, rule: str, dct: str = "2019-10-04") -> list[tuple[str, int, int, str]]:
    options = LintOptions(dct=date.fromisoformat(dct), use_config=False)
    found = lint_text(text, "t.txt", options, rules=[RULES[rule]])
    return [(d.rule, d.location.start.line, d.location.start.column, d.message) for d in found]


def test_past_event_after_publication() -> None:
    text = "Duterte spoke on Oct. 2.\nHe arrived in Moscow on Oct. 9 for talks."
    assert diagnostics(text, "past-event-after-publication") == [
        (
            "past-event-after-publication",
            2,
            25,
            '"Oct. 9" is 2019-10-09, after the publication date 2019-10-04, yet "arrived" tells it in the past tense',
        )
    ]


def test_future_event_after_publication_is_fine() -> None:
    assert diagnostics("He will arrive in Moscow on Oct. 9 for talks.", "past-event-after-publication") == []
    assert diagnostics("He arrived in Moscow on Oct. 9 for talks.", "past-event-after-publication", dct="2019-10-10") == []


def test_relative_date_conflict_by_apposition() -> None:
    text = "They first met in November 2016, and Duterte visited Russia the following year, in 2018."
    assert diagnostics(text, "relative-date-conflict") == [
        (
            "relative-date-conflict",
            1,
            61,
            '"the following year" resolves to 2017 (from "November 2016"), but the text restates "2018" (2018)',
        )
    ]
    assert diagnostics(text.replace("2018", "2017"), "relative-date-conflict") == []


def test_relative_date_conflict_by_event() -> None:
    text = "Last year's port call was a first.\nThe 2017 port call drew crowds."
    assert diagnostics(text, "relative-date-conflict") == [
        (
            "relative-date-conflict",
            1,
            1,
            '"Last year" resolves to 2018 (from the publication date 2019-10-04), '
            'but the text dates the same "port call" as "2017" (2017)',
        )
    ]
    assert diagnostics(text.replace("2017", "2018"), "relative-date-conflict") == []


def test_seed_raises_neither_timeline_rule() -> None:
    text = (REPO / "seeds" / "rappler-2019-10-04-duterte-putin.txt").read_text(encoding="utf-8")
    for rule in ("past-event-after-publication", "relative-date-conflict"):
        assert diagnostics(text, rule) == []


def test_claims_json_on_the_seed() -> None:
    out = io.StringIO()
    assert main(["claims", str(REPO / "seeds"), "--format", "json"], stdout=out) == 0
    files = json.loads(out.getvalue())["files"]
    assert [f["dct"] for f in files] == ["2019-10-04"]
    rows = {(c["line"], c["column"]): (c["text"], c["value"], c["anchor"]) for c in files[0]["claims"]}
    assert rows[(11, 68)] == ("Last year", "2018", "DCT 2019-10-04")
    assert rows[(15, 236)] == ("November 2016", "2016-11", "explicit")
    assert rows[(17, 108)] == ("the following year", "2017", '"2016" (17:31)')
    assert rows[(19, 58)] == ("Wednesday, October 1", "2019-10-01", "DCT 2019-10-04")
    lines = [c["line"] for c in files[0]["claims"]]
    assert lines == sorted(lines)


def test_claims_table_and_date_override() -> None:
    out = io.StringIO()
    assert main(["claims", str(REPO / "seeds"), "--date", "2020-01-15"], stdout=out) == 0
    table = out.getvalue()
    assert "published 2020-01-15 (--date)" in table
    assert "│ 11:68    │ Last year" in table and "│ 2019       │ DCT 2020-01-15" in table


def test_claims_missing_file_is_an_error() -> None:
    assert main(["claims", "no/such/file.txt"], stdout=io.StringIO()) == 2
