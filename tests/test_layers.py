"""The house rules of ``careerpath.graph``: imports point one way, nothing imports in a circle,
and no room grows past what a reader holds at once.

Layers, from the bottom: ``careerpath.ontology`` (files only); ``graph.errors`` and ``graph.records``;
``graph.loading``;
``graph.planning`` and ``graph.querying`` (side by side, neither imports the other); ``graph.core``
(the façade over them); ``graph.presenting``; then ``graph.cli`` and ``careerpath.app`` at the top
(neither imports the other). A module may import its own package and any layer below it. Imports
under ``if TYPE_CHECKING:`` are annotations only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"graph": "careerpath.graph", "app": "careerpath.app", "ontology": "careerpath.ontology"}

LAYERS = {
    "careerpath.ontology": 0,
    "careerpath.graph.errors": 1,
    "careerpath.graph.records": 1,  # the dataclass maker every layer's classes use
    "careerpath.graph.loading": 2,
    "careerpath.graph.planning": 3,
    "careerpath.graph.querying": 3,
    "careerpath.graph.core": 4,
    "careerpath.graph.presenting": 5,
    "careerpath.graph.cli": 6,
    "careerpath.graph.__main__": 7,
    "careerpath.app": 6,
    "careerpath.graph": 0,  # the package itself: its __init__ imports nothing
}


def _modules() -> dict[str, Path]:
    out = {}
    for folder, dotted in PACKAGES.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join((dotted, *parts))] = path
    return out


def _layer(module: str) -> tuple[str, int]:
    best = max((k for k in LAYERS if module == k or module.startswith(k + ".")), key=len)
    return best, LAYERS[best]


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every careerpath import of ``module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or node.lineno in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
            names = [prefix] if node.module else [f"{prefix}.{a.name}" for a in node.names]
        else:
            names = [node.module or ""]
            if node.module in ("careerpath", "careerpath.graph"):
                names = [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if name.startswith("careerpath"):
                out.append((name, node.lineno, id(node) in top))
    return out


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    own, level = _layer(module)
    for name, line, _ in _imports(module, MODULES[module]):
        their, their_level = _layer(name)
        if their == own:
            continue
        assert their_level < level, f"{module} (line {line}) imports {name}: {own} may not import {their}"


def test_no_module_level_import_cycles():
    graph = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for name, _, top in _imports(module, path):
            target = name
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if top and target and target != module:
                graph[module].add(target)
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt) :] + [nxt] if nxt in trail else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_rooms_stay_small():
    """No module over 600 lines, no function over 100, no folder of more than a dozen modules."""
    problems = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 600:
            problems.append(f"{module}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 100:
                problems.append(f"{module}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    for folder in {p.parent for p in MODULES.values()}:
        count = sum(1 for p in folder.glob("*.py") if p.name != "__init__.py")
        if count > 12:
            problems.append(f"{folder.relative_to(ROOT)}: {count} modules")
    assert not problems, "rooms grown too large:\n" + "\n".join(sorted(problems))


def test_every_package_says_what_it_holds_and_may_import():
    for folder in ("loading", "planning", "querying", "presenting", "cli"):
        doc = ast.get_docstring(ast.parse((ROOT / "graph" / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc, f"graph/{folder}/__init__.py must say what it holds and what it may import"
