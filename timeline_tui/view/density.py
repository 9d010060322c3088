"""The density strip: how many of the events shown fall in each bin of time (a day, a week, a
month... as the span needs), binned by time, not by row. Plain data, no Textual.

The timeline is in time order, so the events shown in a bin are one run of the positions
shown: a bisection a bin boundary. Events known only to the month or year, or only by their
bounds, are counted apart (`imprecise`): a bin holding them does not say when they were.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from operator import itemgetter

from timeline_tui.core.columns import BOUNDED, KEY_SHIFT
from timeline_tui.core.model import UNREADABLE_DATE, Precision

DAY = 86_400
BIN_SIZES = (DAY, 7 * DAY, 30 * DAY, 91 * DAY, 365 * DAY, 3650 * DAY)  # the first that fits
BLOCKS = " ▁▂▃▄▅▆▇█"
SIZE_NAMES = dict(
    zip(BIN_SIZES, ("day", "week", "month", "quarter", "year", "decade"), strict=True)
)


@dataclass(frozen=True)
class Density:
    """Counts a bin from `start`, each `size` seconds; `imprecise[i]` of `counts[i]` are
    known only to the month, the year, or by bounds."""

    start: float = 0.0
    size: int = DAY
    counts: array[int] = field(default_factory=lambda: array("I"))
    imprecise: array[int] = field(default_factory=lambda: array("I"))

    def bin_of(self, instant: float) -> int:
        return min(max(int((instant - self.start) // self.size), 0), len(self.counts) - 1)

    def busiest(self) -> int | None:
        """The bin with the most events (the first of equals), None when none has any."""
        if not self.counts or max(self.counts) == 0:
            return None
        return self.counts.index(max(self.counts))


def imprecise_mask(keys: Sequence[int]) -> bytes:
    """A byte a position, 1 for an event coarser than a day or known only by bounds: made
    once a timeline, so a redraw counts them in C (`bytes.count`)."""
    shift = KEY_SHIFT + 22  # where a key's precision is
    return bytes(1 if key & BOUNDED or (key >> shift) & 7 < Precision.DAY else 0 for key in keys)


def density(
    shown: Sequence[int], instants: Sequence[float], imprecise: bytes, cells: int
) -> Density:
    """The counts of the events shown (ascending positions), in at most `cells` bins of the
    smallest size in BIN_SIZES that fits their span (unreadable dates left out); `imprecise`
    is the timeline's imprecise_mask."""
    if not shown or cells <= 0:
        return Density()
    key = instants.__getitem__
    end = bisect_left(shown, UNREADABLE_DATE.instant, key=key)
    if end == 0:
        return Density()
    first, last = instants[shown[0]], instants[shown[end - 1]]
    size = next((s for s in BIN_SIZES if (last - first) // s < cells), BIN_SIZES[-1])
    start = first - first % DAY
    bins = min(int((last - start) // size) + 1, cells)
    bounds = [0]  # where each bin's run of the positions shown begins, then `end`
    for i in range(1, bins):
        bounds.append(bisect_left(shown, start + i * size, bounds[-1], end, key=key))
    bounds.append(end)
    counts = array("I", (high - low for low, high in pairwise(bounds)))
    return Density(start, size, counts, _imprecise_counts(imprecise, shown, bounds))


def _imprecise_counts(imprecise: bytes, shown: Sequence[int], bounds: list[int]) -> array[int]:
    """How many of each bin's positions shown are imprecise. Imprecise events stand together
    in time order (a month's or a bound's group is one run of positions: 144 runs for 7,936
    of them at 100k), so a run's positions shown are found by two bisections; when every
    event is shown, or the runs are many, the mask is counted (of the positions shown, picked
    in C: one step an event shown) a bin at a time."""
    runs = None if len(shown) == len(imprecise) else _runs(imprecise, len(shown) // 32)
    if runs is None:
        picked = _picked(imprecise, shown)
        return array("I", (picked.count(1, low, high) for low, high in pairwise(bounds)))
    marks, end, at = array("I", bytes(4 * (len(bounds) - 1))), bounds[-1], 0
    for first, stop in runs:
        low = bisect_left(shown, first, 0, end)
        high = bisect_left(shown, stop, low, end)
        while low < high:
            while bounds[at + 1] <= low:
                at += 1
            taken = min(high, bounds[at + 1]) - low
            marks[at] += taken
            low += taken
    return marks


def _runs(imprecise: bytes, limit: int) -> list[tuple[int, int]] | None:
    """The runs of imprecise positions, (first, stop) each; None when there are more than
    `limit` (two `bytes.find` a run, in C: 0.06 ms for 144 runs at 100k)."""
    found: list[tuple[int, int]] = []
    at = imprecise.find(1)
    while at >= 0:
        stop = imprecise.find(0, at)
        stop = len(imprecise) if stop < 0 else stop
        found.append((at, stop))
        if len(found) > limit:
            return None
        at = imprecise.find(1, stop)
    return found


def _picked(imprecise: bytes, shown: Sequence[int]) -> bytes:
    """The mask of the events shown, a byte each: every event shown, the mask itself; else
    picked by itemgetter, in C (twice as quick as a map at 100k)."""
    if len(shown) == len(imprecise):
        return imprecise  # a position is its own index
    if len(shown) == 1:
        return bytes((imprecise[shown[0]],))
    return bytes(itemgetter(*shown)(imprecise))


def strip_text(found: Density, cursor: int | None = None) -> str:
    """One cell a bin: a block as high as its count against the busiest (`·` for a bin of
    imprecise events alone); the cursor's bin drawn as `│` when it is empty."""
    top = max(found.counts, default=0)
    cells = []
    for i, count in enumerate(found.counts):
        exact = count - found.imprecise[i]
        if exact:
            cells.append(BLOCKS[max(1, round(exact / top * (len(BLOCKS) - 1)))])
        else:
            cells.append("·" if count else " ")
        if i == cursor and cells[-1] == " ":
            cells[-1] = "│"
    return "".join(cells)


def strip_caption(found: Density) -> str:
    """What the strip's cells are: `events a day from 15 Aug 2025 (D: busiest)`."""
    if not found.counts:
        return ""
    start = datetime.fromtimestamp(found.start, UTC)
    return f"events a {SIZE_NAMES[found.size]} from {start.day} {start:%b %Y} (D: busiest)"
