"""TimelinePane: every shown event in time order under day headings, drawing only visible rows."""

from __future__ import annotations

import textwrap
from collections.abc import Container, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_tui.core.annotation import NOT_PLACED, Placed
from timeline_tui.core.model import Event
from timeline_tui.core.search import match_spans
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone, zoned_keys
from timeline_tui.ui.widgets.row_strips import RowStrips
from timeline_tui.view.anchor import OFFSET_CELLS, offset_text
from timeline_tui.view.excerpt import shown_line
from timeline_tui.view.moving import month_heading, month_of
from timeline_tui.view.novelty import NO_NOVELTY, Novelty
from timeline_tui.view.prepared import Prepared
from timeline_tui.view.problems import NO_PROBLEMS, EventProblems
from timeline_tui.view.rows import (
    Rows,
    actor_names,
    build_rows,
    clock,
    group_label,
    marks,
    match_hint,
    provenance_mark,
)

MIN_ACTOR_CELLS = 12
LOOK_PARTS = ("heading", "cursor", "match", "dim", "stale")  # component styles lines use
LOADING_MESSAGE = ("Loading…",)


def actors_column(names: str, spare: int, width: int) -> str:
    """The actors column of a row: only in the cells its title leaves (the title gets the
    room), at most a third of the width, and not at all when fewer than MIN_ACTOR_CELLS are
    left: a name cut to three letters says nothing."""
    room = min(spare, width // 3)
    if not names or room < MIN_ACTOR_CELLS:
        return ""
    text = f"  {names} "
    if cell_len(text) > room:
        text = set_cell_size(text, room - 2) + "… "
    return text


class TimelinePane(ScrollView, can_focus=True):
    """The events, a line each, grouped by day; a cursor marks the highlighted one."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to an event (None when nothing is shown)."""

        position: int | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TimelinePane.Highlighted)

    class UserMoved(Message):
        """The user moved the cursor (a key or a click), not a reload or a jump."""

    COMPONENT_CLASSES = {
        "timeline--heading",
        "timeline--cursor",
        "timeline--match",
        "timeline--dim",
        "timeline--stale",
        "timeline--empty",
    }
    BINDINGS = [
        Binding("j,down", "move(1)", "Next", show=False),
        Binding("k,up", "move(-1)", "Previous", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("right_square_bracket", "day(1)", "Next day"),
        Binding("left_square_bracket", "day(-1)", "Prev day", show=False),
        Binding("right_curly_bracket", "month(1)", "Next month", show=False),
        Binding("left_curly_bracket", "month(-1)", "Prev month", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline = Timeline()
        self.rows = Rows()
        self._keys: Sequence[int] = ()
        self._keyed: Timeline | None = None
        self._all_rows: Rows | None = None
        self._other_zones: dict[DisplayZone, tuple[Sequence[int], Rows | None]] = {}  # _keyed's
        self.problems = NO_PROBLEMS  # the timeline's events' problems, for the rows' mark
        self.cursor = -1  # a row holding an event, or -1
        self.terms: tuple[str, ...] = ()
        self.searching = False
        self._announced: tuple[Timeline | None, int | None] = (None, None)
        self.matches: Container[int] = frozenset()
        self.empty_message: tuple[str, ...] = LOADING_MESSAGE
        self.zone: DisplayZone = OWN  # times and day headings in it: see set_zone
        self.novelty: Novelty = NO_NOVELTY  # what is new since the last look: a row mark
        self.annotated: Placed = NOT_PLACED  # stars and notes: a row mark (★, ✎)
        self.anchor_id: str | None = None  # the pinned event (`p`): rows show offsets from it
        self._anchor: Event | None = None  # that event in this timeline, if loaded
        self._strips = RowStrips()  # lines drawn, by position (or heading) and cursor
        self._base: Style | None = None  # the pane's style, while it draws (render_lines)

    # -- data in -------------------------------------------------------------------------

    def adopt(self, prepared: Prepared) -> None:
        """Take the day groups and unfiltered rows built (off the UI thread) for a timeline;
        built for another zone than this pane's, the groups are made again."""
        self._keyed, self._other_zones = prepared.timeline, {}
        self.problems = prepared.problems
        self._strips.forget()
        if prepared.zone == self.zone:
            self._keys, self._all_rows = prepared.keys, prepared.all_rows
        else:
            self._keys, self._all_rows = zoned_keys(prepared.timeline.columns, self.zone), None

    def set_zone(self, zone: DisplayZone) -> None:
        """Show times and group days in this zone from the next `show` on. The groups and
        unfiltered rows of the zone left are kept for the timeline (`z` cycles back to it)."""
        if zone == self.zone:
            return
        if self._keyed is self.timeline:
            self._other_zones[self.zone] = (self._keys, self._all_rows)
        else:
            self._keyed, self._other_zones = self.timeline, {}
        self.zone = zone
        self._strips.forget()
        kept = self._other_zones.pop(zone, None)
        self._keys, self._all_rows = kept or (zoned_keys(self.timeline.columns, zone), None)

    def set_anchor(self, event_id: str | None) -> None:
        """Pin this event (None: none): the rows show their offset from it for the clock."""
        self.anchor_id = event_id
        position = None if event_id is None else self.timeline.index_of(event_id)
        self._anchor = None if position is None else self.timeline.events[position]
        self._strips.forget()
        self.refresh()

    def show(self, timeline: Timeline, positions: Sequence[int], keep: str | None) -> None:
        """Show these event positions; keep the cursor on the event with id `keep` if shown."""
        was = self.highlighted if timeline is self.timeline else None  # before rows change
        if timeline is not self.timeline:
            self.timeline = timeline
            self.set_anchor(self.anchor_id)  # the anchor in the reloaded timeline (forgets)
        if timeline is not self._keyed:
            self._keys, self._keyed = zoned_keys(timeline.columns, self.zone), timeline
            self._all_rows, self._other_zones = None, {}
            self.problems = EventProblems(timeline.diagnostics)
            self._strips.forget()
        everything = len(positions) == len(timeline.events)
        if everything and self._all_rows is not None:
            self.rows = self._all_rows  # the unfiltered view comes back often: build it once
        else:
            self.rows = build_rows(positions, self._keys)
            if everything:
                self._all_rows = self.rows
        self._set_height(len(self.rows))
        target = self._row_for_id(keep, was) if keep else None
        self._move_to(target if target is not None else self._first_event_row(0, 1), True)
        self.refresh()

    def _set_height(self, rows: int) -> None:
        """The rows as the virtual height (lines fit the width: only height scrolls). Setting
        `virtual_size` lays out the whole screen and redraws what the layout touches (at
        100k, a toggle's frame took 21-27 ms with it, 10-15 ms without); that is needed only
        when the scroll bar comes or goes, which `show_vertical_scrollbar` asks for itself.
        Otherwise the scroll bar takes the new height and the offset is kept in range, as
        Textual does on a resize."""
        size = Size(0, rows)
        if size == self.virtual_size:
            return
        if not self.container_size:  # not laid out yet: the first layout takes it
            self.virtual_size = size
            return
        self.set_reactive(TimelinePane.virtual_size, size)
        self._scroll_update(size)

    def set_novelty(self, novelty: Novelty) -> None:
        if novelty is not self.novelty:
            self.novelty = novelty
            self._strips.forget()
        self.refresh()

    def set_annotations(self, annotated: Placed) -> None:
        """The stars and notes of the timeline shown (by position)."""
        if annotated is not self.annotated:
            self.annotated = annotated
            self._strips.forget()  # the lines kept show the marks (★, ✎) they were drawn with
        self.refresh()

    def set_search(self, terms: Sequence[str], matches: Container[int], searching: bool) -> None:
        """The words to mark, the matches, and whether there is a search (which dims the
        rest: a query of fields alone has matches and no words)."""
        terms = tuple(terms)
        marking = bool(terms) or searching  # the matches make a difference to the lines
        if (terms, searching) != (self.terms, self.searching) or (
            marking and matches is not self.matches
        ):
            self._strips.forget()
        self.terms, self.matches, self.searching = terms, matches, searching
        self.refresh()

    @property
    def day_keys(self) -> Sequence[int]:
        """Every position's day group in the display zone (what the headings stand for)."""
        return self._keys

    @property
    def highlighted(self) -> int | None:
        """The position (in timeline.events) of the highlighted event."""
        return self.rows.event[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def select_position(self, position: int) -> bool:
        row = self.rows.row_of(position)
        if row is None:
            return False
        self._move_to(row)
        return True

    def _row_for_id(self, event_id: str, near: int | None = None) -> int | None:
        """The row of the event with this id; `near`, its position if it is that event
        (the highlighted one, usually: no search of 100,000 ids, about 2 ms)."""
        if near is not None and self.timeline.events[near].id == event_id:
            return self.rows.row_of(near)
        position = self.timeline.index_of(event_id)
        return None if position is None else self.rows.row_of(position)

    # -- movement ------------------------------------------------------------------------

    def _first_event_row(self, start: int, step: int) -> int:
        row = start
        while 0 <= row < len(self.rows):
            if self.rows.event[row] >= 0:
                return row
            row += step
        return -1

    def _move_to(self, row: int, force: bool = False) -> None:
        if row < 0 and not force:
            return
        self.cursor = row
        if row >= 0:
            self._scroll_into_view(row)
        self.refresh()
        announce = (self.timeline, self.highlighted)
        if announce[0] is not self._announced[0] or announce[1] != self._announced[1]:
            self._announced = announce  # only a change: a queued message delays this pane's repaint
            self.post_message(self.Highlighted(self.highlighted))

    def _scroll_into_view(self, row: int) -> None:
        # force: a pane that showed few rows has no scrollbar until its next layout, and
        # Textual ignores a scroll without one (leaving a context put the cursor off screen)
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        above = row - 1 if row > 0 and self.rows.event[row - 1] < 0 else row
        if above < top:
            self.scroll_to(y=above, animate=False, immediate=True, force=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True, force=True)

    def _user_move(self, row: int) -> None:
        self.post_message(self.UserMoved())
        self._move_to(row)

    def action_move(self, step: int) -> None:
        if self.cursor < 0:
            self._user_move(self._first_event_row(0, 1))
            return
        self._user_move(self._first_event_row(self.cursor + step, step))

    def action_first(self) -> None:
        self._user_move(self._first_event_row(0, 1))

    def action_last(self) -> None:
        self._user_move(self._first_event_row(len(self.rows) - 1, -1))

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        target = min(max(self.cursor + direction * height, 0), len(self.rows) - 1)
        row = self._first_event_row(target, direction) if target >= 0 else -1
        self._user_move(row if row >= 0 else self._first_event_row(target, -direction))

    def action_day(self, direction: int) -> None:
        """Move to the first event of the next (or previous) day."""
        headings = self.rows.heading_rows()
        current = max((h for h in headings if h < max(self.cursor, 0)), default=-1)
        if direction > 0:
            later = [h for h in headings if h > self.cursor]
            target = later[0] if later else None
        else:
            earlier = [h for h in headings if h < current]
            target = earlier[-1] if earlier else None
        if target is not None:
            self._user_move(self._first_event_row(target, 1))

    def action_month(self, direction: int) -> None:
        """Move to the first event of the next (or previous) month, by the day groups."""
        headings = self.rows.headings
        months = [month_of(self._keys[first]) for first in headings.values()]
        target = month_heading(list(headings), months, max(self.cursor, 0), direction)
        if target is not None:
            self._move_to(self._first_event_row(target, 1))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows) and self.rows.event[row] >= 0:
            self._user_move(row)

    def on_resize(self, event: events.Resize) -> None:
        if self.cursor >= 0:
            self._scroll_into_view(self.cursor)

    # -- drawing -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines asked for with the pane's style found once (it walks the
        ancestors), reusing the strips of rows drawn before with the same look."""
        self._base = self.rich_style
        parts = [self.get_component_rich_style(f"timeline--{part}") for part in LOOK_PARTS]
        self._strips.look((self._base, *parts, self.scrollable_content_region.width))
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        base = self.rich_style if self._base is None else self._base
        if not self.rows:
            return self._empty_line(y, width, base)
        if row >= len(self.rows):
            return Strip.blank(width, base)
        position = self.rows.event[row]
        heading = self.rows.headings[row] if position < 0 else -1
        key = (position, heading, row == self.cursor)
        kept = self._strips.get(key) if self._base is not None else None
        if kept is not None:
            return kept
        if position < 0:
            style = base + self.get_component_rich_style("timeline--heading")
            label = group_label(self.timeline.events[heading], self.zone)
            text = set_cell_size(" " + label, width)
            return self._strips.keep(key, Strip([Segment(text, style)], width))
        return self._strips.keep(key, self._event_line(position, row == self.cursor, width, base))

    def _empty_line(self, y: int, width: int, base: Style) -> Strip:
        """The empty message, each paragraph wrapped at spaces, a blank line between them."""
        lines: list[str] = []
        for paragraph in self.empty_message:
            lines += [*textwrap.wrap(paragraph, max(width - 4, 10)), ""]
        if y == 0 or y - 1 >= len(lines):
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("timeline--empty")
        text = set_cell_size("  " + shown_line(lines[y - 1]), width)
        return Strip([Segment(text, style)], width)

    def say_when_empty(self, message: Sequence[str]) -> None:
        """What to show when no row is shown (plain lines: the screen says why)."""
        if tuple(message) != self.empty_message:
            self.empty_message = tuple(message)
            if not self.rows:
                self.refresh()

    def _event_line(self, position: int, is_cursor: bool, width: int, base: Style) -> Strip:
        event = self.timeline.events[position]
        style = base
        if self.searching and position not in self.matches:
            style += self.get_component_rich_style("timeline--dim")
        if event.stale:
            style += self.get_component_rich_style("timeline--stale")
        if is_cursor:
            style += self.get_component_rich_style("timeline--cursor")
        new = self.novelty.mark(position)
        mark = marks(event, self.problems.has(event))
        source = provenance_mark(position, self.timeline.columns.fields)
        left = f"{new}{self._time_column(event)} {mark}{source} "
        star = self.annotated.mark(position)  # ★ or ✎ before the title, only where there is one
        left += "" if star == " " else f"{star} "
        room = width - cell_len(left)
        title = shown_line(event.title)
        hint = self._hint(position)
        right = actors_column(
            actor_names(event, self.timeline, 2), room - cell_len(title) - cell_len(hint), width
        )
        room -= cell_len(right)
        if room - cell_len(hint) < 20:
            hint = ""
        if cell_len(title) > room - cell_len(hint):
            title = set_cell_size(title, max(room - cell_len(hint) - 1, 0)) + "…"
        muted = self.get_component_rich_style("timeline--dim").color  # its colour, not its
        dim = style + Style(color=muted)  # background: the cursor's
        segments = [Segment(left, style)]
        segments += self._title_segments(title, style)
        if hint:
            segments.append(Segment(hint, dim))
        segments.append(Segment(" " * max(room - cell_len(title) - cell_len(hint), 0), style))
        segments.append(Segment(right, dim))
        return Strip(segments).adjust_cell_length(width, style)

    def _time_column(self, event: Event) -> str:
        """The clock, or with an anchor pinned the offset from it."""
        if self._anchor is None:
            return f"{clock(event, self.zone):>5}"
        return f"{offset_text(event, self._anchor, self.zone):>{OFFSET_CELLS}}"

    def _hint(self, position: int) -> str:
        """`· in notes` on a match whose title does not show why it matches."""
        if not self.terms or position not in self.matches:
            return ""
        event, noted = self.timeline.events[position], self.annotated.texts.get(position, "")
        return shown_line(match_hint(event, self.terms, self.timeline, noted))

    def _title_segments(self, title: str, style: Style) -> list[Segment]:
        if not self.terms:
            return [Segment(title, style)]
        match_style = style + self.get_component_rich_style("timeline--match")
        segments, at = [], 0
        for start, end in match_spans(title, self.terms):
            segments += [Segment(title[at:start], style), Segment(title[start:end], match_style)]
            at = end
        segments.append(Segment(title[at:], style))
        return segments
