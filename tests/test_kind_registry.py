"""Check kinds are registered explicitly, and a newsroom's package can add its own through the
`factlint.kinds` entry-point group: a kind, its rules in YAML, nothing patched in factlint."""

from __future__ import annotations

import io
import json
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from factlint.engine.api import LintOptions, lint_text
from factlint.kinds.base import CheckKind, KindError, Registry
from factlint.kinds.registry import BUILTIN_KINDS, default_registry
from factlint.shells.cli import main

PLUGIN = '''
from factlint.core.findings import Finding
from factlint.kinds.base import CheckKind


def check_all_caps(analysis, rule):
    """Every word of ALL CAPS longer than the rule's `min_length`: a house-style kind."""
    for token in analysis.doc:
        if token.is_upper and token.is_alpha and len(token) >= rule.params.get("min_length", 4):
            yield Finding(token.idx, token.idx + len(token), {"text": token.text})


ALL_CAPS = CheckKind(
    "all-caps",
    check_all_caps,
    frozenset({"text"}),
    parameters={"min_length": {"type": "integer", "minimum": 2}},
    description="words set in capitals",
)
'''


def install_plugin(root: Path, value: str) -> None:
    """A distribution on sys.path with one `factlint.kinds` entry point, as pip would leave it."""
    (root / "house_kinds.py").write_text(PLUGIN, encoding="utf-8")
    info = root / "house_kinds-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-kinds\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[factlint.kinds]\nhouse = {value}\n", encoding="utf-8")


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    default_registry.cache_clear()
    yield tmp_path
    default_registry.cache_clear()
    sys.modules.pop("house_kinds", None)


def test_a_kind_from_an_entry_point_runs_with_a_yaml_rule(plugin_path: Path) -> None:
    install_plugin(plugin_path, "house_kinds:ALL_CAPS")
    rule = plugin_path / "shout.yaml"
    rule.write_text(
        textwrap.dedent(
            """\
            id: no-shouting
            extends: all-caps
            severity: warning
            min_length: 5
            message: '"{text}" is set in capitals'
            description: House style sets no word in capitals.
            """
        ),
        encoding="utf-8",
    )
    options = LintOptions(dct=date(2019, 10, 4), rule_paths=(rule,), select=("no-shouting",), use_config=False)
    found = lint_text("The MINISTER said NO to the UNITED plan.", "a.txt", options)
    assert [(d.rule, d.location.start.column, d.message) for d in found] == [
        ("no-shouting", 5, '"MINISTER" is set in capitals'),
        ("no-shouting", 29, '"UNITED" is set in capitals'),
    ]
    out = io.StringIO()
    assert main(["kinds", "--format", "json"], stdout=out) == 0
    listed = {row["kind"]: row for row in json.loads(out.getvalue())}
    assert listed["all-caps"]["module"] == "house_kinds" and listed["all-caps"]["parameters"] == ["min_length"]


def test_an_entry_point_may_not_take_a_builtin_name(plugin_path: Path) -> None:
    (plugin_path / "clash.py").write_text(
        "from dataclasses import replace\nfrom factlint.kinds.weekday import WEEKDAY\nKINDS = [replace(WEEKDAY)]\n",
        encoding="utf-8",
    )
    install_plugin(plugin_path, "clash:KINDS")
    with pytest.raises(KindError, match=r"entry point 'house' \(clash:KINDS\): check kind 'weekday' is already registered"):
        default_registry()


def test_a_broken_entry_point_is_said_plainly(plugin_path: Path) -> None:
    install_plugin(plugin_path, "house_kinds:NOT_THERE")
    with pytest.raises(KindError, match=r"entry point 'house' \(house_kinds:NOT_THERE\) cannot be loaded: AttributeError"):
        default_registry()


def test_the_builtin_registry_is_every_builtin_kind_once() -> None:
    registry = Registry(BUILTIN_KINDS)
    assert len(registry) == len(BUILTIN_KINDS) == 17
    with pytest.raises(KindError, match="check kind 'weekday' is already registered"):
        registry.add(registry["weekday"])
    with pytest.raises(KindError, match="is not a factlint CheckKind"):
        Registry([object()])  # type: ignore[list-item]
    assert all(isinstance(kind, CheckKind) for kind in registry.values())
