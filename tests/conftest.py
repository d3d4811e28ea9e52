"""Shared fixtures: paths to the repository, its seeds, and ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "rappler-2019-10-04-duterte-putin.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# -- the archive tests' records (tests/test_archive*.py) -------------------------------------

TE3_SILVER = SHARED / "corpora" / "index" / "te3-silver.jsonl"
ARCHIVE_TE3 = 240  # te3-silver articles among the records (with their DCTs), when the corpus is here


def archive_records() -> list[dict]:
    """A few hundred records for the archive engines: te3-silver articles with their DCTs
    (real wire copy, mostly clean), every built-in rule's bad examples (each raises its rule),
    the seed (dated by its own header), and a Markdown record dated by its front matter."""
    import json
    import re

    from factlint.engine.rule_loading import load_rules

    records: list[dict] = []
    if TE3_SILVER.is_file():
        with open(TE3_SILVER, encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                records.append({"id": item["doc_id"], "text": item["text"], "date": item["dct"]})
                if len(records) == ARCHIVE_TE3:
                    break
    for rule in sorted(load_rules([]), key=lambda r: r.id):
        for number, example in enumerate(rule.bad, 1):
            record = {"id": f"{rule.id}-bad-{number}", "text": re.sub(r"\[\[(.+?)\]\]", r"\1", example.text, flags=re.S)}
            if example.date:
                record["date"] = example.date.isoformat()
            records.append(record)
    records.append({"id": "seed", "text": SEED.read_text(encoding="utf-8")})
    markdown = "---\ndate: 2024-10-04\n---\n# Notes\n\nWe met on *Wednesday, October 1*.\n"
    records.append({"id": "markdown", "markup": "markdown", "text": markdown})
    return records


@pytest.fixture(scope="session")
def records() -> list[dict]:
    return archive_records()


@pytest.fixture(scope="session")
def expected_findings(records: list[dict], tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """What `factlint check` reports on the records written as files (one folder per
    publication date, checked with `--date`; a .md file for a Markdown record), as the
    output records `factlint.batch.lint_records` gives: the diagnostic with `id` first and
    the record's id as its path. Sorted by id, then as the report sorts."""
    import io
    import json
    from collections import defaultdict
    from contextlib import redirect_stdout

    from factlint.shells.cli import main

    root = tmp_path_factory.mktemp("archive-files")
    by_date: dict[str | None, list[dict]] = defaultdict(list)
    for record in records:
        by_date[record.get("date")].append(record)
    ids: dict[str, str] = {}
    found: list[dict] = []
    for number, (day, group) in enumerate(sorted(by_date.items(), key=lambda item: item[0] or "")):
        folder = root / f"group-{number}"
        folder.mkdir()
        for record in group:
            path = folder / f"{record['id']}.{'md' if record.get('markup') == 'markdown' else 'txt'}"
            path.write_text(record["text"], encoding="utf-8")
            ids[str(path)] = record["id"]
        out = io.StringIO()
        with redirect_stdout(out):
            dated = ["--date", day] if day else []
            code = main(["check", str(folder), "--format", "json", "--no-cache", "--jobs", "1", *dated])
        assert code in (0, 1), out.getvalue()
        for diagnostic in json.loads(out.getvalue())["diagnostics"]:
            record_id = ids[diagnostic["path"]]
            found.append({"id": record_id, **_renamed(diagnostic, diagnostic["path"], record_id)})
    return sorted(found, key=_order)


def _renamed(value, old: str, new: str):
    """`value` with every "path" that is `old` (the diagnostic's, its related locations' and
    its edits') made `new`."""
    if isinstance(value, dict):
        return {k: (new if k == "path" and v == old else _renamed(v, old, new)) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, old, new) for v in value]
    return value


def _order(item: dict) -> tuple:
    return (item["id"], item["start"]["line"], item["start"]["column"], item["rule"], item["message"])


def in_order(items) -> list[dict]:
    """Output records in the order `expected_findings` keeps."""
    return sorted(items, key=_order)


def readme_archive_blocks(language: str) -> list[str]:
    """The ```language blocks of the README's "Checking an archive" section and its subsections."""
    import re

    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Checking an archive\n")
    end = text.index("\n## ", start + 1)
    return re.findall(rf"^```{language}\n(.*?)^```$", text[start:end], re.MULTILINE | re.DOTALL)


@pytest.fixture
def archive_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder as the README's archive examples expect: the seeds, and records.jsonl made by
    the README's own first command; the working directory for the test."""
    import subprocess
    import sys

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    first = readme_archive_blocks("sh")[0].splitlines()[0]
    subprocess.run(first.replace("python ", f"{sys.executable} ", 1), shell=True, cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path
