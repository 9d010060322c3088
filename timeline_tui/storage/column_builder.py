"""Columns built one event at a time, in load (*slot*) order, then put in time order.

Assembly hands each event's digest entry to a ColumnBuilder with its actors resolved; the
builder keeps its day, what it sorts by and its actors. `finish` sorts the events into time
order and gives the Columns, in which an event's number is its *position* in the timeline. The
search text stays in slot order, in the files' digests (Haystacks maps positions to slots and
back).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from timeline_tui.core.columns import ZONED, Columns, id_key
from timeline_tui.core.fields import FieldColumns, status_code
from timeline_tui.core.model import group_rank
from timeline_tui.core.search import NOWHERE, Haystacks, search_fold, utf8
from timeline_tui.storage.digest import KIND_SHIFT, Digest, Facts


class ColumnBuilder:
    """Columns built one event at a time, in slot order; `finish` puts them in time order.

    Nothing is kept as an object per event (a float and a tuple each would be 15 MiB at
    100,000 events, made while the events are read and scattered among them)."""

    def __init__(
        self, name_of: Callable[[str], str], independent: Callable[[tuple[str, ...]], int]
    ) -> None:
        """name_of(actor id) gives its name; independent(source ids) how many independent
        publishers they come from (core/provenance.py)."""
        self.name_of = name_of
        self.keys = array("Q")  # group_key of each slot
        self.instants = array("d")
        self.flags = bytearray()  # as Digest.flags
        self.sequences: dict[int, int] = {}  # slot -> sequence, where it is not 0
        self.ties = array("Q")  # then by precision, file, line: see _tie
        self.by_actor: dict[str, array[int]] = {}
        self.left_out: list[int] = []
        self.fields = _FieldBuilder(independent)

    def add(
        self, digest: Digest, index: int, file_rank: int, actors: Sequence[str], facts: Facts
    ) -> None:
        """The next slot's event, the index-th of a file (its digest) that sorts `file_rank`th
        by path, the ids of its actors (names resolved), and its facts."""
        slot = len(self.keys)
        self.keys.append(digest.groups[index])
        self.instants.append(digest.instants[index])
        flags = digest.flags[index]
        self.flags.append(flags)
        if digest.sequences:
            sequence = digest.sequences.get(index)
            if sequence:
                self.sequences[slot] = sequence
        precision = digest.precisions[index]
        rank = group_rank(precision, flags >> KIND_SHIFT)
        self.ties.append(_tie(rank, precision, file_rank, digest.lines[index]))
        for actor_id in actors:
            self.by_actor.setdefault(actor_id, array("I")).append(slot)
        self.fields.add(slot, facts, digest.lines[index])

    def skip(self) -> None:
        """The next slot holds an event left out (a duplicate id)."""
        self.left_out.append(len(self.keys))
        self.keys.append(0)
        self.instants.append(0.0)
        self.flags.append(0)
        self.ties.append(0)
        self.fields.skip()

    def finish(
        self, ids: array[int], texts: Sequence[tuple[bytes, array[int]]],
        id_of: Callable[[int], str],
    ) -> Columns:  # fmt: skip
        """The columns in time order; `ids` holds the id_key of every slot's event, `texts`
        each file's (blob, starts) of event_text, in slot order, and id_of(slot) gives the
        id of a slot's event (events at one instant on one line are put in id order)."""
        left_out = set(self.left_out)
        kept = [slot for slot in range(len(self.keys)) if slot not in left_out]
        kept.sort(key=self.ties.__getitem__)  # stable sorts: by instant, then the ties
        sequence = self.sequences.get
        if self.sequences:  # the group, then the sequence within it, then the rest of the tie
            kept.sort(key=lambda slot: sequence(slot, 0))
            kept.sort(key=lambda slot: self.ties[slot] >> _GROUP_SHIFT)
        kept.sort(key=self.instants.__getitem__)
        _by_id_within_ties(kept, self.instants, self.ties, lambda slot: sequence(slot, 0), id_of)
        order = array("I", kept)
        del kept
        rank = array("I", [NOWHERE]) * len(self.keys)  # slot -> position
        for position, slot in enumerate(order):
            rank[slot] = position
        by_actor = _ranked(self.by_actor, rank)
        names = [
            (utf8(search_fold(self.name_of(actor_id))), positions)
            for actor_id, positions in by_actor.items()
        ]
        return Columns(
            keys=array("Q", [self.keys[slot] for slot in order]),
            instants=array("d", [self.instants[slot] for slot in order]),
            flags=bytes([self.flags[slot] & ZONED for slot in order]),
            haystacks=Haystacks.over(texts, names, order, rank),
            by_actor=by_actor,
            order=order,
            ids=ids,
            rank=rank,
            fields=self.fields.finish(order, rank, ids),
        )


def _ranked(lists: dict[str, array[int]], rank: array[int]) -> dict[str, array[int]]:
    """Lists of slots as ascending lists of positions."""
    return {value: _positions(slots, rank) for value, slots in lists.items()}


def _positions(slots: array[int], rank: array[int]) -> array[int]:
    return array("I", sorted(p for p in map(rank.__getitem__, slots) if p != NOWHERE))


