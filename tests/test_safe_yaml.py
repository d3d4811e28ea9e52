"""The YAML factlint reads (rules, front matter, configurations, fact files) goes through
libyaml's parser where PyYAML has it, and reads exactly as PyYAML's own parser reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factlint.core.safe_yaml import StringDatesLoader, compose_string_dates, load_string_dates, parse_string_dates
from tests.conftest import REPO

needs_libyaml = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML was built without libyaml")
ODD = "id: café\nmessage: 'naïve — 日本 😀'\nlist: [é, ü]\nblock: |\n  😀 é\n  x\ndate: 2019-10-04\nflow: {a: [1, 2]}\n"


def tree(node: yaml.Node | None) -> list[tuple]:
    """Every node's kind, tag, value and marks, in document order."""
    if node is None:
        return []
    here = (type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return [(*here, node.value, node.style or None)]
    children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
    return [here] + [entry for child in children for entry in tree(child)]


def test_every_yaml_file_of_the_project_composes_as_pyyaml_composes_it() -> None:
    files = sorted(REPO.glob("rules/**/*.yaml")) + sorted(REPO.glob("tests/data/**/*.yaml"))
    assert len(files) > 50
    for text in [path.read_text(encoding="utf-8") for path in files] + [ODD]:
        assert tree(compose_string_dates(text)) == tree(yaml.compose(text, Loader=StringDatesLoader))
        assert load_string_dates(text) == yaml.load(text, Loader=StringDatesLoader)
    assert load_string_dates(ODD)["date"] == "2019-10-04"  # dates stay strings


@needs_libyaml
def test_the_rule_pack_is_read_without_pyyaml_s_pure_python_scanner(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The pure-Python scanner was most of loading the built-in rules (a cold run's YAML)."""
    from factlint.engine.rule_loading import load_rules

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the pure-Python YAML scanner ran")

    monkeypatch.setattr(yaml.scanner.Scanner, "check_token", refuse)
    assert len(load_rules(())) == len(list((REPO / "rules").glob("*.yaml")))


@needs_libyaml
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: b: c\n", "mapping values are not allowed here"),  # libyaml: "... in this context"
        ("a: [1, 2\nb: 3\n", "expected ',' or ']', but got ':'"),
        ("- a\nb: c\n", "expected <block end>, but found '?'"),
    ],
)
def test_a_document_libyaml_refuses_gets_pyyaml_s_own_message(text: str, problem: str) -> None:
    for read in (compose_string_dates, load_string_dates, lambda t: list(parse_string_dates(t))):
        with pytest.raises(yaml.YAMLError) as error:
            read(text)
        assert error.value.problem == problem  # type: ignore[attr-defined]


def test_a_streamed_parse_stops_where_the_caller_stops_before_a_later_error() -> None:
    events = parse_string_dates("a: &x 1\nb: *x\nc: [\n")
    kinds = []
    for event in events:
        kinds.append(type(event).__name__)
        if isinstance(event, yaml.AliasEvent):
            break
    assert kinds[-1] == "AliasEvent"


def test_a_rule_file_with_bad_yaml_names_its_line_and_pyyaml_s_problem(tmp_path: Path) -> None:
    from factlint.core.errors import RuleError
    from factlint.engine.rule_loading import load_rule_file

    (tmp_path / "bad.yaml").write_text("id: x\nextends: weekday\nmessage: a: b\n", encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_rule_file(tmp_path / "bad.yaml")
    assert str(error.value) == f"{tmp_path / 'bad.yaml'}:3:11: invalid YAML: mapping values are not allowed here"
