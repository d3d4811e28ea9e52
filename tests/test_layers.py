"""One direction of dependencies: each layer of factlint imports only the layers below it.

The import graph is read from the source with `ast`, counting every import: at module level,
inside functions and under `TYPE_CHECKING`. A module may import its own layer and the layers
below; nothing may import upwards, and no cycle of any kind may remain. Imports deferred into
a function (to keep spaCy, jsonschema or rich out of a start-up that does not need them) are
allowed only where DEFERRED lists them, with the reason, so none creeps in unseen.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "factlint"
# Lowest first. `schemas` is data (JSON Schemas) at the bottom; the package itself (its lazy
# public API) and `__main__` sit on top of every layer.
LAYERS = ("core", "read", "nlp", "claims", "analysis", "kinds", "engine", "archive", "shells")
# Modules placed in a layer by name rather than by folder: the JSON Schemas (data) at the bottom,
# and the archive layer's public modules, whose import paths are the API an archive job writes
# (`factlint.batch`, `factlint.dask`, `factlint.spark`): they build on the engine only, and the
# command line (`check --input`, `--scheduler`) uses them.
DATA = {
    "factlint.schemas": "core",
    "factlint.batch": "archive",
    "factlint.dask": "archive",
    "factlint.spark": "archive",
}
TOP = {"factlint", "factlint.__main__"}

# (importer, imported): why the import is deferred into a function. Each must still point
# down or sideways; listing it here says it was deferred on purpose.
_CLI_STARTS_FAST = (
    "the command line answers --version, --help and a fully cached run without importing what a"
    " subcommand it is not running needs (spaCy, PyYAML, jsonschema, rich, pygls)"
)
_CACHED_RUN_STARTS_FAST = (
    "a run whose every file is a cache hit computes keys and reads entries only: the analysis, the"
    " check kinds, the rule loader and the parallel driver (spaCy, PyYAML's rule loading, the claim"
    " extractors' compiled patterns) are imported when a file must be analysed or a pack loaded"
)
DEFERRED: dict[tuple[str, str], str] = {
    ("factlint.read.reader", "factlint.read.markdown"): "markdown-it-py is imported only for Markdown sources",
    ("factlint.shells.lsp_worker", "factlint.shells.lsp_child"): (
        "the language server's process never imports the engine or spaCy: only its lint worker"
        " process does, so the server starts fast and its memory stays small"
    ),
    **{
        pair: _CACHED_RUN_STARTS_FAST
        for pair in (
            ("factlint.engine.api", "factlint.nlp.pipeline"),
            ("factlint.engine.api", "factlint.read.reader"),
            ("factlint.engine.api", "factlint.read.front_matter"),
            ("factlint.engine.rule_pack", "factlint.engine.rule_loading"),
            ("factlint.engine.selection", "factlint.kinds.registry"),
            ("factlint.engine.config", "factlint.core.safe_yaml"),
            ("factlint.read.front_matter", "factlint.core.safe_yaml"),
            ("factlint.core.calendar_words", "factlint.core.safe_yaml"),
        )
    },
    **{
        ("factlint.shells.cli", f"factlint.{name}"): _CLI_STARTS_FAST
        for name in (
            "batch",
            "claims.holidays",
            "core.calendar_words",
            "core.document",
            "dask",
            "engine.api",
            "engine.cache",
            "engine.config",
            "engine.discover",
            "engine.linter",
            "engine.rule_loading",
            "engine.selection",
            "kinds.calendar_event",
            "kinds.registry",
            "read.calendars",
            "shells.changes",
            "shells.claims_view",
            "shells.lsp",
            "shells.reporters",
            "shells.reporters.json_report",
            "shells.rule_tests",
            "shells.service.server",
        )
    },
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative).with_suffix(".py").is_file() or (ROOT / relative / "__init__.py").is_file()


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported factlint module, deferred into a function?) for every import in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, deferred: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = deferred or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, inside) for alias in child.names if alias.name.split(".")[0] == "factlint")
            elif isinstance(child, ast.ImportFrom) and child.module and child.module.split(".")[0] == "factlint":
                for alias in child.names:
                    candidate = f"{child.module}.{alias.name}"
                    found.append((candidate if is_module(candidate) else child.module, inside))
            visit(child, inside)

    visit(tree, False)
    return found


def layer_of(name: str) -> int:
    if name in TOP:
        return len(LAYERS)
    if name in DATA:
        return LAYERS.index(DATA[name])
    parts = name.split(".")
    assert len(parts) >= 2 and parts[1] in LAYERS, f"{name} is in no layer: put it in one of {LAYERS}"
    return LAYERS.index(parts[1])


def graph() -> dict[str, dict[str, bool]]:
    """importer -> {imported: deferred?} (an import at module level anywhere wins over deferred)."""
    edges: dict[str, dict[str, bool]] = defaultdict(dict)
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        edges[importer]
        for imported, deferred in imports_of(path):
            if imported != importer:
                edges[importer][imported] = edges[importer].get(imported, True) and deferred
    return edges


def cycles(edges: dict[str, dict[str, bool]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, {}):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_every_module_is_in_a_layer() -> None:
    for name in graph():
        layer_of(name)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [
        f"{importer} ({LAYERS[layer_of(importer)] if layer_of(importer) < len(LAYERS) else 'top'}) imports {imported}"
        for importer, targets in graph().items()
        for imported in targets
        if layer_of(imported) > layer_of(importer)
    ]
    assert upward == []


def test_no_import_cycle_of_any_kind() -> None:
    assert cycles(graph()) == []


def test_deferred_imports_are_the_listed_ones() -> None:
    deferred = {(importer, imported) for importer, targets in graph().items() for imported, late in targets.items() if late}
    assert sorted(deferred - set(DEFERRED)) == [], "a new import inside a function: list it in DEFERRED, with the reason"
    assert sorted(set(DEFERRED) - deferred) == [], "DEFERRED lists an import that is no longer deferred"


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b": False}, "b": {"c": True}, "c": {"a": False}, "d": {"a": False}}) == [["a", "b", "c"]]
