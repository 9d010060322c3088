"""Pilot tests of saved views: `ctrl+s` names the view shown, `v` lists the views to restore
(enter), rename (r) or delete (d); the last view comes back at the next start unless the
config's restore_view is false."""

from __future__ import annotations

import os
from pathlib import Path

from apphelpers import EVENTS, settle

from timeline_tui.loading.view_store import SavedView, read_views, save_view
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.saved_views import NameViewScreen, ViewsScreen
from timeline_tui.ui.widgets.search_bar import SearchBar

SIZE = (120, 40)
ROOTS = [str(EVENTS)]


def app_on_events() -> TimelineApp:
    return make_app(ROOTS, watch=False)


async def test_ctrl_s_names_the_view_and_it_comes_back_at_the_next_start():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"tag:territory", "enter", "ampersand", "z")
        await pilot.pause()
        narrowed = len(screen.positions)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NameViewScreen)
        await pilot.press("ctrl+u", *"territory", "enter")
        await pilot.pause()
        assert read_views(ROOTS).named("territory") == SavedView(
            "territory", "tag:territory", (), False, "UTC", True
        )
    again = app_on_events()
    async with again.run_test(size=SIZE) as pilot:
        screen = await settle(again, pilot)
        assert screen.query_one(SearchBar).value == "tag:territory"
        assert screen.state.narrow and len(screen.positions) == narrowed
        assert screen.zone.name == "UTC"


async def test_v_restores_a_view_and_d_deletes_one():
    save_view(ROOTS, SavedView("scheduled", "status:scheduled", ("zelenskyy",), narrow=True))
    save_view(ROOTS, SavedView("kyiv", "kyiv"))
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ViewsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "status:scheduled"
        assert screen.state.selected == {"zelenskyy"} and screen.state.narrow
        shown = [screen.timeline.events[p] for p in screen.positions]
        assert shown and all(event.status == "scheduled" for event in shown)
        await pilot.press("v", "down", "d")
        await pilot.pause()
        assert [v.name for v in read_views(ROOTS).views] == ["scheduled"]
        assert isinstance(app.screen, ViewsScreen)  # the list again, less the one deleted


async def test_r_renames_a_view():
    save_view(ROOTS, SavedView("kyiv", "kyiv"))
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v", "r")
        await pilot.pause()
        assert isinstance(app.screen, NameViewScreen)
        await pilot.press("ctrl+u", *"capital", "enter")
        await pilot.pause()
        assert [v.name for v in read_views(ROOTS).views] == ["capital"]


async def test_no_last_view_comes_back_when_the_config_says_so(tmp_path: Path):
    config = Path(os.environ["TIMELINE_TUI_CONFIG_DIR"]) / "config.toml"
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"kyiv", "enter")
    try:
        config.write_text("restore_view = false\n", encoding="utf-8")
        again = app_on_events()
        async with again.run_test(size=SIZE) as pilot:
            screen = await settle(again, pilot)
            assert screen.query_one(SearchBar).value == ""
            assert screen.state.search_text == ""
    finally:
        config.unlink()


async def test_a_views_file_that_cannot_be_read_is_said_and_left_alone():
    from timeline_tui.loading.view_store import views_file

    file = views_file(ROOTS)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("{broken", encoding="utf-8")
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert not isinstance(app.screen, ViewsScreen)
        await pilot.press("slash", *"kyiv", "enter", "ctrl+s", "enter")
        await pilot.pause()
        assert screen.state.search_text == "kyiv"
    assert file.read_text(encoding="utf-8") == "{broken"
