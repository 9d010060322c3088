"""Redrawing little: a filter that changes how many rows the timeline has updates its scroll
bar without a layout of the screen, and the bar still comes and goes, the offset stays in
range and the last row can be reached."""

from __future__ import annotations

from apphelpers import EVENTS, settle
from textual.geometry import Region

from timeline_tui.core.annotation import Annotation, Placed, place_in
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


def starred_here(pane: TimelinePane) -> Placed:
    """The highlighted event starred, as `m` would place it (without writing a notes file)."""
    event = pane.timeline.events[pane.highlighted]  # type: ignore[index]
    return place_in({event.id: Annotation(star=True)}, pane.timeline)


def drawn(pane: TimelinePane) -> list[list[tuple[str, object]]]:
    """Every line of the pane as it draws them (through render_lines, as a frame does)."""
    pane.refresh()  # Textual's own cache of lines out of the way: the pane draws each again
    size = pane.scrollable_content_region.size
    return [[(s.text, s.style) for s in strip] for strip in pane.render_lines(Region(0, 0, *size))]


def drawn_afresh(pane: TimelinePane) -> list[list[tuple[str, object]]]:
    pane._strips.forget()
    return drawn(pane)


async def test_lines_kept_from_before_are_drawn_as_they_would_be_afresh():
    app = app_on_events()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        before = drawn(pane)
        steps = [
            ("an actor alone", lambda: screen.only_actor(fewest_events_actor(screen))),
            ("filters cleared", screen.clear_filters),
            ("search", lambda: screen._change(screen.state.searching("ceasefire"))),
            ("narrowed", screen.action_narrow),
            ("search emptied", lambda: screen._change(screen.state.searching(""))),
            ("zone", screen.action_cycle_zone),
            ("anchor", screen.action_toggle_anchor),
            ("cursor down", lambda: pane.action_move(1)),
            ("starred", lambda: pane.set_annotations(starred_here(pane))),
            ("focus elsewhere", lambda: screen.action_cycle_focus(1)),
        ]
        for name, step in steps:
            step()
            await pilot.pause()
            kept = drawn(pane)
            assert kept == drawn_afresh(pane), name
        assert kept != before  # the steps changed what is drawn (the zone, the anchor)


async def test_the_same_rows_shown_again_are_drawn_from_the_strips_kept():
    app = app_on_events()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        first, highlighted = drawn(pane), pane.highlighted
        screen.only_actor(fewest_events_actor(screen))
        await pilot.pause()
        drawn(pane)
        screen.clear_filters()
        assert highlighted is not None and pane.select_position(highlighted)
        await pilot.pause()
        calls = []
        event_line = pane._event_line
        pane._event_line = lambda *a: calls.append(a) or event_line(*a)  # type: ignore[method-assign]
        assert drawn(pane) == first and calls == []
