"""The README's generated tables are what the commands print today: a rule or kind added,
renamed or re-described without regenerating the README fails here."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from factlint.shells.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GENERATED = re.compile(r"<!-- generated: factlint (?P<args>[^>]*?) -->\n(?P<body>(?:\|.*\n)+)")


def blocks() -> list[tuple[str, str]]:
    return [(m.group("args"), m.group("body")) for m in GENERATED.finditer(README)]


def test_the_readme_has_its_generated_tables() -> None:
    assert [args for args, _body in blocks()] == [
        "rules --format markdown",
        "kinds --format markdown",
        "languages --format markdown --results benchmarks/reports/languages.json",
        "rules --format markdown --select holiday,calendar-event",
    ]


@pytest.mark.parametrize(("args", "body"), blocks(), ids=[args for args, _ in blocks()])
def test_generated_table_is_current(args: str, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    assert main(shlex.split(args), stdout=out) == 0
    assert body == out.getvalue(), "README is stale: python tools/regenerate_readme.py"
