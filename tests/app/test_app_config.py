"""Pilot tests for the config file: a saved theme comes back, a theme chosen is saved, a broken
file is reported and ignored, and screenshots go where the config (or the current folder) says."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import EVENTS, settle

from timeline_tui.loading.config import read_config
from timeline_tui.ui import app as app_module
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.widgets.actor_filter import ActorFilter


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("TIMELINE_TUI_CONFIG_DIR", str(folder))
    monkeypatch.setattr(app_module, "THEME_SETTLE_S", 0.05)
    return folder


def notices(app: TimelineApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_a_saved_theme_is_used_at_start(config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('theme = "textual-light"\n')
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-light"


@pytest.mark.parametrize(("setting", "size"), [("true", (80, 24)), ("false", (200, 50))])
async def test_the_side_pane_setting_wins_over_the_width(
    config_dir: Path, setting: str, size: tuple[int, int]
) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(f"side_pane = {setting}\n")
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        assert (screen.query_one(ActorFilter).region.width > 0) == (setting == "true")


async def test_a_theme_chosen_is_saved_once_it_settles(config_dir: Path) -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        app.theme = "gruvbox"  # passed over, as the palette's preview does
        await pilot.pause(0.2)
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "config"])
    assert read_config(config_dir / "config.toml").settings.theme == "gruvbox"


async def test_a_broken_config_is_reported_with_its_place_and_ignored(config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('theme = "nord"\nzone = "Mars/Base"\nside_pane = \n')
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        screen = await settle(app, pilot)
        assert len(screen.timeline.events) > 0  # the app works as if there were no file
        (said,) = [n for n in notices(app) if "config.toml" in n]
        assert "config.toml:3:" in said and "(ignored)" in said


async def test_an_unknown_theme_is_said_not_fatal(config_dir: Path) -> None:
    config_dir.mkdir()
    (config_dir / "config.toml").write_text('theme = "[b]no-such-theme"\n')
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        assert any("unknown theme '[b]no-such-theme'" in n for n in notices(app))


async def test_a_screenshot_goes_to_the_configured_folder_made_if_missing(
    config_dir: Path, tmp_path: Path
) -> None:
    shots = tmp_path / "shots" / "new"
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(f'screenshot_dir = "{shots}"\n')
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.action_screenshot("pwned.svg", str(tmp_path / "elsewhere"))  # as an action string
        (svg,) = shots.iterdir()
        assert svg.suffix == ".svg" and "<svg" in svg.read_text()
        assert not (tmp_path / "elsewhere").exists()
        await pilot.pause()
        assert any(str(svg) in n for n in notices(app))


async def test_a_screenshot_without_config_goes_to_the_current_folder(
    config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.action_screenshot()
        assert [p.suffix for p in tmp_path.glob("timeline-*")] == [".svg"]


async def test_a_screenshot_that_cannot_be_written_is_said(
    config_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("")
    config_dir.mkdir()
    (config_dir / "config.toml").write_text(f'screenshot_dir = "{tmp_path / "a-file" / "x"}"\n')
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.deliver_screenshot() is None  # what the palette's Screenshot calls
        await pilot.pause()
        assert any(n.startswith("Screenshot not saved in") for n in notices(app))
