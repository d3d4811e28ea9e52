"""The archive interface without a cluster: Linter, factlint.batch and `check --input`.

The records (tests/conftest.py) are te3-silver articles, every built-in rule's bad examples,
the seed and a Markdown record; what they must give is what `factlint check` reports on the
same texts written as files.
"""

from __future__ import annotations

import io
import json
import os
import pickle
from pathlib import Path

import pytest

import factlint.batch
from factlint import Linter, Record
from factlint.batch import check_json_lines, lint_partition, lint_records
from factlint.core.diagnostics import Diagnostic
from factlint.engine.linter import RecordError
from factlint.shells.cli import main
from tests.conftest import SEED, in_order


def test_lint_records_gives_what_check_gives_on_the_same_texts_as_files(records, expected_findings) -> None:
    got = list(lint_records(records, Linter()))
    assert in_order(got) == expected_findings
    # Not a vacuous comparison: every rule's bad examples raise it, the seed its two findings.
    rules = {item["rule"] for item in got}
    assert {"weekday-mismatch", "event-day-mismatch", "ordinal-conflict", "age-conflict", "quantity-conflict"} <= rules
    seed = [(d["rule"], d["start"]["line"], d["start"]["column"]) for d in got if d["id"] == "seed"]
    assert seed == [("event-day-mismatch", 3, 136), ("weekday-mismatch", 19, 58)]
    markdown = [(d["rule"], d["start"]["line"], d["start"]["column"], d["text"]) for d in got if d["id"] == "markdown"]
    assert markdown == [("weekday-mismatch", 6, 12, "Wednesday, October 1")]  # columns in the source, past the emphasis
    # The output records are the JSON report's diagnostic objects: Diagnostic.from_dict reads them back.
    assert Diagnostic.from_dict(got[0]).to_dict() == {k: v for k, v in got[0].items() if k != "id"}


def test_a_linter_pickles_as_its_settings_and_checks_the_same_after(records) -> None:
    linter = Linter(select=("weekday",), fail_on="warning")
    before = linter.check(SEED.read_text(encoding="utf-8"), id="seed")
    data = pickle.dumps(linter)
    assert len(data) < 1_000  # settings, not rules or a spaCy pipeline
    copy = pickle.loads(data)
    assert copy == linter and copy._state is None
    assert copy.check(SEED.read_text(encoding="utf-8"), id="seed") == before
    assert [(d.rule, d.location.start.line) for d in before] == [("weekday-mismatch", 19)]


def test_a_process_warms_each_model_and_rule_set_once(monkeypatch) -> None:
    """A Spark task unpickles its closure: every task's Linter is a new object with the same
    settings, and its warm() must not parse the warm-up text again."""
    Linter(select=("weekday",)).warm()
    parsed: list[str] = []
    real_check = Linter.check
    monkeypatch.setattr(Linter, "check", lambda self, text, **kw: parsed.append(text) or real_check(self, text, **kw))
    pickle.loads(pickle.dumps(Linter(select=("weekday",)))).warm()
    Linter(select=("weekday",)).warm()
    assert parsed == []
    Linter(select=("weekday", "age")).warm()  # other rules: their matchers are built now
    assert len(parsed) == 1


def test_check_and_check_many_agree_and_take_dates_and_markup() -> None:
    linter = Linter()
    text = "He arrived on Wednesday, October 1."
    assert [d.rule for d in linter.check(text)] == ["no-publication-date"]
    dated = linter.check(text, date="2019-10-04", id="story-1")
    assert [(d.rule, d.location.path, d.location.start.column) for d in dated] == [("weekday-mismatch", "story-1", 15)]
    many = list(linter.check_many([Record("a", text), {"id": "b", "text": text, "date": "2019-10-04T08:00:00Z"}]))
    assert [[d.rule for d in found] for found in many] == [["no-publication-date"], ["weekday-mismatch"]]
    assert linter.failing(many[1]) and not linter.failing(many[0])
    with pytest.raises(RecordError, match=r"record 1: record 'x': date 'soon' is not a date"):
        list(linter.check_many([{"id": "x", "text": text, "date": "soon"}]))


