"""SearchBar: the `/` text box; every keystroke searches. Escape and enter leave it: they are
the main screen's priority keys, so they act before letters still on their way here."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Input

from timeline_tui.ui.widgets.plain_input import PlainInput


class SearchBar(PlainInput):
    """Search titles, summaries, quotes, places and actor names; `actor:NAME` narrows."""

    @dataclass
    class Searched(Message):
        """The search text changed (as typed)."""

        text: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.Searched)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search (actor:NAME narrows) — enter/escape to leave", id=id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Searched(event.value))

    def set_quietly(self, text: str = "") -> None:
        """Fill (or empty) the box without searching again: the screen sets the search itself
        (clearing the filters, or bringing them back)."""
        with self.prevent(Input.Changed):
            self.value = text
