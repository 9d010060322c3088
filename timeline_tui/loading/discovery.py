"""Discovery: the event files under the paths given, and why any path could not be walked.

Folders are read recursively for `*.toml`; hidden files and folders and editors' backups are
never records; a symbolic link loop or an unreadable folder is a diagnostic, never an error.
A walk may be given a deadline or a should_stop check (the open dialog's preview, which must not
walk a whole disk): both are looked at between files and between folders, and a walk cut short
says so (`Discovery.stopped`).
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from timeline_tui.core.diagnostics import Diagnostic, error, warning


@dataclass
class Discovery:
    """The event files found under the paths given, in order, and what went wrong finding them."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stopped: bool = False  # the walk was cut short (deadline or should_stop): files is a part


def never() -> bool:
    """The default should_stop: a walk for the loader goes on to the last file."""
    return False


@dataclass
class _Walk:
    """One discovery under way: what it found, and whether it must stop (asked once per entry,
    and once it has said yes, it keeps saying yes, so every folder being walked returns)."""

    found: Discovery
    should_stop: Callable[[], bool] = never
    deadline: float | None = None

    def stopping(self) -> bool:
        if not self.found.stopped:
            late = self.deadline is not None and time.monotonic() >= self.deadline
            self.found.stopped = late or self.should_stop()
        return self.found.stopped


# What an analyst adds (stars, notes) lives in `<first folder>/.timeline/notes.toml`
# (notes/store.py): a hidden folder, so never walked for records; the watcher follows it.
NOTES_FOLDER, NOTES_FILE = ".timeline", "notes.toml"


def is_event_file_name(name: str) -> bool:
    """Files a folder walk reads: `*.toml`, not hidden, not an editor's backup."""
    return name.lower().endswith(".toml") and not name.startswith((".", "#", "~"))


def discover(
    paths: Iterable[str],
    *,
    should_stop: Callable[[], bool] = never,
    deadline: float | None = None,
) -> Discovery:
    """Files to read: explicit files as given, folders walked for `*.toml`; each once.

    The walk stops early, with `stopped` set, once `should_stop()` says so or the monotonic
    clock reaches `deadline`; by default it never does (the loader wants every file)."""
    walk = _Walk(Discovery(), should_stop, deadline)
    seen: set[str] = set()
    for path in paths:
        if walk.stopping():
            break
        for file in _expand(path, walk, set()):
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                walk.found.files.append(file)
    return walk.found


def _expand(path: str, walk: _Walk, visited: set[tuple[int, int]]) -> Iterator[str]:
    found = walk.found
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        found.diagnostics.append(error(path, 1, 1, describe_os_error(path, exc)))
        return
    if not stat.S_ISDIR(info.st_mode):
        yield path
        return
    if (info.st_dev, info.st_ino) in visited:
        found.diagnostics.append(warning(path, 1, 1, "folder already read (symbolic link loop)"))
        return
    visited.add((info.st_dev, info.st_ino))
    yield from _walk(path, walk, visited)


def _walk(folder: str, walk: _Walk, visited: set[tuple[int, int]]) -> Iterator[str]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        walk.found.diagnostics.append(error(folder, 1, 1, describe_os_error(folder, exc)))
        return
    for entry in entries:
        if walk.stopping():
            return
        if entry.name.startswith("."):
            continue
        if _is_folder(entry):
            yield from _expand(entry.path, walk, visited)
        elif is_event_file_name(entry.name):
            yield entry.path


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def describe_os_error(path: str, exc: OSError | ValueError) -> str:
    """A plain sentence for why a path could not be read (os calls raise ValueError for a
    path with a NUL character in it)."""
    if not isinstance(exc, OSError):
        if "\0" in path:
            return "the path holds a NUL character, which no file name can; not read"
        return f"cannot read: {exc}"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; not read"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"dangling symbolic link to {os.readlink(path)!r}; not read"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; not read"
    return f"cannot read: {exc.strerror or exc}"
