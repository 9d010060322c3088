"""ConflictScreen: two accounts of one happening side by side, and what differs between them
(date, place, status, actors, figures); `n` goes on to the next record told differently."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline_tui.core.model import Event
from timeline_tui.core.timeline import Timeline
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.view.excerpt import shown_block
from timeline_tui.view.provenance import account_text, differences_text


class ConflictScreen(ModalScreen[None]):
    """The event (left) beside one of the records it conflicts with (right)."""

    BINDINGS = [
        Binding("escape,q,equals_sign", "dismiss", "Close"),
        Binding("n", "next(1)", "Next conflict"),
        Binding("N", "next(-1)", "Previous", show=False),
    ]

    def __init__(self, event: Event, others: Sequence[Event], timeline: Timeline) -> None:
        super().__init__()
        self.event, self.others, self.timeline = event, list(others), timeline
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Static(id="conflict-title")
            with Horizontal(id="conflict-accounts"):
                with VerticalScroll(classes="conflict-account"):
                    yield Static(id="conflict-one")
                with VerticalScroll(classes="conflict-account"):
                    yield Static(id="conflict-other")
            yield Static(id="conflict-differences")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        other = self.others[self.at]
        count = len(self.others)
        title = f"Two accounts ({self.at + 1} of {count}{': n for the next' if count > 1 else ''})"
        self.query_one("#conflict-title", Static).update(Content.styled(title, "bold"))
        for widget_id, event in (("#conflict-one", self.event), ("#conflict-other", other)):
            text = account_text(event, self.timeline)
            self.query_one(widget_id, Static).update(Content(shown_block(text)))
        differs = differences_text(self.event, other, self.timeline)
        body = Content.assemble(("What differs (this | the other)\n", "bold"), shown_block(differs))
        self.query_one("#conflict-differences", Static).update(body)

    def action_next(self, step: int) -> None:
        self.at = (self.at + step) % len(self.others)
        self._show()
