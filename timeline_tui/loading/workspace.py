"""The one load path, for the command line and the app: the files and folders opened, kept in
step with the disk (incremental reloads, stale last-good versions).

`load(paths)` is what the command line reads; the app keeps a Workspace and refreshes it as
the watcher reports changes. Paths are kept as given (with `~` expanded), so that the files
found are named as the user named them; they are compared by their real paths.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline_tui.core.diagnostics import Diagnostic, plural, warning
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache
from timeline_tui.loading.discovery import Discovery, discover, is_event_file_name
from timeline_tui.loading.documents import DocumentCache
from timeline_tui.loading.load_cache import load_whole
from timeline_tui.loading.parallel import MANY_FILES, Progress, iter_stamped
from timeline_tui.loading.reading import MAX_FILE_BYTES, read_settled
from timeline_tui.loading.stamp import Stamp, stamp_of, trusted
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage.assembly import assemble
from timeline_tui.storage.heap import gc_paused
from timeline_tui.storage.packing import PackedEvents

Partial = Callable[[Timeline], None]  # handed the timeline of a cold open's first files
SMALL_FILES = MANY_FILES - 1  # files read one by one, before the first frame
SMALL_BYTES = 256 * 1024  # and so little that it takes about 10 ms at most


def load(
    paths: Iterable[str], max_bytes: int = MAX_FILE_BYTES, *, progress: Progress | None = None,
    workers: int | None = None,
) -> Timeline:  # fmt: skip
    """Everything under the paths as one Timeline, with all the diagnostics found: what
    `timeline list`, `check` and `export` show, read as the app reads it."""
    return Workspace(paths, max_bytes, workers=workers).load(progress)


def absolute(path: str) -> str:
    """A path as the watcher sees it: `~` expanded, absolute, normalised."""
    return os.path.abspath(os.path.expanduser(path))


@dataclass(slots=True)
class FileState:
    """One file as last read: its stamp, the parse, the last clean parse, and what is shown."""

    stamp: Stamp | None
    last: ParsedFile
    good: ParsedFile | None
    shown: ParsedFile


def state_from(old: FileState | None, stamp: Stamp | None, parsed: ParsedFile) -> FileState:
    """The new state of a file just read; `old` itself when the content is unchanged.

    Only a clean read of a file that is not blank becomes its last good version: an editor
    saving a file may truncate it first, and neither the blank read the watcher sees then nor
    the half-written text after it may take the file's events away."""
    if old is not None and parsed == old.last:
        old.stamp = stamp
        return old
    good = parsed if _is_good(parsed) else (old.good if old is not None else None)
    return FileState(stamp, parsed, good, shown_file(parsed, good))


def shown_file(parsed: ParsedFile, good: ParsedFile | None) -> ParsedFile:
    """What a file contributes: its parse, or, while it is unreadable or blank, its last good
    records with the events marked stale, plus the new diagnostics and a note saying so.

    A blank file shows them until it has content that reads cleanly: an editor halfway
    through a save and a user who emptied the file look the same, and deleting the file is
    how its events are removed (the note says so). A file blank from the start, or already
    blank when the app started (last good versions are kept in memory only), shows only that
    it is empty."""
    if _is_good(parsed) or good is None or not (good.events or good.actors or good.sources):
        return parsed
    events = PackedEvents.pack([dataclasses.replace(event, stale=True) for event in good.events])
    kept = [] if parsed.blank else parsed.diagnostics  # the note says the file is empty
    note = warning(parsed.path, 1, 1, _stale_note(parsed, plural(len(events), "event")))
    return dataclasses.replace(good, events=events, diagnostics=[*kept, note], readable=False)


def _is_good(parsed: ParsedFile) -> bool:
    """Whether a parse may stand as the file's last good version."""
    return parsed.readable and not parsed.blank


def _stale_note(parsed: ParsedFile, count: str) -> str:
    """Why the events are stale; for a blank file, in place of "file is empty" (one warning)."""
    if parsed.blank:
        return (
            f"file is empty now: showing the last good version ({count}, marked stale) until"
            " it has content that reads cleanly; delete the file to drop them"
        )
    return f"showing the last good version ({count}, marked stale) until the file reads cleanly"


def covered(real: str, roots: set[str]) -> bool:
    """Whether opening the roots (real paths) already reads `real`: it is one of them, or a
    folder walk from one finds it (no hidden folder on the way, an event file's name)."""
    if real in roots:
        return True
    if not (os.path.isdir(real) or is_event_file_name(os.path.basename(real))):
        return False
    child, parent = real, os.path.dirname(real)
    while parent != child and not os.path.basename(child).startswith("."):
        if parent in roots:
            return True
        child, parent = parent, os.path.dirname(parent)
    return False


def merge_roots(roots: Iterable[str], paths: Iterable[str]) -> tuple[str, ...]:
    """`roots` plus `paths`, each read once: a path already covered is skipped, and a new
    folder replaces the roots it covers. Paths stay as given; they are compared as real paths."""
    merged = {root: os.path.realpath(root) for root in roots}
    reals = set(merged.values())
    for path in map(os.path.expanduser, paths):
        real = os.path.realpath(path)
        if covered(real, reals):
            continue
        if os.path.isdir(real):
            merged = {root: was for root, was in merged.items() if not covered(was, {real})}
            reals = set(merged.values())
        merged[path] = real
        reals.add(real)
    return tuple(merged)


