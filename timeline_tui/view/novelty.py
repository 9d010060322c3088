"""What is new since the user last looked, by position: the rows' marks, the status line's
words, the detail pane's note and `u`'s next event. No Textual.

The query's `is:new` / `is:changed` can use `Novelty.new_positions` / `changed_positions`
(or `is_new` / `is_changed`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from timeline_tui.core.columns import id_key
from timeline_tui.core.search import NOWHERE
from timeline_tui.core.seen import NO_CHANGES, Changes
from timeline_tui.core.timeline import Timeline

NEW_MARK, CHANGED_MARK = "+", "~"


@dataclass(frozen=True)
class Novelty:
    """The changes since the last look (at `since`), with the positions of the events they
    name in the timeline they were computed for."""

    changes: Changes = NO_CHANGES
    since: datetime | None = None
    new_positions: frozenset[int] = frozenset()
    changed_positions: frozenset[int] = frozenset()
    marked: tuple[int, ...] = field(default=())  # both, ascending

    def is_new(self, position: int) -> bool:
        return position in self.new_positions

    def is_changed(self, position: int) -> bool:
        return position in self.changed_positions

    def mark(self, position: int) -> str:
        """One cell: `+` for a new event, `~` for a changed one, else a space."""
        if position in self.new_positions:
            return NEW_MARK
        return CHANGED_MARK if position in self.changed_positions else " "

    def status(self) -> str:
        """`5 new, 2 changed, 1 removed since Tue 14:05 (u)`, or "" when nothing changed."""
        said = self.changes.summary()
        if not said or self.since is None:
            return ""
        since = self.since.astimezone()  # the user's own clock
        return f"{said} since {since:%a} {since:%H:%M}" + (" (u)" if self.marked else "")

    def note(self, position: int, event_id: str) -> str:
        """What the detail pane says of the event at `position`, or ""."""
        if position in self.new_positions:
            return "New since you last looked"
        if position in self.changed_positions:
            fields = self.changes.fields.get(event_id, ())
            return "Changed since you last looked" + (f": {', '.join(fields)}" if fields else "")
        return ""

    def next_after(self, shown: Sequence[int], current: int | None) -> int | None:
        """The first new or changed position after `current` among `shown` (ascending),
        wrapping around; None when none is shown."""
        visible = [p for p in self.marked if _contains(shown, p)]
        if not visible:
            return None
        k = bisect_right(visible, -1 if current is None else current)
        return visible[k % len(visible)]


NO_NOVELTY = Novelty()


def _contains(ordered: Sequence[int], position: int) -> bool:
    k = bisect_left(ordered, position)
    return k < len(ordered) and ordered[k] == position


def positions_of(ids: frozenset[str], timeline: Timeline) -> frozenset[int]:
    """The positions of the events with these ids: one pass over the id fingerprints (about
    10 ms at 100,000 events), however many ids there are."""
    if not ids:
        return frozenset()
    wanted = {id_key(event_id) for event_id in ids}
    columns = timeline.columns
    found = (columns.rank[slot] for slot, key in enumerate(columns.ids) if key in wanted)
    return frozenset(p for p in found if p != NOWHERE)  # 64-bit fingerprints: no clash


def novelty(changes: Changes, since: datetime | None, timeline: Timeline) -> Novelty:
    """The changes placed in the timeline."""
    new = positions_of(changes.new, timeline)
    changed = positions_of(changes.changed, timeline)
    return Novelty(changes, since, new, changed, tuple(sorted(new | changed)))
