"""A loaded timeline made ready to show: built in the loading thread, so that showing it, and
the first filter or search after, cost the UI thread no more than any later one."""

from __future__ import annotations

from dataclasses import dataclass

from . import cache
from .assembly import Timeline
from .present import Rows, build_rows, group_keys
from .query import Index


@dataclass(frozen=True)
class Prepared:
    """A timeline, its query index, each event's day group and the rows of the unfiltered view."""

    timeline: Timeline
    index: Index
    keys: list[tuple[int, int, int, int]]
    all_rows: Rows


def prepare(timeline: Timeline) -> Prepared:
    """Build what showing the timeline needs (with the collector paused, then what was built
    frozen: see cache.gc_paused)."""
    with cache.gc_paused():
        keys = group_keys(timeline.events)
        all_rows = build_rows(timeline.events, range(len(timeline.events)), keys)
        return Prepared(timeline, Index.prepared(timeline), keys, all_rows)
