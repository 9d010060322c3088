"""Writing a file whole or not at all: the one write rule of DESIGN.md's "Files the app writes".

The text goes to a temporary file in the target's own folder, is flushed to disk, and replaces
the target with a rename, so a reader (or a crash) sees the old file or the new one, never a
half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, text: str | bytes, *, mode: int = 0o600) -> None:
    """Replace `target` with `text` (UTF-8, newlines as given; or bytes, as they are)
    atomically, creating its folder; an existing file keeps its permissions, a new one gets
    `mode`. Raises OSError."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode & 0o7777
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
