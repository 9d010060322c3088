"""Stars and notes in the app: `m` stars (a ★ in the row, kept across runs), `;` writes a note
and tags (shown in the detail pane as typed, kept across an edit of the event's file), the
watcher reads someone else's notes, an orphaned note is counted, `x` exports them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from apphelpers import EVENTS, highlighted_id, settle
from test_app_export import open_export, wait_for
from textual.widgets import Checkbox, Input, OptionList, Static

from timeline_tui.ui.app import make_app
from timeline_tui.ui.dialogs.confirm import ConfirmScreen
from timeline_tui.ui.dialogs.note import NoteScreen
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.plain_text_area import PlainTextArea
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

HOSTILE = "[/] [@click=app.quit]x \x1b]52;c;aGk=\x07 [b]bold"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "events"
    shutil.copytree(EVENTS, copy, ignore=shutil.ignore_patterns(".timeline"))
    return copy


def notes_file(folder: Path) -> Path:
    return folder / ".timeline" / "notes.toml"


def row_text(screen: MainScreen, event_id: str) -> str:
    pane = screen.query_one(TimelinePane)
    row = pane.rows.row_of(screen.timeline.index_of(event_id))  # type: ignore[arg-type]
    assert row is not None
    pane.scroll_to(y=row, animate=False, immediate=True)
    return pane.render_line(row - pane.scroll_offset.y).text


def detail_tail(screen: MainScreen) -> str:
    return str(screen.query_one("#detail-tail", Static).render())


async def test_m_stars_the_event_and_the_star_survives_a_restart(folder: Path) -> None:
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("j", "m")
        await pilot.pause()
        starred = highlighted_id(screen)
        assert starred is not None and "★" in row_text(screen, starred)
        assert "★ starred" in detail_tail(screen)
    assert f'event = "{starred}"\nstar = true' in notes_file(folder).read_text(encoding="utf-8")
    again = make_app([str(folder)], watch=False)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await settle(again, pilot)
        assert "★" in row_text(screen, starred)
        await pilot.press("slash", *"is:star", "enter", "ampersand")
        await pilot.pause()
        assert [screen.timeline.events[p].id for p in screen.positions] == [starred]
        await pilot.press("m")  # unstarred: the entry goes, the file stays
        await pilot.pause()
    assert starred not in notes_file(folder).read_text(encoding="utf-8")


async def test_semicolon_saves_a_note_shown_as_typed_and_kept_across_an_edit(
    folder: Path,
) -> None:
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("j", "semicolon")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteScreen)
        dialog.query_one(PlainTextArea).text = HOSTILE
        dialog.query_one("#note-tags", Input).value = "follow-up, check"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        noted = highlighted_id(screen)
        assert noted is not None and "✎" in row_text(screen, noted)
        tail = detail_tail(screen)
        assert "[/] [@click=app.quit]x ␛]52;c;aGk=␇ [b]bold" in tail  # literally, made visible
        assert "#follow-up  #check" in tail
        event = screen.timeline.events[screen.timeline.index_of(noted)]  # type: ignore[index]
    record = Path(event.file)
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace(event.title, event.title + " (edited)", 1), encoding="utf-8")
    again = make_app([str(folder)], watch=False)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await settle(again, pilot)
        position = screen.timeline.index_of(noted)
        assert screen.timeline.events[position].title.endswith("(edited)")  # type: ignore[index]
        assert screen.annotated.of(position).note == HOSTILE
        await pilot.press("slash", *"tag:check", "enter", "ampersand")
        await pilot.pause()
        assert [screen.timeline.events[p].id for p in screen.positions] == [noted]


async def test_escape_asks_before_discarding_a_changed_note(folder: Path) -> None:
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("semicolon", "escape")  # nothing typed: it just leaves
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("semicolon", *"draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # back to the note, its text kept
        await pilot.pause()
        assert app.screen.query_one(PlainTextArea).text == "draft"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen
    assert not notes_file(folder).exists()


async def test_someone_else_s_notes_show_and_an_orphan_is_counted(folder: Path) -> None:
    app = make_app([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        await wait_for(pilot, lambda: app.watcher is not None and app.watcher.ready.is_set())
        notes_file(folder).parent.mkdir()
        notes_file(folder).write_text(
            '[[notes]]\nevent = "white-house-talks"\nstar = true\n\n'
            '[[notes]]\nevent = "no-longer-here"\ntext = "kept"\n',
            encoding="utf-8",
        )
        await wait_for(pilot, lambda: bool(screen.annotated.starred))
        assert "★" in row_text(screen, "white-house-talks")
        assert "1 orphaned note" in str(screen.query_one(StatusLine).text)


async def test_x_exports_the_stars_and_notes_when_ticked(folder: Path, tmp_path: Path) -> None:
    notes_file(folder).parent.mkdir()
    notes_file(folder).write_text(
        '[[notes]]\nevent = "white-house-talks"\nstar = true\ntext = "Ask *who*"\n',
        encoding="utf-8",
    )
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        target = tmp_path / "out.md"
        dialog = await open_export(app, pilot, target)
        assert dialog.query_one("#export-notes", Checkbox).value  # there are notes: ticked
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
    text = target.read_text(encoding="utf-8")
    assert "### ★ " in text and "Ask \\*who\\*" in text


async def test_a_hostile_note_from_the_file_is_drawn_without_control_characters(
    folder: Path,
) -> None:
    notes_file(folder).parent.mkdir()
    notes_file(folder).write_text(
        '[[notes]]\nevent = "trump-putin-meeting"\ntext = "a \\u001b]52;c;aGk=\\u0007 [/] b"\n'
        'tags = ["[@click=app.quit]x"]\n',
        encoding="utf-8",
    )
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        screen.select_event("trump-putin-meeting")
        await pilot.pause()
        assert "a ␛]52;c;aGk=␇ [/] b" in detail_tail(screen)
        assert "#[@click=app.quit]x" in detail_tail(screen)
        await pilot.press("semicolon")
        await pilot.pause()
        area = app.screen.query_one(PlainTextArea)
        drawn = "".join(area.render_line(y).text for y in range(area.size.height))
        assert "\x1b" not in drawn and "\x07" not in drawn and "␛]52" in drawn
        assert area.text == "a \x1b]52;c;aGk=\x07 [/] b"  # kept as it is
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running


async def test_a_broken_notes_file_is_said_and_never_overwritten(folder: Path) -> None:
    notes_file(folder).parent.mkdir()
    broken = '[[notes]]\nevent = "white-house-talks"\nstar = "yes"\n'
    notes_file(folder).write_text(broken, encoding="utf-8")
    app = make_app([str(folder)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        assert "notes file: 1 problem (e)" in str(screen.query_one(StatusLine).text)
        await pilot.press("m")
        await pilot.pause()
        assert not screen.annotated.starred
        await pilot.press("e")
        await pilot.pause()
        options = app.screen.query_one("#problems-list", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("star must be true or false" in line for line in shown)
    assert notes_file(folder).read_text(encoding="utf-8") == broken
