"""Source documents for quote checks: read only from inside the folders opened, again only when
their stamp changes, with the stamp of every document asked for (a whole load is kept only
while they all hold still).

A record names its document, and `timeline check` says whether a quote occurs in it, so a
record naming `/proc/self/environ` or `~/.ssh/id_rsa` would let its author ask questions of
the machine. A document is therefore read only when its real path (symbolic links resolved)
lies inside the real path of a folder opened, or of the folder holding a file opened, and it
is a regular file; else it is not opened at all, and why is the assembly's warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.loading.reading import read_bytes
from timeline_tui.loading.stamp import Stamp, stamp_of
from timeline_tui.storage.assembly import Unread

OUTSIDE = Unread("is outside the folders opened (open a folder that holds it too)")


def confining_folders(roots: Iterable[str]) -> frozenset[str]:
    """The real folders documents may be read from: each folder opened, and the folder of
    each file opened."""
    folders = set()
    for root in map(os.path.expanduser, roots):
        real = os.path.realpath(root)
        folders.add(real if os.path.isdir(real) else os.path.realpath(os.path.dirname(root)))
    return frozenset(folders)


def is_inside(path: str, folders: Iterable[str]) -> bool:
    """Whether the real path of `path` lies within one of the (real) folders (never, for a
    path no file can have, as one holding a NUL)."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    return any(os.path.commonpath((real, folder)) == folder for folder in folders)


def read_text(path: str) -> str | Unread:
    """A document's text (bad bytes replaced), or why it was not read: not a regular file (a
    FIFO, a device), too large, missing or unreadable."""
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        return Unread(_clause(data.message))
    return data.decode("utf-8", errors="replace")


def _clause(message: str) -> str:
    """read_bytes' reason, to follow "source document PATH": `is not a regular file (a
    FIFO)`, `cannot be read: no such file or folder`."""
    reason = message.removesuffix("; not read")
    if reason.startswith("not a regular file"):
        return f"is {reason}"
    return f"cannot be read: {reason}"


class DocumentCache:
    """Source documents for quote checks, from inside the folders opened, read again only when
    their stamp changes."""

    def __init__(self, roots: Iterable[str] = ()) -> None:
        self._folders = confining_folders(roots)
        self._texts: dict[str, tuple[Stamp, str | Unread]] = {}
        self._stamps: dict[str, Stamp | None] = {}  # of every document the timeline read

    def confine(self, roots: Iterable[str]) -> bool:
        """Read documents from inside these roots (files and folders opened) from now on;
        whether that changed where they may be read from."""
        folders = confining_folders(roots)
        moved, self._folders = folders != self._folders, folders
        return moved

    def __call__(self, path: str) -> str | Unread:
        stamp = stamp_of(path)
        self._stamps[path] = stamp
        if not is_inside(path, self._folders):  # before the cache: the folders may change
            return OUTSIDE
        hit = self._texts.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1]
        text = read_text(path)
        if stamp is not None:
            self._texts[path] = (stamp, text)
        return text

    def changed(self) -> bool:
        """Whether any document read so far has changed on disk since."""
        return any(stamp_of(path) != stamp for path, stamp in self._stamps.items())

    def stamps(self) -> dict[str, Stamp | None]:
        return dict(self._stamps)

    def assume(self, stamps: dict[str, Stamp | None]) -> None:
        """Watch documents that a load taken from the cache read, as if read here."""
        self._stamps.update(stamps)

    def clear(self) -> None:
        self._texts.clear()
        self._stamps.clear()