def test_no_behaviour_depends_on_the_working_directory_unless_asked(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".factlint.yaml").write_text("ignore: [weekday-mismatch]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "On Wednesday, October 1, 2019, he arrived."
    assert [d.rule for d in Linter().check(text)] == ["weekday-mismatch"]
    assert [d.rule for d in Linter(discover_config=True).check(text)] == []
    assert [d.rule for d in Linter(config=tmp_path / ".factlint.yaml").check(text)] == []


def test_a_record_s_country_chooses_its_holidays() -> None:
    text = "The office closed on Thanksgiving, Thursday, November 27, 2025."
    linter = Linter()
    found = list(linter.check_many([{"id": "us", "text": text, "country": "US"}, {"id": "ca", "text": text, "country": "CA"}]))
    assert [d.rule for d in found[0]] == []
    assert [d.rule for d in found[1]] == ["holiday-date-mismatch"]  # Canada's Thanksgiving is in October


def _write(path: Path, lines: list[object]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines), encoding="utf-8")
    return path


BAD_LINES: list[object] = [
    {"id": "ok", "text": "On Wednesday, October 1, 2019, he arrived."},
    "{not json",
    "",
    {"id": "no-text"},
    {"text": "no id"},
    {"id": "vi", "text": "Thứ tư, ngày 1 tháng 10 năm 2019.", "language": "vi"},
    {"id": "late", "text": "On Tuesday, Oct. 7, 2019, it rained.", "date": "2019-13-01"},
    ["a", "list"],
    {"id": 7, "text": "On Tuesday, October 1, 2019, he arrived.", "markup": "html"},
    {"id": "last", "text": "On Thursday, October 1, 2019, he left."},
]


def test_check_input_reports_malformed_records_by_line_and_id_and_goes_on(tmp_path: Path, capsys) -> None:
    source = _write(tmp_path / "records.jsonl", BAD_LINES)
    code = main(["check", "--input", str(source)])
    captured = capsys.readouterr()
    out = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 2
    assert [(o["id"], o.get("rule") or o["line"]) for o in out] == [
        ("ok", "weekday-mismatch"),
        (None, 2),
        ("no-text", 4),
        (None, 5),
        ("vi", 6),
        ("late", 7),
        (None, 8),
        ("7", 9),
        ("last", "weekday-mismatch"),
    ]
    errors = [o["error"] for o in out if "error" in o]
    assert errors[0].startswith(f"{source}:2: not a JSON object (")
    assert errors[1:] == [
        f"{source}:4: record 'no-text': \"text\" must be a string (got nothing)",
        f'{source}:5: no id (every record needs an "id" naming it in the output)',
        f"{source}:6: record 'vi': language 'vi': factlint has no calendar words for it (see `factlint languages`)",
        f"{source}:7: record 'late': date '2019-13-01' is not a date in YYYY-MM-DD form",
        f"{source}:8: not a JSON object with an id and a text (got list)",
        f"{source}:9: record '7': markup 'html' is not one of: text, markdown",
    ]
    assert captured.err.splitlines() == [f"factlint: error: {e}" for e in errors]
    assert out[-1]["path"] == "last" and out[-1]["start"] == {"line": 1, "column": 4}


def test_check_input_exit_codes_and_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    clean = _write(tmp_path / "clean.jsonl", [{"id": 1, "text": "On Tuesday, October 1, 2019, he arrived."}])
    assert main(["check", "--input", str(clean)]) == 0
    assert capsys.readouterr().out == ""
    findings = [{"id": 1, "text": "He arrived on Wednesday, October 1.", "date": "2019-10-04"}]
    stdin = io.StringIO("".join(json.dumps(r) + "\n" for r in findings))
    assert main(["check", "--input", "-"], stdin=stdin) == 1
    assert [json.loads(line)["rule"] for line in capsys.readouterr().out.splitlines()] == ["weekday-mismatch"]
    stdin = io.StringIO(json.dumps(findings[0]) + "\n")
    assert main(["check", "--input", "-", "--ignore", "weekday", "--fail-on", "info"], stdin=stdin) == 0
    assert main(["check", "--input", str(tmp_path / "missing.jsonl")]) == 2
    assert f"{tmp_path / 'missing.jsonl'}: cannot read" in capsys.readouterr().err
    assert main(["check", "--input", str(clean), "--format", "sarif"]) == 2
    assert "--input RECORDS writes --format json-lines, not sarif" in capsys.readouterr().err
    assert main(["check", "--input", str(clean), "seeds/"]) == 2
    assert "does not take PATH arguments" in capsys.readouterr().err
    assert main(["check", "seeds/", "--scheduler", "local:2"]) == 2
    assert "--scheduler works with --input RECORDS only" in capsys.readouterr().err


