"""The command's exit status after the app: 1 when the app crashed, 0 when it quit."""

from __future__ import annotations

import pytest
from apphelpers import EVENTS
from textual.app import App

from timeline_tui.cli import main
from timeline_tui.ui.app import TimelineApp


def explode() -> None:
    raise RuntimeError("a bug in the app")


@pytest.fixture
def headless(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    """`timeline PATH` runs the app headless, doing `then(app)` once it is up."""
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(tmp_path / "data"))
    run = App.run

    def driven(then):  # type: ignore[no-untyped-def]
        async def pilot(pilot):  # type: ignore[no-untyped-def]
            await pilot.pause()
            pilot.app.call_next(then, pilot.app)

        monkeypatch.setattr(
            TimelineApp, "run", lambda app: run(app, headless=True, auto_pilot=pilot)
        )

    return driven


def test_the_command_exits_1_after_the_app_crashes(headless, capsys):
    headless(lambda app: explode())
    assert main([str(EVENTS)]) == 1
    out, err = capsys.readouterr()
    assert "a bug in the app" in out + err  # Textual's own report of it


def test_the_command_exits_0_after_the_app_quits(headless):
    headless(lambda app: app.exit())
    assert main([str(EVENTS)]) == 0
