"""Rules as data: loading and validating YAML rule files into `Rule`s.

A rule file holds one rule (a mapping with `id`) or several (`rules: [...]`). Every
problem is a RuleError naming the file, line and column in the YAML and what is wrong.
Which check kinds exist is the registry's to say (factlint.kinds.registry by default), passed
in, so a loader never reaches for a global.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from factlint.core.diagnostics import Severity
from factlint.core.errors import RuleError
from factlint.core.resources import builtin_rules_dir
from factlint.core.rule import Example, Rule
from factlint.core.safe_read import FileTooLarge, UnreadableFile, read_regular_text
from factlint.core.safe_yaml import StringDatesLoader, compose_string_dates, parse_string_dates
from factlint.core.templates import template_fields
from factlint.engine.rule_files import rule_files
from factlint.kinds.base import CheckKind
from factlint.kinds.registry import default_registry

MAX_RULE_FILE_BYTES = 1_000_000
MAX_RULE_DEPTH = 64  # a token pattern needs about 5; deeper is an attack or an accident
BASE_KEYS = frozenset({"id", "extends", "severity", "message", "description", "link", "examples"})


@lru_cache(maxsize=1)
def rule_schema() -> dict[str, Any]:
    return json.loads(resources.files("factlint.schemas").joinpath("rule.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _validator(kind: CheckKind | None) -> Any:
    """The compiled JSON Schema validator for rules of one kind (None: a rule whose kind is
    unknown, checked against the common keys), built once per kind and process."""
    import jsonschema

    schema = dict(rule_schema())
    schema["properties"] = {**schema["properties"], **(kind.parameters if kind else {})}
    schema["additionalProperties"] = False
    return jsonschema.Draft202012Validator(schema)


def _node_at(node: yaml.Node, path: Iterable[Any]) -> tuple[yaml.Node, yaml.Node | None]:
    """The YAML node at a JSON path, and its key node (for a mapping entry)."""
    key_node = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    node, key_node = value, key
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node, key_node = node.value[step], None
        else:
            break
    return node, key_node


def _error(path: str, node: yaml.Node, message: str) -> RuleError:
    mark = node.start_mark
    return RuleError(path, mark.line + 1, mark.column + 1, message)


def _compose(path: Path) -> yaml.Node | None:
    try:
        text = read_regular_text(path, MAX_RULE_FILE_BYTES, errors="replace")
    except FileTooLarge as error:
        raise RuleError(str(path), 1, 1, f"rule file is {error.size:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}") from None
    except UnreadableFile as error:
        raise RuleError(str(path), 1, 1, f"cannot read rule file: {error.problem.removeprefix('cannot read: ')}") from None
    return _compose_text(text, str(path))


def _compose_text(text: str, display: str) -> yaml.Node | None:
    """A rule document's YAML tree, refusing aliases and deep nesting before building anything."""
    try:
        depth = 0
        for event in parse_string_dates(text):  # events only, checked before a node is built
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                raise RuleError(display, mark.line + 1, mark.column + 1, "YAML aliases (*name) are not allowed in rule files")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_RULE_DEPTH:
                    raise RuleError(display, mark.line + 1, mark.column + 1, f"nested deeper than {MAX_RULE_DEPTH} levels")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        return compose_string_dates(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RuleError(display, line, column, f"invalid YAML: {problem}") from None


def load_rule_file(path: Path, registry: Mapping[str, CheckKind] | None = None) -> list[Rule]:
    return _rules_of(_compose(path), str(path), default_registry() if registry is None else registry)


def load_rule_text(text: str, display: str, registry: Mapping[str, CheckKind] | None = None) -> list[Rule]:
    """Rules given as YAML text, not a file (`factlint serve --allow-user-rules`: a request's
    own rules), with a rule file's checks and size limit; `display` names them in errors."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_RULE_FILE_BYTES:
        raise RuleError(display, 1, 1, f"rules are {size:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}")
    return _rules_of(_compose_text(text, display), display, default_registry() if registry is None else registry)


def _rules_of(root: yaml.Node | None, display: str, registry: Mapping[str, CheckKind]) -> list[Rule]:
    if root is None:
        return []
    try:
        data = StringDatesLoader("").construct_document(root)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or root.start_mark
        problem = getattr(error, "problem", None) or str(error)
        raise RuleError(display, mark.line + 1, mark.column + 1, f"refused: {problem}") from None
    if isinstance(data, dict) and "rules" in data and "id" not in data:
        items = data["rules"]
        if not isinstance(items, list):
            raise _error(display, _node_at(root, ["rules"])[0], "`rules` must be a list of rules")
        prefix: list[Any] = ["rules"]
    else:
        items, prefix = [data], []
    rules: list[Rule] = []
    for index, item in enumerate(items):
        where = [*prefix, index] if prefix else []
        rule_node = _node_at(root, where)[0]
        rules.append(_build_rule(item, display, root, where, rule_node, registry))
    return rules


def _build_rule(
    item: Any, path: str, root: yaml.Node, where: list[Any], node: yaml.Node, registry: Mapping[str, CheckKind]
) -> Rule:
    if not isinstance(item, dict):
        raise _error(path, node, "a rule must be a mapping of keys to values")
    for key in item:
        if not isinstance(key, str):
            raise _error(path, node, f"rule keys must be strings, not {type(key).__name__} {key!r}")
    kind_name = item.get("extends")
    kind = registry.get(kind_name) if isinstance(kind_name, str) else None
    validator = _validator(kind)
    schema = validator.schema
    errors = sorted(validator.iter_errors(item), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        error = errors[0]
        target = _node_at(node, error.absolute_path)[0]
        if error.validator == "additionalProperties":
            extra = sorted(set(item) - set(schema["properties"]))
            bad_key = _node_at(node, [extra[0]])[1] if extra else None
            allowed = ", ".join(sorted(set(schema["properties"])))
            raise _error(path, bad_key or target, f"unknown key {extra[0]!r} for extends {kind_name!r} (allowed: {allowed})")
        where_text = "/".join(str(p) for p in error.absolute_path) or "rule"
        raise _error(path, target, f"{where_text}: {error.message}")
    if kind is None:
        known = ", ".join(sorted(registry))
        raise _error(path, _node_at(node, ["extends"])[0], f"unknown check kind {kind_name!r} in extends (known: {known})")
    message_node = _node_at(node, ["message"])[0]
    try:
        names = template_fields(item["message"])
    except ValueError as error:
        raise _error(path, message_node, f"bad message template: {error}") from None
    for name in names:
        if name not in kind.fields:
            raise _error(
                path,
                message_node,
                f"message uses unknown field {{{name}}}; {kind.name!r} provides: {', '.join(sorted(kind.fields))}",
            )
    params = {k: v for k, v in item.items() if k not in BASE_KEYS}
    for where, problem in kind.validate(params) if kind.validate else []:
        raise _error(path, _node_at(node, where)[1] or _node_at(node, where)[0] if where else node, problem)
    examples = item.get("examples") or {}
    return Rule(
        id=item["id"],
        extends=kind.name,
        severity=Severity.parse(item["severity"]),
        message=item["message"].strip(),
        description=" ".join(item["description"].split()),
        params=params,
        link=item.get("link", ""),
        bad=tuple(_example(e) for e in examples.get("bad", [])),
        good=tuple(_example(e) for e in examples.get("good", [])),
        source=path,
        line=node.start_mark.line + 1,
        requires=kind.components(params),
    )


def _example(data: Mapping[str, Any]) -> Example:
    value = data.get("date")
    return Example(str(data["text"]), date.fromisoformat(value) if value else None)


def load_rules(extra: Iterable[Path] = (), builtin: bool = True, registry: Mapping[str, CheckKind] | None = None) -> list[Rule]:
    """The built-in pack plus user packs; a user rule may not reuse an id (RuleError)."""
    paths = ([builtin_rules_dir()] if builtin else []) + list(extra)
    seen: dict[str, Rule] = {}
    for file in rule_files(paths):
        for rule in load_rule_file(file, registry):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(
                    rule.source, rule.line, 1, f"duplicate rule id {rule.id!r} (first defined at {first.source}:{first.line})"
                )
            seen[rule.id] = rule
    return list(seen.values())
