"""Bad input never crashes, lies or loses a file: each case sits beside a good file that must still be checked."""

from __future__ import annotations

import io
import json
import os
import socket
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from factlint.engine.api import LintOptions, lint_text
from factlint.shells.cli import main

MESSAGE = "October 1, 2019 was a Tuesday, not a Wednesday"
GOOD = "He came on Wednesday, October 1.\n"  # one weekday-mismatch at 1:12 with --date 2019-10-04
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def check(paths: list[Path | str], *extra: str) -> tuple[int, str, str]:
    """Run the CLI; returns exit code, text output and stderr-free JSON output."""
    argv = ["check", *map(str, paths), "--date", "2019-10-04", *extra]
    out = io.StringIO()
    code = main([*argv, "--format", "text"], stdout=out)
    out_json = io.StringIO()
    assert main([*argv, "--format", "json"], stdout=out_json) == code
    json.loads(out_json.getvalue())  # JSON stays valid whatever the input
    return code, out.getvalue(), out_json.getvalue()


def folder(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path]:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    return tmp_path / "good.txt", tmp_path / name


def good_line(tmp_path: Path) -> str:
    return f"{(tmp_path / 'good.txt').as_posix()}:1:12: error: {MESSAGE} [weekday-mismatch]\n"


def test_invalid_utf8(tmp_path: Path) -> None:
    _, bad = folder(tmp_path, "bad.txt", b"Caf\xc3\xa9 \xff\xfe bytes, then Wednesday, October 1.\n")
    code, out, report = check([tmp_path])
    path = bad.as_posix()
    assert out == (
        f"{path}:1:6: warning: invalid UTF-8 at byte 6 and 1 more place(s) was replaced by U+FFFD [encoding]\n"
        f"{path}:1:21: error: {MESSAGE} [weekday-mismatch]\n" + good_line(tmp_path)
    )
    assert code == 1
    encoding = [d for d in json.loads(report)["diagnostics"] if d["rule"] == "encoding"]
    assert len(encoding) == 1 and encoding[0]["severity"] == "warning"


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, bad = folder(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    code, out, report = check([tmp_path])
    assert out == good_line(tmp_path)
    assert code == 2
    assert f"factlint: error: {bad.as_posix()}: binary file (it contains NUL bytes), not checked" in capsys.readouterr().err
    assert json.loads(report)["errors"] == [{"message": f"{bad.as_posix()}: binary file (it contains NUL bytes), not checked"}]


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.md", b""), ("empty.txt", b""), ("front.md", b"---\ndate: 2019-10-04\ntitle: x\n---\n"), ("blank.md", b"\n\n\r\n")],
)
def test_files_with_nothing_to_check(tmp_path: Path, name: str, data: bytes) -> None:
    folder(tmp_path, name, data)
    code, out, report = check([tmp_path])
    assert out == good_line(tmp_path)
    assert code == 1
    assert (tmp_path / name).as_posix() in json.loads(report)["files"]


def test_broken_front_matter(tmp_path: Path) -> None:
    _, bad = folder(tmp_path, "broken.md", b"---\ntitle: [unclosed\ndate: 2019-10-04\n---\nBody: Wednesday, October 1.\n")
    code, out, _ = check([tmp_path])
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad.as_posix()}:3:") and "front matter is not valid YAML" in lines[0]
    assert lines[0].endswith("[invalid-front-matter]")
    assert lines[1] == f"{bad.as_posix()}:5:7: error: {MESSAGE} [weekday-mismatch]"  # the body is still checked
    assert lines[2:] == [good_line(tmp_path).rstrip("\n")]
    assert code == 1  # an error diagnostic, not an I/O error


