"""What the user has seen of a set of opened paths, kept across runs in the user's data folder.

One file per set of opened roots (`seen/<hash of the sorted absolute roots>.json`): the time
of the last look and each event's fingerprint (core/seen.py), written atomically. Nothing is
written into the folders opened. Reading never raises: a missing file is "never looked",
a corrupt one is ignored (and said, once, by the caller) and replaced at the next save.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from timeline_tui.core.seen import FINGERPRINT_LENGTH, Fingerprints, shared
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.recent import data_dir

_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024  # 100,000 events take about 9 MB


@dataclass(frozen=True)
class Seen:
    """The last look: when (None: never, or unreadable) and what every event was then."""

    at: datetime | None = None
    events: Fingerprints = field(default_factory=dict)
    problem: str = ""  # why a stored file was ignored ("" when none was, or it was read)


def roots_key(roots: Sequence[str]) -> str:
    """The name of a set of roots' files: the same whatever the order they were given in
    (saved views use it too: loading/view_store.py)."""
    key = "\x00".join(sorted({os.path.abspath(root) for root in roots}))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def seen_file(roots: Sequence[str]) -> Path:
    """The file of this set of roots."""
    return data_dir() / "seen" / f"{roots_key(roots)}.json"


def read_seen(roots: Sequence[str]) -> Seen:
    """The last look at these roots; never raises."""
    file = seen_file(roots)
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Seen()
    except OSError as exc:
        return Seen(problem=f"{file}: {exc.strerror or exc}")
    seen = _parsed(data) if len(data) <= MAX_FILE_BYTES else None
    return seen if seen is not None else Seen(problem=f"{file}: not a file this app wrote")


def _parsed(data: bytes) -> Seen | None:
    try:
        document = json.loads(data)
    except ValueError:  # not JSON, or not UTF-8
        return None
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        return None
    events, at = document.get("events"), document.get("at")
    if not isinstance(events, dict) or not isinstance(at, (int, float)):
        return None
    valid = all(isinstance(v, str) and len(v) == FINGERPRINT_LENGTH for v in events.values())
    try:
        when = datetime.fromtimestamp(at, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return Seen(when, shared(events)) if valid else None


def save_seen(roots: Sequence[str], events: Fingerprints, at: datetime | None = None) -> bool:
    """Store this look at these roots (now, unless `at` says when); False when it cannot be
    written (the app goes on: the next look compares with the one before)."""
    moment = (at or datetime.now(UTC)).timestamp()
    text = json.dumps({"version": _VERSION, "at": moment, "events": events}, separators=(",", ":"))
    with contextlib.suppress(OSError):
        write_atomic(seen_file(roots), text)
        return True
    return False
