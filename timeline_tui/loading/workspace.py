"""The open files and folders, kept in step with the disk: incremental reloads and stale events."""

from __future__ import annotations

import dataclasses
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline_tui.core.diagnostics import Diagnostic, warning
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache
from timeline_tui.loading.loader import (
    Discovery,
    discover,
    is_event_file_name,
    iter_stamped,
    load_whole,
    read_bytes,
    read_document,
    read_file,
)
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage.assembly import assemble
from timeline_tui.storage.packing import PackedEvents

Stamp = tuple[int, int]  # (size, mtime_ns)
Progress = Callable[[int, int], None]  # (files done, files in all)

_READ_ATTEMPTS = 5  # reads of a file that keeps changing while it is read
_RETRY_PAUSE = 0.01  # seconds between those reads
# A file modified this recently may change again within the same mtime tick without changing
# size, so its stamp is not trusted and the next refresh reads it again ("racy git"). One
# second covers filesystems that keep whole seconds; the watcher reports such edits anyway.
_RACY_NS = 1_000_000_000
BULK_READ_MIN = 16  # fewer files than this are read one by one, settling each
SMALL_FILES = BULK_READ_MIN - 1  # files read one by one, before the first frame
SMALL_BYTES = 256 * 1024  # and so little that it takes about 10 ms at most
_EVENT_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)


def absolute(path: str) -> str:
    """A path as the workspace keeps it: `~` expanded, absolute, normalised."""
    return os.path.abspath(os.path.expanduser(path))


