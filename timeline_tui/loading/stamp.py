"""A file's stamp (size, mtime_ns, inode, ctime_ns) and when one can be trusted.

One rule for the whole program (the parse cache, whole loads, the workspace's reloads): a file
read under a stamp is unchanged while its stamp is, unless it was modified so shortly before it
was read that a second edit in the same clock tick would keep the stamp ("racy git"). One
second covers filesystems that keep whole seconds; the watcher reports such edits anyway.
"""

from __future__ import annotations

import os
import time

RACY_NS = 1_000_000_000
Stamp = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def stamp_of(path: str) -> Stamp | None:
    """The stamp of what `path` names now, or None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def settled(stamp: Stamp | None, read_at: int | None = None) -> bool:
    """Whether a stamp can be trusted: not so recent, when the file was read (`read_at`, in
    time.time_ns(); else now), that an edit could hide behind it."""
    now = time.time_ns() if read_at is None else read_at
    return stamp is not None and now - max(stamp[1], stamp[3]) >= RACY_NS


def trusted(stamp: Stamp | None, read_at: int | None = None) -> Stamp | None:
    """The stamp if it is settled, else None (the file is read again next time)."""
    return stamp if settled(stamp, read_at) else None
