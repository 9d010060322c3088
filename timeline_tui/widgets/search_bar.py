"""SearchBar: the `/` text box; every keystroke searches, escape or enter leaves it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ..messages import LeaveInput, SearchChanged


class SearchBar(Input):
    """Search titles, summaries, quotes, places and actor names; `actor:NAME` narrows."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search (actor:NAME narrows) — enter/escape to leave", id=id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))

    def _on_key(self, event: events.Key) -> None:
        if event.key in ("escape", "enter"):
            event.stop()
            event.prevent_default()
            self.post_message(LeaveInput())
