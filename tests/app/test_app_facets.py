"""Pilot tests of the side pane's facets: left/right switch from actors to tags, places,
statuses and sources; choosing a value puts its term in the search box and narrows the
timeline, choosing it again takes it out."""

from __future__ import annotations

from apphelpers import EVENTS, settle

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.widgets.actor_filter import ActorFilter
from timeline_tui.ui.widgets.actor_list import ActorList
from timeline_tui.ui.widgets.search_bar import SearchBar

SIZE = (160, 45)


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


def listed(screen) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = screen.query_one(ActorList).rows
    return [(row.actor_id, row.count) for row in rows if row.actor_id is not None]


async def test_right_shows_the_tags_with_counts_and_enter_chooses_one():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        everything = len(screen.positions)
        await pilot.press("a", "right")
        await pilot.pause()
        side = screen.query_one(ActorFilter)
        assert side.facet == "tag"
        assert listed(screen)[0] == ("security guarantees", "8")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == 'tag:"security guarantees"'
        assert len(screen.positions) == 8 < everything
        assert screen.state.narrow
        shown = [screen.timeline.events[p] for p in screen.positions]
        assert all("security guarantees" in event.tags for event in shown)
        assert listed(screen)[0] == ("security guarantees", "8")  # its own term: not narrowed
        await pilot.press("enter")  # again: out
        await pilot.pause()
        assert screen.query_one(SearchBar).value == ""
        assert len(screen.positions) == everything
        assert not screen.state.narrow  # nothing left to narrow to


async def test_a_facets_counts_follow_the_other_filters():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"status:scheduled", "enter", "a", "right")
        await pilot.pause()
        scheduled = list(screen.view.matches)
        counts = dict(listed(screen))
        expected = {}
        for p in scheduled:
            for tag in screen.timeline.events[p].tags:
                expected[tag.lower()] = expected.get(tag.lower(), 0) + 1
        assert {tag: int(n) for tag, n in counts.items()} == expected


async def test_left_and_right_cycle_the_facets_and_back_to_the_actors():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        side = screen.query_one(ActorFilter)
        await pilot.press("a", "right", "right", "right")
        await pilot.pause()
        assert side.facet == "status"
        assert "scheduled" in [key for key, _ in listed(screen)]
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert side.facet == "actor"
        assert "zelenskyy" in [key for key, _ in listed(screen)]
        await pilot.press("left")
        await pilot.pause()
        assert side.facet == "source"
        assert listed(screen) and all(int(count) > 0 for _, count in listed(screen))


async def test_typing_in_the_box_narrows_a_facets_values():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", "right", *"terr")
        await pilot.pause()
        assert [key for key, _ in listed(screen)] == ["territory"]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(SearchBar).value == "tag:territory"


async def test_a_folded_side_pane_gets_its_facets_counts_when_it_shows():
    app = app_on_events()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", "right", "escape")
        await pilot.pause()
        await pilot.press("slash", *"status:scheduled", "enter")  # while folded
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        scheduled = [screen.timeline.events[p] for p in screen.view.matches]
        counts = {key: int(count) for key, count in listed(screen)}
        assert counts["territory"] == sum("territory" in e.tags for e in scheduled)
