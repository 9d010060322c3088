"""Snapshot tests of the key screens at a fixed size (pytest-textual-snapshot).

Review a changed snapshot in snapshot_report.html before accepting it with --snapshot-update.
"""

from __future__ import annotations

import pytest
from apphelpers import ROOT

from timeline_tui.ui.app import make_app

SIZE = (160, 45)


@pytest.fixture
def app(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)  # relative paths, so the screens read the same on every machine
    return make_app(["events"], watch=False)


async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(app, snap_compare):  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


def test_filtered_to_merz(app, snap_compare):  # type: ignore[no-untyped-def]
    assert snap_compare(
        app, press=["a", *"merz", "enter", "escape"], terminal_size=SIZE, run_before=loaded
    )


def test_long_detail_in_a_small_terminal(app, snap_compare):  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["G", "tab"], terminal_size=(110, 30), run_before=loaded)


def test_help_screen(app, snap_compare):  # type: ignore[no-untyped-def]
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=loaded)


def test_empty_result(app, snap_compare):  # type: ignore[no-untyped-def]
    press = ["slash", *"actor:nobody", "enter"]
    assert snap_compare(app, press=press, terminal_size=SIZE, run_before=loaded)
