"""ActorList: the actor filter's list, a line each, drawing only the visible lines.

Textual's OptionList re-renders every option when one prompt changes; a toggle here redraws the
one line it changes, which keeps a toggle within a frame at 100,000 events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class ListRow:
    """A section heading (`actor_id` is None) or an actor (or a facet's value, its key in
    `actor_id`): a mark, a name and a count."""

    text: str
    actor_id: str | None = None
    count: str = ""


class ActorList(ScrollView, can_focus=True):
    """Headings and actors; a cursor on one actor; a click, space or enter picks it; up at
    the top leaves (to the filter's box)."""

    COMPONENT_CLASSES = {"actor-list--heading", "actor-list--cursor", "actor-list--count"}
    BINDINGS = [
        Binding("up", "up", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("space,enter", "pick", "Toggle"),
        Binding("ctrl+t", "mode", "All/any"),
        Binding("left", "switch(-1)", "Facet", show=False),
        Binding("right", "switch(1)", "Facet", show=False),
    ]

    class Picked(Message):
        """An actor row was clicked, or space or enter pressed on it."""

        def __init__(self, actor_id: str) -> None:
            super().__init__()
            self.actor_id = actor_id

    class LeftAtTop(Message):
        """Up was pressed on the first actor."""

    class ModeKey(Message):
        """ctrl+t: match all of the actors on, or any."""

    class SwitchKey(Message):
        """left (-1) or right (1): the previous or next facet."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ListRow] = []
        self.cursor: int | None = None
        self._row_of: dict[str, int] = {}

    # -- data in -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ListRow], keep: str | None) -> None:
        """Show these rows; the cursor stays on actor `keep` if listed, else the first actor."""
        self.rows = list(rows)
        self._row_of = {row.actor_id: n for n, row in enumerate(self.rows) if row.actor_id}
        self.virtual_size = Size(0, len(self.rows))  # lines fit the width: only height scrolls
        target = self._row_of.get(keep) if keep is not None else None
        self.cursor = target if target is not None else self._next_actor_row(0, 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_to_cursor()
        self.refresh()

    def replace_row(self, row: ListRow) -> None:
        """Redraw one actor's line (after a toggle); nothing else is touched."""
        number = self._row_of.get(row.actor_id) if row.actor_id else None
        if number is not None:
            self.rows[number] = row
            self._refresh_row(number)

    @property
    def highlighted_id(self) -> str | None:
        return self.rows[self.cursor].actor_id if self.cursor is not None else None

    # -- movement ------------------------------------------------------------------------

    def move(self, step: int) -> None:
        """Move the cursor `step` actors down (negative: up), stopping at either end."""
        if self.cursor is None:
            return
        row = self.cursor
        for _ in range(abs(step)):
            found = self._next_actor_row(row + (1 if step > 0 else -1), 1 if step > 0 else -1)
            if found is None:
                break
            row = found
        self._move_to(row)

    def action_move(self, step: int) -> None:
        self.move(step)

    def action_up(self) -> None:
        if self.cursor is None or self._next_actor_row(self.cursor - 1, -1) is None:
            self.post_message(self.LeftAtTop())
        else:
            self.move(-1)

    def action_pick(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Picked(self.highlighted_id))

    def action_mode(self) -> None:
        self.post_message(self.ModeKey())

    def action_switch(self, step: int) -> None:
        self.post_message(self.SwitchKey(step))

    def _move_to(self, row: int) -> None:
        old, self.cursor = self.cursor, row
        if old is not None:
            self._refresh_row(old)
        self._refresh_row(row)
        self._scroll_to_cursor()

    def _next_actor_row(self, start: int, step: int) -> int | None:
        row = start
        while 0 <= row < len(self.rows):
            if self.rows[row].actor_id is not None:
                return row
            row += step
        return None

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None:
            return
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        above = (
            self.cursor - 1
            if self.cursor > 0 and self.rows[self.cursor - 1].actor_id is None
            else self.cursor
        )
        if above < top:
            self.scroll_to(y=above, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _refresh_row(self, row: int) -> None:
        y = row - self.scroll_offset.y
        if 0 <= y < self.scrollable_content_region.height:
            self.refresh_line(y)

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        actor_id = self.rows[row].actor_id if 0 <= row < len(self.rows) else None
        if actor_id is not None:
            self._move_to(row)
            self.post_message(self.Picked(actor_id))

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_number = self.scroll_offset.y + y
        base = self.rich_style
        if row_number >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[row_number]
        if row.actor_id is None:
            style = base + self.get_component_rich_style("actor-list--heading")
            return Strip([Segment(set_cell_size(" " + row.text, width), style)], width)
        style = base
        count_style = base + self.get_component_rich_style("actor-list--count")
        if row_number == self.cursor:
            cursor = self.get_component_rich_style("actor-list--cursor")
            style, count_style = style + cursor, count_style + cursor
        count = f"  {row.count}" if row.count else ""
        text = " " + row.text
        if cell_len(text) + cell_len(count) > width:  # the name is cut, never the count
            text = set_cell_size(text, max(width - cell_len(count) - 1, 0)) + "…"
        count = set_cell_size(count, max(width - cell_len(text), 0))
        return Strip([Segment(text, style), Segment(count, count_style)]).adjust_cell_length(
            width, style
        )
