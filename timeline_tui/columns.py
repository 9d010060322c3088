"""What filtering, search and the day headings need of every event, kept compactly.

Assembly reads every event once, in the order the files were read (the load order, where an
event's number is its *slot*), and hands each to a ColumnBuilder; the events themselves stay
packed (see packing.py). The builder keeps, per event, its search text, its actors, its day and
what it sorts by; `finish` sorts the events into time order and gives the Columns, in which an
event's number is its *position* in the timeline.

The search text stays in slot order (putting 36 MiB of it in time order at 100,000 events would
hold two copies at once); Haystacks maps positions to slots and back.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .model import Event, Precision

NOWHERE = 0xFFFFFFFF  # the position of a slot not shown (a duplicate event left out)
GroupKey = tuple[int, int, int, int]


def group_key(event: Event) -> GroupKey:
    """Events share a heading when they share a day (or month or year, for coarser ones)."""
    m = event.when.moment
    precision = min(event.when.precision, Precision.DAY)
    return (
        precision,
        m.year,
        m.month if precision >= Precision.MONTH else 0,
        m.day if precision >= Precision.DAY else 0,
    )


def haystack(event: Event, name_of: Callable[[str], str]) -> str:
    """All the searchable text of an event, case-folded."""
    parts = [event.title, event.summary, event.location, *map(name_of, event.actors), *event.tags]
    parts.extend(quote.text for quote in event.quotes)
    return "\n".join(parts).casefold()


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def id_key(event_id: str) -> int:
    """A 64-bit fingerprint of an id, the same in every process (it is kept in the cache)."""
    return int.from_bytes(hashlib.blake2b(utf8(event_id), digest_size=8).digest(), "little")


class Haystacks(Sequence[str]):
    """The search text of every event, as UTF-8 in one bytearray, each followed by a NUL;
    indexed by position, kept in slot order.

    UTF-8 because one curly quote makes a `str` two bytes a character (tens of MiB at 100,000
    events); a term is in a haystack exactly when its UTF-8 is in the haystack's UTF-8. One
    object because a rare term is then found by `bytes.find` running through all of them in C,
    instead of 100,000 `in` tests from Python; a term that most events hold is still tested
    event by event, which is quicker then."""

    SEPARATOR = b"\0"  # never in a term typed (sanitised text); a match cannot span two events

    def __init__(
        self, encoded: Iterable[bytes] = (), slots: Sequence[int] | None = None,
        positions: Sequence[int] | None = None,
    ) -> None:  # fmt: skip
        blob, starts = bytearray(), array("Q", [0])  # grown in place: never two copies at once
        for item in encoded:
            blob += item
            blob += self.SEPARATOR
            starts.append(len(blob))
        self.blob = blob
        self.starts = starts  # slot s is blob[starts[s] : starts[s + 1] - 1]
        count = len(starts) - 1
        self.slots: Sequence[int] = range(count) if slots is None else slots  # position -> slot
        self.positions: Sequence[int] = range(count) if positions is None else positions

    @classmethod
    def of(
        cls, blob: bytearray, starts: array[int], slots: Sequence[int], positions: Sequence[int]
    ) -> Haystacks:
        """Haystacks over a blob already built (see ColumnBuilder)."""
        made = cls(slots=slots, positions=positions)
        made.blob, made.starts = blob, starts
        return made

    def __len__(self) -> int:
        return len(self.slots)

    def _text(self, position: int) -> str:
        slot = self.slots[position]
        start, end = self.starts[slot], self.starts[slot + 1] - 1
        return self.blob[start:end].decode("utf-8", "surrogatepass")

    def __getitem__(self, position):  # type: ignore[no-untyped-def, override]
        if isinstance(position, slice):
            return [self._text(i) for i in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._text(position)

    def holding(self, term: str, pool: Sequence[int] | None = None) -> list[int]:
        """Positions (all, or those in pool, in order) whose haystack holds the term."""
        needle = utf8(term)
        if pool is not None:
            return self._holding_in(needle, pool)
        if not needle or self.SEPARATOR in needle:
            return self._holding_in(needle, range(len(self)))
        return self._in_order(self._scan(needle))

    def _holding_in(self, needle: bytes, pool: Iterable[int]) -> list[int]:
        find, starts, slots = self.blob.find, self.starts, self.slots
        return [p for p in pool if find(needle, starts[slots[p]], starts[slots[p] + 1] - 1) >= 0]

    def _slots_holding(self, needle: bytes, slots: Iterable[int]) -> list[int]:
        find, starts = self.blob.find, self.starts
        return [s for s in slots if find(needle, starts[s], starts[s + 1] - 1) >= 0]

    def _scan(self, needle: bytes) -> list[int]:
        """The slots holding the needle, by `bytes.find` through the blob, jumping to the next
        event after each hit; once most slots seen hold it, the rest are tested one by one."""
        find, starts, count = self.blob.find, self.starts, len(self.starts) - 1
        found: list[int] = []
        at = 0
        while True:
            hit = find(needle, at)
            if hit < 0:
                return found
            slot = bisect_right(starts, hit) - 1
            found.append(slot)
            at = starts[slot + 1]
            if len(found) % 512 == 0 and len(found) * 3 > slot:  # dense: over a third
                found.extend(self._slots_holding(needle, range(slot + 1, count)))
                return found

    def _in_order(self, slots: list[int]) -> list[int]:
        """Slots found to the positions shown, ascending (slots of events left out dropped)."""
        if isinstance(self.positions, range):
            return slots
        position = self.positions.__getitem__
        found = [p for p in map(position, slots) if p != NOWHERE]
        found.sort()  # cheap: files are mostly read in time order, so this is nearly sorted
        return found


@dataclass
class Columns:
    """Per position (time order): the day group, the search text; per actor, the positions of
    the events that name it (each once, ascending); and the events' ids by fingerprint."""

    keys: list[GroupKey] = field(default_factory=list)
    haystacks: Haystacks = field(default_factory=Haystacks)
    by_actor: dict[str, array[int]] = field(default_factory=dict)
    order: array[int] = field(default_factory=lambda: array("I"))  # position -> slot
    id_keys: array[int] = field(default_factory=lambda: array("Q"))  # ascending
    id_positions: array[int] = field(default_factory=lambda: array("I"))  # of each id key

    def positions_of_id(self, event_id: str) -> list[int]:
        """Positions whose id has the fingerprint of this one (almost always the one event)."""
        key = id_key(event_id)
        at = bisect_left(self.id_keys, key)
        found = []
        while at < len(self.id_keys) and self.id_keys[at] == key:
            found.append(self.id_positions[at])
            at += 1
        return found


