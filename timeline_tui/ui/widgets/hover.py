"""HoverRows: a one-widget list of clickable lines that marks the line under the mouse."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class HoverRows(Widget):
    """A widget whose lines may be links: `_hover` is the link under the mouse, redrawn as it
    moves; subclasses say which line holds a link (`hover_key`)."""

    _hover: int | None = None

    def hover_key(self, y: int) -> int | None:
        """The link at line `y` (its key in `_hover`), or None."""
        raise NotImplementedError

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self.hover_key(event.y)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
