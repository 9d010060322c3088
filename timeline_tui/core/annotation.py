"""What an analyst adds to events, kept apart from the records: a star, a note, tags.

Pure values (notes/store.py reads and writes them in `.timeline/notes.toml`). `place` puts
them in a timeline by position, for the rows, the detail pane and the query (`is:star`,
`has:note`, `tag:` and words found in a note): notes are few (a person writes each), so a
dict by position costs nothing at 100,000 events. A note whose event is not loaded is an
orphan: kept, counted, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from timeline_tui.core.columns import id_key
from timeline_tui.core.search import NOWHERE, search_fold
from timeline_tui.core.timeline import Timeline

STAR_MARK, NOTE_MARK = "★", "✎"


@dataclass(frozen=True, slots=True)
class Annotation:
    """An event's star, the analyst's note on it and their tags (not the record's), and when
    they were last changed (None: never saved)."""

    star: bool = False
    note: str = ""
    tags: tuple[str, ...] = ()
    updated: datetime | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing to keep: no star, no note, no tag."""
        return not self.star and not self.note.strip() and not self.tags

    def starred(self, star: bool) -> Annotation:
        return replace(self, star=star)

    def written(self, note: str, tags: Iterable[str]) -> Annotation:
        """The same star with this note and these tags (blank ones and repeats left out)."""
        kept = tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))
        return replace(self, note=note, tags=kept)

    def mark(self) -> str:
        """One cell for a row: `★` starred, else `✎` with a note or tags, else a space."""
        if self.star:
            return STAR_MARK
        return NOTE_MARK if self.note.strip() or self.tags else " "


NO_ANNOTATION = Annotation()
Notes = Mapping[str, Annotation]  # event id -> what the analyst added


def parse_tags(text: str) -> tuple[str, ...]:
    """`follow-up, check, follow-up` -> ("follow-up", "check"): the note dialog's field."""
    return NO_ANNOTATION.written("", text.split(",")).tags


@dataclass(frozen=True)
class Placed:
    """Annotations placed in one timeline: by position, and what the query asks of them."""

    by_position: Mapping[int, Annotation] = field(default_factory=dict)
    starred: list[int] = field(default_factory=list)  # ascending
    noted: list[int] = field(default_factory=list)  # with a note's text, ascending
    tags: Mapping[str, list[int]] = field(default_factory=dict)  # folded analyst tag -> positions
    texts: Mapping[int, str] = field(default_factory=dict)  # folded note and tags
    orphans: tuple[str, ...] = ()  # ids of notes whose event is not loaded

    def of(self, position: int | None) -> Annotation:
        if position is None:
            return NO_ANNOTATION
        return self.by_position.get(position, NO_ANNOTATION)

    def mark(self, position: int) -> str:
        annotation = self.by_position.get(position)
        return " " if annotation is None else annotation.mark()

    def holding(self, term: str) -> list[int]:
        """Positions whose note or analyst tags hold the (folded) term, ascending."""
        return sorted(p for p, text in self.texts.items() if term in text)

    def orphan_status(self) -> str:
        """`1 orphaned note` (notes kept for events not loaded), or ""."""
        count = len(self.orphans)
        if not count:
            return ""
        return f"{count:,} orphaned note{'' if count == 1 else 's'}"


NOT_PLACED = Placed()


def positions_by_id(ids: Iterable[str], timeline: Timeline) -> dict[str, int]:
    """Where the events with these ids stand: one pass over the id fingerprints (about
    10 ms at 100,000 events, however many notes; `index_of` on each decodes its event to
    confirm it: 7 s for 1,000 notes). 64-bit fingerprints: no clash to fear."""
    wanted = {id_key(event_id): event_id for event_id in ids}
    if not wanted:
        return {}
    columns = timeline.columns
    found = {}
    for slot, key in enumerate(columns.ids):
        if key in wanted and columns.rank[slot] != NOWHERE:
            found[wanted[key]] = columns.rank[slot]
    return found


def place_in(notes: Notes, timeline: Timeline) -> Placed:
    """The notes placed in a timeline."""
    return place(notes, positions_by_id(notes, timeline).get)


def place(notes: Notes, index_of: Callable[[str], int | None]) -> Placed:
    """The notes placed by `index_of` (id -> position)."""
    by_position: dict[int, Annotation] = {}
    orphans = []
    for event_id, annotation in notes.items():
        position = index_of(event_id)
        if position is None:
            orphans.append(event_id)
        elif not annotation.is_empty:
            by_position[position] = annotation
    tags: dict[str, list[int]] = {}
    for position in sorted(by_position):
        for tag in dict.fromkeys(search_fold(t) for t in by_position[position].tags):
            tags.setdefault(tag, []).append(position)
    return Placed(
        by_position,
        sorted(p for p, a in by_position.items() if a.star),
        sorted(p for p, a in by_position.items() if a.note.strip()),
        tags,
        {p: search_fold("\n".join((a.note, *a.tags))) for p, a in by_position.items()},
        tuple(orphans),
    )
