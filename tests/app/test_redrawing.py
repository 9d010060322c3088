"""Redrawing little: a filter that changes how many rows the timeline has updates its scroll
bar without a layout of the screen, and the bar still comes and goes, the offset stays in
range and the last row can be reached."""

from __future__ import annotations

from apphelpers import EVENTS, settle

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (80, 24)  # the seed's rows do not fit: the timeline scrolls


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


def fewest_events_actor(screen: MainScreen) -> str:
    counts = {a: n for a, n in screen.view.counts.items() if n > 0}
    return min(counts, key=lambda a: (counts[a], a))


async def test_a_filter_that_fits_hides_the_scroll_bar_and_clearing_brings_it_back():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        height = pane.scrollable_content_region.height
        assert len(pane.rows) > height and pane.show_vertical_scrollbar
        screen.only_actor(fewest_events_actor(screen))
        await pilot.pause()
        assert len(pane.rows) <= pane.scrollable_content_region.height
        assert not pane.show_vertical_scrollbar and pane.scroll_offset.y == 0
        screen.clear_filters()
        await pilot.pause()
        assert pane.show_vertical_scrollbar and pane.virtual_size.height == len(pane.rows)
        await pilot.press("G")
        await pilot.pause()
        assert pane.scroll_offset.y == len(pane.rows) - pane.scrollable_content_region.height
        assert pane.vertical_scrollbar.window_virtual_size == len(pane.rows)


async def test_fewer_rows_keep_the_offset_in_range_and_the_cursor_in_view():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        await pilot.press("G")  # scrolled to the bottom of every row
        await pilot.pause()
        bottom = pane.scroll_offset.y
        assert bottom > 0
        await pilot.press("slash", *"zelenskyy", "enter", "ampersand")  # fewer rows
        await pilot.pause()
        height = pane.scrollable_content_region.height
        assert len(pane.rows) < bottom + height  # the old offset would be past the end
        assert 0 <= pane.scroll_offset.y <= max(len(pane.rows) - height, 0)
        assert pane.scroll_offset.y <= pane.cursor < pane.scroll_offset.y + height
