"""Watching the open roots for changes with watchfiles, in a thread; roots may come and go."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.discovery import NOTES_FILE, NOTES_FOLDER, is_event_file_name

if TYPE_CHECKING:  # watchfiles itself is imported when watching starts, not with the app
    from watchfiles import Change

Identity = tuple[int, int] | None  # (st_dev, st_ino), or None when the path is missing
_POLL_S = 2.0  # how often roots are handed over when the OS will not watch them
_POLLS_BEFORE_RETRY = 5  # then the watch is tried again
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload")


class Roots(Protocol):
    """Anything with the roots to watch: a Workspace."""

    @property
    def roots(self) -> tuple[str, ...]: ...


class Refreshable(Roots, Protocol):
    """A Workspace: roots to watch, its current Timeline, and a refresh to call with changes."""

    @property
    def timeline(self) -> Timeline: ...

    def refresh(self, changed: Iterable[str] | None = None) -> Timeline: ...


def is_scratch_name(name: str) -> bool:
    """Editor swap files, backups and temporary files: never records, never folders we read."""
    return name.startswith((".", "#", "~")) or name.endswith(_SCRATCH_SUFFIXES)


def _deleted() -> Change:
    from watchfiles import Change

    return Change.deleted


def is_notes_file(path: str, roots: Iterable[str]) -> bool:
    """Whether `path` is a root's `.timeline/notes.toml` (the analyst's notes), or its
    `.timeline/` folder: a folder made with the file in it at once may be watched only after
    the file was written, and then its making is all the watch tells."""
    for root in roots:
        folder = os.path.join(root.rstrip(os.sep) or os.sep, NOTES_FOLDER)
        if path in (folder, os.path.join(folder, NOTES_FILE)):
            return True
    return False


class EventFileFilter:
    """A watchfiles filter keeping changes that can matter to the records under `roots`:
    event files, the roots themselves, folders (a folder moved in or out holds files), and
    a root's notes file."""

    def __init__(self, roots: Iterable[str]) -> None:
        self.roots = frozenset(roots)

    def __call__(self, change: Change, path: str) -> bool:
        if path in self.roots or is_notes_file(path, self.roots):
            return True
        if self._hidden_below_root(path):
            return False
        name = os.path.basename(path)
        if is_event_file_name(name):
            return True
        if is_scratch_name(name):
            return False
        return change == _deleted() or os.path.isdir(path)

    def _hidden_below_root(self, path: str) -> bool:
        for root in self.roots:
            if path.startswith(root.rstrip(os.sep) + os.sep):
                parts = path[len(root.rstrip(os.sep)) + 1 :].split(os.sep)
                return any(part.startswith(".") for part in parts)
        return False


def identities(paths: Iterable[str]) -> dict[str, Identity]:
    """Which file or folder each path names now (None if it is missing)."""
    found: dict[str, Identity] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            found[path] = None
        else:
            found[path] = (info.st_dev, info.st_ino)
    return found


class Watcher:
    """Yields sets of changed paths under a workspace's roots until `stop()` is called.

    Changes are grouped: a batch comes once they have been quiet for `step_ms`, or at most
    `debounce_ms` after the first. Every `tick_ms` the roots are checked; when one is deleted,
    replaced (an atomic save of an opened file) or comes back, or the workspace's roots change,
    the watch restarts, and the batch then holds the roots so a refresh notices; so does the
    first batch of every watch. Missing roots are polled each tick. If watching fails (e.g. the
    OS watch limit), `error` says why and the roots are handed over every tick instead, so a
    refresh still sees every change.
    """

    def __init__(
        self, workspace: Roots, *, debounce_ms: int = 200, step_ms: int = 50, tick_ms: int = 250
    ) -> None:
        self.workspace = workspace
        self.debounce_ms, self.step_ms, self.tick_ms = debounce_ms, step_ms, tick_ms
        self.stop_event = threading.Event()
        self.ready = threading.Event()  # set once changes are being followed
        self.error: str | None = None

    def stop(self) -> None:
        """Ask `batches()` to end; it does within about `step_ms`."""
        self.stop_event.set()

    def batches(self) -> Iterator[set[str]]:
        """Sets of changed paths (files, folders or roots), each worth a `refresh(batch)`.

        The first batch of each watch (at its first tick) holds the roots, so what changed
        before the watch was in place is not missed.
        """
        while not self.stop_event.is_set():
            yield from self._session(tuple(self.workspace.roots))

    def timelines(
        self, workspace: Refreshable, notes_touched: Callable[[], object] | None = None
    ) -> Iterator[Timeline]:
        """`workspace.refresh(batch)` for each batch, yielding the Timeline when it changed;
        `notes_touched()` for a batch that holds a root's notes file or the roots (the notes
        are not records: a batch of them alone reads no records)."""
        current = workspace.timeline
        for batch in self.batches():
            roots = workspace.roots
            notes = {path for path in batch if is_notes_file(path, roots)}
            if notes_touched is not None and (notes or not batch.isdisjoint(roots)):
                notes_touched()
            if notes and batch == notes:
                continue
            timeline = workspace.refresh(batch - notes)
            if timeline is not current:
                current = timeline
                yield timeline

    def _session(self, roots: tuple[str, ...]) -> Iterator[set[str]]:
        """One watch over the roots present, until a root moves or the roots change."""
        seen = identities(roots)
        ticks = self._ticks([root for root in roots if seen[root] is not None], roots)
        resync = True
        try:
            for changes in ticks:
                moved = self._moved(roots, seen, changes)
                batch = {path for _, path in changes}
                if moved or resync or self.error:
                    batch.update(roots)
                resync = False
                if batch:
                    yield batch
                if moved:
                    return
        finally:
            ticks.close()  # type: ignore[attr-defined]  # a generator's

    def _moved(
        self, roots: tuple[str, ...], seen: dict[str, Identity], changes: set[tuple[Change, str]]
    ) -> bool:
        deleted = any(change == _deleted() and path in seen for change, path in changes)
        return deleted or identities(roots) != seen or tuple(self.workspace.roots) != roots

    def _ticks(self, live: list[str], roots: tuple[str, ...]) -> Iterator[set[tuple[Change, str]]]:
        """Filtered changes (an empty set at each quiet tick) until stopped or failed."""
        if not live:
            while not self.stop_event.wait(self.tick_ms / 1000):
                self.ready.set()
                yield set()
            return
        try:
            yield from self._watch(live, roots)
        except FileNotFoundError:  # a root went away as the watch began: look again next tick
            if not self.stop_event.wait(self.tick_ms / 1000):
                yield set()
        except (OSError, RuntimeError) as exc:  # e.g. the OS limit on watches: poll for a while
            self.error = f"cannot watch for changes ({exc}); checking every {_POLL_S:g} s"
            for _ in range(_POLLS_BEFORE_RETRY):
                if self.stop_event.wait(_POLL_S):
                    return
                self.ready.set()
                yield set()

    def _watch(self, live: list[str], roots: tuple[str, ...]) -> Iterator[set[tuple[Change, str]]]:
        from watchfiles import watch

        for changes in watch(
            *live,
            watch_filter=EventFileFilter(roots),
            debounce=self.debounce_ms,
            step=self.step_ms,
            stop_event=self.stop_event,
            rust_timeout=self.tick_ms,
            yield_on_timeout=True,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            self.ready.set()
            self.error = None
            yield changes
