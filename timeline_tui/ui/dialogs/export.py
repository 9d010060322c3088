"""ExportScreen: `x` — choose a format and a file for what is shown (its times in the display
zone, which the dialog names); ConfirmScreen (confirm.py) asks before an existing file is
replaced. Dismissed with an ExportChoice, or None (escape)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Static

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.formats.export import FORMATS, default_file_name
from timeline_tui.ui.dialogs.confirm import ConfirmScreen

HINT = "↑↓ format · tab to the file · enter exports · escape cancels"


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """The format, the file (user-expanded), whether an existing file may be replaced, and
    whether stars and the analyst's notes go in (Markdown, CSV, JSON)."""

    format: str
    path: str
    replace: bool = False
    with_notes: bool = False


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Export what the timeline shows: a format, and a file (default ./timeline-DAY.EXT)."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    #export-box {
        width: 70; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(
        self, count: int, today: date | None = None, zone: str = "", notes: bool = False
    ) -> None:
        super().__init__()
        self.count = count
        self.notes = notes  # there are stars or notes: the box starts ticked
        self.today = (today or date.today()).isoformat()
        self.zone = zone  # the display zone's caption: `times in UTC`

    def compose(self) -> ComposeResult:
        noun = "event" if self.count == 1 else "events"
        with Vertical(id="export-box"):
            yield Static(Content.styled(f"Export the {self.count:,} {noun} shown", "bold"))
            if self.zone:
                zone = self.zone[:1].upper() + self.zone[1:]
                said = f"{zone}, as shown (CSV and JSON: each time as written)"
                yield Static(Content(said), id="export-zone")
            with RadioSet(id="export-format"):
                for i, (name, (label, _)) in enumerate(FORMATS.items()):
                    yield RadioButton(Content(label), value=i == 0, name=name)
            yield Checkbox("With stars and notes", self.notes, id="export-notes")
            yield Input(self._default("md"), id="export-path")
            yield Static(Content(HINT), id="export-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(RadioSet))

    def _default(self, format_name: str) -> str:
        return os.path.join(".", default_file_name(format_name, self.today))

    @property
    def format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "md"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        """A default file name follows the format; a name the user typed is kept."""
        path_input = self.query_one("#export-path", Input)
        if path_input.value in {self._default(name) for name in FORMATS}:
            path_input.value = self._default(self.format)

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = os.path.expanduser(event.value.strip())
        if not path or os.path.isdir(path):
            self.notify("Type the file to export to.", markup=False, severity="warning")
            return
        with_notes = self.query_one("#export-notes", Checkbox).value
        choice = ExportChoice(self.format, path, with_notes=with_notes)
        if not os.path.lexists(path):
            self.dismiss(choice)
            return

        def confirmed(replace: bool | None) -> None:
            if replace:
                self.dismiss(ExportChoice(choice.format, path, True, with_notes))

        self.app.push_screen(ConfirmScreen(f"{sanitize_line(path)} exists. Replace it?"), confirmed)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
