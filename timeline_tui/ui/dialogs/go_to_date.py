"""GoToDateScreen (`t`): type a date; a live line says how it was read, or why it cannot be."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from timeline_tui.core.query_syntax import QueryError
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.plain_input import PlainInput
from timeline_tui.view.moving import DateTarget, read_target

HINT = "2025-08-17 · 17 Aug 2025 · Aug 2025 · today · last Friday · -3d · -2w"


class GoToDateScreen(ModalScreen[DateTarget | None]):
    """Ask for a date; enter on one that reads gives its DateTarget, escape gives None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        with Vertical(id="date-box"):
            yield Static(Content.styled("Go to a date", "bold"))
            yield PlainInput(placeholder=HINT, id="date-text")
            yield Static(Content(HINT), id="date-reading")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(PlainInput))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def read(self, text: str) -> DateTarget | QueryError | None:
        """What the text reads as: a target, the error, or None while nothing is typed."""
        if not text.strip():
            return None
        try:
            return read_target(text, self.today)
        except QueryError as error:
            return error

    @on(Input.Changed, "#date-text")
    def _typed(self, event: Input.Changed) -> None:
        self._show(self.read(event.value))

    @on(Input.Submitted, "#date-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        read = self.read(event.value)
        if isinstance(read, DateTarget):
            self.dismiss(read)
        else:
            self._show(read)  # the dialog stays open on what cannot be read

    def _show(self, read: DateTarget | QueryError | None) -> None:
        line = self.query_one("#date-reading", Static)
        line.set_class(isinstance(read, QueryError), "-error")
        if read is None:
            text = HINT
        elif isinstance(read, QueryError):
            text = read.message
        else:
            text = "→ " + read.reading
        line.update(Content(sanitize_line(text)))