class ColumnBuilder:
    """Columns built one event at a time, in slot order; `finish` puts them in time order.

    Nothing is kept as an object per event (a float and a tuple each would be 15 MiB at
    100,000 events, made while the events are read and scattered among them)."""

    def __init__(self, name_of: Callable[[str], str]) -> None:
        self.name_of = name_of
        self.blob, self.starts = bytearray(), array("Q", [0])  # as in Haystacks
        self.keys: list[GroupKey] = []
        self.instants = array("d")
        self.ties = array("Q")  # then by precision, file, line: see _tie
        self.by_actor: dict[str, array[int]] = {}
        self.left_out: list[int] = []
        self._shared: dict[GroupKey, GroupKey] = {}

    def add(self, event: Event, file_rank: int) -> None:
        """The next slot's event, from the file that sorts `file_rank`th by path."""
        slot = len(self.keys)
        self.blob += utf8(haystack(event, self.name_of))
        self.blob += Haystacks.SEPARATOR
        self.starts.append(len(self.blob))
        group = group_key(event)
        self.keys.append(self._shared.setdefault(group, group))
        self.instants.append(event.when.instant)
        self.ties.append(_tie(event.when.precision, file_rank, event.line))
        for actor_id in event.actors:
            self.by_actor.setdefault(actor_id, array("I")).append(slot)

    def skip(self) -> None:
        """The next slot holds an event left out (a duplicate id)."""
        self.left_out.append(len(self.keys))
        self.blob += Haystacks.SEPARATOR
        self.starts.append(len(self.blob))
        self.keys.append((0, 0, 0, 0))
        self.instants.append(0.0)
        self.ties.append(0)

    def finish(self, ids: array[int]) -> Columns:
        """The columns in time order; `ids` holds the id_key of every slot's event."""
        left_out = set(self.left_out)
        kept = [slot for slot in range(len(self.keys)) if slot not in left_out]
        kept.sort(key=self.ties.__getitem__)  # two stable sorts: by instant, then the ties
        kept.sort(key=self.instants.__getitem__)
        order = array("I", kept)
        del kept
        rank = array("I", [NOWHERE]) * len(self.keys)  # slot -> position
        for position, slot in enumerate(order):
            rank[slot] = position
        by_id = sorted(range(len(order)), key=lambda position: ids[order[position]])
        return Columns(
            keys=[self.keys[slot] for slot in order],
            haystacks=Haystacks.of(self.blob, self.starts, order, rank),
            by_actor={
                actor_id: array("I", sorted(map(rank.__getitem__, slots)))
                for actor_id, slots in self.by_actor.items()
            },
            order=order,
            id_keys=array("Q", [ids[order[position]] for position in by_id]),
            id_positions=array("I", by_id),
        )


def _tie(precision: int, file_rank: int, line: int) -> int:
    """What orders events at the same instant, as one number: precision, file, line."""
    return precision << 56 | min(file_rank, 0xFFFFFF) << 32 | min(line, 0xFFFFFFFF)
