"""SearchBar: the `/` text box; every keystroke searches. Escape and enter leave it: they are
the main screen's priority keys, so they act before letters still on their way here."""

from __future__ import annotations

from textual.widgets import Input

from timeline_tui.ui.messages import SearchChanged


class SearchBar(Input):
    """Search titles, summaries, quotes, places and actor names; `actor:NAME` narrows."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search (actor:NAME narrows) — enter/escape to leave", id=id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))
