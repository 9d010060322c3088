"""What the user has seen of a set of opened paths, kept across runs in the user's data folder.

One file per set of opened roots (`seen/<hash of the sorted absolute roots>.seen`): the time
of the last look and each event's fingerprint (core/seen.py), written atomically. Nothing is
written into the folders opened. Reading never raises: a missing file is "never looked",
a corrupt one is ignored (and said, once, by the caller) and replaced at the next save; one
written by a newer version of the app is ignored and left as it is.

The file is MAGIC, a JSON line (version, time, count, the compressed ids' length), the ids as
a JSON list compressed with zlib, then each event's fingerprint as its FINGERPRINT_BYTES
bytes, in the ids' order: about 3 MB at 100,000 events, where the JSON of id -> hex digits
(version 1, `<hash>.json`) was 9.3 MB. A version 1 file cannot be compared with (its hashes
cover fewer fields): it reads as "never looked", with a note, and is removed at the next save.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from timeline_tui.core.seen import FINGERPRINT_BYTES, Fingerprints
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.recent import data_dir

_VERSION = 2
MAGIC = b"TLTUI-SEEN\n"
MAX_FILE_BYTES = 64 * 1024 * 1024  # 100,000 events take about 3 MB
_MAX_HEADER = 4096
NOT_OURS = "not a file this app wrote"
OLDER = "kept by an older version of the app: what is new is counted from now"
NEWER = "kept by a newer version of the app: left as it is"


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
    return data_dir() / "seen" / f"{roots_key(roots)}.seen"


def _legacy_file(roots: Sequence[str]) -> Path:
    return data_dir() / "seen" / f"{roots_key(roots)}.json"  # version 1


def read_seen(roots: Sequence[str]) -> Seen:
    """The last look at these roots; never raises."""
    file = seen_file(roots)
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        legacy = _legacy_file(roots)
        return Seen(problem=f"{legacy}: {OLDER}") if legacy.is_file() else Seen()
    except OSError as exc:
        return Seen(problem=f"{file}: {exc.strerror or exc}")
    seen = _parsed(data) if len(data) <= MAX_FILE_BYTES else None
    if seen is None:
        return Seen(problem=f"{file}: {NEWER if _is_newer(data) else NOT_OURS}")
    return seen


def _header(data: bytes) -> tuple[dict[str, object], int] | None:
    """The JSON line after MAGIC, and where what follows it starts; None if there is none."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_HEADER)
    try:
        header = json.loads(data[len(MAGIC) : end]) if end > 0 else None
    except ValueError:
        return None
    return (header, end + 1) if isinstance(header, dict) else None


def _is_newer(data: bytes) -> bool:
    found = _header(data)
    version = found[0].get("version") if found is not None else None
    return isinstance(version, int) and version > _VERSION


def _parsed(data: bytes) -> Seen | None:
    found = _header(data)
    if found is None or found[0].get("version") != _VERSION:
        return None
    header, start = found
    at, count, size = header.get("at"), header.get("count"), header.get("ids")
    if not isinstance(at, (int, float)) or not isinstance(count, int):
        return None
    if not isinstance(size, int) or len(data) != start + size + count * FINGERPRINT_BYTES:
        return None
    ids = _ids(data[start : start + size], count)
    try:
        when = datetime.fromtimestamp(at, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if ids is None:
        return None
    return Seen(when, _by_id(ids, memoryview(data)[start + size :]))


def _ids(compressed: bytes, count: int) -> list[str] | None:
    try:
        ids = json.loads(zlib.decompress(compressed))
    except (ValueError, zlib.error):  # not JSON, not UTF-8, not zlib
        return None
    valid = isinstance(ids, list) and len(ids) == count and all(isinstance(i, str) for i in ids)
    return ids if valid else None


def _by_id(ids: list[str], prints: memoryview) -> Fingerprints:
    width = FINGERPRINT_BYTES
    return {event_id: prints[k * width : (k + 1) * width].hex() for k, event_id in enumerate(ids)}


def seen_bytes(events: Fingerprints, at: datetime | None = None) -> bytes:
    """The file's bytes for this look (see the module's text)."""
    moment = (at or datetime.now(UTC)).timestamp()
    ids = zlib.compress(json.dumps(list(events), separators=(",", ":")).encode("ascii"), 6)
    header = {"version": _VERSION, "at": moment, "count": len(events), "ids": len(ids)}
    prints = bytes.fromhex("".join(events.values()))
    return MAGIC + json.dumps(header).encode("ascii") + b"\n" + ids + prints


def save_seen(roots: Sequence[str], events: Fingerprints, at: datetime | None = None) -> bool:
    """Store this look at these roots (now, unless `at` says when); False when it cannot be
    written (the app goes on: the next look compares with the one before), when the file
    there was written by a newer version of the app (it is left as it is), or when `events`
    holds something other than fingerprints."""
    try:
        data = seen_bytes(events, at)
    except ValueError:  # not hex digits
        return False
    if len(data) > MAX_FILE_BYTES or any(len(p) != 2 * FINGERPRINT_BYTES for p in events.values()):
        return False
    file = seen_file(roots)
    with contextlib.suppress(OSError), open(file, "rb") as handle:
        if _is_newer(handle.read(len(MAGIC) + _MAX_HEADER)):
            return False
    with contextlib.suppress(OSError):
        write_atomic(file, data)
        with contextlib.suppress(OSError):
            _legacy_file(roots).unlink(missing_ok=True)
        return True
    return False
