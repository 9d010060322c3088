"""The display zone: one zone for the whole screen, so that times and day headings run in order.

`local` (the default) is the machine's zone, `UTC`, any IANA name, or `own`: each event's time in
the zone it was given in (as the records have it, and as headings were before there was a
choice; such headings may run backwards across zones). A floating time (no zone anywhere) and
a date without a time are shown as written, whatever the zone: they say nothing of one.
"""

from __future__ import annotations

import os
import time
from array import array
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from itertools import compress, islice, pairwise
from operator import le
from typing import Literal

from timeline_tui.core.columns import KEY_SHIFT, ZONED, Columns, day_key
from timeline_tui.core.dates import DateError, zone_from_name
from timeline_tui.core.model import Precision, When

Kind = Literal["local", "utc", "own", "iana"]
_EPOCH_ORDINAL = 719_163  # date(1970, 1, 1).toordinal()
_DAY = 86_400
_LAST_ORDINAL = 3_652_059  # date.max.toordinal()


@dataclass(frozen=True)
class DisplayZone:
    """Where times are shown: `kind`, its tzinfo (None for `own`, and for `local` when the
    machine's zone has no IANA name: then the C library's local time is used), its name."""

    kind: Kind
    tzinfo: tzinfo | None
    name: str

    @classmethod
    def parse(cls, text: str) -> DisplayZone:
        """`local`, `UTC`, `own` or an IANA name (DateError for any other)."""
        lowered = text.strip().lower()
        if lowered == "local":
            return local_zone()
        if lowered == "utc":
            return cls("utc", UTC, "UTC")
        if lowered == "own":
            return OWN
        zone = zone_from_name(text.strip())
        return cls("iana", zone, zone.key)

    @property
    def shows_own(self) -> bool:
        return self.kind == "own"

    def convert(self, when: When) -> datetime:
        """The moment as this zone's wall clock; a floating time, a date without a time and
        every time under `own` as written."""
        if self.kind == "own" or when.zone is None or when.precision < Precision.HOUR:
            return when.moment
        try:
            return when.moment.astimezone(self.tzinfo)  # None: the C library's local time
        except (OverflowError, ValueError, OSError):  # past year 9999 or before year 1 there
            return when.moment

    def shown(self, when: When) -> When:
        """The same When with its moment as this zone's wall clock (to display)."""
        moment = self.convert(when)
        return when if moment is when.moment else replace(when, moment=moment)

    def differs_for(self, when: When) -> bool:
        """Is this time shown in another zone than the one it was given in?"""
        return self.convert(when) is not when.moment and when.zone != self.name

    def caption(self) -> str:
        """What the screen says of it: `times in Europe/Kyiv`, `times in each event's own zone`."""
        return "times in each event's own zone" if self.kind == "own" else f"times in {self.name}"

    def offset_of(self, instant: float) -> int:
        """Seconds east of UTC at this instant (0 for `own`: never asked)."""
        if self.kind == "own":
            return 0
        try:
            if self.tzinfo is None:
                return time.localtime(instant).tm_gmtoff
            offset = datetime.fromtimestamp(instant, self.tzinfo).utcoffset()
        except (OverflowError, ValueError, OSError):  # at the ends of the calendar
            return 0
        return int(offset.total_seconds()) if offset is not None else 0


OWN = DisplayZone("own", None, "own")


def next_zone(zone: DisplayZone) -> DisplayZone:
    """The zone after this one as `z` cycles them: local, UTC, each event's own, local again
    (a named zone, as the config may give, goes on to UTC)."""
    if zone.kind == "utc":
        return OWN
    if zone.kind == "own":
        return local_zone()
    return DisplayZone.parse("UTC")


def zone_or_local(text: str) -> DisplayZone:
    """The zone a setting names (`local`, `UTC`, `own`, an IANA name); local if none."""
    try:
        return DisplayZone.parse(text)
    except DateError:
        return local_zone()


def local_zone() -> DisplayZone:
    """The machine's zone, by its IANA name when one can be found ($TZ, /etc/localtime)."""
    name = _local_name()
    if name is not None:
        try:
            return DisplayZone("local", zone_from_name(name), name)
        except DateError:
            pass
    return DisplayZone("local", None, time.tzname[0] or "local")


def _local_name() -> str | None:
    variable = os.environ.get("TZ", "").lstrip(":")
    if variable:
        return variable
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    _, found, name = target.partition("zoneinfo/")
    return name if found and name else None


