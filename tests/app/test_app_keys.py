"""Pilot tests: every key of DESIGN.md's contract, asserting on the app's state."""

from __future__ import annotations

from apphelpers import EVENTS, highlighted_id, settle, shown_ids
from textual.command import CommandPalette

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.help import HelpScreen
from timeline_tui.ui.dialogs.problems import ProblemsScreen
from timeline_tui.ui.widgets.actor_filter import ActorInput
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.rows import group_label

MONDAY = {"white-house-talks", "trump-zelenskyy-private-meeting", "white-house-working-lunch"}
SIZE = (160, 45)


def app_on_events() -> TimelineApp:
    return make_app([str(EVENTS)], watch=False)


async def test_opens_with_every_event_in_time_order_and_the_first_highlighted():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        events = [screen.timeline.events[p] for p in screen.positions]
        assert len(events) == len(screen.timeline.events) >= 15
        assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
        assert highlighted_id(screen) == events[0].id
        assert screen.query_one(DetailPane).event.id == events[0].id


async def test_j_k_and_arrows_move_between_events_and_update_the_detail():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        ids = shown_ids(screen)
        await pilot.press("j")
        assert highlighted_id(screen) == ids[1]
        await pilot.press("down", "down")
        assert highlighted_id(screen) == ids[3]
        await pilot.press("k")
        assert highlighted_id(screen) == ids[2]
        await pilot.press("up")
        await pilot.pause()
        assert highlighted_id(screen) == ids[1]
        assert screen.query_one(DetailPane).event.id == ids[1]


async def test_g_G_home_end_go_to_first_and_last_event():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        ids = shown_ids(screen)
        await pilot.press("G")
        assert highlighted_id(screen) == ids[-1]
        await pilot.press("g")
        assert highlighted_id(screen) == ids[0]
        await pilot.press("end")
        assert highlighted_id(screen) == ids[-1]
        await pilot.press("home")
        assert highlighted_id(screen) == ids[0]


async def test_brackets_move_to_the_first_event_of_the_next_and_previous_day():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        groups = []
        for _ in range(6):
            await pilot.press("right_square_bracket")
            groups.append(group_label(screen.timeline.events[pane.highlighted]))
        # from the events known to lie between Friday and Sunday: Friday, those known by
        # Sunday, after Sunday, Sunday, Monday, then Monday stays (the last day)
        assert groups == [
            "Fri 15 Aug 2025",
            "by 17 Aug 2025",
            "after 17 Aug 2025",
            "Sun 17 Aug 2025",
            "Mon 18 Aug 2025",
            "Mon 18 Aug 2025",
        ]
        await pilot.press("left_square_bracket")
        assert group_label(screen.timeline.events[pane.highlighted]) == "Sun 17 Aug 2025"


async def test_tab_cycles_focus_timeline_detail_actor_filter():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert isinstance(screen.focused, TimelinePane)
        await pilot.press("tab")
        assert isinstance(screen.focused, DetailPane)
        await pilot.press("tab")
        assert isinstance(screen.focused, ActorInput)
        await pilot.press("tab")
        assert isinstance(screen.focused, TimelinePane)
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, ActorInput)


async def test_a_merz_space_leaves_only_the_monday_talks_and_escape_twice_restores():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        total = len(screen.positions)
        await pilot.press("a", *"merz", "enter")
        await pilot.pause()
        assert set(shown_ids(screen)) <= MONDAY and len(shown_ids(screen)) == 2
        assert screen.state.selected == {"merz"}
        await pilot.press("escape")
        assert isinstance(screen.focused, TimelinePane)
        assert len(screen.positions) == 2
        await pilot.press("escape")
        assert len(screen.positions) == total and not screen.state.selected


async def test_a_then_donald_trump_and_enter_types_the_space_and_turns_trump_on():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", *"donald trump", "enter")
        await pilot.pause()
        assert screen.query_one(ActorInput).value == "donald trump"
        assert screen.state.selected == {"trump"}


