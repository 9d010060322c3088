"""Pilot tests of provenance on the made-up folder tests/data/provenance: the row marks, the
detail pane's grades, counts, quote checks and conflicts, the sources screen (`S`) and the
side-by-side view (`=`)."""

from __future__ import annotations

from apphelpers import ROOT, highlighted_id, settle, shown_ids

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.conflict import ConflictScreen
from timeline_tui.ui.dialogs.sources import SourcesScreen
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.source_list import SourceList
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.rows import CONTESTED_MARK, SINGLE_SOURCE_MARK

SIZE = (160, 45)
DATA = ROOT / "tests" / "data" / "provenance"


def app_on(folder: str) -> TimelineApp:
    return make_app([str(DATA / folder)], watch=False)


def detail_text(screen: MainScreen) -> str:
    return screen.query_one("#detail-body").visual.plain  # type: ignore[attr-defined]


def sources_text(screen: MainScreen) -> str:
    return screen.query_one(SourceList).render().plain


def row_text(screen: MainScreen, event_id: str) -> str:
    pane = screen.query_one(TimelinePane)
    row = pane.rows.row_of(screen.timeline.index_of(event_id) or 0)
    assert row is not None
    return pane.render_line(row - pane.scroll_offset.y).text


def plain(widget) -> str:  # type: ignore[no-untyped-def]
    return widget.visual.plain


async def test_rows_mark_contested_and_single_source_events():
    app = app_on("story")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        marks = {
            event_id: row_text(screen, event_id).split(title)[0][-2]
            for event_id, title in (
                ("bridge-closed", "Old bridge"), ("council-vote", "Council"),
                ("ferry-promised", "Mayor"),
            )
        }  # fmt: skip
        assert marks == {
            "bridge-closed": CONTESTED_MARK,
            "council-vote": SINGLE_SOURCE_MARK,
            "ferry-promised": " ",
        }


async def test_the_detail_pane_shows_grades_counts_quote_checks_and_conflicts():
    app = app_on("story")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "bridge-closed"
        text = detail_text(screen)
        assert (
            "Told differently by (= side by side)\n≢ Bridge closed, police turn drivers back"
            in text
        )
        assert "checked against 'gazette-print': found" in text
        shown = sources_text(screen)
        assert "reported by 2 sources (1 independent publisher)" in shown
        assert "B (usually reliable)" in shown and "2031-03-03" in shown


async def test_a_quote_whose_document_cannot_be_read_is_marked_unchecked():
    app = app_on("problems")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.select_event("unchecked-quote")
        await pilot.pause()
        assert "checked against 'lost-notes': unchecked (document not read)" in detail_text(screen)


async def test_the_sources_screen_lists_sources_and_enter_shows_only_that_sources_events():
    app = app_on("story")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SourcesScreen)
        assert [row.source_id for row in dialog.rows] == [
            "gazette-print", "gazette-web", "valley-radio",
        ]  # fmt: skip
        radio = dialog.rows[2]
        assert (radio.grade, radio.events) == ("D", 3)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(SearchBar).value == "source:valley-radio"
        assert shown_ids(screen) == ["bridge-closed-radio", "ferry-promised", "council-vote"]


async def test_escape_leaves_the_sources_screen_and_the_timeline_as_it_was():
    app = app_on("story")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        everything = shown_ids(screen)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and shown_ids(screen) == everything


async def test_equals_shows_both_accounts_side_by_side_and_what_differs():
    app = app_on("story")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.select_event("bridge-closed-radio")  # the record named, not the one naming
        await pilot.pause()
        await pilot.press("equals_sign")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        one, other = (
            plain(dialog.query_one("#conflict-one")),
            plain(dialog.query_one("#conflict-other")),
        )
        assert one.startswith("Bridge closed, police turn drivers back")
        assert other.startswith("Old bridge shut after cracks found")
        assert "D (not usually reliable)" in one and "B (usually reliable)" in other
        differs = plain(dialog.query_one("#conflict-differences"))
        assert "date: 2031-03-02  |  2031-03-01" in differs
        assert "place: South end of the old bridge  |  North end of the old bridge" in differs
        assert "figures: 300  |  200" in differs
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_equals_on_an_uncontested_event_says_so():
    app = app_on("story")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.select_event("council-vote")
        await pilot.pause()
        await pilot.press("equals_sign")
        await pilot.pause()
        assert app.screen is screen
        assert any("No loaded record" in str(n.message) for n in app._notifications)
