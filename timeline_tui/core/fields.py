"""What the query fields need of every event, by position: tags, places, statuses, sources,
files and lines, quotes, stale events, how many sources and independent publishers back it,
the records it conflicts with, and the days each event may fall on.

Storage builds them once a load (storage/column_builder.py), from the files' digests, never
from decoded events (decoding 100,000 events takes about 3 s). Each value keeps the positions
of its events as one ascending array; a status is one byte an event.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from timeline_tui.core.model import STATUSES

Lists = dict[str, "array[int]"]  # a value -> the ascending positions of the events that have it


def status_code(status: str) -> int:
    """The byte kept for a status (one past the known ones for any other)."""
    try:
        return STATUSES.index(status)
    except ValueError:
        return len(STATUSES)


@dataclass
class FieldColumns:
    """Per value, the positions holding it (tags and places folded as search folds, sources
    and files as written); per position its status code, file number and line."""

    tags: Lists = field(default_factory=dict)
    places: Lists = field(default_factory=dict)
    sources: Lists = field(default_factory=dict)
    files: Lists = field(default_factory=dict)
    statuses: bytes = b""  # status_code of each position
    lines: array[int] = field(default_factory=lambda: array("I"))  # the line of each
    quoted: array[int] = field(default_factory=lambda: array("I"))  # positions with a quote
    stale: array[int] = field(default_factory=lambda: array("I"))  # positions marked stale
    cited: bytes = b""  # how many sources each position cites (255 for 255 or more)
    independent: bytes = b""  # how many independent publishers (core/provenance.py), as cited
    conflicts: dict[int, tuple[int, ...]] = field(default_factory=dict)  # loaded ones, both ways
    contested: array[int] = field(default_factory=lambda: array("I"))  # positions with conflicts
