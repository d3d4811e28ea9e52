"""What a newcomer pastes works (issue 18): standard input as a named file, messages that
quote well, schemas and SARIF that name no address that does not exist."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from factlint import schemas
from factlint.core.templates import quoted_text, render
from factlint.engine.api import LintOptions, lint_text
from factlint.shells.cli import build_parser, main

STORY = "---\ndate: 2019-10-04\n---\nHe came on Wednesday, October 1. The code says `October 32`.\n"
MESSAGE = "October 1, 2019 was a Tuesday, not a Wednesday"


def check_stdin(text: str, *argv: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(["check", "--no-cache", "--format", "text", *argv], stdin=io.StringIO(text), stdout=out)
    return code, out.getvalue().splitlines()


def test_markdown_on_stdin_is_read_as_markdown_when_it_opens_with_front_matter() -> None:
    code, lines = check_stdin(STORY, "-")
    # the front-matter date is found (no no-publication-date), the inline code is not prose
    assert lines == [f"<stdin>:4:12: error: {MESSAGE} [weekday-mismatch]"]
    assert code == 1


def test_stdin_filename_names_the_file_and_its_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / ".factlint.yaml").write_text("ignore: [weekday-mismatch]\n", encoding="utf-8")
    code, lines = check_stdin(STORY, "--stdin-filename", "story.md")
    assert lines == [f"story.md:4:12: error: {MESSAGE} [weekday-mismatch]"] and code == 1
    code, lines = check_stdin(STORY, "--stdin-filename", "news/story.md")  # that folder's configuration
    assert lines == [] and code == 0
    code, lines = check_stdin(STORY, "-", "--stdin-filename", "story.txt")  # plain text: the code span is prose
    assert lines[-1] == 'story.txt:4:49: error: October has 31 days: "October 32" does not exist [impossible-date]'


def test_the_default_path_is_said_in_the_help() -> None:
    help_text = " ".join(build_parser()._subparsers._group_actions[0].choices["check"].format_help().split())  # type: ignore[union-attr]
    assert "(default: the current folder, or - with --stdin- filename)" in help_text  # argparse wraps at the hyphen


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [
        ('"the four warships', "the four warships"),
        ("the four  warships\n", "the four warships"),
        ("“Wednesday, October 1”", "Wednesday, October 1"),
        ('later "the four warships', "later the four warships"),
        ('he said "no" twice', 'he said "no" twice'),
    ],
)
def test_quoted_text(raw: str, quoted: str) -> None:
    assert quoted_text(raw) == quoted


def test_a_quoted_span_is_never_double_quoted() -> None:
    text = 'Last year, 3 Russian warships docked in Manila. Officials said later "the four warships" left.'
    found = lint_text(text, "a.txt", LintOptions(dct=date(2019, 10, 4), select=("quantity-conflict",)))
    assert [d.message for d in found] == ['"the four warships" counts 4 warship(s), but "3 Russian warships" counted 3']
    assert render("{text} and '{text}'", {"text": ' "x" '}) == ' "x"  and \' "x" \''  # only inside double quotes


def test_schemas_resolve_from_the_package_by_their_urn() -> None:
    output = schemas.schema("urn:factlint:schema:output:1")
    assert output["$id"] == "urn:factlint:schema:output:1"
    assert schemas.schema("urn:factlint:schema:rule:1")["$id"] == "urn:factlint:schema:rule:1"
    validator = jsonschema.Draft202012Validator({"$ref": "urn:factlint:schema:output:1"}, registry=schemas.registry())
    out = io.StringIO()
    main(["check", "--no-cache", "--format", "json", "-"], stdin=io.StringIO(STORY), stdout=out)
    validator.validate(json.loads(out.getvalue()))
    with pytest.raises(KeyError, match="no factlint schema"):
        schemas.schema("https://factlint.dev/schemas/output.schema.json")


def test_sarif_names_no_placeholder_address() -> None:
    out = io.StringIO()
    main(["check", "--no-cache", "--format", "sarif", "-"], stdin=io.StringIO(STORY), stdout=out)
    assert "factlint.dev" not in out.getvalue()
    assert "informationUri" not in json.loads(out.getvalue())["runs"][0]["tool"]["driver"]