def test_unclosed_front_matter(tmp_path: Path) -> None:
    _, bad = folder(tmp_path, "open.md", b"---\ntitle: x\n\nBody: Wednesday, October 1.\n")
    _, out, _ = check([tmp_path])
    assert out == good_line(tmp_path) + (
        f"{bad.as_posix()}:1:1: error: front matter opened with '---' is never closed [invalid-front-matter]\n"
        f"{bad.as_posix()}:4:7: error: {MESSAGE} [weekday-mismatch]\n"
    )


def test_long_single_line(tmp_path: Path) -> None:
    sentence = "Then it rained for a while. "
    line = sentence * (200_000 // len(sentence)) + "He came on Wednesday, October 1."
    assert len(line) >= 200_000
    _, bad = folder(tmp_path, "long.txt", line.encode())
    code, out, _ = check([tmp_path])
    column = line.index("Wednesday") + 1
    assert out == good_line(tmp_path) + f"{bad.as_posix()}:1:{column}: error: {MESSAGE} [weekday-mismatch]\n"
    assert code == 1


def test_ten_megabyte_article(tmp_path: Path) -> None:
    body = (SEEDS / "rappler-2019-10-04-duterte-putin.txt").read_text(encoding="utf-8").replace(" date 2019-10-04 ", "", 1)
    paragraphs = [p for p in body.split("\n\n") if "Wednesday" not in p]
    chunk = "\n\n".join(paragraphs) + "\n\n"
    text = chunk * (10_000_000 // len(chunk) + 1) + "At last he came on Wednesday, October 1.\n"
    _, bad = folder(tmp_path, "big.txt", text.encode())
    code, out, _ = check([bad, tmp_path / "good.txt"], "--select", "weekday-mismatch")
    last_line = text.count("\n")
    assert out.splitlines()[-2:] == [
        f"{bad.as_posix()}:{last_line}:20: error: {MESSAGE} [weekday-mismatch]",
        good_line(tmp_path).rstrip("\n"),
    ]
    assert code == 1  # how long it takes is measured in benchmarks/speed.py, not asserted here


def test_symlink_loop(tmp_path: Path) -> None:
    folder(tmp_path, "other.md", b"On Tuesday, October 1.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub", target_is_directory=True)
    code, out, report = check([tmp_path])
    assert out == good_line(tmp_path)
    assert code == 1
    assert json.loads(report)["files"] == sorted([(tmp_path / "good.txt").as_posix(), (tmp_path / "other.md").as_posix()])


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, bad = folder(tmp_path, "secret.txt", GOOD.encode())
    bad.chmod(0)
    try:
        if os.geteuid() == 0 and os.access(bad, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        code, out, report = check([tmp_path])
    finally:
        bad.chmod(0o644)
    assert out == good_line(tmp_path)
    assert code == 2
    assert f"factlint: error: {bad.as_posix()}: cannot read: Permission denied" in capsys.readouterr().err
    assert json.loads(report)["errors"] == [{"message": f"{bad.as_posix()}: cannot read: Permission denied"}]


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder(tmp_path, "x.txt", b"Nothing.\n")
    missing = tmp_path / "nope.md"
    code, out, report = check([missing, tmp_path / "good.txt"])
    assert out == good_line(tmp_path)
    assert code == 2
    assert f"factlint: error: {missing}: no such file or directory" in capsys.readouterr().err
    assert json.loads(report)["errors"] == [{"message": f"{missing}: no such file or directory"}]


def test_dangling_symlink_is_named(tmp_path: Path) -> None:
    folder(tmp_path, "x.txt", b"Nothing.\n")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    code, out, report = check([tmp_path])
    assert out == good_line(tmp_path)
    assert code == 2
    assert [e["message"].split(":")[0] for e in json.loads(report)["errors"]] == [(tmp_path / "dangling.md").as_posix()]


ABSURD = [
    "It was October 99.",
    "On February 0, nothing happened.",
    "On Wednesday, October 1, 0000, nothing happened.",
    "In the year 99999 people will laugh.",
    "On Wednesday, October 1, 1200, a king died.",
    "On Monday, October 1, 1582, the calendar changed.",
    "The 1,000,000th visitor came on Wednesday the 1,000,000th.",
    "On Wednesday, October 99999999999999999999.",
    "On -5 October, Wednesday, October -1.",
    "On 9999-99-99 and 0000-01-01 and 31/31/2019 and 00/00/0000.",
    "On Friday, Dec. 31, 9999 and Saturday, Jan. 1, 10000.",
]


@pytest.mark.parametrize("text", ABSURD)
def test_absurd_dates_do_not_crash(text: str) -> None:
    diagnostics = lint_text(text, "a.txt", LintOptions(dct=date(2019, 10, 4)))
    for d in diagnostics:
        assert d.quoted == text[d.location.start_offset : d.location.end_offset]
    # Before 1583 (Julian/Gregorian) the weekday check does not apply.
    if "1200" in text or "1582" in text:
        assert not [d for d in diagnostics if d.rule == "weekday-mismatch"]


def test_october_99_is_impossible() -> None:
    diagnostics = lint_text("It was October 99.", "a.txt", LintOptions(dct=date(2019, 10, 4)))
    assert [(d.rule, d.location.start.column, d.quoted) for d in diagnostics] == [("impossible-date", 8, "October 99")]


def test_absurd_dates_through_the_cli(tmp_path: Path) -> None:
    folder(tmp_path, "absurd.md", "\n\n".join(ABSURD).encode())
    code, out, _ = check([tmp_path])
    assert good_line(tmp_path) in out
    assert code == 1


def test_deterministic_output() -> None:
    first = check([SEEDS])[2]
    second = check([SEEDS])[2]
    assert first == second
    assert json.loads(first)["diagnostics"]


def test_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("factlint tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    code, out, _ = check([SEEDS])
    assert ":19:58: error: " + MESSAGE + " [weekday-mismatch]" in out
    assert code == 1


def test_unreadable_and_pre_gregorian_years_are_said_not_misread() -> None:
    found = lint_text(
        "It ended on Wednesday, October 1, 99999.\n\nIt began on Wednesday, October 1, 0000.\n\n"
        "The charter was sealed on Thursday, June 15, 1215.\n",
        "a.txt",
        LintOptions(dct=date(2019, 10, 4)),
    )
    # "99999" is no year we can read: the date is not given the publication date's year
    julian = "weekdays before 1583 are not checked (much of the world then kept the Julian calendar)"
    assert [(d.rule, d.location.start.line, d.message) for d in found] == [
        ("weekday-not-checked", 3, f'"Wednesday, October 1, 0000": {julian}'),
        ("weekday-not-checked", 5, f'"Thursday, June 15, 1215": {julian}'),
    ]


def test_a_failing_rule_loses_neither_the_file_nor_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.kinds.base import Registry
    from factlint.kinds.registry import BUILTIN_KINDS

    def broken(analysis, rule):
        raise ValueError("boom")
        yield

    registry = Registry(replace(k, run=broken) if k.name == "impossible-date" else k for k in BUILTIN_KINDS)
    monkeypatch.setattr("factlint.engine.check.default_registry", lambda: registry)
    found = lint_text("He arrived on Wednesday, October 1.\n", "a.txt", LintOptions(dct=date(2019, 10, 4)))
    assert [(d.rule, d.severity.name, d.message) for d in found] == [
        ("internal-error", "ERROR", "rule impossible-date failed on this file (ValueError: boom); please report it"),
        ("weekday-mismatch", "ERROR", "October 1, 2019 was a Tuesday, not a Wednesday"),
    ]


def test_a_count_after_a_date_is_not_an_unreadable_year() -> None:
    found = lint_text("On Friday, October 3, 10,000 people marched.", "a.txt", LintOptions(dct=date(2019, 10, 4)))
    assert [(d.rule, d.message) for d in found] == [("weekday-mismatch", "October 3, 2019 was a Thursday, not a Friday")]
