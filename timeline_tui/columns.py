"""What filtering, search and the day headings need of every event, kept compactly.

A file's Digest is made where its events are packed (see packing.py). Assembly reads the
digests, in the order the files were read (the load order, where an event's number is its
*slot*), and hands each event's to a ColumnBuilder with its actors resolved; the builder keeps
its day, what it sorts by and its actors. `finish` sorts the events into time order and gives
the Columns, in which an event's number is its *position* in the timeline.

The search text stays in slot order, in the files' digests (see Haystacks, which maps positions
to slots and back).
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress

from .model import Event, Precision

NOWHERE = 0xFFFFFFFF  # the position of a slot not shown (a duplicate event left out)
GroupKey = int  # precision, year, month, day as the digits ppyyyymmdd: see group_key


def group_key(event: Event) -> GroupKey:
    """Events share a heading when they share a day (or month or year, for coarser ones): the
    same number for the same (precision up to a day, year, month or 0, day or 0)."""
    m = event.when.moment
    precision = min(event.when.precision, Precision.DAY)
    month = m.month if precision >= Precision.MONTH else 0
    day = m.day if precision >= Precision.DAY else 0
    return ((precision * 10_000 + m.year) * 100 + month) * 100 + day


def event_text(event: Event) -> str:
    """An event's own searchable text, case-folded: what it says (its actors' names, which
    depend on the other files, are searched apart: see Haystacks)."""
    parts = [event.title, event.summary, event.location, *event.tags]
    parts.extend(quote.text for quote in event.quotes)
    return "\n".join(parts).casefold()


SEPARATOR = b"\0"  # never in a term typed (sanitised text); a match cannot span two events


def joined(texts: Iterable[bytes]) -> tuple[bytes, array[int]]:
    """Texts as one blob, each followed by SEPARATOR; text i is blob[starts[i]:starts[i+1]-1]."""
    parts, starts, at = [], array("I", [0]), 0
    for text in texts:
        parts.append(text)
        at += len(text) + 1
        starts.append(at)
    parts.append(b"")
    return SEPARATOR.join(parts), starts


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def id_key(event_id: str) -> int:
    """A 64-bit fingerprint of an id, the same in every process (it is kept in the cache)."""
    return int.from_bytes(hashlib.blake2b(utf8(event_id), digest_size=8).digest(), "little")


class Positions(array):  # type: ignore[type-arg]
    """Event positions, ascending, 4 bytes each (100,000 of them in a list are 3.6 MiB of int
    objects); equal to any sequence of the same numbers, as a list of them would be."""

    __slots__ = ()

    def __new__(cls, items: Iterable[int] = ()) -> Positions:
        return super().__new__(cls, "I", items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, array):
            return array.__eq__(self, other)
        if isinstance(other, (list, tuple, range)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Haystacks(Sequence[str]):
    """The search text of every event, indexed by position: a term is in event p's haystack
    when it is in its own text or in the name of one of its actors (case-folded).

    The texts stay where packing put them, one blob a file in load (*slot*) order, shared
    with the workspace and the cache, so a reload makes new text only for the files that
    changed, and a timeline and the one replacing it do not each hold 30 MiB. The actors'
    names, which depend on every file, are one blob of their own in slot order.

    UTF-8 because one curly quote makes a `str` two bytes a character; a term is in a text
    exactly when its UTF-8 is in the text's UTF-8. A rare term is found by `bytes.find`
    running through each blob in C; a term that most events hold is then tested event by
    event, which is quicker."""

    SEPARATOR = SEPARATOR

    def __init__(self, encoded: Iterable[bytes] = ()) -> None:
        """The haystacks of these texts, in this order, with no names."""
        blob, starts = joined(encoded)
        count = len(starts) - 1
        self._set([blob], [starts], [], range(count), range(count))

    @classmethod
    def over(
        cls, texts: Sequence[tuple[bytes, array[int]]], names: list[tuple[bytes, array[int]]],
        order: Sequence[int], rank: Sequence[int],
    ) -> Haystacks:  # fmt: skip
        """Haystacks of the files' texts (blob, starts), in slot order, and of each actor's
        case-folded name with the positions of its events; `order` maps positions to slots
        and `rank` slots to positions (NOWHERE: not shown)."""
        made = cls.__new__(cls)
        made._set([t for t, _ in texts], [s for _, s in texts], names, order, rank)
        return made

    def _set(
        self, blobs: list[bytes], starts: list[array[int]], names: list[tuple[bytes, array[int]]],
        order: Sequence[int], rank: Sequence[int],
    ) -> None:  # fmt: skip
        self.blobs, self.blob_starts = blobs, starts
        self.names = names  # once an actor, not once an event: a long name is no multiplier
        self.slots, self.positions = order, rank
        self.first = array("I")  # each file's first slot
        # Per slot: its blob's find, and where its text starts and ends in that blob.
        self.finds: list[Callable[..., int]] = []
        self.starts, self.ends = array("I"), array("I")
        for blob, file_starts in zip(blobs, starts, strict=True):
            self.first.append(len(self.finds))
            self.finds.extend([blob.find] * (len(file_starts) - 1))
            self.starts.extend(file_starts[:-1])
            self.ends.extend(array("I", [end - 1 for end in file_starts[1:]]))

    def __len__(self) -> int:
        return len(self.slots)

    def _text(self, position: int) -> str:
        slot = self.slots[position]
        blob = self.finds[slot].__self__  # type: ignore[attr-defined]
        parts = [blob[self.starts[slot] : self.ends[slot]]]
        for name, positions in self.names:
            at = bisect_left(positions, position)
            if at < len(positions) and positions[at] == position:
                parts.append(name)
        return b"\n".join(parts).decode("utf-8", "surrogatepass")

    def _named(self, needle: bytes) -> bytearray | None:
        """Positions whose events name an actor whose name holds the needle, marked; None
        when no actor's does."""
        found = [positions for name, positions in self.names if needle in name]
        if not found:
            return None
        marks = bytearray(len(self))
        for positions in found:
            for position in positions:
                marks[position] = 1
        return marks

    def __getitem__(self, position):  # type: ignore[no-untyped-def, override]
        if isinstance(position, slice):
            return [self._text(i) for i in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._text(position)

    def holding(self, term: str, pool: Sequence[int] | None = None) -> Sequence[int]:
        """Positions (all, or those in pool, in order) whose haystack holds the term, as an
        array (100,000 positions in a list are 3.6 MiB of int objects, in an array 0.4)."""
        needle = utf8(term)
        if pool is not None:
            return self._holding_in(needle, pool)
        if not needle or SEPARATOR in needle:
            return self._holding_in(needle, range(len(self)))
        return self._scan(needle)

    def _holding_in(self, needle: bytes, pool: Iterable[int]) -> Positions:
        slots, finds, starts, ends = self.slots, self.finds, self.starts, self.ends
        named = self._named(needle)
        if named is None:
            return Positions(
                p for p in pool if finds[s := slots[p]](needle, starts[s], ends[s]) >= 0
            )
        return Positions(
            p for p in pool
            if named[p] or finds[s := slots[p]](needle, starts[s], ends[s]) >= 0
        )  # fmt: skip

    def _scan(self, needle: bytes) -> Positions:
        """The positions holding the needle, ascending, from a scan of every blob; once most
        texts seen hold it, the rest are tested one by one. Slots found are marked in a
        bytearray and read back in C (a list of 100,000 merged with the names' would cost
        several times as much)."""
        total = len(self.finds)
        marks = bytearray(total)
        hits = 0
        for number, blob in enumerate(self.blobs):
            first, starts = self.first[number], self.blob_starts[number]
            hits += _mark(blob, starts, needle, marks, first)
            seen = first + len(starts) - 1
            if hits >= 512 and hits * 3 > seen:  # dense: over a third
                finds, starts, ends = self.finds, self.starts, self.ends
                for slot in range(seen, total):
                    if finds[slot](needle, starts[slot], ends[slot]) >= 0:
                        marks[slot] = 1
                break
        slots = compress(range(total), marks)
        if isinstance(self.positions, range):
            found = Positions(slots)
        else:
            mapped = list(map(self.positions.__getitem__, slots))
            if len(self.slots) < total:  # some events left out (duplicates): not shown
                mapped = [p for p in mapped if p != NOWHERE]
            mapped.sort()  # quick: files are mostly read in time order, so nearly sorted
            found = Positions(mapped)
            del mapped
        named = self._named(needle)
        if named is None:
            return found
        for position in found:
            named[position] = 1
        return Positions(compress(range(len(self)), named))


def _mark(blob: bytes, starts: array[int], needle: bytes, marks: bytearray, offset: int) -> int:
    """Mark (at offset + i) each text i of a blob holding the needle, by `bytes.find` through
    it, jumping to the next text after each hit; once most texts seen hold it, the rest are
    tested one by one. Returns how many were marked."""
    find, count = blob.find, len(starts) - 1
    hits = at = 0
    while True:
        hit = find(needle, at)
        if hit < 0:
            return hits
        index = bisect_right(starts, hit, 0, count) - 1
        marks[offset + index] = 1
        hits += 1
        at = starts[index + 1]
        if hits % 512 == 0 and hits * 3 > index:  # dense: over a third
            for rest in range(index + 1, count):
                if find(needle, starts[rest], starts[rest + 1] - 1) >= 0:
                    marks[offset + rest] = 1
                    hits += 1
            return hits


Facts = tuple[
    str, str, tuple[str, ...], tuple[tuple[str, int, "str | None", str], ...],
    tuple[str, ...], tuple[str, ...],
]  # fmt: skip
# an event's id, file, actor names, quotes (speaker, line, source, text), sources, related ids


class Digest:
    """What assembly and search need of a file's events, made where they are packed, so that
    neither decodes them: per event its id's fingerprint, its search text, where it stands in
    time (instant, precision, day group, line) and, compressed, its names, quotes, sources
    and related ids (Facts). Assembly reading these instead of the events makes a fraction of
    the objects, and leaves far less of the heap in pieces."""

    __slots__ = ("ids", "texts", "lines", "instants", "precisions", "groups", "facts")

    def __init__(
        self, ids: array[int], texts: tuple[bytes, array[int]], lines: array[int],
        instants: array[float], precisions: bytes, groups: array[int], facts: bytes,
    ) -> None:  # fmt: skip
        self.ids, self.texts, self.lines = ids, texts, lines
        self.instants, self.precisions, self.groups = instants, precisions, groups
        self.facts = facts

    @classmethod
    def of(cls, events: Sequence[Event]) -> Digest:
        whens = [event.when for event in events]
        facts = [
            (
                event.id, event.file, event.actors,
                tuple((q.speaker, q.line, q.source, q.text) for q in event.quotes),
                event.sources, event.related,
            )
            for event in events
        ]  # fmt: skip
        return cls(
            ids=array("Q", [id_key(event.id) for event in events]),
            texts=joined([utf8(event_text(event)) for event in events]),
            lines=array("I", [min(event.line, 0xFFFFFFFF) for event in events]),
            instants=array("d", [when.instant for when in whens]),
            precisions=bytes(when.precision for when in whens),
            groups=array("I", [group_key(event) for event in events]),
            facts=zlib.compress(pickle.dumps(facts, pickle.HIGHEST_PROTOCOL), 1),
        )

    def facts_list(self) -> list[Facts]:
        facts: list[Facts] = pickle.loads(zlib.decompress(self.facts))
        return facts

    def __reduce__(self) -> tuple[object, ...]:
        return (Digest, (self.ids, self.texts, self.lines, self.instants, self.precisions,
                         self.groups, self.facts))  # fmt: skip


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

    def positions_of_id(self, event_id: str) -> list[int]:
        """Positions whose id has the fingerprint of this one (almost always the one event).
        `array.index` runs through the 800 KiB of fingerprints in C in about 0.3 ms at
        100,000 events: no table of them sorted, nor its 10 MiB of sorting, is needed."""
        key, ids, found = id_key(event_id), self.ids, []
        at = -1
        while True:
            try:
                at = ids.index(key, at + 1)
            except ValueError:
                return found
            if self.rank[at] != NOWHERE:
                found.append(self.rank[at])


class ColumnBuilder:
    """Columns built one event at a time, in slot order; `finish` puts them in time order.

    Nothing is kept as an object per event (a float and a tuple each would be 15 MiB at
    100,000 events, made while the events are read and scattered among them)."""

    def __init__(self, name_of: Callable[[str], str]) -> None:
        self.name_of = name_of
        self.keys = array("I")  # group_key of each slot
        self.instants = array("d")
        self.ties = array("Q")  # then by precision, file, line: see _tie
        self.by_actor: dict[str, array[int]] = {}
        self.left_out: list[int] = []

    def add(self, digest: Digest, index: int, file_rank: int, actors: Sequence[str]) -> None:
        """The next slot's event, the index-th of a file (its digest) that sorts `file_rank`th
        by path, and the ids of its actors (names resolved)."""
        slot = len(self.keys)
        self.keys.append(digest.groups[index])
        self.instants.append(digest.instants[index])
        self.ties.append(_tie(digest.precisions[index], file_rank, digest.lines[index]))
        for actor_id in actors:
            self.by_actor.setdefault(actor_id, array("I")).append(slot)

    def skip(self) -> None:
        """The next slot holds an event left out (a duplicate id)."""
        self.left_out.append(len(self.keys))
        self.keys.append(0)
        self.instants.append(0.0)
        self.ties.append(0)

    def finish(
        self, ids: array[int], texts: Sequence[tuple[bytes, array[int]]],
        id_of: Callable[[int], str],
    ) -> Columns:  # fmt: skip
        """The columns in time order; `ids` holds the id_key of every slot's event, `texts`
        each file's (blob, starts) of event_text, in slot order, and id_of(slot) gives the
        id of a slot's event (events at one instant on one line are put in id order)."""
        left_out = set(self.left_out)
        kept = [slot for slot in range(len(self.keys)) if slot not in left_out]
        kept.sort(key=self.ties.__getitem__)  # two stable sorts: by instant, then the ties
        kept.sort(key=self.instants.__getitem__)
        _by_id_within_ties(kept, self.instants, self.ties, id_of)
        order = array("I", kept)
        del kept
        rank = array("I", [NOWHERE]) * len(self.keys)  # slot -> position
        for position, slot in enumerate(order):
            rank[slot] = position
        by_actor = {
            actor_id: array("I", sorted(map(rank.__getitem__, slots)))
            for actor_id, slots in self.by_actor.items()
        }
        names = [
            (utf8(self.name_of(actor_id).casefold()), positions)
            for actor_id, positions in by_actor.items()
        ]
        return Columns(
            keys=array("I", [self.keys[slot] for slot in order]),
            haystacks=Haystacks.over(texts, names, order, rank),
            by_actor=by_actor,
            order=order,
            ids=ids,
            rank=rank,
        )


def _by_id_within_ties(
    kept: list[int], instants: array[float], ties: array[int], id_of: Callable[[int], str]
) -> None:
    """Put the runs of events at one instant with one tie (only an inline array of events
    puts several on one line) in id order, as Event.sort_key has them."""
    start = 0
    for at in range(1, len(kept) + 1):
        if at < len(kept):
            one, other = kept[start], kept[at]
            if instants[one] == instants[other] and ties[one] == ties[other]:
                continue
        if at - start > 1:
            kept[start:at] = sorted(kept[start:at], key=id_of)
        start = at


def _tie(precision: int, file_rank: int, line: int) -> int:
    """What orders events at the same instant, as one number: precision, file, line."""
    return precision << 56 | min(file_rank, 0xFFFFFF) << 32 | min(line, 0xFFFFFFFF)
