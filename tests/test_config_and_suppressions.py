"""Configuration discovery and merging, and inline suppressions."""

from __future__ import annotations

import io
import textwrap
from datetime import date
from pathlib import Path

from factlint.engine.api import LintOptions, lint_text
from factlint.shells.cli import main

WRONG = "He arrived on Wednesday, October 1.\n"  # 2019-10-01 was a Tuesday


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, stdin=io.StringIO(""), stdout=out), out.getvalue()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_pyproject_config_severity_per_file_and_exclude(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
        [tool.factlint]
        severity = { weekday-mismatch = "warning" }
        exclude = ["drafts/**"]
        fail-on = "warning"
        per-file = [{ files = "opinion/**", ignore = ["weekday"] }]
        """,
    )
    news = write(tmp_path / "news" / "a.txt", "date 2019-10-04 " + WRONG)
    write(tmp_path / "opinion" / "b.txt", "date 2019-10-04 " + WRONG)
    write(tmp_path / "drafts" / "c.txt", "date 2019-10-04 " + WRONG)
    code, out = run(["check", str(tmp_path), "--format", "text", "--config", str(tmp_path / "pyproject.toml")])
    assert out.splitlines() == [
        f"{news.as_posix()}:1:31: warning: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]"
    ]
    assert code == 1  # fail-on warning, from the config


def test_nearest_config_wins_and_front_matter_keys(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.yaml", "ignore: [weekday-mismatch]\n")
    write(tmp_path / "desk" / ".factlint.yaml", "date:\n  front-matter-keys: [issued]\n")
    outer = write(tmp_path / "a.md", "---\ndate: 2019-10-04\n---\n" + WRONG)
    inner = write(tmp_path / "desk" / "b.md", "---\nissued: 2019-10-04\n---\n" + WRONG)
    code, out = run(["check", str(outer), str(inner), "--format", "text"])
    assert out.splitlines() == [f"{inner}:4:15: error: October 1, 2019 was a Tuesday, not a Wednesday [weekday-mismatch]"]
    assert code == 1


def test_bad_config_is_exit_2_naming_the_file(tmp_path: Path, capsys) -> None:
    config = write(tmp_path / ".factlint.yaml", "colour: red\n")
    article = write(tmp_path / "a.txt", WRONG)
    code, _ = run(["check", str(article)])
    assert code == 2
    assert f"factlint: error: {config}: unknown key 'colour'" in capsys.readouterr().err


MARKDOWN = """\
---
date: 2019-10-04
factlint: {ignore: [impossible-date]}
---
<!-- factlint-disable-next-line weekday-mismatch -- quoting the invitation -->
He arrived on Wednesday, October 1, on February 30.

<!-- factlint-disable-next-line weekday-mismatch -->
He left on Thursday, October 3.

<!-- factlint-disable weekday-mismatch -->
Wednesday, October 1.

Wednesday, October 1.
<!-- factlint-enable -->
Back on Wednesday, October 1.
"""


def test_markdown_suppressions_and_unused_ones() -> None:
    found = [(d.rule, d.location.start.line, d.location.start.column, d.message) for d in lint_text(MARKDOWN, "a.md")]
    assert found == [
        ("unused-suppression", 8, 1, "this disable-next-line suppression of weekday-mismatch silences nothing; remove it"),
        ("weekday-mismatch", 16, 9, "October 1, 2019 was a Tuesday, not a Wednesday"),
    ]


def test_plain_text_line_comment_form_is_not_prose() -> None:
    text = "# factlint-disable-next-line weekday-mismatch\nHe arrived on Wednesday, October 1.\n// factlint-disable-line\n"
    found = [(d.rule, d.location.start.line) for d in lint_text(text, "a.txt", LintOptions(dct=date(2019, 10, 4)))]
    assert found == [("unused-suppression", 3)]


def test_disable_file() -> None:
    text = "<!-- factlint-disable-file -->\n\nHe arrived on Wednesday, October 1.\n"
    assert lint_text(text, "a.md", LintOptions(dct=date(2019, 10, 4))) == []