def zoned_keys(columns: Columns, zone: DisplayZone) -> array[int]:
    """Every position's day group with the days of zoned times taken in `zone` (the columns'
    own keys, uncopied, for `own` or when no time has a zone).

    The positions are in time order, so the zoned times of one UTC day are one run of them
    (ZonedDays, made once a timeline: the first call is in the loading thread), and on a day
    the zone's offset holds all day the local day changes once at most: a bisection a UTC
    day splits its run into two of one key each. The zone's offsets are looked up twice a
    UTC day, once a zone (and for each time of a day it changes in); the keys are made a run
    at a time and put in place in C."""
    flags = columns.flags
    if zone.shows_own or ZONED not in flags:
        return columns.keys
    days = zoned_days(columns)
    keys = array("Q", columns.keys)
    if days is None:
        return _keys_one_by_one(columns, zone, keys)
    deque(map(keys.__setitem__, days.positions, days.keys_in(zone)), maxlen=0)
    return keys


@dataclass(eq=False)
class ZonedDays:
    """What zoned_keys needs of a timeline whatever the zone: the positions of its zoned
    times, their instants (ascending), where each UTC day's run of them begins (and the
    end), and the zones' offsets on those days as found (a zone at a time)."""

    positions: array[int]  # 4 bytes each (a list: 40 and an int object each, 1.6 MiB at 100k)
    instants: array[float]
    starts: array[int]
    offsets: dict[DisplayZone, list[int | None]] = field(default_factory=dict)

    def keys_in(self, zone: DisplayZone) -> list[int]:
        """The day group in `zone` of each zoned time, a UTC day's run at a time (each time
        of a day whose offset changes on its own)."""
        instants, starts, found = self.instants, self.starts, []
        for (low, high), offset in zip(pairwise(starts), self._offsets(zone), strict=True):
            if offset is None:
                found += [_local_key(t, zone.offset_of(t)) for t in instants[low:high]]
                continue
            day = int((instants[low] + offset) // _DAY)  # the local day of the run's first
            split = bisect_left(instants, (day + 1) * _DAY - offset, low, high)
            found += [_key_of_day(day)] * (split - low)
            if split < high:  # the rest are on the next local day
                found += [_key_of_day(day + 1)] * (high - split)
        return found

    def _offsets(self, zone: DisplayZone) -> list[int | None]:
        """The zone's offset all day on each UTC day (None: it changes that day), kept."""
        found = self.offsets.get(zone)
        if found is None:
            firsts = islice(self.starts, len(self.starts) - 1)  # each UTC day's first
            days = (int(self.instants[low] // _DAY) for low in firsts)
            found = self.offsets[zone] = [_offset_all_day(zone, day) for day in days]
        return found


_LAST_DAYS: list[tuple[Columns, ZonedDays | None]] = []  # the last timeline's, one kept


def zoned_days(columns: Columns) -> ZonedDays | None:
    """The timeline's ZonedDays (kept for the last columns asked of), or None when its zoned
    instants are out of order (never seen: positions are in time order)."""
    last = _LAST_DAYS[0] if _LAST_DAYS else None
    if last is not None and last[0] is columns:
        return last[1]
    flags = columns.flags
    positions = array("I", compress(range(len(flags)), flags))
    instants = array("d", map(columns.instants.__getitem__, positions))
    days: ZonedDays | None = None
    if all(map(le, instants, islice(instants, 1, None))):
        days = ZonedDays(positions, instants, _day_starts(instants))
    _LAST_DAYS[:] = [(columns, days)]
    return days


def _day_starts(instants: array[float]) -> array[int]:
    """Where each UTC day's run of these ascending instants begins, then their count."""
    starts, low = array("I"), 0
    while low < len(instants):
        starts.append(low)
        low = bisect_left(instants, (int(instants[low] // _DAY) + 1) * _DAY, low)
    starts.append(len(instants))
    return starts


def _local_key(instant: float, offset: int) -> int:
    """The day group of the local day an instant falls on at this offset."""
    return _key_of_day(int((instant + offset) // _DAY))


def _key_of_day(day: int) -> int:
    """The day group of a day counted from 1 Jan 1970 (kept within the calendar)."""
    return _FIRST_DAY | min(max(_EPOCH_ORDINAL + day, 1), _LAST_ORDINAL) << KEY_SHIFT


def _keys_one_by_one(columns: Columns, zone: DisplayZone, keys: array[int]) -> array[int]:
    """zoned_keys a position at a time, for zoned instants out of order (never seen)."""
    flags, instants = columns.flags, columns.instants
    at = flags.find(ZONED)
    while at >= 0:
        keys[at] = _local_key(instants[at], zone.offset_of(instants[at]))
        at = flags.find(ZONED, at + 1)
    return keys


_FIRST_DAY = day_key(0)


def _offset_all_day(zone: DisplayZone, utc_day: int) -> int | None:
    """The zone's offset throughout this UTC day, or None when it changes during it."""
    start = zone.offset_of(utc_day * _DAY)
    return start if zone.offset_of((utc_day + 1) * _DAY - 1) == start else None
