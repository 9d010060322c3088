"""The actor filter's list: down enters it, up at the top leaves it, moving skips headings, a
click or space toggles, a toggle redraws one row."""

from __future__ import annotations

from apphelpers import EVENTS, settle

from timeline_tui.ui.app import make_app
from timeline_tui.ui.widgets.actor_filter import ActorInput
from timeline_tui.ui.widgets.actor_list import ActorList

SIZE = (160, 45)


def row_text(actor_list: ActorList, actor_id: str) -> str:
    y = next(n for n, row in enumerate(actor_list.rows) if row.actor_id == actor_id)
    return actor_list.render_line(y - actor_list.scroll_offset.y).text


async def test_arrows_move_between_actors_and_skip_section_headings():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        actor_list = screen.query_one(ActorList)
        people = [row.actor_id for row in actor_list.rows[1:] if row.actor_id]
        assert actor_list.rows[0].actor_id is None  # "People"
        assert actor_list.highlighted_id == people[0]
        await pilot.press("a", "down")  # from the box into the list: the cursor stays put
        assert app.focused is actor_list and actor_list.highlighted_id == people[0]
        await pilot.press("up")  # up at the top: back to the box, not onto the heading
        assert app.focused is screen.query_one(ActorInput)
        assert actor_list.highlighted_id == people[0]
        heading = next(n for n, row in enumerate(actor_list.rows) if n and row.actor_id is None)
        for _ in range(heading):
            await pilot.press("down")
        assert actor_list.cursor == heading + 1  # went past "Countries, groups, ..."
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert actor_list.cursor == len(actor_list.rows) - 1


async def test_toggling_redraws_the_row_with_its_mark_and_keeps_the_cursor():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        actor_list = screen.query_one(ActorList)
        await pilot.press("a", "down")
        actor_id = actor_list.highlighted_id
        assert "●" not in row_text(actor_list, actor_id)
        await pilot.press("space")
        await pilot.pause()
        assert screen.state.selected == {actor_id}
        assert "●" in row_text(actor_list, actor_id)
        assert actor_list.highlighted_id == actor_id
        await pilot.press("space")
        await pilot.pause()
        assert not screen.state.selected and "●" not in row_text(actor_list, actor_id)


async def test_clicking_an_actor_toggles_it_and_clicking_a_heading_does_nothing():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        actor_list = screen.query_one(ActorList)
        await pilot.click(ActorList, offset=(4, 0))  # "People"
        await pilot.pause()
        assert not screen.state.selected
        target = actor_list.rows[3].actor_id
        await pilot.click(ActorList, offset=(4, 3))
        await pilot.pause()
        assert screen.state.selected == {target} and actor_list.highlighted_id == target
        shown = {screen.timeline.events[p].id for p in screen.positions}
        assert shown and len(shown) < len(screen.timeline.events)
