"""JUnit XML for CI test dashboards (GitLab `artifacts:reports:junit`, Jenkins `junit`).

One <testsuite> per file and one <testcase> per diagnostic, each with one <failure>: GitLab
and Jenkins show a single failure per test case (further <failure> elements are dropped),
and a row per finding gives every one its own line, message and details. A clean file is
one passing test case, so the dashboard still counts it; an unreadable file is an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, TextIO

from factlint.core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from factlint.core.result import LintResult
    from factlint.core.rule import Rule


# characters XML 1.0 cannot hold at all, even escaped (ElementTree writes them as they are)
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return INVALID_XML.sub("\ufffd", text)


def _classname(path: str) -> str:
    """Path without suffix: Jenkins splits class names at dots into package and class."""
    return PurePosixPath(path).with_suffix("").as_posix() if PurePosixPath(path).suffix else path


def _details(d: Diagnostic) -> str:
    start = d.location.start
    lines = [f"{d.location.path}:{start.line}:{start.column}: {d.severity}: {d.message} [{d.rule}]"]
    if d.quoted:
        lines.append(f"text: {d.quoted}")
    lines += [f"fix: {s.label}" for s in d.suggestions]
    lines += [f"see {r.location.start.line}:{r.location.start.column}: {r.label}" for r in d.related]
    if d.note:
        lines.append(f"note: {d.note}")
    return "\n".join(lines)


def _suite(parent: ET.Element, name: str, diagnostics: Iterable[Diagnostic]) -> ET.Element:
    suite = ET.SubElement(parent, "testsuite", name=_clean(name))
    items = list(diagnostics)
    for d in items:
        start = d.location.start
        case = ET.SubElement(
            suite, "testcase", name=f"{d.rule} at {start.line}:{start.column}", classname=_clean(_classname(name)), time="0"
        )
        failure = ET.SubElement(case, "failure", message=_clean(d.message), type=d.rule)
        failure.text = _clean(_details(d))
    if not items:
        ET.SubElement(suite, "testcase", name="factlint", classname=_clean(_classname(name)), time="0")
    _count(suite, tests=max(len(items), 1), failures=len(items), errors=0)
    return suite


def _count(element: ET.Element, tests: int, failures: int, errors: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", "0")
    element.set("time", "0")


def junit_tree(result: LintResult) -> ET.ElementTree:
    root = ET.Element("testsuites", name="factlint")
    by_path: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        by_path.setdefault(d.location.path, []).append(d)
    for path in sorted(set(result.files) | set(by_path)):
        _suite(root, path, by_path.get(path, []))
    if result.errors:
        suite = ET.SubElement(root, "testsuite", name="unreadable files")
        for error in result.errors:
            path = error.split(": ", 1)[0]
            case = ET.SubElement(suite, "testcase", name=_clean(path), classname=_clean(_classname(path)), time="0")
            ET.SubElement(case, "error", message=_clean(error), type="unreadable").text = _clean(error)
        _count(suite, tests=len(result.errors), failures=0, errors=len(result.errors))
    suites = root.findall("testsuite")
    _count(
        root,
        tests=sum(int(s.get("tests", "0")) for s in suites),
        failures=sum(int(s.get("failures", "0")) for s in suites),
        errors=sum(int(s.get("errors", "0")) for s in suites),
    )
    return ET.ElementTree(root)


def report(result: LintResult, rules: list[Rule], stream: TextIO) -> None:
    tree = junit_tree(result)
    ET.indent(tree)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(stream, encoding="unicode")
    stream.write("\n")
