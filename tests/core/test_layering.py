"""Layering: every module imports only from its own layer or the layers below it, and nothing
below `ui/` imports Textual or Rich (DESIGN.md, "Layout"). Checked for every module of the
package, so a new module is covered the day it is added."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "timeline_tui"
UI_LIBRARIES = ("textual", "rich")
# Each layer may import the layers of a lower rank (and its own); equal ranks are siblings
# that never import each other.
RANK = {
    "core": 0,
    "records": 1,
    "storage": 2,
    "loading": 3,
    "formats": 4,
    "editing": 4,
    "notes": 4,
    "view": 5,
    "cli": 6,  # the command line calls the library; the app only on use (a quick `timeline list`)
    "ui": 7,
    "__main__": 8,
}
LAZY_ALLOWED = {("cli", "ui")}  # `timeline` with no command opens the app, imported then


def layer_of(path: Path, package: Path) -> str:
    """The layer a module belongs to: its folder under the package, or its own name."""
    parts = path.relative_to(package).with_suffix("").parts
    return parts[0] if parts[0] != "__init__" else "core"


def imports(tree: ast.AST) -> Iterator[tuple[str, int, bool]]:
    """(module imported, relative level, inside a function?) for every import."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield from ((alias.name, 0, nested) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.module and child.level == 0:
                    yield base, 0, nested
                else:
                    for alias in child.names:
                        yield ".".join(p for p in (base, alias.name) if p), child.level, nested
            yield from visit(child, nested)

    yield from visit(tree, False)


def target_layer(name: str, level: int, layer: str) -> str | None:
    """The package layer an import reaches, or None for a module outside the package."""
    if level:
        return layer if level == 1 else "relative import reaching out of its layer"
    parts = name.split(".")
    if parts[0] != "timeline_tui":
        return None
    return parts[1] if len(parts) > 1 else "core"


def violations(path: Path, package: Path = PACKAGE) -> list[str]:
    layer = layer_of(path, package)
    found = []
    for name, level, in_function in imports(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(package)} imports {'.' * level}{name}"
        if level == 0 and name.split(".")[0] in UI_LIBRARIES and RANK[layer] < RANK["ui"]:
            found.append(where)
            continue
        target = target_layer(name, level, layer)
        if target is None or target == layer:
            continue
        if target not in RANK:
            found.append(f"{where}: not a layer")
        elif RANK[target] > RANK[layer] and not (in_function and (layer, target) in LAZY_ALLOWED):
            found.append(f"{where}: a higher layer")
        elif RANK[target] == RANK[layer]:
            found.append(f"{where}: a sibling layer")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_its_own_layer_and_the_layers_below(path):
    assert violations(path) == []


def test_every_module_is_in_a_known_layer():
    assert {layer_of(path, PACKAGE) for path in MODULES} <= set(RANK)


def test_the_check_catches_each_kind_of_violation(tmp_path):
    package = tmp_path / "timeline_tui"
    for folder in ("core", "loading", "formats", "view"):
        (package / folder).mkdir(parents=True)
    cases = {
        "core/query.py": "from textual.app import App\nimport rich\n",
        "loading/loader.py": "from timeline_tui.ui.screens.main import MainScreen\n"
        "from timeline_tui.view import rows\n",
        "formats/csv.py": "from timeline_tui.notes import stars\n",
        "view/rows.py": "from ..core import model\nfrom . import labels\n",
        "cli.py": "def f():\n    from timeline_tui.ui.app import make_app\n"
        "from timeline_tui.ui import widgets\n",
    }
    for name, text in cases.items():
        (package / name).write_text(text)
    found = {name: violations(package / name, package) for name in cases}
    assert found == {
        "core/query.py": ["core/query.py imports textual.app", "core/query.py imports rich"],
        "loading/loader.py": [
            "loading/loader.py imports timeline_tui.ui.screens.main: a higher layer",
            "loading/loader.py imports timeline_tui.view: a higher layer",
        ],
        "formats/csv.py": ["formats/csv.py imports timeline_tui.notes: a sibling layer"],
        "view/rows.py": ["view/rows.py imports ..core.model: not a layer"],
        "cli.py": ["cli.py imports timeline_tui.ui: a higher layer"],
    }


def test_importing_everything_below_ui_loads_no_textual_or_rich():
    """The same rule, transitively: importing every module below `ui/` (and the CLI, which
    imports the app only to open it) pulls in neither library."""
    names = [
        ".".join(("timeline_tui", *path.relative_to(PACKAGE).with_suffix("").parts))
        for path in MODULES
        if RANK[layer_of(path, PACKAGE)] < RANK["ui"] or layer_of(path, PACKAGE) == "cli"
    ]
    names = [name.removesuffix(".__init__") for name in names]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
