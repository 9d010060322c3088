"""OpenScreen: type a path (tab completes) or pick a recent one; shows how many events it holds.

The count (the preview) is worked out in a thread once typing pauses, so typing `/home/me/ev`
does not start a walk of `/`, `/h`, `/ho` and so on; a new preview cancels the one before, and
a preview's result is shown only if it is still for the path the box asks about.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.loading.preview import failure, preview
from timeline_tui.loading.recent import complete, recent_paths
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.plain_input import PlainInput

HINT = "tab completes · ↑↓ choose · enter opens · escape cancels"
PAUSE = 0.25  # seconds without typing before the preview of what is typed starts
PREVIEW_LIMIT = 0.5  # seconds a preview may take, finding the files included


def preview_line(path: str, should_stop: Callable[[], bool]) -> str:
    """The preview line for a typed path: empty while it names nothing (yet). Reads the disk:
    called in the preview's thread, never in the UI's."""
    full = os.path.expanduser(path.strip())
    if not full or not os.path.exists(full):
        return ""
    return preview(full, limit=PREVIEW_LIMIT, should_stop=should_stop)


class PathInput(PlainInput):
    """The path box: arrows move in the list below, tab takes the highlighted path."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, OpenScreen):
            return
        moves = {"up": -1, "down": 1}
        if event.key in moves:
            screen.move(moves[event.key])
        elif event.key == "tab":
            screen.take_highlighted()
        elif event.key == "escape":
            screen.dismiss(None)
        else:
            return
        event.stop()
        event.prevent_default()


class OpenScreen(ModalScreen[list[str] | None]):
    """Choose a file or folder to merge into the open timeline."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]
    _wanted: str | None = None  # the path whose preview the line should show
    _pause: Timer | None = None  # runs until typing has paused; then the preview starts

    def compose(self) -> ComposeResult:
        with Vertical(id="open-box"):
            yield Static(Content.styled("Open a file or folder into this timeline", "bold"))
            yield PathInput(placeholder="path to a .toml file or a folder", id="open-path")
            yield Static(Content(HINT), id="open-hint")
            yield OptionList(id="open-list")
            yield Static(id="open-preview")
        yield KeyBar(id="keys")  # this dialog's keys, not the main screen's

    def on_mount(self) -> None:
        self.query_one("#open-list", OptionList).can_focus = False
        self.set_focus(self.query_one(PathInput))
        self._fill("")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def _fill(self, typed: str) -> None:
        """Completions of what is typed, or the recent paths when nothing is typed yet."""
        choices = complete(typed) if typed else recent_paths()
        title = "recent" if not typed else "matching"
        option_list = self.query_one("#open-list", OptionList)
        option_list.clear_options()
        if choices:
            option_list.add_option(Option(Content.styled(title, "bold"), disabled=True))
        option_list.add_options(Option(Content(sanitize_line(c)), id=c) for c in choices)
        option_list.highlighted = 1 if choices else None

    def _highlighted(self) -> str | None:
        option_list = self.query_one("#open-list", OptionList)
        if option_list.highlighted is None:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def move(self, step: int) -> None:
        option_list = self.query_one("#open-list", OptionList)
        option_list.action_cursor_down() if step > 0 else option_list.action_cursor_up()

    def take_highlighted(self) -> None:
        chosen = self._highlighted()
        if chosen is not None:
            path_input = self.query_one(PathInput)
            path_input.value = chosen
            path_input.cursor_position = len(chosen)

    @on(Input.Changed, "#open-path")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        self._preview_soon(event.value)

    @on(OptionList.OptionHighlighted, "#open-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._preview_soon(event.option.id)

    @on(OptionList.OptionSelected, "#open-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(event.option.id)

    @on(Input.Submitted, "#open-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self._open(event.value.strip() or self._highlighted() or "")

    def _open(self, path: str) -> None:
        full = os.path.expanduser(path)
        if not path:
            self.notify(
                "Type a path, or choose one from the list.", markup=False, severity="warning"
            )
        elif not os.path.exists(full):
            self.notify(
                f"No such file or folder: {sanitize_line(path)}", markup=False, severity="error"
            )
        else:
            self.dismiss([full])

    def _preview_soon(self, path: str) -> None:
        """Preview `path` once typing pauses: each change restarts the wait and cancels the
        preview under way, which is for a path no longer asked about."""
        self._wanted = path
        if self._pause is not None:
            self._pause.stop()
        self.workers.cancel_group(self, "preview")
        self._pause = self.set_timer(PAUSE, lambda: self._preview(path))

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, path: str) -> None:
        """Count what `path` holds, in a thread, stopping soon after the worker is cancelled."""
        worker = get_current_worker()
        try:
            text = preview_line(path, lambda: worker.is_cancelled)
        except Exception as exc:  # whatever goes wrong is the preview's text, never a crash
            text = failure(exc)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_preview, path, text)

    def _show_preview(self, path: str, text: str) -> None:
        if path == self._wanted and self.is_attached:
            self.query_one("#open-preview", Static).update(Content(sanitize_line(text)))
