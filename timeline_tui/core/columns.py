"""What filtering, search and the day headings need of every event of a timeline, by position
(time order): each event's day group, the search haystacks, each actor's positions, and the
events' ids by fingerprint. Storage builds them once a load (see storage/column_builder.py);
the query index and the rows read them. Plain arrays: nothing is kept as an object an event.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field

from timeline_tui.core.fields import FieldColumns
from timeline_tui.core.model import Event, Precision
from timeline_tui.core.search import NOWHERE, Haystacks, utf8

GroupKey = int  # precision, year, month, day as the digits ppyyyymmdd: see group_key


def group_key(event: Event) -> GroupKey:
    """Events share a heading when they share a day (or month or year, for coarser ones): the
    same number for the same (precision up to a day, year, month or 0, day or 0)."""
    m = event.when.moment
    precision = min(event.when.precision, Precision.DAY)
    month = m.month if precision >= Precision.MONTH else 0
    day = m.day if precision >= Precision.DAY else 0
    return ((precision * 10_000 + m.year) * 100 + month) * 100 + day


def id_key(event_id: str) -> int:
    """A 64-bit fingerprint of an id, the same in every process (it is kept in the cache)."""
    return int.from_bytes(hashlib.blake2b(utf8(event_id), digest_size=8).digest(), "little")


@dataclass
class Columns:
    """Per position (time order): the day group, the search text; per actor, the positions of
    the events that name it (each once, ascending); and the events' ids by fingerprint."""

    keys: array[int] = field(default_factory=lambda: array("I"))  # group_key of each
    haystacks: Haystacks = field(default_factory=Haystacks)
    by_actor: dict[str, array[int]] = field(default_factory=dict)
    order: array[int] = field(default_factory=lambda: array("I"))  # position -> slot
    ids: array[int] = field(default_factory=lambda: array("Q"))  # slot -> id_key of its id
    rank: array[int] = field(default_factory=lambda: array("I"))  # slot -> position
    fields: FieldColumns = field(default_factory=FieldColumns)  # for the query's fields

    def positions_of_id(self, event_id: str) -> list[int]:
        """Positions whose id has the fingerprint of this one (almost always the one event).
        `array.index` runs through the 800 KiB of fingerprints in C in about 0.3 ms at
        100,000 events: no table of them sorted, nor its 10 MiB of sorting, is needed."""
        key, ids = id_key(event_id), self.ids
        found: list[int] = []
        at = -1
        while True:
            try:
                at = ids.index(key, at + 1)
            except ValueError:
                return found
            if self.rank[at] != NOWHERE:
                found.append(self.rank[at])
