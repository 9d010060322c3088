"""Pilot tests for the display zone: the config's zone at start, its name in the status line, and
MainScreen.set_zone regrouping the days (DESIGN.md "Time zones")."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import ROOT, highlighted_id, settle
from textual.widgets import Static

from timeline_tui.core.zones import OWN, DisplayZone
from timeline_tui.ui.app import make_app
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.rows import clock, group_label

ZONES = ROOT / "tests" / "data" / "zones"  # held out: New York, Kyiv and UTC around midnight


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("TIMELINE_TUI_CONFIG_DIR", str(folder))
    return folder


def shown_headings(screen: MainScreen) -> list[str]:
    pane = screen.query_one(TimelinePane)
    rows = pane.rows
    return [group_label(screen.timeline.events[p], pane.zone) for p in rows.headings.values()]


def shown_clocks(screen: MainScreen) -> list[str]:
    pane = screen.query_one(TimelinePane)
    return [clock(screen.timeline.events[p], pane.zone) for p in screen.positions]


def status_text(screen: MainScreen) -> str:
    return str(screen.query_one(StatusLine).render())


async def test_the_configs_zone_is_used_and_named(config_dir: Path) -> None:
    (config_dir / "config.toml").write_text('zone = "Europe/Kyiv"\n')
    app = make_app([str(ZONES)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        assert shown_headings(screen) == ["Tue 19 Aug 2025"]
        assert shown_clocks(screen) == ["01:00", "02:15", "06:30", "08:00"]
        assert "times in Europe/Kyiv" in status_text(screen)


async def test_local_is_the_default_and_headings_run_in_order(config_dir: Path) -> None:
    app = make_app([str(ZONES)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)  # tests run with TZ=UTC (conftest)
        assert shown_headings(screen) == ["Mon 18 Aug 2025", "Tue 19 Aug 2025"]
        assert "times in UTC" in status_text(screen)


async def test_set_zone_regroups_the_days_and_keeps_the_highlighted_event(
    config_dir: Path,
) -> None:
    app = make_app([str(ZONES)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        pane.action_last()
        await pilot.pause()
        screen.set_zone(DisplayZone.parse("America/New_York"))
        await pilot.pause()
        assert shown_headings(screen) == ["Mon 18 Aug 2025", "Tue 19 Aug 2025"]
        assert shown_clocks(screen) == ["18:00", "19:15", "23:30", "01:00"]
        assert screen.timeline.events[pane.highlighted].id == "kyiv-morning"
        assert "times in America/New_York" in status_text(screen)
        detail = str(screen.query_one("#detail-body", Static).render())
        assert "Tue 19 Aug 2025 01:00 EDT" in detail
        assert "given as Tue 19 Aug 2025 08:00 EEST (Europe/Kyiv)" in detail
        screen.set_zone(OWN)
        await pilot.pause()
        assert len(shown_headings(screen)) == 3  # each its own zone's day, as before
        assert "times in each event's own zone" in status_text(screen)


async def test_z_cycles_the_zone_keeping_the_highlighted_event_and_the_order(
    config_dir: Path,
) -> None:
    (config_dir / "config.toml").write_text('zone = "Europe/Kyiv"\n')
    app = make_app([str(ZONES)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        screen.query_one(TimelinePane).action_last()
        await pilot.press("z")  # Kyiv -> UTC
        await pilot.pause()
        assert shown_clocks(screen) == ["22:00", "23:15", "03:30", "05:00"]
        assert shown_headings(screen) == ["Mon 18 Aug 2025", "Tue 19 Aug 2025"]
        assert highlighted_id(screen) == "kyiv-morning"
        assert "times in UTC" in status_text(screen)
        assert any("UTC" in str(n.message) for n in app._notifications)
        await pilot.press("z")  # -> each event's own
        await pilot.pause()
        assert shown_clocks(screen)[-1] == "08:00"
        assert highlighted_id(screen) == "kyiv-morning"
        await pilot.press("z")  # -> local (UTC in the tests)
        await pilot.pause()
        assert screen.zone.kind == "local"
        assert config_dir.joinpath("config.toml").read_text() == 'zone = "Europe/Kyiv"\n'


async def test_z_back_to_a_zone_shows_its_days_again_from_the_rows_kept(config_dir: Path) -> None:
    app = make_app([str(ZONES)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        kyiv, new_york = DisplayZone.parse("Europe/Kyiv"), DisplayZone.parse("America/New_York")
        screen.set_zone(kyiv)
        await pilot.pause()
        kyiv_rows = pane.rows
        screen.set_zone(new_york)
        await pilot.pause()
        assert shown_headings(screen) == ["Mon 18 Aug 2025", "Tue 19 Aug 2025"]
        screen.set_zone(kyiv)
        await pilot.pause()
        assert pane.rows is kyiv_rows  # neither regrouped nor rebuilt
        assert shown_headings(screen) == ["Tue 19 Aug 2025"]
        assert shown_clocks(screen) == ["01:00", "02:15", "06:30", "08:00"]
        await pilot.press("r")  # a reload: the rows kept are the old timeline's
        screen = await settle(app, pilot)
        screen.set_zone(new_york)
        await pilot.pause()
        screen.set_zone(kyiv)
        await pilot.pause()
        assert shown_headings(screen) == ["Tue 19 Aug 2025"]
