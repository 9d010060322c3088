"""Pilot tests of completion in the search box: the list under the box offers field names
and values with counts, `tab` (or `down` then `enter`) accepts, letters stay in the box."""

from __future__ import annotations

from apphelpers import EVENTS, settle, type_fast

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.widgets.completion_list import CompletionList
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (120, 40)


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


def offered(screen) -> list[str]:  # type: ignore[no-untyped-def]
    shown = screen.query_one(CompletionList)
    return [c.text for c in shown.completion.candidates] if shown.display else []


async def test_typing_a_tag_offers_its_values_with_counts_and_tab_accepts():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"tag:se")
        await pilot.pause()
        assert offered(screen)[0] == 'tag:"security guarantees"'
        counts = [c.count for c in screen.query_one(CompletionList).completion.candidates]
        assert counts[0] == 8
        await pilot.press("tab")
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert bar.value == 'tag:"security guarantees" '
        assert isinstance(screen.focused, SearchBar)
        assert offered(screen) == []  # nothing after the space
        assert len(screen.view.matches) == 8


async def test_a_field_name_accepted_goes_on_to_its_values():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"stat", "tab")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "status:"
        assert "status:scheduled" in offered(screen)


async def test_down_moves_into_the_list_and_enter_accepts_the_line_chosen():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"tag:")
        await pilot.pause()
        second = offered(screen)[1]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == second + " "
        assert isinstance(screen.focused, SearchBar)  # enter took the line, not leave the box
        await pilot.press("enter")
        assert isinstance(screen.focused, TimelinePane)


async def test_letters_typed_while_the_list_shows_stay_in_the_box_and_enter_leaves():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"tag:territory", "enter")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "tag:territory"
        assert isinstance(screen.focused, TimelinePane)
        assert not screen.query_one(CompletionList).display  # hidden out of the box


async def test_an_actor_alias_completes_to_itself():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"actor:zelensk")
        await pilot.pause()
        assert 'actor:"Volodymyr Zelenskyy"' in offered(screen)


async def test_moving_the_cursor_back_into_a_term_completes_that_term():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"tag:terr kyiv")
        await pilot.pause()
        assert offered(screen) == []
        await pilot.press(*["left"] * 5)
        await pilot.pause()
        assert offered(screen) == ["tag:territory"]
        await pilot.press("tab")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "tag:territory kyiv"


async def test_a_tab_typed_fast_before_enter_still_completes():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        type_fast(app, "slash", *"tag:terr", "tab", "enter")
        await pilot.pause(0.3)
        assert screen.query_one(SearchBar).value == "tag:territory "
        assert isinstance(screen.focused, TimelinePane)


async def test_tab_with_nothing_to_complete_goes_to_the_next_pane():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"kyiv ", "tab")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "kyiv "
        assert isinstance(screen.focused, TimelinePane)
