"""A loaded timeline made ready to show: built in the loading thread, so that showing it, and
the first filter or search after, cost the UI thread no more than any later one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline_tui.core.columns import GroupKey
from timeline_tui.core.query import Index
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone, zoned_days, zoned_keys
from timeline_tui.storage.heap import gc_paused
from timeline_tui.view.density import imprecise_mask
from timeline_tui.view.problems import EventProblems
from timeline_tui.view.rows import Rows, build_rows


@dataclass(frozen=True)
class Prepared:
    """A timeline, its query index, each event's day group in the display zone, the rows of
    the unfiltered view, each event's problems, and which events the density strip counts as
    imprecise (view/density.py's imprecise_mask: 30 ms at 100k, so not on the UI thread)."""

    timeline: Timeline
    index: Index
    keys: Sequence[GroupKey]
    all_rows: Rows
    problems: EventProblems
    zone: DisplayZone = OWN
    imprecise: bytes = b""


def prepare(timeline: Timeline, zone: DisplayZone = OWN) -> Prepared:
    """Build what showing the timeline in this display zone needs (with the collector paused,
    then what was built frozen: see storage/heap.py)."""
    with gc_paused():
        zoned_days(timeline.columns)  # what `z` regroups by, found here rather than at `z`
        keys = zoned_keys(timeline.columns, zone)
        all_rows = build_rows(range(len(timeline.events)), keys)
        problems = EventProblems(timeline.diagnostics)
        imprecise = imprecise_mask(timeline.columns.keys)
        index = Index.prepared(timeline)
        return Prepared(timeline, index, keys, all_rows, problems, zone, imprecise)
