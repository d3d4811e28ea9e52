"""Every output format on the seed article, through the library and the CLI."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factlint.core.diagnostics import Diagnostic, Edit, Location, Position, Related, Severity, Suggestion
from factlint.engine.api import LintOptions, LintResult, lint_paths, lint_text
from factlint.engine.selection import enabled_rules
from factlint.shells.cli import _statistics, main
from factlint.shells.reporters import FORMATS, get_reporter
from factlint.shells.reporters.github import command, escape_data, escape_property
from factlint.shells.reporters.sarif import FINGERPRINT_KEY, repo_path, sarif_log

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/rappler-2019-10-04-duterte-putin.txt"
SARIF_SCHEMA = ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
MISSING = "no-such-article.txt"


@pytest.fixture(scope="module", autouse=True)
def in_repo_root():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield


# These tests are about formats, so the seed is checked with the one rule whose diagnostic
# they describe (19:58-78, weekday-mismatch); the other rules are tested elsewhere.
SEED_RULE = "weekday-mismatch"


@pytest.fixture(scope="module")
def seed_result(in_repo_root) -> LintResult:
    return lint_paths(["seeds/"], LintOptions(select=(SEED_RULE,)))


@pytest.fixture(scope="module")
def rules(in_repo_root):
    return enabled_rules(LintOptions())


def render(fmt: str, result: LintResult, rules) -> str:
    stream = io.StringIO()
    get_reporter(fmt)(result, rules, stream)
    return stream.getvalue()


def run_cli(*argv: str) -> tuple[int, str]:
    stdout = io.StringIO()
    code = main(["check", *argv, "--select", SEED_RULE], stdout=stdout)
    return code, stdout.getvalue()


def output_schema() -> dict[str, Any]:
    return json.loads(resources.files("factlint.schemas").joinpath("output.schema.json").read_text(encoding="utf-8"))


def validate_sarif(log: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} is absent")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema).validate(log)


def test_every_format_is_registered():
    assert {"sarif", "github", "junit", "rdjson", "json-lines"} <= set(FORMATS)
    for name in FORMATS:
        assert callable(get_reporter(name))


# --- SARIF -------------------------------------------------------------------------------


def test_sarif_seed_result(seed_result, rules):
    log = json.loads(render("sarif", seed_result, rules))
    validate_sarif(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    [result] = run["results"]
    assert result["ruleId"] == "weekday-mismatch"
    assert result["level"] == "error"
    assert result["message"]["text"] == "October 1, 2019 was a Tuesday, not a Wednesday"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": SEED, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 19, "startColumn": 58, "endLine": 19, "endColumn": 78}
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert rule["id"] == "weekday-mismatch"
    assert rule["helpUri"] == "https://en.wikipedia.org/wiki/Determination_of_the_day_of_the_week"
    assert rule["shortDescription"]["text"] == "A weekday written next to a date must be the weekday that date falls on."
    assert rule["fullDescription"]["text"].startswith("A weekday written next to a date must be")
    assert rule["defaultConfiguration"] == {"level": "error"}
    first_fix, second_fix = result["fixes"]
    assert first_fix["description"]["text"] == "Tuesday, October 1"
    [change] = first_fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == SEED
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 19, "startColumn": 58, "endLine": 19, "endColumn": 67},
            "insertedContent": {"text": "Tuesday"},
        }
    ]
    assert second_fix["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "2"}
    assert len(result["partialFingerprints"][FINGERPRINT_KEY]) == 32


def test_sarif_rule_levels_match_rules(seed_result, rules):
    driver = sarif_log(seed_result, rules)["runs"][0]["tool"]["driver"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["no-publication-date"] == "note"
    assert levels["impossible-date"] == "error"
    assert [r["id"] for r in driver["rules"]][: len(rules)] == [r.id for r in rules]


ARTICLE = "date 2019-10-04\n\nDuterte arrived in Moscow on Wednesday, October 1, for his second visit.\n"


def _fingerprints(text: str) -> tuple[list[str], list[int]]:
    diagnostics = lint_text(text, "article.txt", LintOptions(dct=date(2019, 10, 4)))
    log = sarif_log(LintResult(diagnostics=diagnostics, files=["article.txt"]), enabled_rules(LintOptions()))
    results = log["runs"][0]["results"]
    return (
        [r["partialFingerprints"][FINGERPRINT_KEY] for r in results],
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results],
    )


def test_sarif_fingerprints_survive_unrelated_edits():
    before, before_lines = _fingerprints(ARTICLE)
    edited = ARTICLE.replace("\n\n", "\n\nThe President flew in from Manila.\n\n", 1)
    after, after_lines = _fingerprints(edited)
    assert before_lines == [3] and after_lines == [5]
    assert before == after


def test_sarif_fingerprints_count_repeated_claims():
    twice = ARTICLE + "\nAgain: he arrived on Wednesday, October 1, in the evening.\n"
    fingerprints, lines = _fingerprints(twice)
    assert lines == [3, 5]
    assert len(set(fingerprints)) == 2
    assert fingerprints[0] == _fingerprints(ARTICLE)[0][0]


def _location(path: str, line: int, start: int, end: int, offset: int = 0) -> Location:
    return Location(path, Position(line, start), Position(line, end), offset + start - 1, offset + end - 1)


def _related_diagnostic(path: str = "story.md") -> Diagnostic:
    return Diagnostic(
        rule="event-day",
        severity=Severity.WARNING,
        message="arrived on Tuesday but met on Monday",
        location=_location(path, 2, 5, 12, offset=10),
        related=(Related(_location(path, 1, 1, 7), "the arrival"),),
        suggestions=(Suggestion("Monday", (Edit(_location(path, 2, 5, 12, offset=10), "Monday"),)),),
        quoted="Tuesday",
    )


def test_sarif_related_locations_and_unknown_rules():
    log = sarif_log(LintResult(diagnostics=[_related_diagnostic()], files=["story.md"]), [])
    validate_sarif(log)
    run = log["runs"][0]
    [result] = run["results"]
    assert result["level"] == "warning"
    assert result["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "story.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 7},
            },
            "message": {"text": "the arrival"},
        }
    ]
    # a rule id missing from the rule list (a file problem) still gets a descriptor to index
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]] == {
        "id": "event-day",
        "name": "event-day",
        "shortDescription": {"text": "event-day"},
    }


def test_repo_path(tmp_path):
    assert repo_path("seeds/a.txt", tmp_path) == "seeds/a.txt"
    assert repo_path(str(tmp_path / "news" / "a.md"), tmp_path) == "news/a.md"
    assert repo_path("./news/../news/a.md", tmp_path) == "news/a.md"
    outside = tmp_path.parent / "elsewhere.md"
    assert repo_path(str(outside), tmp_path) == outside.as_posix()


def test_sarif_uri_outside_and_escaped(tmp_path):
    outside = tmp_path / "my story.md"
    log = sarif_log(LintResult(diagnostics=[_related_diagnostic(str(outside))]), [])
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": outside.as_uri()}
    assert "%20" in artifact["uri"]
    log = sarif_log(LintResult(diagnostics=[_related_diagnostic("news/my story.md")]), [])
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "news/my%20story.md", "uriBaseId": "%SRCROOT%"}


def test_sarif_missing_file_is_recorded():
    code, out = run_cli("seeds/", MISSING, "--format", "sarif")
    assert code == 2
    log = json.loads(out)
    validate_sarif(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": f"{MISSING}: no such file or directory"}}
    ]
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["weekday-mismatch"]


# --- JSON ------------------------------------------------------------------------------------


def test_json_validates_against_published_schema(seed_result, rules):
    schema = output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads(render("json", seed_result, rules))
    jsonschema.Draft202012Validator(schema).validate(report)
    extra = json.loads(render("json", LintResult(diagnostics=[_related_diagnostic()], files=["story.md"]), []))
    jsonschema.Draft202012Validator(schema).validate(extra)
    assert extra["diagnostics"][0]["related"][0]["label"] == "the arrival"


def test_json_schema_rejects_what_json_report_does_not_emit(seed_result, rules):
    validator = jsonschema.Draft202012Validator(output_schema())
    report = json.loads(render("json", seed_result, rules))
    broken = json.loads(json.dumps(report))
    broken["diagnostics"][0]["severity"] = "fatal"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    broken["diagnostics"][0]["suggestions"][0]["edits"][0]["extra"] = 1
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    del broken["summary"]["info"]
    assert not validator.is_valid(broken)


def test_json_missing_file_is_recorded():
    code, out = run_cli("seeds/", MISSING, "--format", "json")
    assert code == 2
    report = json.loads(out)
    jsonschema.Draft202012Validator(output_schema()).validate(report)
    assert report["errors"] == [{"message": f"{MISSING}: no such file or directory"}]
    assert report["summary"] == {"files": 1, "error": 1, "warning": 0, "info": 0}


# --- GitHub workflow commands ---------------------------------------------------------------


def test_github_escape_helpers():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_property("dir,1/a:b.md") == "dir%2C1/a%3Ab.md"
    assert escape_property("50%\n") == "50%25%0A"
    assert command("notice", "x: 1%", file="a,b.md", line=3) == "::notice file=a%2Cb.md,line=3::x: 1%25"
    assert command("error", "plain") == "::error::plain"


def test_github_seed(seed_result, rules):
    assert render("github", seed_result, rules).splitlines() == [
        f"::error file={SEED},line=19,col=58,endLine=19,endColumn=78,title=weekday-mismatch"
        "::October 1, 2019 was a Tuesday, not a Wednesday"
    ]


def test_github_severities_and_escaping():
    d = _related_diagnostic("odd, name: 1.md")
    info = Diagnostic("no-publication-date", Severity.INFO, "50% read\nsee docs", _location("a.md", 1, 1, 2))
    lines = render("github", LintResult(diagnostics=[d, info], errors=["gone.md: cannot read"]), []).splitlines()
    assert lines == [
        "::warning file=odd%2C name%3A 1.md,line=2,col=5,endLine=2,endColumn=12,title=event-day"
        "::arrived on Tuesday but met on Monday",
        "::notice file=a.md,line=1,col=1,endLine=1,endColumn=2,title=no-publication-date::50%25 read%0Asee docs",
        "::error title=factlint::gone.md: cannot read",
    ]


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_seed_with_missing_file():
    code, out = run_cli("seeds/", MISSING, "--format", "junit")
    assert code == 2
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")
    seed_suite, unreadable = root.findall("testsuite")
    assert seed_suite.get("name") == SEED
    [case] = seed_suite.findall("testcase")
    assert case.get("name") == "weekday-mismatch at 19:58"
    assert case.get("classname") == SEED.removesuffix(".txt")
    failure = case.find("failure")
    assert failure.get("message") == "October 1, 2019 was a Tuesday, not a Wednesday"
    assert failure.get("type") == "weekday-mismatch"
    assert "fix: Tuesday, October 1" in failure.text
    assert unreadable.find("testcase/error").get("message") == f"{MISSING}: no such file or directory"


def test_junit_escapes_and_counts_clean_files():
    bad = Diagnostic("r", Severity.ERROR, 'a <b> & "c"\x0c]]>', _location("x.md", 1, 1, 2), quoted="<&>")
    out = render("junit", LintResult(diagnostics=[bad, bad], files=["clean.md", "x.md"]), [])
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "0")
    clean, dirty = root.findall("testsuite")
    assert clean.get("name") == "clean.md" and clean.find("testcase/failure") is None
    failures = dirty.findall("testcase/failure")
    assert len(failures) == 2
    assert failures[0].get("message") == 'a <b> & "c"\ufffd]]>'
    assert "text: <&>" in failures[0].text


# --- rdjson ----------------------------------------------------------------------------------


def test_rdjson_seed(seed_result, rules):
    doc = json.loads(render("rdjson", seed_result, rules))
    assert doc["source"] == {"name": "factlint"}
    assert doc["severity"] == "ERROR"
    [d] = doc["diagnostics"]
    assert d["message"] == "October 1, 2019 was a Tuesday, not a Wednesday"
    assert d["location"] == {"path": SEED, "range": {"start": {"line": 19, "column": 58}, "end": {"line": 19, "column": 78}}}
    assert d["severity"] == "ERROR"
    assert d["code"] == {"value": "weekday-mismatch", "url": "https://en.wikipedia.org/wiki/Determination_of_the_day_of_the_week"}
    assert d["suggestions"] == [
        {"range": {"start": {"line": 19, "column": 58}, "end": {"line": 19, "column": 67}}, "text": "Tuesday"}
    ]


def test_rdjson_columns_are_utf8_bytes_and_related():
    text = "date 2019-10-04\n\nThe café’s owner said Duterte came on Wednesday, October 1.\n"
    [d] = lint_text(text, "cafe.txt", LintOptions(dct=date(2019, 10, 4)))
    assert (d.location.start.column, d.location.end.column) == (39, 59)  # code points
    result = LintResult(diagnostics=[d], files=["cafe.txt"], sources={"cafe.txt": text})
    [out] = json.loads(render("rdjson", result, []))["diagnostics"]
    # "é" is 2 bytes and "’" 3 in UTF-8: 3 more than the code-point column
    assert out["location"]["range"] == {"start": {"line": 3, "column": 42}, "end": {"line": 3, "column": 62}}
    assert out["code"] == {"value": "weekday-mismatch"}  # no rules given, so no link
    related = _related_diagnostic()
    [out] = json.loads(render("rdjson", LintResult(diagnostics=[related]), []))["diagnostics"]
    assert out["severity"] == "WARNING"
    assert out["relatedLocations"] == [
        {
            "message": "the arrival",
            "location": {"path": "story.md", "range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 7}}},
        }
    ]


# --- JSON lines ------------------------------------------------------------------------------


def test_json_lines(seed_result, rules):
    result = LintResult(diagnostics=[*seed_result.diagnostics, _related_diagnostic()], files=seed_result.files)
    lines = render("json-lines", result, rules).splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == [d.to_dict() for d in result.diagnostics]
    assert all(": " not in line.split('"message"')[0] for line in lines)  # compact separators
    assert json.loads(lines[0])["start"] == {"line": 19, "column": 58}


# --- CLI flags -------------------------------------------------------------------------------


def test_statistics_text_on_stdout():
    code, out = run_cli("seeds/", "--format", "text", "--statistics")
    assert code == 1
    assert out.splitlines() == [
        f"{SEED}:19:58: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]",
        "    1  weekday-mismatch",
    ]


def test_statistics_machine_format_on_stderr(capsys):
    code, out = run_cli("seeds/", "--format", "sarif", "--statistics")
    assert code == 1
    json.loads(out)  # stdout is still one SARIF document
    assert capsys.readouterr().err == "    1  weekday-mismatch\n"


def test_statistics_order():
    def diag(rule: str) -> Diagnostic:
        return Diagnostic(rule, Severity.ERROR, "m", _location("a.md", 1, 1, 2))

    stream = io.StringIO()
    _statistics([diag("b"), diag("c"), diag("c"), diag("a"), diag("b")], stream)
    assert stream.getvalue().splitlines() == ["    2  b", "    2  c", "    1  a"]


def test_quiet_rich_drops_summary():
    code, loud = run_cli("seeds/", "--format", "rich")
    assert code == 1
    assert "1 file(s) checked: 1 error(s), 0 warning(s), 0 info" in loud
    code, quiet = run_cli("seeds/", "--format", "rich", "--quiet")
    assert code == 1
    assert "file(s) checked" not in quiet
    assert "October 1, 2019 was a Tuesday, not a Wednesday" in quiet
    assert quiet.rstrip("\n") == loud.rstrip("\n").rsplit("\n", 1)[0].rstrip("\n")


def test_quiet_text_and_json_unchanged():
    assert run_cli("seeds/", "--format", "text", "--quiet") == run_cli("seeds/", "--format", "text")
    code, out = run_cli("seeds/", "--format", "json", "--quiet", "--statistics")
    assert code == 1
    assert json.loads(out)["summary"]["error"] == 1


@pytest.mark.parametrize("fmt", ["text", "github", "sarif", "rdjson", "junit", "json", "json-lines", "rich"])
def test_report_re_renders_a_saved_json_report_as_check_would(fmt, tmp_path):
    """`factlint report` turns one check's JSON into any format, byte for byte what `check` prints
    (a CI job runs factlint once for both annotations and SARIF)."""
    saved = tmp_path / "run.json"
    assert main(["check", "seeds/", "--no-cache", "--format", "json", "--output-file", str(saved)], stdout=io.StringIO()) == 1
    direct, rendered = io.StringIO(), io.StringIO()
    main(["check", "seeds/", "--no-cache", "--format", fmt], stdout=direct)
    assert main(["report", str(saved), "--format", fmt], stdout=rendered) == 0
    assert rendered.getvalue() == direct.getvalue()


def test_report_refuses_what_is_not_a_report(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"files": []}', encoding="utf-8")
    assert main(["report", str(bad)], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err == (
        f"factlint: error: {bad}: not a factlint JSON report (version 1): report: 'version' is a required property\n"
    )
    assert main(["report", str(tmp_path / "absent.json")], stdout=io.StringIO()) == 2
    assert "absent.json: cannot read the report: No such file or directory" in capsys.readouterr().err