def stamp_of(path: str) -> Stamp | None:
    """(size, mtime_ns) of what `path` points to, or None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def read_settled(path: str) -> tuple[Stamp | None, ParsedFile]:
    """Read a file; if it changed while being read, read again (a few times at most).

    The stamp returned is the one the content was read under, or None when it should not be
    trusted (the file kept changing, or changed too recently) so the next refresh reads again.
    """
    before = stamp_of(path)
    for attempt in range(_READ_ATTEMPTS):
        parsed = read_file(path)
        after = stamp_of(path)
        if after == before:
            racy = after is not None and time.time_ns() - after[1] < _RACY_NS
            return (None if racy else after), parsed
        before = after
        if attempt + 1 < _READ_ATTEMPTS:
            time.sleep(_RETRY_PAUSE)
    return None, parsed


@dataclass(slots=True)
class FileState:
    """One file as last read: its stamp, the parse, the last clean parse, and what is shown."""

    stamp: Stamp | None
    last: ParsedFile
    good: ParsedFile | None
    shown: ParsedFile


def next_state(path: str, old: FileState | None) -> FileState:
    """Read `path` again; `old` itself (with a new stamp) when the content is unchanged."""
    stamp, parsed = read_settled(path)
    return state_from(old, stamp, parsed)


def _trusted(stamp: cache.Stamp | None, now: int) -> Stamp | None:
    """The (size, mtime_ns) of a stamp read at `now`, or None if too recent to trust."""
    return None if stamp is None or now - stamp[1] < _RACY_NS else (stamp[0], stamp[1])


def state_from(old: FileState | None, stamp: Stamp | None, parsed: ParsedFile) -> FileState:
    """The new state of a file just read; `old` itself when the content is unchanged."""
    if old is not None and parsed == old.last:
        old.stamp = stamp
        return old
    good = parsed if parsed.readable else (old.good if old is not None else None)
    return FileState(stamp, parsed, good, shown_file(parsed, good))


def shown_file(parsed: ParsedFile, good: ParsedFile | None) -> ParsedFile:
    """What a file contributes: its parse, or, while it is unreadable, its last good records
    with the events marked stale, plus the new diagnostics and a note saying so."""
    if parsed.readable or good is None or not (good.events or good.actors or good.sources):
        return parsed
    events = PackedEvents.pack([dataclasses.replace(event, stale=True) for event in good.events])
    count = _plural(len(events), "event")
    message = f"showing the last good version ({count}, marked stale) until the file reads cleanly"
    diagnostics = [*parsed.diagnostics, warning(parsed.path, 1, 1, message)]
    return dataclasses.replace(good, events=events, diagnostics=diagnostics, readable=False)


class DocumentCache:
    """Source documents for quote checks, read again only when their stamp changes."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[cache.Stamp, str | None]] = {}
        self._stamps: dict[str, cache.Stamp | None] = {}  # of every document the timeline read

    def __call__(self, path: str) -> str | None:
        stamp = cache.stamp_of(path)
        self._stamps[path] = stamp
        hit = self._texts.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1]
        text = read_document(path)
        if stamp is not None:
            self._texts[path] = (stamp, text)
        return text

    def changed(self) -> bool:
        """Whether any document read so far has changed on disk since."""
        return any(cache.stamp_of(path) != stamp for path, stamp in self._stamps.items())

    def stamps(self) -> dict[str, cache.Stamp | None]:
        return dict(self._stamps)

    def assume(self, stamps: dict[str, cache.Stamp | None]) -> None:
        """Watch documents that a load taken from the cache read, as if read here."""
        self._stamps.update(stamps)

    def clear(self) -> None:
        self._texts.clear()
        self._stamps.clear()


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
    folder replaces the roots it covers."""
    merged = {root: os.path.realpath(root) for root in roots}
    reals = set(merged.values())
    for path in map(absolute, paths):
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
    Timeline object when nothing did. A file that stops reading cleanly keeps its last good
    events, marked `stale`, until it reads cleanly again; a deleted file's events go away.
    Methods may be called from any thread; they run one at a time.
    """

    def __init__(self, paths: Iterable[str] = ()) -> None:
        self._roots: tuple[str, ...] = merge_roots((), paths)
        self._files: dict[str, FileState] = {}
        self._discovery: list[Diagnostic] = []
        self._documents = DocumentCache()
        self._timeline = Timeline()
        self._lock = threading.Lock()

    @property
    def roots(self) -> tuple[str, ...]:
        """The files and folders open, absolute, in the order opened, each once."""
        return self._roots

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

    def load(self, progress: Progress | None = None) -> Timeline:
        """Read every file and document again (last good versions are remembered). The first
        load of many files may come whole from the load cache, when none has changed."""
        with self._lock:
            self._documents.clear()
            return self._update(set(), force=True, progress=progress)

    def refresh(self, changed: Iterable[str] | None = None) -> Timeline:
        """Rediscover the roots and re-read new files, files whose (size, mtime_ns) changed,
        and the files in `changed` (read even if their stamp looks the same)."""
        forced = set()
        for path in changed or ():
            forced.update((absolute(path), os.path.realpath(path)))
        with self._lock:
            return self._update(forced, force=False, progress=None)

    def _update(self, forced: set[str], force: bool, progress: Progress | None) -> Timeline:
        with cache.gc_paused():  # reading and assembling build many objects that all survive
            return self._update_now(forced, force, progress)

    def _update_now(self, forced: set[str], force: bool, progress: Progress | None) -> Timeline:
        found = discover(self._roots)
        if not self._files and len(found.files) >= BULK_READ_MIN:
            return self._first_load(found, progress)
        dirty = force or found.diagnostics != self._discovery or found.files != list(self._files)
        stale = [p for p in found.files if self._needs_read(p, force or p in forced)]
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

    def _first_load(self, found: Discovery, progress: Progress | None) -> Timeline:
        """The first read of many files: the whole load from the cache when no file or
        document changed since it was kept, else every file read (in parallel, through the
        parse cache), assembled, and the load kept for next time."""
        loaded = load_whole(self._roots, found, self._documents, progress=progress)
        self._documents.assume(loaded.documents)  # read here, or by the load kept
        self._discovery = found.diagnostics
        self._files = {
            path: state_from(None, _trusted(stamp, loaded.started), parsed)
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
        if len(paths) >= BULK_READ_MIN:  # each compared as it comes: see iter_stamped
            now, store = time.time_ns(), cache.Store.open()
            states = {}
            for index, (stamp, parsed) in iter_stamped(paths, progress=progress, store=store):
                path = paths[index]
                states[path] = state_from(self._files.get(path), _trusted(stamp, now), parsed)
            return states
        states = {}
        for done, path in enumerate(paths, 1):
            states[path] = next_state(path, self._files.get(path))
            if progress is not None:
                progress(done, len(paths))
        return states

    def _assemble(self) -> Timeline:
        parsed = [state.shown for state in self._files.values()]
        if self._discovery:
            parsed.append(ParsedFile("", diagnostics=list(self._discovery), readable=False))
        return assemble(parsed, self._documents)


def preview(path: str, budget: float = 0.25) -> str:
    """A short count for a file or folder, e.g. "3 events" or "12 files, 480 events, 2 errors".

    Files are parsed (not assembled) until `budget` seconds have passed; the events of the rest
    are counted from their `[[events]]` headers and their errors are not looked for.
    """
    path = absolute(path)
    found = discover([path])
    if not os.path.isdir(path):
        if found.diagnostics:
            return found.diagnostics[0].message
        parsed = read_file(path)
        return _counts(None, len(parsed.events), _errors(parsed.diagnostics))
    deadline = time.monotonic() + budget
    events, errors, checked = 0, _errors(found.diagnostics), 0
    for file in found.files:
        if time.monotonic() > deadline:
            events += _count_headers(file)
            continue
        parsed = read_file(file)
        events += len(parsed.events)
        errors += _errors(parsed.diagnostics)
        checked += 1
    text = _counts(len(found.files), events, errors)
    return text if checked == len(found.files) else f"{text} (errors looked for in {checked:,})"


def _errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for diagnostic in diagnostics if diagnostic.is_error)


def _count_headers(path: str) -> int:
    data = read_bytes(path)
    return 0 if isinstance(data, Diagnostic) else len(_EVENT_HEADER.findall(data))


def _counts(files: int | None, events: int, errors: int) -> str:
    parts = [] if files is None else [_plural(files, "file")]
    parts.append(_plural(events, "event"))
    if errors:
        parts.append(_plural(errors, "error"))
    return ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
