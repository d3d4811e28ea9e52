"""The Document layer: every reported line:column points at the source, whatever the markup or encoding."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.engine.api import LintOptions, lint_text
from factlint.read.decode import decode_bytes
from factlint.read.reader import ReadOptions, load_text
from factlint.shells.cli import main

DCT = LintOptions(dct=date(2019, 10, 4))
WRONG = "Wednesday, October 1"
MESSAGE = "October 1, 2019 was a Tuesday, not a Wednesday"


def mismatches(text: str, path: str = "a.md", options: LintOptions = DCT) -> list[tuple[int, int, int, int, str]]:
    return [
        (d.location.start.line, d.location.start.column, d.location.end.line, d.location.end.column, d.quoted)
        for d in lint_text(text, path, options)
        if d.rule == "weekday-mismatch"
    ]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Intro.\n\nHe came on **Wednesday**, October 1.\n", (3, 14, 3, 36, "Wednesday**, October 1")),
        ("See [Wednesday, October 1](http://x) now.\n", (1, 6, 1, 26, WRONG)),
        ("## Wednesday, October 1\n\nBody.\n", (1, 4, 1, 24, WRONG)),
        ("- first item\n- on Wednesday, October 1 we met\n", (2, 6, 2, 26, WRONG)),
        ("> He said Wednesday, October 1 was fine.\n", (1, 11, 1, 31, WRONG)),
        ("| a | b |\n|---|---|\n| x | Wednesday, October 1 |\n", (3, 7, 3, 27, WRONG)),
        ("Use `x` and <!-- Tuesday --> then Wednesday, October 1.\n", (1, 35, 1, 55, WRONG)),
        ("Trailing ## heading\n\n### On Wednesday, October 1 ###\n", (3, 8, 3, 28, WRONG)),
    ],
    ids=["emphasis", "link", "heading", "list", "blockquote", "table", "code-and-comment", "closed-heading"],
)
def test_markdown_column_fidelity(markdown: str, expected: tuple[int, int, int, int, str]) -> None:
    assert mismatches(markdown) == [expected]


@pytest.mark.parametrize(
    "markdown",
    [
        "```\nWednesday, October 1\n```\n",
        "~~~text\nOn Wednesday, October 1.\n~~~\n",
        "Para.\n\n    Wednesday, October 1\n",
        "Use `Wednesday, October 1` here.\n",
        "<!-- Wednesday, October 1 -->\n\nText.\n",
        "Before <!-- a\nWednesday, October 1 --> after.\n",
        "[a link](http://x.org/Wednesday,%20October%201)\n",
        "![Wednesday, October 1](http://x/img.png) caption\n",
    ],
    ids=["fenced", "tilde-fence", "indented", "inline-code", "comment", "wrapped-comment", "link-target", "image"],
)
def test_non_prose_is_never_checked(markdown: str) -> None:
    assert mismatches(markdown) == []


def test_same_text_outside_code_is_checked() -> None:
    """The non-prose cases above are silent because of the markup, not because the rule misses."""
    assert mismatches("```\nx\n```\n\nOn Wednesday, October 1.\n") == [(5, 4, 5, 24, WRONG)]


@pytest.mark.parametrize(
    ("front", "origin"),
    [
        ("date: 2019-10-04", "front matter 'date'"),
        ("published: '2019-10-04T10:00:00+08:00'", "front matter 'published'"),
        ("pubDate: Oct. 4, 2019", "front matter 'pubDate'"),
        ("publishDate: 2019-10-04", "front matter 'publishDate'"),
        ("created: 2019-10-04 09:00:00", "front matter 'created'"),
    ],
)
def test_front_matter_gives_the_publication_date(front: str, origin: str) -> None:
    source = f"---\ntitle: x\n{front}\n---\nHe came on Wednesday, October 1.\n"
    document = load_text(source, "a.md")
    assert document.dct is not None
    assert (document.dct.value, document.dct.origin) == (date(2019, 10, 4), origin)
    assert mismatches(source, options=LintOptions()) == [(5, 12, 5, 32, WRONG)]


def test_date_header_gives_the_dct_and_is_not_prose() -> None:
    source = " date 2019-10-04 MANILA, Philippines – He came on Wednesday, October 1."
    document = load_text(source, "a.txt")
    assert document.dct is not None and (document.dct.value, document.dct.origin) == (date(2019, 10, 4), "date header")
    assert document.text.startswith("MANILA, Philippines")
    assert mismatches(source, "a.txt", LintOptions()) == [(1, 51, 1, 71, WRONG)]


def test_dateline_gives_the_dct() -> None:
    source = "MANILA, Oct. 4, 2019 — He came on Wednesday, October 1."
    document = load_text(source, "a.txt")
    assert document.dct is not None and (document.dct.value, document.dct.origin) == (date(2019, 10, 4), "dateline")


def test_without_dct_yearless_dates_are_not_checked() -> None:
    diagnostics = lint_text("He came on Wednesday, October 1.", "a.txt", LintOptions())
    assert [(d.rule, str(d.severity), d.location.start.column) for d in diagnostics] == [("no-publication-date", "info", 12)]


@pytest.mark.parametrize(
    "source",
    [
        "---\ndate: 2014-10-04\n---\nHe came on Wednesday, October 1.\n",
        " date 2014-10-04 He came on Wednesday, October 1.\n",
    ],
)
def test_date_option_overrides_everything(source: str) -> None:
    # October 1, 2014 was a Wednesday: the file's own date finds nothing wrong, --date 2019 does.
    assert mismatches(source, options=LintOptions()) == []
    found = lint_text(source, "a.md", DCT)
    assert [d.message for d in found if d.rule == "weekday-mismatch"] == [MESSAGE]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("A.\r\n\r\nHe came on Wednesday, October 1.\r\n", (3, 12, 3, 32, WRONG)),
        ("A.\r\rHe came on Wednesday, October 1.\r", (3, 12, 3, 32, WRONG)),
        ("\ufeffHe came on Wednesday, October 1.\n", (1, 12, 1, 32, WRONG)),
        ("He came\ton\tWednesday, October 1.\n", (1, 12, 1, 32, WRONG)),
        ("He came on Wednesday,\nOctober 1 to Sochi.\n", (1, 12, 2, 10, "Wednesday,\nOctober 1")),
        ("He came on Wednesday,\r\nOctober 1 to Sochi.\r\n", (1, 12, 2, 10, "Wednesday,\r\nOctober 1")),
        ("😀😀 e\u0301 Wednesday, October 1.\n", (1, 7, 1, 27, WRONG)),
        (
            "مرحبا 👩‍👩‍👧 Wednesday, October 1.\n",
            (1, 13, 1, 33, WRONG),
        ),  # 5 letters, space, 5 code points of the family emoji, space
        ("zero\u200bwidth Wednesday, October 1.\n", (1, 12, 1, 32, WRONG)),
    ],
    ids=["crlf", "lone-cr", "bom", "tabs", "soft-wrap", "soft-wrap-crlf", "emoji-combining", "rtl-zwj", "zero-width"],
)
@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_exact_positions(source: str, expected: tuple[int, int, int, int, str], path: str) -> None:
    assert mismatches(source, path) == [expected]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks(encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8-sig": b""}[encoding]
    decoded = decode_bytes(bom + "Ünïcode: Wednesday, October 1.\r\n".encode(encoding))
    assert decoded.text == "Ünïcode: Wednesday, October 1.\r\n" and decoded.warning == ""


def test_utf16_file_through_the_cli(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe" + "x\r\n😀 Wednesday, October 1.\r\n".encode("utf-16-le"))
    out = io.StringIO()
    code = main(["check", str(tmp_path / "a.txt"), "--date", "2019-10-04", "--format", "text"], stdout=out)
    assert out.getvalue() == f"{(tmp_path / 'a.txt').as_posix()}:2:3: error: {MESSAGE} [weekday-mismatch]\n"
    assert code == 1


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_stdin() -> None:
    code, out = run(["check", "-", "--date", "2019-10-04", "--format", "text"], "Intro.\n\nHe came on Wednesday, October 1.\n")
    assert out == f"<stdin>:3:12: error: {MESSAGE} [weekday-mismatch]\n"
    assert code == 1


def test_stdin_markup_markdown() -> None:
    code, out = run(
        ["check", "-", "--date", "2019-10-04", "--format", "text", "--markup", "markdown"], "`x` **Wednesday**, October 1\n"
    )
    assert out == f"<stdin>:1:7: error: {MESSAGE} [weekday-mismatch]\n"
    assert code == 1


@pytest.mark.parametrize(
    ("text", "extra", "code"),
    [
        ("He came on Tuesday, October 1.\n", [], 0),
        ("He came on Wednesday, October 1.\n", [], 1),
        ("He came on Wednesday, October 1.\n", ["--exit-zero"], 0),
        ("He came on Wednesday, October 1.\n", ["--fail-on", "warning"], 1),
    ],
)
def test_exit_codes(text: str, extra: list[str], code: int) -> None:
    assert run(["check", "-", "--date", "2019-10-04", "--format", "text", *extra], text)[0] == code


def test_info_fails_only_with_fail_on_info() -> None:
    text = "He came on Wednesday, October 1.\n"  # no DCT: one info diagnostic
    assert run(["check", "-", "--format", "text"], text)[0] == 0
    assert run(["check", "-", "--format", "text", "--fail-on", "warning"], text)[0] == 0
    assert run(["check", "-", "--format", "text", "--fail-on", "info"], text)[0] == 1


def test_usage_errors_exit_2(tmp_path) -> None:
    assert run(["check", str(tmp_path / "missing.md"), "--format", "text"])[0] == 2
    with pytest.raises(SystemExit) as exit_info:
        run(["check", "-", "--date", "2019-13-45"])
    assert exit_info.value.code == 2


def test_read_options_markup_forces_text() -> None:
    document = load_text("`Wednesday, October 1`\n", "a.md", ReadOptions(markup="text"))
    assert document.text == "`Wednesday, October 1`\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="`<>!-[]()\\*_~ ab1:/\n", max_size=60))
def test_inline_markup_lookahead_changes_no_match(text: str) -> None:
    """The lookahead in front of markdown._INLINE only names the characters every alternative starts with."""
    import re

    from factlint.read.markdown import _INLINE

    prefix = r"(?=[`<!\[\\*_~])(?:"
    assert _INLINE.pattern.startswith(prefix) and _INLINE.pattern.endswith(")")
    plain = re.compile(_INLINE.pattern[len(prefix) : -1], _INLINE.flags)
    assert [(m.lastgroup, m.span()) for m in _INLINE.finditer(text)] == [(m.lastgroup, m.span()) for m in plain.finditer(text)]