class _FieldBuilder:
    """The query fields' columns (core.fields.FieldColumns), one slot at a time."""

    def __init__(self, independent: Callable[[tuple[str, ...]], int]) -> None:
        self.independent_of = independent
        self.counts: dict[tuple[str, ...], tuple[int, int]] = {}  # sources -> (cited, independent)
        self.cited, self.independent = bytearray(), bytearray()
        self.conflicts: dict[int, tuple[str, ...]] = {}  # slot -> the ids it names
        self.tags: dict[str, array[int]] = {}
        self.places: dict[str, array[int]] = {}
        self.sources: dict[str, array[int]] = {}
        self.files: dict[str, array[int]] = {}
        self.statuses = bytearray()
        self.lines = array("I")
        self.quoted, self.stale = array("I"), array("I")

    def add(self, slot: int, facts: Facts, line: int) -> None:
        file, quotes, sources, status, location, tags, stale = (
            facts[1], facts[3], facts[4], *facts[6:10]
        )  # fmt: skip
        self.files.setdefault(file, array("I")).append(slot)
        for source in sources:
            self.sources.setdefault(source, array("I")).append(slot)
        for tag in tags:
            self.tags.setdefault(search_fold(tag), array("I")).append(slot)
        if location:
            self.places.setdefault(search_fold(location), array("I")).append(slot)
        self.statuses.append(status_code(status))
        self.lines.append(line)
        if quotes:
            self.quoted.append(slot)
        if stale:
            self.stale.append(slot)
        cited, independent = self._counts(sources)
        self.cited.append(cited)
        self.independent.append(independent)
        if facts[10]:
            self.conflicts[slot] = facts[10]

    def _counts(self, sources: tuple[str, ...]) -> tuple[int, int]:
        """How many sources, and independent publishers, as bytes (once per list of sources:
        a file's events share theirs)."""
        counts = self.counts.get(sources)
        if counts is None:
            cited, independent = len(set(sources)), self.independent_of(sources)
            counts = self.counts[sources] = (min(cited, 255), min(independent, 255))
        return counts

    def skip(self) -> None:
        self.statuses.append(0)
        self.lines.append(0)
        self.cited.append(0)
        self.independent.append(0)

    def finish(self, order: array[int], rank: array[int], ids: array[int]) -> FieldColumns:
        statuses, lines = self.statuses, self.lines
        conflicts = _conflicts(self.conflicts, rank, ids)
        return FieldColumns(
            tags=_ranked(self.tags, rank),
            places=_ranked(self.places, rank),
            sources=_ranked(self.sources, rank),
            files=_ranked(self.files, rank),
            statuses=bytes(statuses[slot] for slot in order),
            lines=array("I", [lines[slot] for slot in order]),
            quoted=_positions(self.quoted, rank),
            stale=_positions(self.stale, rank),
            cited=bytes(self.cited[slot] for slot in order),
            independent=bytes(self.independent[slot] for slot in order),
            conflicts=conflicts,
            contested=_contested(self.conflicts, conflicts, rank),
        )


def _conflicts(
    named: dict[int, tuple[str, ...]], rank: array[int], ids: array[int]
) -> dict[int, tuple[int, ...]]:
    """Position -> the positions of the loaded records it conflicts with, both ways (a record
    naming another makes each contest the other). Ids are found by their fingerprints, in one
    pass over the slots, only when some record names a conflict."""
    if not named:
        return {}
    wanted = {id_key(other) for others in named.values() for other in others}
    found: dict[int, int] = {}  # id_key -> position
    for slot, key in enumerate(ids):
        if key in wanted and key not in found and rank[slot] != NOWHERE:
            found[key] = rank[slot]
    pairs: dict[int, set[int]] = {}
    for slot, others in named.items():
        position = rank[slot]
        if position == NOWHERE:
            continue
        for other in others:
            at = found.get(id_key(other))
            if at is not None and at != position:
                pairs.setdefault(position, set()).add(at)
                pairs.setdefault(at, set()).add(position)
    return {position: tuple(sorted(others)) for position, others in pairs.items()}


def _contested(
    named: dict[int, tuple[str, ...]], conflicts: dict[int, tuple[int, ...]], rank: array[int]
) -> array[int]:
    """The positions of records that name a conflict (loaded or not) or are named by one."""
    positions = set(conflicts) | {rank[slot] for slot in named}
    positions.discard(NOWHERE)
    return array("I", sorted(positions))


def _by_id_within_ties(
    kept: list[int], instants: array[float], ties: array[int], sequence: Callable[[int], int],
    id_of: Callable[[int], str],
) -> None:  # fmt: skip
    """Put the runs of events at one instant, sequence and tie (only an inline array of events
    puts several on one line) in id order, as Event.sort_key has them."""
    start = 0
    for at in range(1, len(kept) + 1):
        if at < len(kept):
            one, other = kept[start], kept[at]
            same = instants[one] == instants[other] and ties[one] == ties[other]
            if same and sequence(one) == sequence(other):
                continue
        if at - start > 1:
            kept[start:at] = sorted(kept[start:at], key=id_of)
        start = at


_GROUP_SHIFT = 60


def _tie(group: int, precision: int, file_rank: int, line: int) -> int:
    """What orders events at the same instant, as one number: the group (the model's
    group_rank), precision, file, line (a sequence goes between group and precision)."""
    return (
        group << _GROUP_SHIFT | precision << 56 | min(file_rank, 0xFFFFFF) << 32
        | min(line, 0xFFFFFFFF)
    )  # fmt: skip
