"""Layering: the domain core imports nothing from Textual or Rich."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import REPO

PACKAGE = REPO / "timeline_tui"
CORE = (
    "model", "dates", "actors", "lines", "schema", "parse", "assembly", "loader", "query",
    "diagnostics", "text", "cli",
)  # fmt: skip
UI = ("textual", "rich")
UI_MODULES = ("app", "widgets", "screens", "messages")  # the package's Textual layer
LAZY_ALLOWED = ("app",)  # `timeline` with no command opens the app, imported on use


def imports(tree: ast.AST) -> Iterator[tuple[str, bool]]:
    """(module imported, inside a function?) for every import; relative names keep their dots."""

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                yield from ((alias.name, nested) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                yield "." * child.level + child.module, nested
            elif isinstance(child, ast.ImportFrom):  # from . import app
                yield from (("." * child.level + a.name, nested) for a in child.names)
            yield from visit(child, nested)

    yield from visit(tree, False)


def lazy_ok(module: str, imported: str, in_function: bool) -> bool:
    return in_function and module == "cli" and imported in LAZY_ALLOWED


def violations(module: str) -> list[str]:
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    found = []
    for name, in_function in imports(ast.parse(source)):
        level = len(name) - len(name.lstrip("."))
        top = name.lstrip(".").split(".")[0]
        if level == 0 and top in UI:
            found.append(f"{module} imports {name}")
        elif level > 1:
            found.append(f"{module} reaches outside the package: {name}")
        elif level == 1 and top in UI_MODULES and not lazy_ok(module, top, in_function):
            found.append(f"{module} imports {name}" + (" in a function" if in_function else ""))
    return found


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_textual_or_rich(module):
    assert violations(module) == []


def test_the_check_catches_a_textual_import(tmp_path, monkeypatch):
    bad = tmp_path / "timeline_tui"
    bad.mkdir()
    (bad / "query.py").write_text("from textual.app import App\nimport rich\n")
    (bad / "cli.py").write_text(
        "def f():\n    from .app import run_app\n    from .widgets import x\n"
    )
    (bad / "loader.py").write_text("from .screens.main import MainScreen\nfrom . import app\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", bad)
    assert violations("query") == ["query imports textual.app", "query imports rich"]
    assert violations("cli") == ["cli imports .widgets in a function"]
    assert violations("loader") == ["loader imports .screens.main", "loader imports .app"]


def test_importing_the_core_loads_no_textual_or_rich():
    """The same rule, transitively: importing every core module pulls in neither library."""
    modules = ", ".join(f"timeline_tui.{m}" for m in CORE)
    code = (
        f"import sys, {modules}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=REPO)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