def test_check_input_is_the_same_on_one_process_and_two(records, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(factlint.batch, "CHUNK_LINES", 16)  # several chunks even for a few records
    source = _write(tmp_path / "records.jsonl", records[-60:])
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "--input", str(source), "--jobs", jobs])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 1 and len(outputs[0][1].splitlines()) > 20


def test_check_input_streams_in_bounded_memory(monkeypatch) -> None:
    """The first results are written after at most two chunks were read, whatever follows."""
    monkeypatch.setattr(factlint.batch, "CHUNK_LINES", 4)
    pulled = [0]

    def lines():
        for number in range(10_000):
            pulled[0] += 1
            yield json.dumps({"id": number, "text": "On Wednesday, October 1, 2019, he arrived."}) + "\n"

    class FirstWrite(io.StringIO):
        seen: int | None = None

        def write(self, text: str) -> int:
            if self.seen is None:
                self.seen = pulled[0]
                raise StopIteration  # enough: the stream was not read ahead
            return super().write(text)

    out = FirstWrite()
    with pytest.raises(StopIteration):
        check_json_lines(lines(), "<gen>", Linter(), out)
    assert out.seen == 8  # the first chunk and the one read to decide on workers


def test_partitions_resume_from_their_files(records, tmp_path: Path, monkeypatch) -> None:
    linter = Linter()
    partitions = [records[-30:-20], records[-20:-10], records[-10:]]
    first = [lint_partition(p, linter, tmp_path) for p in partitions]
    files = sorted(tmp_path.glob("*.jsonl"))
    assert len(files) == 3 and all(len(f.stem) == 32 for f in files)
    files[1].unlink()  # the run stopped before this partition was written

    calls: list[int] = []
    real = factlint.batch.lint_records
    monkeypatch.setattr(factlint.batch, "lint_records", lambda items, linter: calls.append(len(items)) or real(items, linter))
    again = [lint_partition(p, linter, tmp_path) for p in partitions]
    assert again == first
    assert calls == [10]  # only the missing partition was checked again
    other = lint_partition(partitions[0], Linter(select=("weekday",)), tmp_path)  # another rule set: another file
    assert calls == [10, 10] and len(list(tmp_path.glob("*.jsonl"))) == 4
    assert {d["rule"] for d in other} <= {"weekday-mismatch", "weekday-year-unclear", "weekday-not-checked"}


def test_check_input_resumes_from_its_chunk_files(records, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(factlint.batch, "CHUNK_LINES", 8)
    source = _write(tmp_path / "records.jsonl", records[-24:])
    folder = tmp_path / "done"
    assert main(["check", "--input", str(source), "--jobs", "1", "--resume-dir", str(folder)]) == 1
    first = capsys.readouterr().out
    assert len(list(folder.glob("*.jsonl"))) == 3

    def fail(*args, **kwargs):
        raise AssertionError("a finished chunk was checked again")

    monkeypatch.setattr(factlint.batch, "_lint", fail)
    assert main(["check", "--input", str(source), "--jobs", "1", "--resume-dir", str(folder)]) == 1
    assert capsys.readouterr().out == first


def test_lint_text_is_the_linter_with_the_file_s_configuration(tmp_path: Path) -> None:
    from factlint import lint_text

    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / ".factlint.yaml").write_text("ignore: [weekday-mismatch]\n", encoding="utf-8")
    text = "On Wednesday, October 1, 2019, he arrived."
    assert [d.rule for d in lint_text(text, str(folder / "story.txt"))] == []
    assert [d.rule for d in lint_text(text, str(tmp_path / "story.txt"))] == ["weekday-mismatch"]
    assert os.path.isfile(folder / ".factlint.yaml")


def test_the_readme_command_line_example_prints_what_it_shows(archive_folder: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import readme_archive_blocks

    commands = readme_archive_blocks("sh")[0]
    shown = readme_archive_blocks("console")[0]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(["bash", "-c", commands], cwd=archive_folder, env=env, capture_output=True, text=True, timeout=600)
    assert run.stdout == shown


def test_the_readme_python_example_prints_what_it_says(archive_folder: Path, capsys) -> None:
    from tests.conftest import readme_archive_blocks

    exec(readme_archive_blocks("python")[0], {"__name__": "__main__"})
    assert capsys.readouterr().out.splitlines() == [
        "['weekday-mismatch']",
        "1 weekday-mismatch None",
        "2 None record 2: record '2': \"text\" must be a string (got int)",
    ]
