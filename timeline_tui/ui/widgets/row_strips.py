"""RowStrips: the timeline pane's drawn lines, kept by what they show.

A redraw of rows already drawn (an actor turned off again, the cursor moved, a repaint after
a layout) then costs a look-up instead of decoding the event and laying out its cells: at
100,000 events a line cost 0.1 to 0.2 ms to draw, about half of it the event's decoding.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.cache import LRUCache
from textual.strip import Strip

KEPT_STRIPS = 1024  # a few screens of rows at 250x70


class RowStrips:
    """Strips by row key; forgotten whenever what every line depends on changes (the
    timeline, the zone, the search, the styles, the width)."""

    def __init__(self, size: int = KEPT_STRIPS) -> None:
        self._strips: LRUCache[Hashable, Strip] = LRUCache(size)
        self._look: Hashable = None

    def look(self, look: Hashable) -> None:
        """What every line is drawn with (styles, width): a change forgets every strip."""
        if look != self._look:
            self._look = look
            self._strips.clear()

    def forget(self) -> None:
        self._strips.clear()

    def get(self, key: Hashable) -> Strip | None:
        return self._strips.get(key)

    def keep(self, key: Hashable, strip: Strip) -> Strip:
        self._strips.set(key, strip)
        return strip
