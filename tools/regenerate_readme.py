"""Regenerate every table of README.md marked `<!-- generated: factlint ARGS -->` from the
command it names (tests/test_readme.py fails when one is stale). Run from the repo root:
`python tools/regenerate_readme.py`."""

from __future__ import annotations

import io
import re
import shlex
import sys
from pathlib import Path

from factlint.shells.cli import main as factlint

README = Path(__file__).resolve().parent.parent / "README.md"
GENERATED = re.compile(r"(<!-- generated: factlint (?P<args>[^>]*?) -->\n)(?:\|.*\n)+")


def regenerate(text: str) -> str:
    def table(match: re.Match[str]) -> str:
        out = io.StringIO()
        if factlint(shlex.split(match.group("args")), stdout=out) != 0:
            raise SystemExit(f"factlint {match.group('args')} failed")
        return match.group(1) + out.getvalue()

    return GENERATED.sub(table, text)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = regenerate(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
