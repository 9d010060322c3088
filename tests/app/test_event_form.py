"""Pilot: `+` and `ctrl+e` open the event form; it completes, checks as you type (the when and
the bounds read back, the date as it will be shown), saves, refuses (staying open, nothing
lost) when the file changed on disk meanwhile, and asks before escape discards a change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from apphelpers import EVENTS, highlighted_id, settle
from textual.widgets import Input, Static, TextArea

from timeline_tui.cli import main
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs.confirm import ConfirmScreen
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
    made = (story / "2025-08-20.toml").read_text()  # with the defaults the form read it by
    assert made.startswith('[meta]\nreference_date = 2025-08-17\ntimezone = "America/New_York"')
    assert '\n\n[[events]]\nid = "talks-go-on"' in made


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


UNDATED_FILE = "undated-threads.toml"


async def test_bounds_are_read_back_shown_as_the_timeline_shows_them_and_saved_without_when(
    story, capsys
):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="Envoys talk", latest="17 Aug 2025")
        assert _text(form, "when-read") == "when: none, placed by its bounds"
        assert _text(form, "latest-read") == "read as 17 Aug 2025"
        assert _text(form, "bounds-shown") == "shown as by 17 Aug 2025"
        await _fill(pilot, form, earliest="2025-08-15")
        assert _text(form, "earliest-read") == "read as 15 Aug 2025"
        assert _text(form, "bounds-shown") == "shown as between 15 and 17 Aug 2025"
        assert _text(form, "form-problems") == ""
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "envoys-talk"
        event = screen.timeline.events[screen.timeline.index_of("envoys-talk")]  # type: ignore[index]
        assert not event.when_given
        assert (event.earliest.iso(), event.latest.iso()) == ("2025-08-15", "2025-08-17")  # type: ignore[union-attr]
    text = (story / "2025-08-15.toml").read_text()
    assert 'earliest = 2025-08-15\nlatest = "17 Aug 2025"\n' in text and "when" not in text
    assert main(["check", str(story)]) == 0, capsys.readouterr().out


async def test_a_when_and_its_bounds_are_checked_as_the_loader_checks_them(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="T", when="")
        assert _text(form, "when-read").startswith("when: a date is needed")
        assert "has no 'when'" in _text(form, "form-problems")
        await _fill(pilot, form, earliest="2025-08-17", latest="2025-08-15")
        assert "'earliest' (2025-08-17) is after 'latest' (2025-08-15)" in _text(
            form, "form-problems"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # an error: not saved
        await _fill(pilot, form, when="2025-08-18", earliest="2025-08-15", latest="2025-08-17")
        assert "warning: 'when' is after 'latest' (2025-08-17)" in _text(form, "form-problems")
        assert _text(form, "bounds-shown") == (
            "shown as Mon 18 Aug 2025; bounds: between 15 and 17 Aug 2025"
        )
        await _fill(pilot, form, latest="someday")
        assert _text(form, "latest-read") == "latest: cannot read 'someday' as a date"
    assert not (story / "2025-08-18.toml").exists()


async def _open_edit_form(app: TimelineApp, pilot, on: str) -> EventFormScreen:  # type: ignore[no-untyped-def]
    screen = await settle(app, pilot)
    screen.query_one(TimelinePane).select_position(screen.timeline.index_of(on))  # type: ignore[arg-type]
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(app.screen, EventFormScreen)
    return app.screen


async def test_ctrl_e_shows_an_events_bounds_and_rewrites_only_the_one_changed(story):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_edit_form(app, pilot, "witkoff-article5-statement")
        assert form.query_one("#form-earliest", Input).value == "2025-08-15"
        assert form.query_one("#form-latest", Input).value == "2025-08-17"
        assert _text(form, "bounds-shown") == "shown as between 15 and 17 Aug 2025"
        await _fill(pilot, form, latest="2025-08-16")
        await pilot.press("ctrl+s")
        screen = await settle(app, pilot)
        event = screen.timeline.events[screen.timeline.index_of("witkoff-article5-statement")]  # type: ignore[index]
        assert event.latest.iso() == "2025-08-16"  # type: ignore[union-attr]
    assert (story / UNDATED_FILE).read_text() == (EVENTS / UNDATED_FILE).read_text().replace(
        "no later than Sunday 17 Aug.\nearliest = 2025-08-15\nlatest = 2025-08-17\n",
        "no later than Sunday 17 Aug.\nearliest = 2025-08-15\nlatest = 2025-08-16\n",
    )


async def test_escape_on_a_changed_form_asks_before_discarding_what_was_typed(story):
    before = sorted(p.name for p in story.iterdir())
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_new_form(app, pilot, "white-house-talks")
        await _fill(pilot, form, title="Half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#form-title", Input).value == "Half typed"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert not isinstance(app.screen, EventFormScreen | ConfirmScreen)
    assert sorted(p.name for p in story.iterdir()) == before


@pytest.mark.parametrize(
    "key, on", [("plus", "white-house-talks"), ("ctrl+e", "witkoff-article5-statement")]
)
async def test_escape_on_an_unchanged_form_closes_it(story, key, on):
    app = _app(story)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.query_one(TimelinePane).select_position(screen.timeline.index_of(on))  # type: ignore[arg-type]
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, EventFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
