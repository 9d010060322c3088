"""One cache entry on disk: a fixed header that is not pickle, then the pickled value.

    MAGIC (6 bytes) | format (u16) | fingerprint length (u16) | check length (u32)
    | fingerprint (ASCII) | check (JSON, ASCII) | pickle of the value

The header is read and compared first: the magic, the format, the fingerprint of the code that
wrote the entry, and the check data (a file's key and stamp, a load's digest and documents),
which is JSON, never pickle. Only an entry that passes is unpickled. Unpickling runs code, and
the header is no secret (anyone with the same install can compute it), so it keeps out stale
and damaged entries, not planted ones: those are kept out by the folder being the user's own
and closed to others (see cache.py). Entries are opened non-blocking, never through a
symlink, and read only when they are regular files, so a FIFO or a device in their place is
refused instead of hanging the read.
"""

from __future__ import annotations

import json
import os
import stat
import struct
from typing import IO, Any

MAGIC = b"TLTUI\0"
_FIXED = struct.Struct(">6sHHI")  # magic, format, fingerprint length, check length
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
)


class BadEntry(ValueError):
    """An entry that is not one this program wrote: damaged, truncated, or not a file."""


def encode_check(value: object) -> bytes:
    """Check data as header bytes: strings, numbers, None, tuples and lists, as JSON (paths
    that are not valid Unicode keep their escapes, so the bytes are the same every time)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def decode_check(data: bytes) -> Any:
    """What encode_check made, with its lists as tuples again (stamps are compared as
    tuples)."""
    return _tuples(json.loads(data))


def _tuples(value: Any) -> Any:
    return tuple(map(_tuples, value)) if isinstance(value, list) else value


def write_header(handle: IO[bytes], version: int, fingerprint: str, check: bytes) -> None:
    """The fixed header of an entry; the pickled value follows it."""
    mark = fingerprint.encode("ascii")
    handle.write(_FIXED.pack(MAGIC, version, len(mark), len(check)) + mark + check)


def read_header(handle: IO[bytes], size: int, version: int, fingerprint: str) -> bytes | None:
    """The check data of an entry of `size` bytes, or None if it was written by other code
    (another fingerprint). BadEntry if it is not an entry of this format at all."""
    fixed = handle.read(_FIXED.size)
    if len(fixed) != _FIXED.size:
        raise BadEntry("truncated header")
    magic, found_version, mark_length, check_length = _FIXED.unpack(fixed)
    if magic != MAGIC or found_version != version:
        raise BadEntry("not a timeline-tui cache entry of this format")
    if _FIXED.size + mark_length + check_length > size:
        raise BadEntry("header longer than the entry")
    if handle.read(mark_length) != fingerprint.encode("ascii"):
        return None
    check = handle.read(check_length)
    if len(check) != check_length:
        raise BadEntry("truncated header")
    return check


def open_entry(path: str) -> tuple[IO[bytes], int]:
    """The entry at `path` opened for reading, and its size: a regular file only, opened
    without following a symlink and without blocking. FileNotFoundError when there is none;
    BadEntry (or OSError, for a symlink) when something else is in its place."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadEntry("not a regular file")
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise
