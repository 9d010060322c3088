"""Pilot: `+` and `ctrl+e` open the event form; it completes, checks as you type, saves, and
refuses (staying open, nothing lost) when the file changed on disk meanwhile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from apphelpers import EVENTS, highlighted_id, settle
from textual.widgets import Input, Static, TextArea

from timeline_tui.cli import main
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.event_form import EventFormScreen
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

SIZE = (160, 45)
MONDAY_FILE = "2025-08-18-white-house.toml"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    shutil.copytree(EVENTS, tmp_path / "events")
    return tmp_path / "events"


def _app(story: Path) -> TimelineApp:
    return make_app([str(story)], watch=False)


async def _open_new_form(app: TimelineApp, pilot, on: str) -> EventFormScreen:  # type: ignore[no-untyped-def]
    screen = await settle(app, pilot)
    position = screen.timeline.index_of(on)
    assert position is not None
    screen.query_one(TimelinePane).select_position(position)
    await pilot.press("plus")
    await pilot.pause()
    assert isinstance(app.screen, EventFormScreen)
    return app.screen


async def _fill(pilot, form: EventFormScreen, **values: str) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        form.query_one(f"#form-{name}", Input).value = value
    await pilot.pause()


def _text(form: EventFormScreen, name: str) -> str:
    return str(form.query_one(f"#{name}", Static).render())


async def test_plus_saves_a_new_event_that_appears_highlighted_and_checks_clean(story, capsys):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="Putin calls Trump", when="Monday 15:00", actors="putin")
        assert _text(form, "when-read") == "read as Mon 18 Aug 2025 15:00 EDT"
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        assert not isinstance(app.screen, EventFormScreen)
        assert highlighted_id(screen) == "putin-calls-trump"
        event = screen.timeline.events[screen.timeline.index_of("putin-calls-trump")]  # type: ignore[index]
        assert Path(event.file).name == MONDAY_FILE
    assert main(["check", str(story)]) == 0, capsys.readouterr().out


async def test_a_new_event_on_another_day_gets_a_file_of_its_day(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="Talks go on", when="2025-08-20")
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "talks-go-on"
    assert (story / "2025-08-20.toml").read_text().startswith('[[events]]\nid = "talks-go-on"')


async def test_a_bad_when_is_shown_as_you_type_and_not_saved(story):
    before = (story / MONDAY_FILE).read_bytes()
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="T", when="the day after never")
        assert "cannot read 'the day after never' as a date" in _text(form, "when-read")
        assert "cannot read" in _text(form, "form-problems")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
    assert (story / MONDAY_FILE).read_bytes() == before


async def test_a_file_changed_meanwhile_is_refused_and_the_form_kept(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="Putin calls Trump", when="2025-08-18")
        changed = (story / MONDAY_FILE).read_text() + "# someone else's edit\n"
        (story / MONDAY_FILE).write_text(changed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed on disk since it was read" in _text(form, "form-problems")
        assert form.query_one("#form-title", Input).value == "Putin calls Trump"
    assert (story / MONDAY_FILE).read_text() == changed


async def test_ctrl_e_edits_the_highlighted_event_in_place(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.query_one(TimelinePane).select_position(
            screen.timeline.index_of("white-house-talks")
        )  # type: ignore[arg-type]
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormScreen)
        assert form.query_one("#form-when", Input).value == "2025-08-18"
        await _fill(pilot, form, title="Zelenskyy and Trump meet")
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "white-house-talks"
        assert screen.query_one("#detail").event.title == "Zelenskyy and Trump meet"  # type: ignore[attr-defined]
    text = (story / MONDAY_FILE).read_text()
    assert text == (EVENTS / MONDAY_FILE).read_text().replace(
        'title = "Zelenskyy meets Trump at the White House"', 'title = "Zelenskyy and Trump meet"'
    )


async def test_the_actors_box_completes_the_last_name_from_the_registry(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        box = form.query_one("#form-actors", Input)
        assert (
            box.size.width == form.query_one("#form-title", Input).size.width
        )  # no CSS of #actors
        box.focus()
        await pilot.press(*"trump, zel")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert box.value.startswith("trump, zel") and len(box.value) > len("trump, zel")
        assert box.value.casefold().startswith("trump, zelensk")


async def test_a_quote_not_in_its_sources_document_is_refused_before_saving(story):
    before = (story / MONDAY_FILE).read_bytes()
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="T", when="2025-08-18", sources="seed-article")
        form.query_one("#form-quotes", TextArea).text = "Zelenskyy: words never said"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "quote not found in the document of source 'seed-article'" in _text(
            form, "form-problems"
        )
        form.query_one("#form-quotes", TextArea).text = "Zelenskyy: positive meeting"
        await pilot.pause()
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "t"
    assert (story / MONDAY_FILE).read_bytes().startswith(before)
