"""SearchBar: the `/` text box; every keystroke searches. Escape and enter leave it: they are
the main screen's priority keys, so they act before letters still on their way here. While
the completion list (widgets/completion_list.py) offers something, `down` `up` and `tab`
are its keys (the box keeps the letters)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from timeline_tui.core.query_syntax import QueryError
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.ui.widgets.plain_input import PlainInput


class SearchBar(PlainInput):
    """The query language (core/query_syntax.py): words, "phrases", -, fields, OR, dates;
    `actor:NAME` narrows, the rest marks its matches (`&` shows only them)."""

    @dataclass
    class Searched(Message):
        """The search text changed (as typed)."""

        text: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.Searched)

    @dataclass
    class CompletionKey(Message):
        """down (1) or up (-1) in the completion list, or tab (0) to accept its line (or,
        with nothing to complete, to go to the next pane)."""

        step: int

    class CursorMoved(Message):
        """The cursor moved without typing (left, right, home, end, a click): complete anew."""

    COMPLETION_KEYS = {"down": 1, "up": -1, "tab": 0}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder='search: words "a phrase" -word actor: tag: after: OR — enter/escape',
            id=id,
        )
        self.offering = False  # the completion list shows candidates (the screen sets it)
        self._moved_in = ""  # the text the cursor last moved in

    def watch_selection(self) -> None:
        """A cursor moved by a key or a click, not by typing (Changed covers that)."""
        if self.value == self._moved_in:
            self.post_message(self.CursorMoved())
        self._moved_in = self.value

    async def _on_key(self, event: events.Key) -> None:
        # Tab always asks the screen (which completes, or else moves to the next pane): the
        # list may not show yet for the letters typed just before it, nor the box have focus
        # still (an enter typed right after it acts first, as a priority key).
        if event.key == "tab" or (self.offering and event.key in self.COMPLETION_KEYS):
            self.post_message(self.CompletionKey(self.COMPLETION_KEYS[event.key]))
            event.stop()
            event.prevent_default()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Searched(event.value))

    def show_problem(self, problem: QueryError | None) -> None:
        """Mark the box while its text does not parse, and say what and where (the status
        line says it too)."""
        self.set_class(problem is not None, "-invalid")
        self.tooltip = None if problem is None else str(problem)
        self.border_subtitle = "" if problem is None else sanitize_line(str(problem))

    def set_quietly(self, text: str = "") -> None:
        """Fill (or empty) the box without searching again: the screen sets the search itself
        (clearing the filters, or bringing them back)."""
        with self.prevent(Input.Changed):
            self.value = text
