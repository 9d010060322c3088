"""What changed since the user last looked: each event's fingerprint, and the difference
between two sets of them. No I/O.

A fingerprint is one short string an event: the hash of its whole content (16 hex digits),
then one hex byte per field of FIELDS, so that a changed event can say which fields changed
without the old values being kept. Only the content counts, never the file or the line: an
event moved to another file, or down a file, has not changed. Every other field of the record
counts (NOT_CONTENT names the Event fields that do not, and a test holds the two lists to
Event's fields). It is made of the record as written (actor and speaker names as the file
gives them, before assembly resolves them), where the file is packed (storage/digest.py keeps
`fingerprint_bytes` of each event), so that the timeline's fingerprints cost no decoding.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from timeline_tui.core.model import Event, When

FIELDS = (
    "title", "when", "end", "status", "location", "actors", "tags",
    "summary", "notes", "quotes", "sources", "related", "earliest", "latest", "sequence",
    "conflicts",
)  # fmt: skip
# Event's fields that are not content: its key, where it was read, whether its file still
# reads cleanly; `when_given` is in "when" (a `when` the record does not give is no `when`)
NOT_CONTENT = ("id", "file", "line", "stale", "when_given")
CONTENT_DIGITS = 16  # the content hash's hex digits, then two per field
FINGERPRINT_BYTES = CONTENT_DIGITS // 2 + len(FIELDS)
FINGERPRINT_LENGTH = 2 * FINGERPRINT_BYTES

Fingerprints = dict[str, str]  # event id -> fingerprint


def _when_text(when: When | None) -> str:
    if when is None:
        return ""
    # the moment as pickle keeps it (its wall clock's bytes), and its zone's name or offset:
    # a third of the time of an ISO text, and as stable; %-format, as an IntEnum's f-string
    # format runs Python
    w, text = when, "%s|%s|%d|%s|%d|%d"
    clock = cast("tuple[Any, tuple[bytes, ...]]", w.moment.__reduce__())[1][0]
    zone = w.moment.tzinfo
    return text % (clock.hex(), zone, w.precision, w.zone, w.approximate, w.unreadable)


def _items_text(items: tuple[str, ...]) -> str:
    """A tuple of texts as one text that tells any two tuples apart: their count, then the
    items joined by NULs (twice as quick as repr); repr's when an item holds a NUL."""
    joined = "\x00".join(items)
    if joined.count("\x00") == len(items) - 1 or not items:
        return f"{len(items)}:{joined}"
    return "r" + repr(items)


def field_texts(event: Event) -> tuple[str, ...]:
    """The event's content, one text per field of FIELDS, the same in every process."""
    e, quotes = event, event.quotes
    said = repr(tuple([(q.speaker, q.text, q.source) for q in quotes])) if quotes else "()"
    return (
        e.title, _when_text(e.when) if e.when_given else "",
        "" if e.end is None else _when_text(e.end), e.status, e.location,
        _items_text(e.actors), _items_text(e.tags), e.summary, e.notes, said,
        _items_text(e.sources), _items_text(e.related),
        "" if e.earliest is None else _when_text(e.earliest),
        "" if e.latest is None else _when_text(e.latest), str(e.sequence),
        _items_text(e.conflicts),
    )  # fmt: skip


def fingerprint_bytes(event: Event) -> bytes:
    """The event's content hash (8 bytes), then a one-byte hash of each field of FIELDS.
    Made for every event packed, so kept to C loops (map): each field encoded, the hash of
    them joined by NULs, and the low byte of each field's crc32, taken from an array."""
    texts = field_texts(event)
    try:
        parts = list(map(str.encode, texts))
    except UnicodeEncodeError:  # a lone surrogate, kept as the file gave it
        parts = [text.encode("utf-8", "surrogatepass") for text in texts]
    crcs = array("I", map(zlib.crc32, parts)).tobytes()[_LOW_BYTE::_STEP]
    whole = hashlib.blake2b(b"\x00".join(parts), digest_size=CONTENT_DIGITS // 2)
    return whole.digest() + crcs


_STEP = array("I").itemsize  # each crc32 in an array("I"), its low byte at _LOW_BYTE
_LOW_BYTE = 0 if sys.byteorder == "little" else _STEP - 1


def fingerprint(event: Event) -> str:
    """fingerprint_bytes in hex: the content hash's 16 digits, then two a field."""
    return fingerprint_bytes(event).hex()


def fingerprints(events: Iterable[Event]) -> Fingerprints:
    """Each event's fingerprint by id (an id given twice: its first event's)."""
    found: Fingerprints = {}
    for event in events:
        found.setdefault(event.id, fingerprint(event))
    return found


def changed_fields(before: str, after: str) -> tuple[str, ...]:
    """The fields whose hash differs between two fingerprints of an event (all of them when
    either is not a fingerprint; none that differ only by a clash of one-byte hashes)."""
    if len(before) != FINGERPRINT_LENGTH or len(after) != FINGERPRINT_LENGTH:
        return FIELDS
    at = CONTENT_DIGITS
    return tuple(
        name
        for k, name in enumerate(FIELDS)
        if before[at + 2 * k : at + 2 * k + 2] != after[at + 2 * k : at + 2 * k + 2]
    )


@dataclass(frozen=True)
class Changes:
    """Events added, changed and removed since a previous set of fingerprints, by id."""

    new: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)  # changed id -> fields

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    def summary(self) -> str:
        """`5 new, 2 changed, 1 removed`, or "" when nothing changed."""
        counts = [(len(self.new), "new"), (len(self.changed), "changed")]
        counts.append((len(self.removed), "removed"))
        return ", ".join(f"{count:,} {word}" for count, word in counts if count)


NO_CHANGES = Changes()


def changes(previous: Mapping[str, str], current: Mapping[str, str]) -> Changes:
    """What `current` adds to, changes in and removes from `previous` (fingerprints by id)."""
    differing = current.items() - previous.items()  # set operations in C: 100,000 ids
    removed = previous.keys() - current.keys()
    new = {event_id for event_id, _ in differing if event_id not in previous}
    changed = {
        event_id
        for event_id, print_ in differing
        if event_id in previous and previous[event_id][:CONTENT_DIGITS] != print_[:CONTENT_DIGITS]
    }
    fields = {
        event_id: changed_fields(previous[event_id], current[event_id]) for event_id in changed
    }
    return Changes(frozenset(new), frozenset(changed), frozenset(removed), fields)
