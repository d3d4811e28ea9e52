"""The YAML rule language end to end: user packs, broken rule files, examples as tests."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from factlint.engine.rule_loading import RuleError, load_rule_file, load_rules
from factlint.shells.cli import main
from factlint.shells.rule_tests import run_rule_examples

PACK = {
    "house.yaml": """
        rules:
          - id: house-yesterday
            extends: pattern
            severity: warning
            message: '"{text}": this copy runs the next day; name the day'
            description: Morning-edition copy must not say yesterday.
            tokens:
              - [{LOWER: yesterday}]
            examples:
              bad: [{text: "The minister resigned [[yesterday]]."}]
              good: [{text: "The minister resigned on Monday."}]
          - id: price-consistency
            extends: consistency
            severity: warning
            message: "{key} costs {value} here but {first_value} earlier"
            description: One product, one price, within an article.
            key: product
            value: price
            tokens:
              - [{IS_TITLE: true, field: product}, {LOWER: costs}, {ORTH: "$"}, {LIKE_NUM: true, field: price}]
            examples:
              bad: [{text: "The Widget costs $ 5 today. The Widget costs $ [[6]] online."}]
              good: [{text: "The Widget costs $ 5 today. The Widget costs $ 5 online."}]
    """,
    "founders-day.yaml": """
        id: founders-day
        extends: holiday-date
        severity: warning
        lexicon: lexicons/our-holidays.yaml
        message: "{holiday} {year} is {expected:%B %-d}, not {stated:%B %-d}"
        description: The built-in holiday check retuned with the paper's own holiday lexicon.
        examples:
          bad: [{text: "The paper marks Founders Day, [[March 5, 2019]], with a party."}]
          good: [{text: "The paper marks Founders Day, March 4, 2019, with a party."}]
    """,
    "lexicons/our-holidays.yaml": """
        holidays:
          - name: Founders Day
            computed: 1st monday of march
    """,
    "retuned.yaml": """
        id: weekday-soft
        extends: weekday
        severity: warning
        message: "check the day: {text} ({date:%Y-%m-%d}) is a {actual_weekday}"
        description: The weekday rule as a warning, judging only dates from 1900 on.
        min_year: 1900
        examples:
          bad: [{text: "On [[Wednesday, October 1]], he left.", date: 2019-10-04}]
          good: [{text: "On Monday, October 1, 1877, he left."}]
    """,
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    for name, text in PACK.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def run(args: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(args, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_user_pack_end_to_end_through_cli(pack: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "date 2019-10-04 The minister resigned yesterday.\n\nThe Widget costs $ 5 in shops. The Widget costs $ 7 online.\n"
        "He left on Wednesday, October 1, 1877. The paper marks Founders Day, March 5, 2019, with a party.\n",
        encoding="utf-8",
    )
    code, out = run(["check", str(article), "--rules", str(pack), "--format", "text"])
    # the retuned rule ignores 1877 (its min_year is 1900); the built-in weekday rule does not
    assert out.splitlines() == [
        f'{article}:1:39: warning: "yesterday": this copy runs the next day; name the day [house-yesterday]',
        f"{article}:3:51: warning: Widget costs 7 here but 5 earlier [price-consistency]",
        f"{article}:4:12: error: October 1, 1877 was a Monday, not a Wednesday [weekday-mismatch]",
        f"{article}:4:70: warning: Founders Day 2019 is March 4, not March 5 [founders-day]",
    ]
    assert code == 1
    code, out = run(["check", str(article), "--rules", str(pack), "--format", "text", "--ignore", "weekday-mismatch"])
    assert code == 0  # only warnings left: the default fail level is error
    code, out = run(
        ["check", str(article), "--rules", str(pack), "--format", "text", "--ignore", "weekday-mismatch", "--fail-on", "warning"]
    )
    assert code == 1


def test_retuned_rule_reports_with_its_own_message_and_severity(pack: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("He left on Wednesday, October 1.\n", encoding="utf-8")
    code, out = run(
        ["check", str(article), "--rules", str(pack), "--date", "2019-10-04", "--format", "text", "--select", "weekday"]
    )
    assert out.splitlines() == [
        f"{article}:1:12: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]",
        f"{article}:1:12: warning: check the day: Wednesday, October 1 (2019-10-01) is a Tuesday [weekday-soft]",
    ]
    assert code == 1


def test_user_pack_examples_pass_through_test_rules(pack: Path) -> None:
    code, out = run(["test-rules", str(pack)])
    assert out.splitlines()[-1] == "8 passed, 0 failed"
    assert code == 0


def test_test_rules_reports_a_failing_example(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        textwrap.dedent("""
        id: no-monday
        extends: pattern
        severity: info
        message: "{text}"
        description: Flags Monday.
        regex: Monday
        examples:
          bad: [{text: "On Tuesday."}]
        """),
        encoding="utf-8",
    )
    code, out = run(["test-rules", str(tmp_path)])
    assert code == 1
    assert "FAIL no-monday (bad example): not raised" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


@pytest.mark.parametrize("rule_id", sorted(r.id for r in load_rules()))
def test_builtin_rule_examples(rule_id: str) -> None:
    rules = load_rules()
    results = run_rule_examples(rules, [r for r in rules if r.id == rule_id])
    assert results, f"{rule_id} has no examples"
    assert [r.detail for r in results if not r.passed] == []


BROKEN = [
    (
        "unknown key",
        "id: x\nextends: weekday\nseverity: error\nmessage: m\ndescription: d\ncolour: red\n",
        6,
        1,
        "unknown key 'colour' for extends 'weekday'",
    ),
    (
        "wrong type",
        "id: x\nextends: weekday\nseverity: error\nmessage: m\ndescription: d\nmin_year: soon\n",
        6,
        11,
        "min_year: 'soon' is not of type 'integer'",
    ),
    (
        "bad severity",
        "id: x\nextends: weekday\nseverity: fatal\nmessage: m\ndescription: d\n",
        3,
        11,
        "severity: 'fatal' is not one of ['error', 'warning', 'info']",
    ),
    (
        "bad template field",
        "id: x\nextends: weekday\nseverity: error\nmessage: '{weekday} wrong'\ndescription: d\n",
        4,
        10,
        "message uses unknown field {weekday}; 'weekday' provides: "
        "actual_weekday, date, min_year, other_date, stated_weekday, text, year, year_source",
    ),
    (
        "malformed template",
        "id: x\nextends: weekday\nseverity: error\nmessage: '{date'\ndescription: d\n",
        4,
        10,
        "bad message template: expected '}' before end of string",
    ),
    (
        "unknown extends",
        "id: x\nextends: weekdays\nseverity: error\nmessage: m\ndescription: d\n",
        2,
        10,
        "unknown check kind 'weekdays' in extends",
    ),
    (
        "pattern spaCy rejects",
        "id: x\nextends: pattern\nseverity: info\nmessage: m\ndescription: d\ntokens:\n  - [{LOWR: x}]\n",
        6,
        1,
        "spaCy rejects the token patterns",
    ),
    (
        "python object tag",
        "id: !!python/object:os.system x\nextends: pattern\n",
        1,
        5,
        "refused: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'",
    ),
    ("alias", "a: &a [1, 2]\nb: *a\n", 2, 4, "YAML aliases (*name) are not allowed in rule files"),
    ("non-string key", "id: x\nextends: pattern\n1: one\n", 1, 1, "rule keys must be strings, not int 1"),
    ("unhashable key", "? [1, 2]\n: x\nid: y\n", 1, 3, "refused: found unhashable key"),
    ("deep nesting", "id: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 68, "nested deeper than 64 levels"),
    ("billion laughs", "a: &a [lol, lol]\nb: &b [*a, *a]\nc: [*b, *b]\n", 2, 8, "YAML aliases (*name) are not allowed"),
]


@pytest.mark.parametrize(("case", "text", "line", "column", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rule_file_names_file_line_column(
    tmp_path: Path, case: str, text: str, line: int, column: int, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        load_rule_file(path)
    error = raised.value
    assert (error.path, error.line, error.column) == (str(path), line, column)
    assert message in error.message


def test_duplicate_id_and_cli_exit_code(tmp_path: Path) -> None:
    (tmp_path / "dup.yaml").write_text(
        "id: weekday-mismatch\nextends: weekday\nseverity: error\nmessage: m\ndescription: d\n", encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("Nothing here.\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"duplicate rule id 'weekday-mismatch' \(first defined at .*weekday-mismatch.yaml:2\)"):
        load_rules([tmp_path])
    code, _ = run(["check", str(article), "--rules", str(tmp_path)])
    assert code == 2


def test_oversized_rule_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bytes; the limit is 1,000,000"):
        load_rule_file(path)


def test_explain_and_rules_listing() -> None:
    code, out = run(["explain", "weekday-mismatch"])
    assert code == 0
    assert out.startswith("weekday-mismatch (error, extends weekday)")
    assert "message: {date:%B %-d, %Y} was a {actual_weekday}, not a {stated_weekday}" in out
    assert "bad examples:" in out and "good examples:" in out
    code, out = run(["rules"])
    assert code == 0
    for rule_id in ("weekday-mismatch", "impossible-date", "no-publication-date", "unused-suppression"):
        assert rule_id in out
    code, _ = run(["explain", "no-such-rule"])
    assert code == 2


def test_catastrophic_regex_is_stopped_and_said(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        'id: evil\nextends: pattern\nseverity: info\nmessage: "{text}"\ndescription: Backtracks.\nregex: "(a|aa)+$"\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("a" * 60 + "!\n\nHe arrived on Wednesday, October 1.\n", encoding="utf-8")
    code, out = run(["check", str(article), "--rules", str(tmp_path), "--date", "2019-10-04", "--format", "text"])
    assert out.splitlines() == [
        f"{article}:1:1: warning: rule evil: its regular expression ran over 1 s on this file and was stopped; "
        "matches before that are reported [rule-aborted]",
        f"{article}:3:15: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]",
    ]
    assert code == 1
