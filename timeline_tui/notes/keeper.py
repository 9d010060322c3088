"""NotesKeeper: the notes file of the folders open, as the app holds it between reads.

It follows the first folder opened, reads the file again when told it may have changed (the
watcher), and saves one event's annotation at a time. When the file changed on disk since it
was read, the save is refused, unless only other events' notes changed (a colleague's notes
on other events): then the annotation is written onto their file, nothing of theirs lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline_tui.core.annotation import Annotation, Notes
from timeline_tui.notes.store import NotesFile, NotSaved, notes_path, read_notes, save_annotation


class NotesKeeper:
    """The notes file read last (None: nothing opened) and what changes it."""

    def __init__(self) -> None:
        self.file: NotesFile | None = None

    @property
    def notes(self) -> Notes:
        return self.file.notes if self.file is not None else {}

    def follow(self, roots: Sequence[str]) -> bool:
        """Read the notes of these roots' first folder, unless they are the ones held;
        whether they changed."""
        path = notes_path(list(roots))
        if self.file is not None and self.file.path == path:
            return False
        self.file = None if path is None else read_notes(path)
        return True

    def reread(self) -> bool:
        """Read the file again; whether it changed (its bytes, or whether it reads)."""
        if self.file is None:
            return False
        fresh = read_notes(self.file.path)
        if fresh.data == self.file.data and fresh.problems == self.file.problems:
            return False
        self.file = fresh
        return True

    def save(self, event_id: str, annotation: Annotation) -> None:
        """Write the event's annotation; NotSaved says why not (the file as it was)."""
        if self.file is None:
            raise NotSaved("notes are kept in a folder you open, not in the bundled sample")
        try:
            self.file = save_annotation(self.file, event_id, annotation)
        except NotSaved:
            fresh = read_notes(self.file.path)
            if fresh.data == self.file.data or fresh.notes.get(event_id) != self.notes.get(
                event_id
            ):
                raise  # not a change on disk, or one to this very note: theirs is kept
            self.file = save_annotation(fresh, event_id, annotation)
