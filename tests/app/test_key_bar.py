"""The key bar: the keys that apply to what has focus, and a click presses one."""

from __future__ import annotations

from apphelpers import EVENTS, settle

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.help import HelpScreen
from timeline_tui.ui.widgets.key_bar import KeyBar

SIZE = (160, 45)


def bar_text(app: TimelineApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def test_shows_the_screen_keys_and_only_non_typing_keys_while_typing():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = bar_text(app)
        for shown in ("] Next day", "a Actors", "/ Search", "? Help", "q Quit", "^p palette"):
            assert shown in text
        await pilot.press("a")  # into the actor filter's text box: letters are typed there
        await pilot.pause()
        text = bar_text(app)
        assert "esc Leave the box" in text and "q Quit" not in text and "a Actors" not in text
        assert "Clear filters" not in text


async def test_clicking_a_key_presses_it():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        start = next(start for start, _, key in bar._spans if key == "question_mark")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_in_a_narrow_terminal_help_and_quit_stay_and_what_fits_goes_first():
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(app, pilot)
        text = bar_text(app)
        assert "? Help" in text and "q Quit" in text
        assert "] Next day" in text  # the first keys still come first
        assert len(text.rstrip()) <= 80
        bar = app.screen.query_one(KeyBar)
        start = next(start for start, _, key in bar._spans if key == "question_mark")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
