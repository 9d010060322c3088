"""Pilot tests of the query in the search box: `&` narrows to the matches and back, and a
query that does not parse is shown with its column, never an exception."""

from __future__ import annotations

from apphelpers import EVENTS, highlighted_id, settle, shown_ids

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (160, 45)


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


def status_of(screen) -> str:  # type: ignore[no-untyped-def]
    return screen.query_one(StatusLine).text


async def test_ampersand_shows_only_the_matches_and_back_keeping_the_highlighted_event():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        everything = shown_ids(screen)
        await pilot.press("slash", *"ceasefire", "enter", "n")
        chosen = highlighted_id(screen)
        matches = [screen.timeline.events[p].id for p in screen.view.matches]
        assert chosen in matches and len(matches) < len(everything)
        await pilot.press("ampersand")
        await pilot.pause()
        assert shown_ids(screen) == matches
        assert highlighted_id(screen) == chosen
        assert "narrowed to matches (&)" in status_of(screen)
        await pilot.press("ampersand")
        await pilot.pause()
        assert shown_ids(screen) == everything
        assert highlighted_id(screen) == chosen
        assert "narrowed" not in status_of(screen)


async def test_narrowing_stays_on_while_the_query_changes_and_fields_narrow_too():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"kyiv", "enter", "ampersand")
        await pilot.press("slash", "ctrl+u", *"status:scheduled", "enter")
        await pilot.pause()
        shown = [screen.timeline.events[p] for p in screen.positions]
        assert shown and all(event.status == "scheduled" for event in shown)
        assert "narrowed to matches (&)" in status_of(screen)


async def test_a_query_that_does_not_parse_says_where_and_shows_everything():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"ceasefire tga:x")
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert bar.has_class("-invalid")
        assert "search does not parse: column 11: unknown field tga:" in status_of(screen)
        assert len(screen.positions) == len(screen.timeline.events) and not screen.view.matches
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert not bar.has_class("-invalid") and screen.view.matches
        assert isinstance(screen.focused, SearchBar)


async def test_ampersand_in_the_box_is_typed_not_a_key():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", "ampersand")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "&"
        assert not screen.state.narrow
        await pilot.press("enter")
        assert isinstance(screen.focused, TimelinePane)


async def test_a_row_matching_outside_its_title_says_where():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"inferred", "enter", "ampersand")
        await pilot.pause()
        pane = screen.query_one(TimelinePane)
        lines = [pane.render_line(y).text for y in range(pane.size.height)]
        assert shown_ids(screen) == ["zelenskyy-welcomes-security-guarantees"]
        row = next(line for line in lines if "Zelenskyy welcomes" in line)
        assert "· in notes" in row  # the title, cut to make room, then why it matches
