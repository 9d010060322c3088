"""Problems shown where they are: on the broken folder's events, each problem in the event's
detail pane and a mark in its row; unreadable dates listed last; `e` then `enter` the file."""

from __future__ import annotations

from apphelpers import highlighted_id, settle, shown_ids
from support import BROKEN

from timeline_tui.ui.app import make_app
from timeline_tui.ui.dialogs.problems import FileScreen, ProblemsScreen
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.rows import PROBLEM_MARK

SIZE = (160, 50)
# Each event of tests/data/broken/ and the problems its detail pane lists: `line:column
# severity: the start of the message`.
EXPECTED = {
    "cites-nothing-known": ["5:1 warning: unknown source 'nowhere'"],
    "rumoured-visit": ["5:1 error: unknown status 'rumoured'"],
    "misquoted": ["17:1 error: quote not found in the document of source 'briefing'"],
    "many-bad-fields": [
        "6:1 error: 'location' must be a string",
        "7:1 error: 'actors' must hold only strings",
        "8:1 error: 'tags' must be a list of strings",
        "9:1 error: 'precision' must be one of",
    ],
    "ends-before-it-starts": ["5:1 warning: 'end' (Mon 18 Aug 2025 13:00"],
    "unreadable-when": ["5:1 error: cannot read 'the day after the summit' as a date"],
    "no-when": ["8:1 error: event has no 'when'"],
}


def detail_text(screen: MainScreen) -> str:
    return screen.query_one("#detail-body").visual.plain  # type: ignore[attr-defined]


def problems_section(screen: MainScreen) -> list[str]:
    """The lines of the detail pane's Problems section, without their ✗ / ⚠ mark."""
    lines = detail_text(screen).split("\n")
    if not any(line.startswith("Problems") for line in lines):
        return []
    start = next(n for n, line in enumerate(lines) if line.startswith("Problems")) + 1
    section = lines[start : lines.index("", start)]
    return [line[2:] for line in section]


def row_marks(screen: MainScreen) -> str:
    """What the highlighted event's row shows before its title: the clock and the marks."""
    pane = screen.query_one(TimelinePane)
    text = pane.render_line(pane.cursor - pane.scroll_offset.y).text
    title = screen.timeline.events[pane.highlighted or 0].title
    return text.split(title)[0]


async def test_every_event_of_the_broken_folder_lists_its_problems_and_is_marked():
    app = make_app([str(BROKEN)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert shown_ids(screen) == list(EXPECTED)
        for event_id, problems in EXPECTED.items():
            assert highlighted_id(screen) == event_id
            listed = problems_section(screen)
            assert len(listed) == len(problems), (event_id, listed)
            for shown, expected in zip(listed, problems, strict=True):
                assert shown.startswith(expected), (event_id, shown)
            assert PROBLEM_MARK in row_marks(screen), event_id
            await pilot.press("j")
            await pilot.pause()


async def test_events_whose_date_cannot_be_read_come_last_under_date_unreadable():
    app = make_app([str(BROKEN)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("G")
        await pilot.pause()
        pane = screen.query_one(TimelinePane)
        lines = [pane.render_line(y).text.strip() for y in range(len(pane.rows))]
        assert lines[-3] == "date unreadable"
        assert [line.split(" ", 1)[-1].strip() for line in lines[-2:]] == [
            "A meeting on an unreadable day",
            "A meeting with no date at all",
        ]
        assert "When\ndate unreadable (see Problems)\n" in detail_text(screen)


async def test_the_quote_not_in_its_document_is_marked_where_it_stands():
    app = make_app([str(BROKEN)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        pane.select_position(screen.timeline.index_of("misquoted") or 0)
        await pilot.pause()
        said = detail_text(screen).split("Said\n", 1)[1].split("\n\n", 1)[0].split("\n")
        assert said[0] == "“We expect the talks to go ahead on Monday”"
        assert said[2].strip() == "checked against 'briefing': found"
        assert said[3] == "“We never said anything of the kind”"
        assert said[5].strip() == "checked against 'briefing': NOT found"
        assert said[6].strip().startswith("✗ 17:1 error: quote not found")
        assert len(said) == 7  # the quote that is in the document has no problem


async def test_an_unknown_status_is_shown_as_written_and_flagged():
    app = make_app([str(BROKEN)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert highlighted_id(screen) == "rumoured-visit"
        assert "Status\nrumoured (not a known status)\n" in detail_text(screen)
        assert row_marks(screen).split() == ["?⚠"]


async def test_e_then_enter_shows_the_file_at_the_problems_line():
    app = make_app([str(BROKEN)], watch=False)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        problems = app.screen
        assert isinstance(problems, ProblemsScreen)
        chosen = problems.diagnostics[0]  # the newest first: unreadable-date.toml's line 8
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, FileScreen)
        assert shown.diagnostic == chosen
        text = shown.query_one("#file-text").visual.plain.split("\n")  # type: ignore[attr-defined]
        assert text[chosen.line - 1].startswith(f"▶{chosen.line:>5} │ ")
        scroll = shown.query_one("#file-lines")
        top, height = scroll.scroll_offset.y, scroll.scrollable_content_region.height
        assert top <= chosen.line - 1 < top + height
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is problems
