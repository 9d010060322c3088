"""ConfirmScreen: a yes-or-no question (replace an existing export, discard a form's changes)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question: `y` says yes; `n` and escape say no. `hint` says what each does."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box {
        width: 70; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, hint: str = "y replaces it · n or escape goes back") -> None:
        super().__init__()
        self.question, self.hint = question, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(self.question), id="confirm-question")
            yield Static(Content(self.hint))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
