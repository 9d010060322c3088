"""Screen sizes (DESIGN.md): usable from 80x24 to 250x70; the title gets the room; the side
pane folds below 120 columns and `\\` brings it back; below 100 the detail pane goes under the
timeline; resizing keeps the place."""

from __future__ import annotations

from apphelpers import EVENTS, highlighted_id, settle

from timeline_tui.ui.app import make_app
from timeline_tui.ui.widgets.actor_filter import ActorFilter, ActorInput
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SMALL, MEDIUM, LARGE = (80, 24), (120, 40), (200, 50)
TITLE_CELLS = 45


def cursor_line(pane: TimelinePane) -> str:
    """The highlighted row as drawn on screen."""
    return pane.render_line(pane.cursor - pane.scroll_offset.y).text


def side_shown(screen) -> bool:  # type: ignore[no-untyped-def]
    actors = screen.query_one(ActorFilter)
    return actors.display and actors.region.width > 0


async def test_at_80x24_every_row_shows_at_least_45_characters_of_its_title():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        shown: dict[str, str] = {}
        for _ in screen.positions:
            event = screen.timeline.events[pane.highlighted]
            shown[event.title] = cursor_line(pane)
            await pilot.press("j")
        assert len(shown) == len(screen.positions)
        assert "Trump and Putin meet" in shown["Trump and Putin meet"]
        for title, line in shown.items():
            assert title[:TITLE_CELLS] in line, line


async def test_the_side_pane_folds_below_120_columns_and_backslash_brings_it_back():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settle(app, pilot)
        assert not side_shown(screen)
        await pilot.press("backslash")
        await pilot.pause()
        assert side_shown(screen)
        await pilot.press("backslash")
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert not side_shown(screen)  # hidden by hand: it stays hidden at any width
        await pilot.press("backslash")
        await pilot.pause()
        assert side_shown(screen)


async def test_the_side_pane_shows_at_120_columns_and_a_opens_it_when_folded():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=MEDIUM) as pilot:
        screen = await settle(app, pilot)
        assert side_shown(screen)
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert not side_shown(screen)
        await pilot.press("a")
        await pilot.pause()
        assert side_shown(screen) and isinstance(app.focused, ActorInput)
        actors, detail = screen.query_one(ActorFilter).region, screen.query_one(DetailPane).region
        assert not actors.overlaps(detail)  # the detail under the timeline, beside the filter
        await pilot.press("escape")  # back to the timeline: the pane folds again
        await pilot.pause()
        assert not side_shown(screen) and isinstance(app.focused, TimelinePane)


async def test_below_100_columns_the_detail_goes_under_the_timeline_and_enter_opens_it():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settle(app, pilot)
        timeline, detail = screen.query_one(TimelinePane).region, screen.query_one(DetailPane)
        assert detail.region.y >= timeline.bottom and detail.region.width == SMALL[0]
        height = detail.region.height
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is detail and detail.region.height > height  # it takes the room
        await pilot.resize_terminal(*MEDIUM)
        await pilot.pause()
        assert detail.region.x >= screen.query_one(TimelinePane).region.right  # beside it


async def test_a_resize_from_200x50_to_60x20_and_back_keeps_the_highlighted_event():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=LARGE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        await pilot.press("G", "k", "k")
        kept = highlighted_id(screen)
        for size in ((60, 20), LARGE):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert highlighted_id(screen) == kept
            top = pane.scroll_offset.y
            assert top <= pane.cursor < top + pane.scrollable_content_region.height  # in view


async def test_tab_leaves_out_a_folded_side_pane():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SMALL) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("tab")
        assert app.focused is screen.query_one(DetailPane)
        await pilot.press("tab")
        assert isinstance(app.focused, TimelinePane)
