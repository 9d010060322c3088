"""Pilot tests for empty states: the timeline pane says why nothing is shown."""

from __future__ import annotations

from apphelpers import EVENTS, settle
from support import Write

from timeline_tui.ui.app import make_app
from timeline_tui.ui.widgets.timeline_pane import TimelinePane


def pane_text(pane: TimelinePane) -> str:
    """What the pane shows, as one line (the message wraps to the pane's width)."""
    return " ".join(" ".join(pane.render_line(y).text.split()) for y in range(pane.size.height))


async def test_a_folder_without_event_files_says_so(write: Write) -> None:
    folder = write("notes/readme.txt", "not events").parent
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        text = pane_text(screen.query_one(TimelinePane))
        assert "No event files found in notes/." in text
        assert "No events match" not in text


async def test_filters_that_hide_everything_say_escape_clears_them() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"actor:nobody-at-all", "enter")
        await pilot.pause()
        text = pane_text(screen.query_one(TimelinePane))
        assert "No events match these filters." in text and "escape" in text