async def test_actor_filter_is_fuzzy_and_alias_aware():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", *"zelensky", "enter")
        await pilot.pause()
        assert screen.state.selected == {"zelenskyy"}
        assert all("zelenskyy" in screen.timeline.events[p].actors for p in screen.positions)


async def test_choosing_a_group_includes_its_members_and_match_all_narrows():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a", *"coalition", "enter")
        await pilot.pause()
        coalition = set(shown_ids(screen))
        assert "white-house-working-lunch" in coalition  # Merz, Macron, Starmer are there
        await pilot.press("ctrl+a", "ctrl+k", *"putin", "enter")
        await pilot.pause()
        either = set(shown_ids(screen))
        assert coalition < either
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.state.match_all and set(shown_ids(screen)) < either


async def test_slash_searches_as_you_type_and_n_N_step_through_matches():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"ceasefire")
        await pilot.pause()
        assert isinstance(screen.focused, SearchBar)
        matches = [p for p in screen.positions if p in screen.view.matches]
        assert len(matches) >= 3
        assert all("ceasefire" in screen.index.haystacks[p] for p in matches)
        await pilot.press("enter")
        assert isinstance(screen.focused, TimelinePane)
        pane = screen.query_one(TimelinePane)
        first = pane.highlighted
        assert first in screen.view.matches
        await pilot.press("n")
        assert pane.highlighted in screen.view.matches and pane.highlighted > first
        await pilot.press("N")
        assert pane.highlighted == first


async def test_actor_term_in_search_narrows_the_timeline():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"actor:merz")
        await pilot.pause()
        assert set(shown_ids(screen)) <= MONDAY and len(shown_ids(screen)) == 2


async def test_empty_result_says_so_and_escape_clears_it():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"actor:nobody-at-all", "escape")
        await pilot.pause()
        assert screen.positions == []
        assert "0 of" in str(screen.query_one("#status").render())
        await pilot.press("escape")
        assert len(screen.positions) == len(screen.timeline.events)


async def test_number_key_in_detail_jumps_to_a_related_event():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        detail = screen.query_one(DetailPane)
        await pilot.press("tab")
        assert detail.related_ids
        target = detail.related_ids[0]
        await pilot.press("1")
        await pilot.pause()
        assert highlighted_id(screen) == target


async def test_question_mark_shows_help_and_e_shows_problems():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("e")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_ctrl_p_opens_the_command_palette_with_filter_and_go_commands():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "go: Next day" in titles and "filter: Only Volodymyr Zelenskyy" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"only friedrich", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert screen.state.selected == {"merz"}


async def test_clicking_a_row_highlights_that_event():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        row = next(r for r, p in enumerate(pane.rows.event) if p >= 0 and r > 3)
        await pilot.click(TimelinePane, offset=(10, row))
        assert pane.cursor == row


async def test_q_quits():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_clicking_a_related_event_jumps_to_it_even_when_titles_are_cut_short():
    app = app_on_events()
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await settle(app, pilot)
        detail = screen.query_one(DetailPane)
        related = detail.query_one("#related")
        assert len(detail.related_ids) >= 2
        target = detail.related_ids[1]
        detail.scroll_end(animate=False)
        await pilot.pause()
        await pilot.click("#related", offset=(6, 2))  # heading, link 1, link 2
        await pilot.pause()
        assert highlighted_id(screen) == target
        assert related.size.height == len(detail.related_ids) + 1  # no title wrapped


async def test_the_detail_pane_marks_the_search_terms_as_they_are_typed():
    app = app_on_events()
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        body = screen.query_one("#detail-body")

        def marked() -> list[str]:
            content = body.visual
            return [
                content.plain[s.start : s.end].casefold()
                for s in content.spans
                if "reverse" in str(s.style)
            ]

        await pilot.press("slash", *"cease")
        await pilot.pause()
        assert marked() and all(text == "cease" for text in marked())
        await pilot.press(*"fire")
        await pilot.pause()
        assert marked() and all(text == "ceasefire" for text in marked())
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not marked()
