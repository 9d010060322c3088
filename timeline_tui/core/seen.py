"""What changed since the user last looked: each event's fingerprint, and the difference
between two sets of them. No I/O.

A fingerprint is one short string an event: the hash of its whole content (16 hex digits),
then one hex byte per field of FIELDS, so that a changed event can say which fields changed
without the old values being kept. Only the content counts, never the file or the line: an
event moved to another file, or down a file, has not changed.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from timeline_tui.core.model import Event, When

FIELDS = (
    "title", "when", "end", "status", "location", "actors", "tags",
    "summary", "notes", "quotes", "sources", "related",
)  # fmt: skip
CONTENT_DIGITS = 16  # the content hash's hex digits, then two per field
FINGERPRINT_LENGTH = CONTENT_DIGITS + 2 * len(FIELDS)

Fingerprints = dict[str, str]  # event id -> fingerprint


def _when_text(when: When | None) -> str:
    if when is None:
        return ""
    return f"{when.iso()}|{when.precision.name}|{when.zone}|{when.approximate}|{when.unreadable}"


def field_texts(event: Event) -> tuple[str, ...]:
    """The event's content, one text per field of FIELDS, the same in every process."""
    quotes = tuple((q.speaker, q.text, q.source) for q in event.quotes)
    return (
        event.title, _when_text(event.when), _when_text(event.end), event.status,
        event.location, repr(event.actors), repr(event.tags), event.summary, event.notes,
        repr(quotes), repr(event.sources), repr(event.related),
    )  # fmt: skip


def fingerprint(event: Event) -> str:
    """The event's content hash, then a one-byte hash of each field (see the module's text)."""
    texts = [text.encode("utf-8", "surrogatepass") for text in field_texts(event)]
    whole = hashlib.blake2b(b"\x00".join(texts), digest_size=CONTENT_DIGITS // 2).hexdigest()
    return whole + "".join(f"{zlib.crc32(text) & 0xFF:02x}" for text in texts)


def fingerprints(events: Iterable[Event]) -> Fingerprints:
    """Each event's fingerprint by id (an id given twice: its first event's).

    Ids and fingerprints are interned (`shared`): the app holds the last look's fingerprints,
    the shown timeline's and, during a reload, the new one's, which are nearly all equal; at
    100,000 events each set's strings take about 20 MiB, its dict 5."""
    found: Fingerprints = {}
    for event in events:
        found.setdefault(sys.intern(event.id), sys.intern(fingerprint(event)))
    return found


def shared(prints: Fingerprints) -> Fingerprints:
    """The same fingerprints, their ids and fingerprints interned as `fingerprints` has them."""
    intern = sys.intern
    return {intern(event_id): intern(print_) for event_id, print_ in prints.items()}


def arrivals(previous: Mapping[str, str], current: Mapping[str, str]) -> list[str]:
    """The ids in `current` that `previous` does not have (without a set of all of them)."""
    return [event_id for event_id in current if event_id not in previous]


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
    # Not `current.items() - previous.items()`: that makes a set of every item first (100,000
    # tuples, 10 MiB, left in the heap in pieces) to find the few that differ.
    differing = [(event_id, print_) for event_id, print_ in current.items()
                 if previous.get(event_id) != print_]  # fmt: skip
    removed = [event_id for event_id in previous if event_id not in current]
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
