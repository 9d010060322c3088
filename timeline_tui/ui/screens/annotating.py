"""The main screen's stars and notes (`m`, `;`): what it shows of them and what it asks the
app to save. Functions of the screen, kept apart so that main.py stays a go-between; the
screen holds `notes`, `notes_problems` and `annotated` (the notes placed in its timeline)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline_tui.core.annotation import Notes, place_in
from timeline_tui.core.diagnostics import Diagnostic, plural
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

if TYPE_CHECKING:
    from timeline_tui.ui.dialogs.note import NoteEdit
    from timeline_tui.ui.screens.main import MainScreen


def set_notes(screen: MainScreen, notes: Notes, problems: Sequence[Diagnostic] = ()) -> None:
    """Show these notes (read again, or just saved): marks, detail, query, status."""
    screen.notes, screen.notes_problems = notes, tuple(problems)
    if screen._ready:
        place_notes(screen)
        screen.refresh_view(screen._highlighted_id())
        screen._show_highlighted()


def place_notes(screen: MainScreen) -> None:
    """Put the notes held in the timeline shown (after a reload or a save)."""
    screen.annotated = place_in(screen.notes, screen.timeline)
    screen.index.annotate(screen.annotated)
    screen.query_one(TimelinePane).set_annotations(screen.annotated)


def notes_status(screen: MainScreen) -> list[str]:
    """`1 orphaned note`, `notes file: 1 problem (e)` for the status line."""
    count = len(screen.notes_problems)
    problems = f"notes file: {plural(count, 'problem')} (e)" if count else ""
    return [screen.annotated.orphan_status(), problems]


def star(screen: MainScreen) -> None:
    """`m`: star or unstar the highlighted event."""
    position = screen.query_one(TimelinePane).highlighted
    if position is None:
        screen.notify("No event highlighted.", markup=False, severity="warning")
        return
    event_id = screen.timeline.events[position].id
    annotation = screen.annotated.of(position)
    starred = annotation.starred(not annotation.star)
    if screen.app.save_annotation(event_id, starred):  # type: ignore[attr-defined]
        said = "Starred." if starred.star else "Star removed."
        screen.notify(said, markup=False, timeout=2)


def open_note(screen: MainScreen) -> None:
    """`;`: write or change the note (and tags) on the highlighted event."""
    from timeline_tui.ui.dialogs.note import NoteScreen

    position = screen.query_one(TimelinePane).highlighted
    if position is None:
        screen.notify("No event highlighted.", markup=False, severity="warning")
        return
    event = screen.timeline.events[position]
    annotation = screen.annotated.of(position)

    def saved(edit: NoteEdit | None) -> None:
        if edit is None or (edit.note, edit.tags) == (annotation.note, annotation.tags):
            return
        written = annotation.written(edit.note, edit.tags)
        if screen.app.save_annotation(event.id, written):  # type: ignore[attr-defined]
            screen.notify("Note saved.", markup=False, timeout=2)

    screen.app.push_screen(NoteScreen(event.title, annotation), saved)
