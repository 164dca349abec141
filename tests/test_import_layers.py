"""The import layers of `pipeline/`, read from the source with `ast` (every import: module level, function-local and
under TYPE_CHECKING alike, since each is a dependency): no import cycle and no import from a lower layer to a
higher one — intake → view → render → build stage (pipeline/build/) → commands → cli, the shared modules (schema,
catalogue, formatting, …) below them all. KNOWN_UPWARD and KNOWN_CYCLES are empty: any upward import or cycle
fails the test (a list is kept so that one, if ever allowed, is named with its reason)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "pipeline"

SHARED, INTAKE, VIEW, RENDER, BUILD, COMMANDS, CLI = range(7)
LAYER_NAMES = ["shared", "intake", "view", "render", "build", "commands", "cli"]
BUILD_STAGE = ("pipeline.build",)
PREFIXES = [(("pipeline.cli", "pipeline.__main__"), CLI), (BUILD_STAGE, BUILD), (("pipeline.commands",), COMMANDS),
            (("pipeline.render", "pipeline.kit"), RENDER),
            (("pipeline.view", "pipeline.history", "pipeline.report"), VIEW), (("pipeline.intake",), INTAKE)]

# Every upward import and every cycle is a failure: there is none, and none is allowed (issue 24 removed them).
KNOWN_UPWARD: dict[tuple[str, str], str] = {}
KNOWN_CYCLES: dict[frozenset[str], str] = {}


def layer(module: str) -> int:
    for prefixes, number in PREFIXES:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return number
    return SHARED


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The pipeline modules NAME imports (a `from package import submodule` counts as the submodule)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:                  # a name inside a module → the module
                target = target.rpartition(".")[0]
            if target.startswith("pipeline") and target != name and target != "pipeline":
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def upward(edges: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(a, b) for a, targets in edges.items() for b in targets if layer(b) > layer(a)}


def test_the_layers_are_known():
    assert layer("pipeline.intake.reader") == INTAKE and layer("pipeline.view.scope") == VIEW
    assert layer("pipeline.render.word.line") == RENDER and layer("pipeline.build.pdf.session") == BUILD
    assert layer("pipeline.build.stages") == BUILD and layer("pipeline.commands.validate") == COMMANDS
    assert layer("pipeline.commands.build") == COMMANDS and layer("pipeline.report") == VIEW
    assert layer("pipeline.cli") == CLI and layer("pipeline.schema") == SHARED


def test_the_reader_finds_imports_of_every_form():
    edges = graph()
    assert edges["pipeline.intake.reader"] == {"pipeline.exceptions", "pipeline.intake.cells",
                                               "pipeline.intake.sheetxml"}           # module level
    assert "pipeline.intake.layout" in edges["pipeline.intake.result"]                 # under TYPE_CHECKING
    assert "pipeline.build.jobs" in edges["pipeline.build.stages"]                     # in a function


def test_the_cycle_finder_finds_a_cycle_and_only_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_new_upward_import():
    found = upward(graph())
    new = sorted(found - KNOWN_UPWARD.keys())
    assert not new, "\n".join(f"{a} ({LAYER_NAMES[layer(a)]}) imports {b} ({LAYER_NAMES[layer(b)]})" for a, b in new)
    gone = sorted(KNOWN_UPWARD.keys() - found)
    assert not gone, f"fixed, remove from KNOWN_UPWARD: {gone}"


def test_no_new_import_cycle():
    found = set(cycles(graph()))
    new = [sorted(c) for c in found - KNOWN_CYCLES.keys()]
    assert not new, f"import cycles: {new}"
    gone = [sorted(c) for c in KNOWN_CYCLES.keys() - found]
    assert not gone, f"fixed, remove from KNOWN_CYCLES: {gone}"


def test_the_upward_finder_finds_only_upward_imports():
    edges = {"pipeline.intake.x": {"pipeline.render.y", "pipeline.schema"}, "pipeline.cli": {"pipeline.build.z"}}
    assert upward(edges) == {("pipeline.intake.x", "pipeline.render.y")}


def test_the_build_core_reports_through_progress_not_the_console():
    """console.py is the build's presentation: only the command line imports it, never the stages."""
    importers = sorted(name for name, targets in graph().items() if "pipeline.build.console" in targets)
    assert importers == ["pipeline.cli"]
