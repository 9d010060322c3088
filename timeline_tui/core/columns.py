"""What filtering, search and the day headings need of every event of a timeline, by position (time
order): each event's day group (and what regrouping it in a display zone needs), the search
haystacks, each actor's positions, and the events' ids by fingerprint. Storage builds them once
a load (see storage/column_builder.py); the query index and the rows read them. Plain arrays:
nothing is kept as an object an event.
"""

from __future__ import annotations

import hashlib
from array import array
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from timeline_tui.core.fields import FieldColumns
from timeline_tui.core.model import Event, Precision, When
from timeline_tui.core.search import NOWHERE, Haystacks, utf8

GroupKey = int  # what a heading stands for, as one 64-bit number: see group_key
BOUNDED = 1 << 63  # a group of events known only by their bounds
UNREADABLE_GROUP: GroupKey = 1 << 62  # events whose date is unreadable: after every date
ZONED = 1  # Columns.flags: a time of day in a known zone (its day depends on the display zone)


def group_key(event: Event) -> GroupKey:
    """Events share a heading when they share a day (or month or year, for coarser ones), as
    written in their own zone; events known only by bounds share one when their bounds are the
    same. The number: (bounded, first date, second date), a date as (precision up to a day,
    its first day's ordinal). Events whose date is unreadable share a group of their own."""
    if event.when.unreadable:
        return UNREADABLE_GROUP
    if event.bounded:
        first = _date_part(event.earliest) if event.earliest is not None else 0
        second = _date_part(event.latest) if event.latest is not None else 0
        return BOUNDED | first << 25 | second
    return _date_part(event.when) << 25


KEY_SHIFT = 25  # a date's ordinal in a key, shifted (day_key(0) | ordinal << KEY_SHIFT)


def day_key(ordinal: int) -> GroupKey:
    """The group of a day (date.toordinal()), as group_key gives it to a date on that day."""
    return (Precision.DAY << 22 | ordinal) << KEY_SHIFT


_PART = (1 << KEY_SHIFT) - 1  # a date part of a key: precision << 22 | ordinal
_LAST_DAY = date.max.toordinal()


def days_of_key(key: GroupKey) -> tuple[int, int]:
    """The first and last day (ordinals) an event of this group key may fall on: its day,
    every day of its month or year, or of its bounds (from the first day of `earliest` to the
    last of `latest`, open at a side not given); none (1, 0) for an unreadable date. The one
    place a query's dates meet an event's."""
    if key == UNREADABLE_GROUP:
        return 1, 0
    if key & BOUNDED:
        first, second = key >> KEY_SHIFT & _PART, key & _PART
        start = _span(first)[0] if first else 1
        return start, _span(second)[1] if second else _LAST_DAY
    return _span(key >> KEY_SHIFT & _PART)


def _span(part: int) -> tuple[int, int]:
    """The days of a date part: (precision up to a day, the ordinal of its first day)."""
    precision, ordinal = part >> 22, part & ((1 << 22) - 1)
    if precision >= Precision.DAY:
        return ordinal, ordinal
    first = date.fromordinal(max(ordinal, 1))
    if precision == Precision.MONTH:
        return ordinal, ordinal + monthrange(first.year, first.month)[1] - 1
    return ordinal, date(first.year, 12, 31).toordinal()


def is_zoned(event: Event) -> bool:
    """Is the day of its heading a matter of the display zone: a time of day in a known zone?"""
    when = event.when
    return event.when_given and when.precision >= Precision.HOUR and when.zone is not None


def _date_part(when: When) -> int:
    """(precision up to a day, the ordinal of its first day) in 25 bits (ordinals < 2**22)."""
    precision = min(when.precision, Precision.DAY)
    return precision << 22 | when.moment.date().toordinal()


def id_key(event_id: str) -> int:
    """A 64-bit fingerprint of an id, the same in every process (it is kept in the cache)."""
    return int.from_bytes(hashlib.blake2b(utf8(event_id), digest_size=8).digest(), "little")


@dataclass
class Columns:
    """Per position (time order): the day group (in each event's own zone), the instant and
    whether its day depends on the display zone (see core/zones.py), the search text; per
    actor, the positions of the events that name it (each once, ascending); and the events'
    ids by fingerprint."""

    keys: array[int] = field(default_factory=lambda: array("Q"))  # group_key of each
    instants: array[float] = field(default_factory=lambda: array("d"))
    flags: bytes = b""  # ZONED or 0, each
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
