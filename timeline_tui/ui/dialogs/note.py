"""NoteScreen (`;`): the analyst's note on an event and their tags. ctrl+s (or enter in the
tags box) saves; escape leaves, asking first when something was changed (as the event form
does). Dismissed with a NoteEdit, or None."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from timeline_tui.core.annotation import Annotation, parse_tags
from timeline_tui.ui.dialogs.confirm import ConfirmScreen
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.plain_input import PlainInput
from timeline_tui.ui.widgets.plain_text_area import PlainTextArea
from timeline_tui.view.excerpt import shown_line

DISCARD_HINT = "y discards them · n or escape goes back"
HINT = "tab: the tags, comma-separated · ctrl+s saves · escape leaves"


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the dialog saved: the note's text and the tags."""

    note: str
    tags: tuple[str, ...]


class NoteScreen(ModalScreen[NoteEdit | None]):
    """Write or change the note on one event (its title shown, as typed in its file)."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    #note-box {
        width: 76; max-width: 95%; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 0 1;
    }
    #note-text { height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Leave", priority=True),
    ]

    def __init__(self, title: str, annotation: Annotation) -> None:
        super().__init__()
        self.event_title = title
        self.annotation = annotation

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(Content.styled("Your note on " + shown_line(self.event_title), "bold"))
            yield PlainTextArea(self.annotation.note, id="note-text", soft_wrap=True)
            yield PlainInput(", ".join(self.annotation.tags), placeholder="tags", id="note-tags")
            yield Static(Content(HINT), id="note-hint")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(PlainTextArea))

    @property
    def edit(self) -> NoteEdit:
        text = self.query_one(PlainTextArea).text
        return NoteEdit(text.strip("\n"), parse_tags(self.query_one("#note-tags", Input).value))

    @property
    def changed(self) -> bool:
        edit = self.edit
        return (edit.note, edit.tags) != (self.annotation.note.strip("\n"), self.annotation.tags)

    def action_save(self) -> None:
        self.dismiss(self.edit)

    @on(Input.Submitted, "#note-tags")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_leave(self) -> None:
        """Leave without saving; what was changed is discarded only when `y` says so."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = ConfirmScreen("Discard your changes to this note?", DISCARD_HINT)
        self.app.push_screen(question, answered)
