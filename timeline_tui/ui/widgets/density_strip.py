"""DensityStrip: one line above the timeline, how many events each bin of time holds."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from timeline_tui.core.timeline import Timeline
from timeline_tui.view.density import (
    Density,
    density,
    imprecise_mask,
    strip_caption,
    strip_text,
)

CAPTION_CELLS = 52  # what the cells leave the caption (and the padding)


class DensityStrip(Static):
    """The events shown, binned by time (view/density.py); the highlighted one's bin marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found = Density()
        self._mask: tuple[Timeline | None, bytes] = (None, b"")
        self._text = ""

    def adopt(self, timeline: Timeline, imprecise: bytes) -> None:
        """Take the timeline's imprecise mask, built off the UI thread (view/prepared.py)."""
        self._mask = (timeline, imprecise)

    def show(self, timeline: Timeline, positions: Sequence[int], cursor: int | None) -> None:
        """Count the positions shown again, and mark the bin of the event at `cursor`."""
        if self._mask[0] is not timeline:  # not adopted (the empty timeline before a load)
            self._mask = (timeline, imprecise_mask(timeline.columns.keys))
        instants = timeline.columns.instants
        cells = max((self.size.width or 120) - CAPTION_CELLS, 10)
        self.found = density(positions, instants, self._mask[1], cells)
        self.mark(timeline, cursor)

    def mark(self, timeline: Timeline, cursor: int | None) -> None:
        """Mark the bin of the event at `cursor` (a position), none for None."""
        found = self.found
        at = (
            None
            if cursor is None or not found.counts
            else found.bin_of(timeline.columns.instants[cursor])
        )
        text = strip_text(found, at)
        if at is not None:
            text = text[:at] + "▼" + text[at + 1 :] if text[at] in " │" else text
        if text != self._text:
            self._text = text
            content = Content(text)
            if at is not None:
                content = content.stylize("reverse", at, at + 1)
            caption = strip_caption(found)
            if caption:
                content = Content.assemble(content, ("  " + caption, "dim"))
            self.update(content, layout=False)
