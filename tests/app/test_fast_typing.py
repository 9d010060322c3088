"""Keys typed faster than the app handles them: each lands where the keys before it lead.

Textual queues a key to the widget focused when it arrives, so without priority bindings the
letters typed right after `a` or `/` went to the timeline (and were lost), and enter toggled
the actor highlighted before the filter had narrowed."""

from __future__ import annotations

from apphelpers import EVENTS, settle, type_fast

from timeline_tui.ui.app import make_app


async def test_a_then_a_name_with_a_space_and_enter_chooses_that_actor():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        type_fast(app, "a", *"donald", "space", *"trump", "enter")
        await pilot.pause(0.3)
        assert screen.query_one("#actor-input").value == "donald trump"
        assert screen.state.selected == {"trump"}


async def test_slash_a_search_enter_and_n_search_then_step():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        type_fast(app, "slash", *"ceasefire", "enter", "n")
        await pilot.pause(0.3)
        assert screen.state.search_text == "ceasefire"
        assert screen.query_one("#search").display  # it holds a search: still shown
        assert app.focused is screen.query_one("#timeline")
        first, second = list(screen.view.matches)[:2]
        assert screen.query_one("#timeline").highlighted == second  # n moved past the first


async def test_escape_leaves_the_box_at_once_and_twice_clears_everything():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        type_fast(app, "a", *"putin", "enter", "escape", "j")
        await pilot.pause(0.3)
        assert screen.state.selected == {"putin"} and app.focused is screen.query_one("#timeline")
        assert screen.query_one("#actor-input").value == "putin"  # the j went to the timeline
        type_fast(app, "escape")
        await pilot.pause(0.3)
        assert not screen.state.selected and len(screen.positions) == len(screen.timeline.events)