class Workspace:
    """The roots the user opened and the state of every file under them.

    `load()` reads everything; `refresh()` re-reads only what changed and returns the same
    Timeline object when nothing did. A file that stops reading cleanly, or is emptied (as an
    editor does before it writes), keeps its last good events, marked `stale`, until it reads
    cleanly again, with content; a deleted file's events go away.
    Methods may be called from any thread; they run one at a time.
    """

    def __init__(
        self, paths: Iterable[str] = (), max_bytes: int = MAX_FILE_BYTES, *,
        workers: int | None = None,
    ) -> None:  # fmt: skip
        self._roots: tuple[str, ...] = merge_roots((), paths)
        self._max_bytes, self._workers = max_bytes, workers
        self._files: dict[str, FileState] = {}
        self._loaded = False  # the first read (through the load cache) is done
        self._discovery: list[Diagnostic] = []
        self._documents = DocumentCache(self._roots)
        self._timeline = Timeline()
        self._lock = threading.Lock()

    @property
    def roots(self) -> tuple[str, ...]:
        """The files and folders open, absolute, in the order opened, each once."""
        return tuple(map(absolute, self._roots))

    def is_small(self, max_files: int = SMALL_FILES, max_bytes: int = SMALL_BYTES) -> bool:
        """Whether the roots hold so little that reading them takes a few milliseconds (the
        app then reads them before its first frame instead of showing progress)."""
        files = discover(self._roots).files
        if len(files) > max_files:
            return False
        total = 0
        for path in files:
            stamp = stamp_of(path)
            total += stamp[0] if stamp is not None else 0
        return total <= max_bytes

    @property
    def timeline(self) -> Timeline:
        """The Timeline assembled at the last load, add or refresh."""
        return self._timeline

    def add(self, paths: Iterable[str], progress: Progress | None = None) -> Timeline:
        """Open more files or folders; reads only the files not already read."""
        with self._lock:
            self._roots = merge_roots(self._roots, paths)
            return self._update(set(), force=False, progress=progress)

    def load(self, progress: Progress | None = None, partial: Partial | None = None) -> Timeline:
        """Read every file and document again (last good versions are remembered). The first
        load may come whole from the load cache, when no file has changed; when it is read,
        `partial` gets the timeline of its first files while the rest are read."""
        with self._lock:
            self._documents.clear()
            return self._update(set(), force=True, progress=progress, partial=partial)

    def refresh(self, changed: Iterable[str] | None = None) -> Timeline:
        """Rediscover the roots and re-read new files, files whose stamp changed, and the
        files in `changed` (read even if their stamp looks the same)."""
        forced: set[str] = set()
        for path in changed or ():
            forced.update((absolute(path), os.path.realpath(path)))
        with self._lock:
            return self._update(forced, force=False, progress=None)

    def _update(
        self, forced: set[str], force: bool, progress: Progress | None,
        partial: Partial | None = None,
    ) -> Timeline:  # fmt: skip
        with gc_paused():  # reading and assembling build many objects that all survive
            return self._update_now(forced, force, progress, partial)

    def _update_now(
        self, forced: set[str], force: bool, progress: Progress | None, partial: Partial | None
    ) -> Timeline:
        found = discover(self._roots)
        moved = self._documents.confine(self._roots)  # documents are read from inside them
        if not self._loaded:
            return self._first_load(found, progress, partial)
        dirty = moved or force or found.diagnostics != self._discovery
        dirty = dirty or found.files != list(self._files)
        stale = [p for p in found.files if self._needs_read(p, force or absolute(p) in forced)]
        fresh = self._read(stale, progress)
        files: dict[str, FileState] = {}
        for path in found.files:
            old = self._files.get(path)
            files[path] = state = fresh.get(path) or old  # type: ignore[assignment]
            dirty = dirty or state is not old
        self._files, self._discovery = files, found.diagnostics
        if dirty or self._documents.changed():
            self._timeline = self._assemble()
        return self._timeline

    def _first_load(
        self, found: Discovery, progress: Progress | None, partial: Partial | None
    ) -> Timeline:
        """The workspace's first read: the whole load from the cache when no file or document
        changed since it was kept, else every file read (in parallel when many, through the
        parse cache), assembled, and the load kept for next time."""
        loaded = load_whole(
            self._roots, found, self._documents, self._max_bytes,
            progress=progress, workers=self._workers, partial=partial,
        )  # fmt: skip
        self._documents.assume(loaded.documents)  # read here, or by the load kept
        self._loaded = True
        self._discovery = found.diagnostics
        self._files = {
            path: state_from(None, trusted(stamp, loaded.started), parsed)
            for path, (stamp, parsed) in zip(found.files, loaded.stamped, strict=True)
        }
        self._timeline = loaded.timeline
        return self._timeline

    def _needs_read(self, path: str, force: bool) -> bool:
        old = self._files.get(path)
        return old is None or force or old.stamp is None or stamp_of(path) != old.stamp

    def _read(self, paths: list[str], progress: Progress | None) -> dict[str, FileState]:
        """New states of the files that need reading: many at once in parallel and through the
        parse cache, a few one by one (each read until it holds still)."""
        states = {}
        if len(paths) >= MANY_FILES:  # each compared as it comes: see iter_stamped
            now, store = time.time_ns(), cache.Store.open()
            stamped = iter_stamped(
                paths, self._max_bytes, progress=progress, workers=self._workers, store=store
            )
            for index, (stamp, parsed) in stamped:
                path = paths[index]
                states[path] = state_from(self._files.get(path), trusted(stamp, now), parsed)
            return states
        for done, path in enumerate(paths, 1):
            stamp, parsed = read_settled(path, self._max_bytes)
            states[path] = state_from(self._files.get(path), stamp, parsed)
            if progress is not None:
                progress(done, len(paths))
        return states

    def _assemble(self) -> Timeline:
        parsed = [state.shown for state in self._files.values()]
        if self._discovery:
            parsed.append(ParsedFile("", diagnostics=list(self._discovery), readable=False))
        return assemble(parsed, self._documents)
