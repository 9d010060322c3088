"""Saved views: NameViewScreen (`ctrl+s`: name the current view, or a new name for one) and
ViewsScreen (`v`: the views, `enter` restores, `r` renames, `d` deletes). The dialogs get
plain data and dismiss with what was asked; the main screen reads and writes the store."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.plain_input import PlainInput


class NameViewScreen(ModalScreen[str | None]):
    """Ask for a view's name: enter gives it (not when empty), escape gives None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, title: str, name: str = "", about: str = "") -> None:
        super().__init__()
        self.title_text, self.name_text, self.about = title, name, about

    def compose(self) -> ComposeResult:
        with Vertical(id="view-name-box", classes="view-box"):
            yield Static(Content.styled(self.title_text, "bold"))
            yield PlainInput(self.name_text, placeholder="a name for this view", id="view-name")
            yield Static(Content(sanitize_line(self.about)), id="view-name-about")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(PlainInput))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#view-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())


class ViewsScreen(ModalScreen[tuple[str, str] | None]):
    """The saved views, each with what it holds; dismisses with (what, name): `restore`,
    `rename` or `delete`; None when closed."""

    BINDINGS = [
        Binding("enter", "choose('restore')", "Restore"),
        Binding("r", "choose('rename')", "Rename"),
        Binding("d", "choose('delete')", "Delete"),
        Binding("escape,v", "dismiss_none", "Close"),
    ]

    def __init__(self, views: Sequence[tuple[str, str]], highlighted: int = 0) -> None:
        super().__init__()
        self.views, self.start = list(views), highlighted  # (name, summary) each

    def compose(self) -> ComposeResult:
        with Vertical(id="views-box", classes="view-box"):
            yield Static(Content.styled("Saved views", "bold"))
            yield OptionList(*(self._prompt(n, s) for n, s in self.views), id="views-list")
            yield Static(Content("enter restores · r renames · d deletes · escape closes"),
                         id="views-hint")  # fmt: skip
        yield KeyBar(id="keys")

    @staticmethod
    def _prompt(name: str, summary: str) -> Text:
        line = Text(sanitize_line(name), style="bold", no_wrap=True, overflow="ellipsis")
        line.append("  " + sanitize_line(summary), style="dim")
        return line

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = min(self.start, len(self.views) - 1)
        self.set_focus(options)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_choose(self, what: str) -> None:
        at = self.query_one(OptionList).highlighted
        if at is not None and 0 <= at < len(self.views):
            self.dismiss((what, self.views[at][0]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("restore")
