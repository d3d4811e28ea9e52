"""Properties of the whole pipeline over random text: no crash, spans inside the file, quotes exact, output sorted."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.core.diagnostics import Diagnostic
from factlint.engine.api import LintOptions, lint_text
from factlint.shells.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# The fuzz corpus is seeded from seeds/: every sentence of every article there.
SENTENCES = [
    s.strip() + "."
    for seed in sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.md"))
    for s in seed.read_text(encoding="utf-8").split(". ")
    if s.strip()
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Wed.", "Tues.", "Thu"]
MONTHS = ["January", "February", "Sept.", "October", "Oct.", "December", "May", "Feb."]
OPTIONS = LintOptions(dct=date(2019, 10, 4))
# The default suite runs a small budget; FACTLINT_FUZZ_EXAMPLES=5000 turns this file into the
# fuzzing target documented in the README (hypothesis keeps failures in .hypothesis/).
EXAMPLES = int(os.environ.get("FACTLINT_FUZZ_EXAMPLES", "50"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def date_phrase(draw: st.DrawFn) -> str:
    day = draw(st.one_of(st.integers(0, 40), st.integers(-5, 10**7)))
    suffix = draw(st.sampled_from(["", "st", "th", ""]))
    year = draw(st.sampled_from(["", ", 2019", ", 1200", ", 0000", " 99999", ", 2020"]))
    form = draw(st.sampled_from(["{w}, {m} {d}{s}{y}", "{w} {d}{s} {m}{y}", "{m} {d} ({w})", "{w} the {d}{s}"]))
    return form.format(w=draw(st.sampled_from(WEEKDAYS)), m=draw(st.sampled_from(MONTHS)), d=day, s=suffix, y=year)


DECORATIONS = ["**{}**", "_{}_", "[{}](http://x)", "`{}`", "<!-- {} -->", "## {}", "- {}", "> {}", "| {} | x |", "{}"]
SEPARATORS = [" ", "\n", "\r\n", "\r", "\n\n", "\t", " 😀 ", "\u200b", "e\u0301 ", "\ufeff"]


@st.composite
def article(draw: st.DrawFn) -> str:
    piece = st.one_of(st.sampled_from(SENTENCES), date_phrase(), st.text(max_size=20))
    decorated = st.tuples(st.sampled_from(DECORATIONS), piece).map(lambda pair: pair[0].format(pair[1]))
    pieces = draw(st.lists(decorated, max_size=12))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    front = draw(st.sampled_from(["", "---\ndate: 2019-10-04\n---\n", "---\ntitle: [\n---\n", " date 2019-10-04 "]))
    return front + "".join(p + s for p, s in zip(pieces, separators, strict=True))


def assert_properties(source: str, diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        location = d.location
        assert 0 <= location.start_offset <= location.end_offset <= len(source)
        assert d.quoted == source[location.start_offset : location.end_offset]
        assert (location.start.line, location.start.column) <= (location.end.line, location.end.column)
    keys = [(d.location.path, d.location.start.line, d.location.start.column) for d in diagnostics]
    assert keys == sorted(keys)


@PROFILE
@given(st.text(), st.sampled_from(["a.md", "a.txt"]))
def test_random_unicode(source: str, path: str) -> None:
    assert_properties(source.removeprefix("\ufeff"), lint_text(source, path, OPTIONS))


@PROFILE
@given(article(), st.sampled_from(["a.md", "a.txt"]))
def test_articles_with_dates_and_markup(source: str, path: str) -> None:
    assert_properties(source.removeprefix("\ufeff"), lint_text(source, path, OPTIONS))


@PROFILE
@given(article())
def test_cli_json_parses_and_is_sorted(source: str) -> None:
    out = io.StringIO()
    code = main(
        ["check", "-", "--date", "2019-10-04", "--format", "json", "--markup", "markdown"], stdin=io.StringIO(source), stdout=out
    )
    assert code in (0, 1)
    report = json.loads(out.getvalue())
    keys = [(d["path"], d["start"]["line"], d["start"]["column"]) for d in report["diagnostics"]]
    assert keys == sorted(keys)


# Front matter and configuration as a hostile repository writes them: YAML scalars of every
# type, dates that do not exist, nesting, non-mappings. Reading never raises but what it
# means to raise (a ConfigError naming the file), and a front-matter problem is a diagnostic.
YAML_VALUES = st.recursive(
    st.one_of(
        st.sampled_from(["2019-02-30", "2019-10-04T25:99:00", "2019-10-04", "Oct. 4, 2019", "null", "~", "yes", "0x1F", "1e999"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12).map(json.dumps),
        st.integers(-(10**20), 10**20).map(str),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["a", "date", "files", "select"]), inner, max_size=3).map(
            lambda items: "{" + ", ".join(f"{k}: {v}" for k, v in items.items()) + "}"
        ),
    ),
    max_leaves=8,
)
CONFIG_KEYS = ["rules", "select", "ignore", "severity", "fail-on", "include", "exclude", "per-file", "date", "model"]
CONFIG_KEYS += ["output-format", "calendars", "country", "limits", "unknown"]


@PROFILE
@given(st.lists(st.tuples(st.sampled_from(["date", "published", "title", "factlint"]), YAML_VALUES), max_size=4))
def test_random_front_matter(entries: list[tuple[str, str]]) -> None:
    front = "".join(f"{key}: {value}\n" for key, value in entries)
    source = f"---\n{front}---\nHe came on Wednesday, October 1, 2019.\n"
    found = lint_text(source, "story.md", LintOptions(select=("weekday-mismatch",)))
    assert [d.rule for d in found if d.rule == "weekday-mismatch"] == ["weekday-mismatch"]
    assert all(d.rule in ("weekday-mismatch", "invalid-front-matter") for d in found)


@PROFILE
@given(st.lists(st.tuples(st.sampled_from(CONFIG_KEYS), YAML_VALUES), max_size=4))
def test_random_configuration(entries: list[tuple[str, str]]) -> None:
    import tempfile

    from factlint.core.errors import FactlintError
    from factlint.engine.config import read_config_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".factlint.yaml"
        path.write_text("".join(f"{key}: {value}\n" for key, value in dict(entries).items()), encoding="utf-8")
        try:
            read_config_file(path)
        except FactlintError as error:
            assert str(error).startswith(str(path))
