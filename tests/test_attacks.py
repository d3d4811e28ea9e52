"""The second attack list (issue 17): each hostile input sits beside a good file whose
diagnostic must still appear, with the exact exit code and valid JSON and SARIF."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from factlint.core.safe_read import FileTooLarge, UnreadableFile, read_regular
from factlint.engine.api import LintOptions, lint_text
from factlint.engine.discover import display_name
from factlint.engine.options import Limits
from factlint.shells.cli import main

MESSAGE = "October 1, 2019 was a Tuesday, not a Wednesday"
GOOD = "He came on Wednesday, October 1.\n"


def run(paths: list[Path | str], *extra: str, cwd: Path | None = None, dated: bool = True) -> tuple[int, str, dict, dict]:
    """The CLI in text, JSON and SARIF; every format gives the same exit code and parses."""
    when = ["--date", "2019-10-04"] if dated else []
    argv = ["check", *map(str, paths), *when, "--no-cache", "--select", "weekday-mismatch", *extra]
    outputs = {}
    codes = set()
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        for fmt in ("text", "json", "sarif"):
            out = io.StringIO()
            codes.add(main([*argv, "--format", fmt], stdout=out))
            outputs[fmt] = out.getvalue()
    finally:
        os.chdir(old)
    assert len(codes) == 1, codes
    for fmt in ("json", "sarif"):
        outputs[fmt].encode("utf-8")  # valid UTF-8: no lone surrogates
    return codes.pop(), outputs["text"], json.loads(outputs["json"]), json.loads(outputs["sarif"])


def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def good_line(path: Path) -> str:
    return f"{path.as_posix()}:1:12: error: {MESSAGE} [weekday-mismatch]"


def sarif_notifications(sarif: dict) -> list[str]:
    return [n["message"]["text"] for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]]


# 1. front matter ------------------------------------------------------------------------------


NESTED = "date: " + "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2019-02-30", "1:1: error: front matter 'date' is not a date: '2019-02-30' [invalid-front-matter]"),
        (NESTED, "2:1: error: front matter is nested too deeply to read [invalid-front-matter]"),
    ],
)
def test_front_matter_that_raised(tmp_path: Path, front: str, expected: str) -> None:
    bad = tmp_path / "story.md"
    bad.write_text(f"---\n{front}\n---\nHe came on Wednesday, October 1, 2019.\n", encoding="utf-8")
    code, text, report, _ = run([tmp_path], dated=False)
    weekday = f"{bad.as_posix()}:4:12: error: {MESSAGE} [weekday-mismatch]"
    assert text.splitlines() == [f"{bad.as_posix()}:{expected}", weekday]
    assert code == 1 and report["errors"] == []


def test_an_impossible_time_keeps_the_date(tmp_path: Path) -> None:
    bad = tmp_path / "story.md"
    bad.write_text("---\ndate: 2019-10-04T25:99:00\n---\nHe came on Wednesday, October 1.\n", encoding="utf-8")
    code, text, _, _ = run([bad], dated=False)
    assert text == f"{bad.as_posix()}:4:12: error: {MESSAGE} [weekday-mismatch]\n"
    assert code == 1


# 2, 6. what a folder walk finds ----------------------------------------------------------------


def test_walked_links_pipes_and_devices_are_named_not_followed(tmp_path: Path) -> None:
    ok = good(tmp_path)
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    code, text, report, sarif = run([tmp_path])
    root = tmp_path.as_posix()
    expected = [
        f"{root}/a.txt: cannot read: symlink loop",
        f"{root}/b.txt: cannot read: symlink loop",
        f"{root}/pipe.txt: not a regular file (a named pipe)",
        f"{root}/zero.txt: not a regular file (a character device)",
    ]
    assert text.splitlines() == [good_line(ok)]
    assert [e["message"] for e in report["errors"]] == expected
    assert sarif_notifications(sarif) == expected
    assert code == 2


def test_read_regular_refuses_what_would_hang_or_fill_memory(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnreadableFile, match=r"pipe: not a regular file \(a named pipe\)"):
        read_regular(tmp_path / "pipe", 100)  # opened without blocking: no writer needed
    with pytest.raises(UnreadableFile, match=r"not a regular file \(a character device\)"):
        read_regular("/dev/zero", 100)
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge, match="file is 101 bytes; the limit is 100 bytes"):
        read_regular(tmp_path / "big", 100)
    assert read_regular(tmp_path / "big", 101) == b"x" * 101


# 4. configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (".factlint.yaml", b"per-file: 5\n", "`per-file` must be a list of mappings with a `files` glob, not a number"),
        (".factlint.yaml", b"model: [a]\n", "`model` must be a string, not a list"),
        (".factlint.yaml", b"select: [\xff]\n", "cannot read configuration: not valid UTF-8 (byte 9: b'\\xff')"),
        (".factlint.yaml", b"x: " + b"[" * 3000 + b"]" * 3000 + b"\n", "cannot read configuration: nested too deeply"),
        (".factlint.yaml", b"limits: {dates: many}\n", "limits.dates must be a number, 0 or more, not 'many'"),
        ("pyproject.toml", b"tool = 5\n", "`tool` must be a table, not a number"),
    ],
)
def test_configuration_errors_reach_the_report(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    good(tmp_path)
    (tmp_path / name).write_bytes(content)
    code, _, report, sarif = run(["good.txt"], cwd=tmp_path)
    message = f"{(tmp_path / name).as_posix()}: {problem}"
    assert report["errors"] == [{"message": message}]
    assert report["diagnostics"] == []
    assert sarif_notifications(sarif) == [message]
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert code == 2


def test_a_bad_timestamp_in_configuration_is_not_a_crash(tmp_path: Path) -> None:
    ok = good(tmp_path)
    (tmp_path / ".factlint.yaml").write_text("date: {front-matter-keys: 2019-02-30}\n", encoding="utf-8")
    code, text, report, _ = run([ok])  # a ValueError from PyYAML's timestamp constructor before
    assert text.splitlines() == [good_line(ok)]
    assert report["errors"] == [] and code == 1


def test_rules_and_calendars_that_are_pipes_or_devices(tmp_path: Path) -> None:
    ok = good(tmp_path)
    os.mkfifo(tmp_path / "rules.yaml")
    code, _, report, _ = run([ok], "--rules", str(tmp_path / "rules.yaml"))
    assert report["errors"] == [
        {"message": f"{tmp_path / 'rules.yaml'}:1:1: cannot read rule file: not a regular file (a named pipe)"}
    ]
    assert code == 2
    (tmp_path / ".factlint.yaml").write_text("calendars: [/dev/zero]\n", encoding="utf-8")
    code, _, report, _ = run([ok], "--select", "calendar-event-mismatch")
    assert report["errors"] == [{"message": "/dev/zero:1: cannot read calendar: not a regular file (a character device)"}]
    assert code == 2


# 5, 12. file names ----------------------------------------------------------------------------


def test_names_that_are_not_text_are_escaped_everywhere(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xff\xfe.txt"
    with open(raw, "wb") as handle:
        handle.write(GOOD.encode())
    forged = tmp_path / "evil\nforged.txt:9:9: error: fake [weekday-mismatch].txt"
    forged.write_text(GOOD, encoding="utf-8")
    code, text, report, sarif = run([tmp_path])
    root = tmp_path.as_posix()
    shown = [f"{root}/bad\\xff\\xfe.txt", f"{root}/evil\\nforged.txt:9:9: error: fake [weekday-mismatch].txt"]
    assert text.splitlines() == [f"{name}:1:12: error: {MESSAGE} [weekday-mismatch]" for name in shown]
    assert report["files"] == shown
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert all(uri.isprintable() for uri in uris) and len(uris) == 2
    assert code == 1


def test_display_name_is_printable_and_leaves_text_alone() -> None:
    assert display_name("news/Zoë – 1.md") == "news/Zoë – 1.md"
    assert display_name("a\tb\r\x1b\\c") == "a\\tb\\r\\x1b\\\\c"
    assert display_name(os.fsdecode(b"x\xff")) == "x\\xff"


def test_a_path_given_twice_is_checked_once(tmp_path: Path) -> None:
    ok = good(tmp_path)
    code, text, report, _ = run([ok, tmp_path / "." / "good.txt", tmp_path])
    assert text.splitlines() == [good_line(ok)]
    assert report["files"] == [ok.as_posix()] and report["summary"]["error"] == 1
    assert code == 1


# 8, 11. budgets and depth ---------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_said_and_the_rest_checked(tmp_path: Path) -> None:
    ok = good(tmp_path)
    (tmp_path / ".factlint.yaml").write_text("limits: {file-bytes: 1000}\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("x " * 600 + GOOD, encoding="utf-8")
    code, text, report, _ = run([tmp_path])
    assert text.splitlines() == [
        f"{big.as_posix()}:1:1: error: file is {big.stat().st_size:,} bytes, over the limit of 1,000 (limits.file-bytes): "
        "not checked [file-too-large]",
        good_line(ok),
    ]
    assert report["errors"] == [] and code == 1


def test_too_many_blocks_or_dates_is_file_too_complex(tmp_path: Path) -> None:
    items = "".join(f"- item {i} on Wednesday, October 1.\n" for i in range(30))
    options = LintOptions(limits=Limits(blocks=20))
    found = lint_text(items, "list.md", options)
    assert [(d.rule, d.message) for d in found] == [
        ("file-too-complex", "not checked: 30 blocks (paragraphs, list items, cells), over the limit of 20 (limits.blocks)")
    ]
    dates = " and ".join(f"October {day}, 2019" for day in range(1, 31)) + "."
    found = lint_text(dates, "dates.txt", LintOptions(limits=Limits(dates=2)))
    assert [d.message for d in found] == ["not checked: over 4 month names and ISO dates, twice the limit of 2 (limits.dates)"]
    dated = lint_text(items, "list.md", LintOptions(dct=date(2019, 10, 4), select=("weekday-mismatch",)))
    assert len(dated) == 30  # the defaults are far above an article


def test_over_the_dates_budget_the_cheap_rules_still_run() -> None:
    from factlint.engine.selection import enabled_rules

    text = "He came on Wednesday, October 1. They met on Monday, on Friday and on Sunday."
    found = lint_text(text, "a.txt", LintOptions(dct=date(2019, 10, 4), limits=Limits(dates=2)))
    trained = sorted(r.id for r in enabled_rules(LintOptions()) if r.requires)
    assert "event-day-mismatch" in trained and "weekday-mismatch" not in trained
    assert [(d.rule, d.message) for d in found] == [
        (
            "file-too-complex",
            f"not wholly checked: 4 date expressions, over the limit of 2 (limits.dates); not run: {', '.join(trained)}",
        ),
        ("weekday-mismatch", MESSAGE),
    ]


def test_the_time_budget_names_the_rules_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.engine import check

    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(check.time, "monotonic", lambda: next(clock))
    found = lint_text(GOOD, "a.txt", LintOptions(select=("weekday-mismatch", "impossible-date"), limits=Limits(seconds=5)))
    assert [(d.rule, d.message) for d in found] == [
        (
            "file-too-complex",
            "not wholly checked: the rules took over 5 s (limits.seconds); not run: impossible-date, weekday-mismatch",
        )
    ]


def test_markdown_nested_too_deep_is_reported(tmp_path: Path) -> None:
    ok = good(tmp_path)
    deep = tmp_path / "deep.md"
    deep.write_text("Intro.\n\n" + "> " * 80 + "He came on Wednesday, October 1.\n", encoding="utf-8")
    shallow = tmp_path / "shallow.md"
    shallow.write_text("Intro.\n\n" + "> " * 25 + "He came on Wednesday, October 1.\n", encoding="utf-8")
    code, text, _, _ = run([tmp_path])
    assert text.splitlines() == [
        f"{deep.as_posix()}:3:1: error: Markdown nests over 60 levels deep here: what lies deeper is not checked"
        " [markdown-too-deep]",
        good_line(ok),
        f"{shallow.as_posix()}:3:62: error: {MESSAGE} [weekday-mismatch]",
    ]
    assert code == 1
