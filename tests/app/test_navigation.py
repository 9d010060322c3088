"""Getting around: the jump history (backspace, ctrl+o), focus kept in the detail pane after a
related jump, j/k scrolling there, undoing a clear (ctrl+z), and a key bar that shows the keys
of whatever has focus, dialogs included."""

from __future__ import annotations

from apphelpers import EVENTS, highlighted_id, settle
from test_key_bar import bar_text

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.screens.main import CLEARED_MESSAGE
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (160, 45)


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


async def test_a_related_jump_keeps_focus_in_the_detail_and_backspace_comes_back():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        detail = screen.query_one(DetailPane)
        start = highlighted_id(screen)
        await pilot.press("tab")
        target = detail.related_ids[0]
        await pilot.press("1")
        await pilot.pause()
        assert highlighted_id(screen) == target and app.focused is detail
        await pilot.press("backspace")
        await pilot.pause()
        assert highlighted_id(screen) == start and app.focused is detail
        await pilot.press("1", "tab")  # leave the detail pane: ctrl+o brings focus back too
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert highlighted_id(screen) == start and app.focused is detail


async def test_backspace_goes_back_from_a_search_match():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"ceasefire", "enter")
        await pilot.pause()
        before = highlighted_id(screen)
        await pilot.press("n")
        assert highlighted_id(screen) != before
        await pilot.press("backspace")
        assert highlighted_id(screen) == before
        assert screen.state.search_text == "ceasefire"  # the search box was not touched


async def test_j_and_k_scroll_the_detail_pane_when_it_has_focus():
    app = app_on_events()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        detail = screen.query_one(DetailPane)
        shown = highlighted_id(screen)
        await pilot.press("enter", "j", "j")
        await pilot.pause()
        assert detail.scroll_y == 2 and highlighted_id(screen) == shown
        await pilot.press("k")
        await pilot.pause()
        assert detail.scroll_y == 1 and highlighted_id(screen) == shown


async def test_escape_on_the_timeline_clears_the_filters_and_ctrl_z_brings_them_back():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", *"merz", "enter", "escape", "slash", *"talks", "escape")
        await pilot.pause()
        state, shown = screen.state, list(screen.positions)
        assert state.selected == {"merz"} and state.search_text == "talks"
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.positions) == len(screen.timeline.events)
        assert any(n.message == CLEARED_MESSAGE for n in app._notifications)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.state == state and list(screen.positions) == shown
        bar = screen.query_one(SearchBar)
        assert bar.value == "talks" and bar.display
        assert screen.query_one("#actor-input").value == "merz"


async def test_escape_in_the_detail_pane_goes_back_to_the_timeline_and_keeps_the_filters():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", *"merz", "enter", "escape", "tab", "escape")
        await pilot.pause()
        assert isinstance(app.focused, TimelinePane) and screen.state.selected == {"merz"}


async def test_the_key_bar_shows_the_keys_of_the_dialog_or_list_that_has_focus():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = bar_text(app)
        assert "esc Close" in text and "Next day" not in text
        await pilot.press("escape", "e")
        await pilot.pause()
        text = bar_text(app)
        assert "esc Close" in text and "Next day" not in text
        await pilot.press("escape", "a", "down")  # into the actor list
        await pilot.pause()
        assert "space Toggle" in bar_text(app)
