"""Snapshot tests of the key screens at the sizes DESIGN.md names (pytest-textual-snapshot).

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

import pytest
from support import REPO as ROOT

from timeline_tui.ui.app import make_app

SIZES = [(80, 24), (120, 40), (200, 50)]  # the smallest usable, a common one, a large one
BY_SIZE = pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
BROKEN = "tests/snapshots/broken"  # a good file, a TOML syntax error, two schema errors


@pytest.fixture
def app(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # relative paths, so the screens read the same on every machine
    return make_app(["events"], watch=False)


@pytest.fixture
def broken_app(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    return make_app([BROKEN], watch=False)


async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@BY_SIZE
def test_main_screen(app, snap_compare, size):  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=loaded)


@BY_SIZE
def test_filtered_to_merz(app, snap_compare, size):  # type: ignore[no-untyped-def]
    press = ["a", *"merz", "enter", "escape"]
    assert snap_compare(app, press=press, terminal_size=size, run_before=loaded)


@BY_SIZE
def test_help_screen(app, snap_compare, size):  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["question_mark"], terminal_size=size, run_before=loaded)


@BY_SIZE
def test_problems_screen(broken_app, snap_compare, size):  # type: ignore[no-untyped-def]
    assert snap_compare(broken_app, press=["e"], terminal_size=size, run_before=loaded)


def test_long_detail_between_the_breakpoints(app, snap_compare):  # type: ignore[no-untyped-def]
    """110 columns: the side pane folded, the detail pane still beside the timeline."""
    assert snap_compare(app, press=["G", "tab"], terminal_size=(110, 30), run_before=loaded)


def test_detail_opened_with_enter_at_80x24(app, snap_compare):  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["enter"], terminal_size=(80, 24), run_before=loaded)


def test_empty_result(app, snap_compare):  # type: ignore[no-untyped-def]
    press = ["slash", *"actor:nobody", "enter"]
    assert snap_compare(app, press=press, terminal_size=(120, 40), run_before=loaded)
