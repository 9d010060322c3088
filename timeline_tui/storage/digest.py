"""A file's Digest: what assembly and search need of its events, made where they are packed.

Assembly reads the digests, in the order the files were read (the load order, where an event's
number is its *slot*), instead of decoding the events.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Sequence

from timeline_tui.core.columns import ZONED, group_key, id_key, is_zoned
from timeline_tui.core.model import Event
from timeline_tui.core.search import event_text, joined, utf8
from timeline_tui.core.seen import FINGERPRINT_BYTES, fingerprint_bytes

Facts = tuple[
    str, str, tuple[str, ...], tuple[tuple[str, int, "str | None", str], ...],
    tuple[str, ...], tuple[str, ...], str, str, tuple[str, ...], bool, tuple[str, ...],
]  # fmt: skip
# an event's id, file, actor names, quotes (speaker, line, source, text), sources, related ids,
# and for the query's fields its status, location, tags, whether it is stale, and the ids of
# the records it conflicts with


class Digest:
    """What assembly and search need of a file's events, made where they are packed, so that
    neither decodes them: per event its id's fingerprint, its search text, where it stands in
    time (instant, precision, day group, line, flags: bounded, zoned; a sequence when not 0),
    its content's fingerprint (core/seen.py: FINGERPRINT_BYTES each, end to end in `prints`)
    and, compressed, its names, quotes, sources, related ids and what the query's fields ask
    of it (Facts). Assembly reading these instead of the events makes a fraction of the
    objects, and leaves far less of the heap in pieces."""

    __slots__ = (
        "ids", "texts", "lines", "instants", "precisions", "groups", "facts", "flags",
        "sequences", "prints",
    )  # fmt: skip

    def __init__(
        self, ids: array[int], texts: tuple[bytes, array[int]], lines: array[int],
        instants: array[float], precisions: bytes, groups: array[int], facts: bytes,
        flags: bytes = b"", sequences: dict[int, int] | None = None, prints: bytes = b"",
    ) -> None:  # fmt: skip
        self.ids, self.texts, self.lines = ids, texts, lines
        self.instants, self.precisions, self.groups = instants, precisions, groups
        self.facts = facts
        self.flags = flags or bytes(len(lines))  # ZONED | bound kind << KIND_SHIFT, each
        self.sequences = sequences or {}  # index -> sequence, where it is not 0
        self.prints = prints  # fingerprint_bytes of each event, end to end

    @classmethod
    def of(cls, events: Sequence[Event]) -> Digest:
        whens = [event.when for event in events]
        facts = [
            (
                event.id, event.file, event.actors,
                tuple((q.speaker, q.line, q.source, q.text) for q in event.quotes),
                event.sources, event.related,
                event.status, event.location, event.tags, event.stale, event.conflicts,
            )
            for event in events
        ]  # fmt: skip
        return cls(
            ids=array("Q", [id_key(event.id) for event in events]),
            texts=joined([utf8(event_text(event)) for event in events]),
            lines=array("I", [min(event.line, 0xFFFFFFFF) for event in events]),
            instants=array("d", [when.instant for when in whens]),
            precisions=bytes(when.precision for when in whens),
            groups=array("Q", [group_key(event) for event in events]),
            facts=zlib.compress(pickle.dumps(facts, pickle.HIGHEST_PROTOCOL), 1),
            flags=bytes(_flags(event) for event in events),
            sequences={at: e.sequence for at, e in enumerate(events) if e.sequence},
            prints=b"".join([fingerprint_bytes(event) for event in events]),
        )

    def facts_list(self) -> list[Facts]:
        facts: list[Facts] = pickle.loads(zlib.decompress(self.facts))
        return facts

    def fingerprint(self, index: int) -> str:
        """The fingerprint of the event at `index`, as core/seen.py's `fingerprint` gives it."""
        return self.prints[index * FINGERPRINT_BYTES : (index + 1) * FINGERPRINT_BYTES].hex()

    def fingerprints(self) -> list[str]:
        """Every event's fingerprint, in file order ("" for any the digest lacks)."""
        hexed, width = self.prints.hex(), 2 * FINGERPRINT_BYTES
        found = [hexed[at : at + width] for at in range(0, len(hexed), width)]
        return found + [""] * (len(self.lines) - len(found))

    def __reduce__(self) -> tuple[object, ...]:
        return (Digest, (self.ids, self.texts, self.lines, self.instants, self.precisions,
                         self.groups, self.facts, self.flags, self.sequences,
                         self.prints))  # fmt: skip


KIND_SHIFT = 1  # Digest.flags: ZONED | Event.bound_kind << KIND_SHIFT


def _flags(event: Event) -> int:
    return event.bound_kind << KIND_SHIFT | (ZONED if is_zoned(event) else 0)
