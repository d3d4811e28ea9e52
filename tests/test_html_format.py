"""`factlint check --format html`: the renderer fed by the engine's own analysis (factlint.engine.timeline).

The renderer's markup is tested in test_html_report.py on a hand-built timeline; these tests
check what the engine gives it for the seed (exact points, anchors, years and series), and the
command: one self-contained file, the cache bypassed, a summary for many files, exit codes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_html_report import by_id, main_svg, parse, timeline_item

from factlint.engine.api import LintOptions, lint_paths, lint_text_analysed
from factlint.engine.timeline import timeline_of
from factlint.shells.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/rappler-2019-10-04-duterte-putin.txt"


@pytest.fixture(scope="module", autouse=True)
def in_repo_root():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        yield


@pytest.fixture(scope="module")
def seed_timeline() -> dict:
    _diagnostics, analysis = lint_text_analysed((ROOT / SEED).read_text(encoding="utf-8"), SEED)
    return timeline_of(analysis)


def point_at(timeline: dict, line: int, column: int) -> dict:
    found = [p for p in timeline["points"] if p["start"] == {"line": line, "column": column}]
    assert len(found) == 1, (line, column)
    return found[0]


def test_seed_points_carry_value_range_and_how_the_year_was_read(seed_timeline: dict) -> None:
    assert seed_timeline["publication_date"] == {"date": "2019-10-04", "origin": "date header"}
    assert point_at(seed_timeline, 19, 58) == {
        "id": "p10",
        "text": "Wednesday, October 1",
        "start": {"line": 19, "column": 58},
        "end": {"line": 19, "column": 78},
        "value": "2019-10-01",
        "first": "2019-10-01",
        "last": "2019-10-01",
        "granularity": "day",
        "year": "2019 is the one nearest the publication date 2019-10-04 (date header)",
        "anchor": None,  # absolute: only its year was inferred, and `year` says how
    }
    assert point_at(seed_timeline, 15, 236)["year"] == "2016 as written"
    assert [(p["id"], p["text"], p["value"]) for p in seed_timeline["points"]][:4] == [
        ("p1", "Thursday, October 3", "2019-10-03"),
        ("p2", "Friday, October 4", "2019-10-04"),
        ("p3", "October 2018", "2018-10"),
        ("p4", "Last year", "2018"),
    ]


def test_relative_dates_point_at_their_anchor(seed_timeline: dict) -> None:
    following = point_at(seed_timeline, 17, 108)
    assert (following["text"], following["value"], following["anchor"]) == ("the following year", "2017", "p8")
    assert following["year"] == '2017, counted from "2016" (17:31)'
    assert point_at(seed_timeline, 17, 31)["id"] == "p8"
    last_year = point_at(seed_timeline, 11, 68)
    assert (last_year["text"], last_year["anchor"]) == ("Last year", "publication_date")
    assert last_year["year"] == "2018, counted from the publication date 2019-10-04 (date header)"
    months = point_at(seed_timeline, 13, 4)  # a duration: listed, not drawn
    assert (months["value"], months["first"], months["last"], months["anchor"]) == ("PXM", None, None, None)


def test_seed_event_series_from_the_gated_parse(seed_timeline: dict) -> None:
    series = {s["title"]: s["members"] for s in seed_timeline["series"]}
    meetings = [(m["ordinal"], m["label"], m["text"], m["start"]["line"]) for m in series["meetings (Duterte and Putin)"]]
    assert meetings == [
        (1, "2016", "their first meeting", 17),
        (1, "2016-11", "first met", 15),
        (4, "2019-10-03", "The October 3 meeting", 15),
    ]
    visits = series["visits to Russia (Duterte)"]
    assert [(m["ordinal"], m["label"], m["text"]) for m in visits] == [
        (None, "2017", "visit"),
        (1, "2017", "that first trip"),
        (2, "2019-10-01", "his second visit"),
        (None, "2019-10-03", "his official visit"),
    ]
    second = visits[2]
    assert (second["start"], second["end"], second["first"], second["last"]) == (
        {"line": 19, "column": 84},
        {"line": 19, "column": 100},
        "2019-10-01",
        "2019-10-01",
    )
    json.dumps(seed_timeline)  # plain data: it crosses from worker processes and into the page


def test_ignoring_the_event_rules_leaves_dates_only() -> None:
    """No parse was made for those rules, so there are no events to show (the timeline reads the lint's analysis)."""
    options = LintOptions(ignore=("event", "ordinal", "count", "age", "quantity"), use_config=False)
    _diagnostics, analysis = lint_text_analysed((ROOT / SEED).read_text(encoding="utf-8"), SEED, options)
    timeline = timeline_of(analysis)
    assert timeline["series"] == [] and len(timeline["points"]) == 10


def run_html(tmp_path: Path, *paths: str, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    out = tmp_path / "report.html"
    code = main(["check", *paths, "--format", "html", "--output-file", str(out), *extra], stdout=io.StringIO())
    return code, out.read_text(encoding="utf-8")


def test_check_format_html_writes_one_self_contained_report(tmp_path: Path) -> None:
    code, markup = run_html(tmp_path, "seeds/", extra=("--no-cache",))
    assert code == 1  # the seed has an error
    doc = parse(markup)
    mark = [m for m in doc.find_all("mark") if m.attrs.get("data-start") == "19:58"]
    assert len(mark) == 1 and "error" in mark[0].classes and mark[0].text == "Wednesday, October 1"
    svg = main_svg(doc)
    for text, first in (("#1 first met", "2016-11-01"), ("visit", "2017-01-01"), ("Wednesday, October 1", "2019-10-01")):
        item = timeline_item(svg, text)
        assert item.attrs["data-first"] == first
        assert by_id(doc, item.attrs["href"][1:]).tag == "span"  # linked to its words in the text
    assert svg.with_class("fl-pub")[0].find_all("text")[0].text == "published 2019-10-04"
    assert doc.find_all("script") == [] and doc.find_all("link") == []  # static: no script, nothing fetched
    assert doc.with_class("fl-summary") == []  # one article: no summary table


def test_html_bypasses_the_results_cache_and_still_draws_the_timeline(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = io.StringIO()
    assert main(["check", "seeds/", "--format", "json", "--cache-dir", str(cache)], stdout=first) == 1
    assert any(cache.rglob("*")), "the json run filled the cache"
    code, markup = run_html(tmp_path, "seeds/", extra=("--cache-dir", str(cache)))
    assert code == 1
    assert timeline_item(main_svg(parse(markup)), "Wednesday, October 1").attrs["data-first"] == "2019-10-01"
    result = lint_paths(["seeds/"], LintOptions(cache_dir=cache, timelines=True))
    assert set(result.timelines) == {SEED} and set(result.sources) == {SEED}


def test_many_files_get_a_summary_table_and_clean_files_their_text(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "clean.md").write_text("---\ndate: 2019-10-04\n---\nThe summit opened on Tuesday, October 1, 2019.\n")
    (folder / "wrong.txt").write_text("date 2019-10-04\n\nThey met on Monday, October 1.\n")
    code, markup = run_html(tmp_path, str(folder), extra=("--no-cache",))
    assert code == 1
    doc = parse(markup)
    rows = doc.with_class("fl-summary", "table")[0].find_all("tbody")[0].find_all("tr")
    cells = [[td.text for td in row.find_all("td")] for row in rows]
    assert cells == [[f"{folder}/clean.md", "0", "0", "0", ""], [f"{folder}/wrong.txt", "1", "0", "0", "weekday-mismatch"]]
    clean = by_id(doc, rows[0].find_all("a")[0].attrs["href"][1:])
    assert "The summit opened on Tuesday, October 1, 2019." in clean.text  # a clean file is shown too, with its dates
    assert timeline_item(main_svg(clean), "Tuesday, October 1, 2019").attrs["data-first"] == "2019-10-01"


def test_an_unreadable_file_is_listed_and_exits_2(tmp_path: Path, capsys) -> None:
    code, markup = run_html(tmp_path, "seeds/", str(tmp_path / "absent.txt"), extra=("--no-cache",))
    assert code == 2
    errors = by_id(parse(markup), "fl-errors").text
    assert f"{tmp_path}/absent.txt" in errors
    assert "absent.txt" in capsys.readouterr().err


def test_the_readme_ci_jobs_write_and_upload_the_report(tmp_path: Path, monkeypatch) -> None:
    """The README's GitHub workflow and GitLab job are valid (their published schemas) and run the
    same check, which writes the file they upload even when it exits 1."""
    import shlex

    import yaml
    from test_integrations import check_jsonschema, readme_section, the_block

    section = readme_section("### The HTML report")
    workflow_text = the_block(section, "yaml", "upload-artifact")
    gitlab_text = the_block(section, "yaml", "expose_as")
    steps = yaml.safe_load(workflow_text)["jobs"]["report"]["steps"]
    upload = steps[-1]
    assert upload["uses"] == "actions/upload-artifact@v4" and upload["if"] == "always()"
    assert upload["with"] == {"name": "factlint-report", "path": "factlint-report.html"}
    job = yaml.safe_load(gitlab_text)["factlint-report"]
    assert job["artifacts"] == {"when": "always", "expose_as": "factlint report", "paths": ["factlint-report.html"]}
    for name, text, schema in (
        ("report.yml", workflow_text, "vendor.github-workflows"),
        ("gitlab-ci.yml", gitlab_text, "vendor.gitlab-ci"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = check_jsonschema(schema, tmp_path / name)
        assert done.returncode == 0, done.stdout + done.stderr

    (command,) = [s["run"] for s in steps if "factlint check" in s.get("run", "")]
    assert job["script"][1] == command
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "bad.md").write_text("---\ndate: 2019-10-04\n---\nThey met on Wednesday, October 1.\n")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    assert words[0] == "factlint" and main([*words[1:], "--no-cache"], stdout=io.StringIO()) == 1
    doc = parse((tmp_path / "factlint-report.html").read_text(encoding="utf-8"))
    assert [m.text for m in doc.find_all("mark") if "error" in m.classes] == ["Wednesday, October 1"]


def test_a_saved_json_report_is_drawn_without_a_timeline_and_says_why(tmp_path: Path) -> None:
    saved = tmp_path / "run.json"
    assert main(["check", "seeds/", "--no-cache", "--format", "json", "--output-file", str(saved)], stdout=io.StringIO()) == 1
    out = tmp_path / "report.html"
    assert main(["report", str(saved), "--format", "html", "--output-file", str(out)], stdout=io.StringIO()) == 0
    doc = parse(out.read_text(encoding="utf-8"))
    assert [m.text for m in doc.find_all("mark") if "error" in m.classes] == ["Wednesday, October 1"]  # the text, re-read
    timeline = doc.with_class("fl-timeline")[0]
    assert timeline.find_all("svg") == []
    assert timeline.with_class("fl-none")[0].text == (
        "No timeline: a saved JSON report holds no analysis (factlint check --format html draws one)."
    )
