"""Copies of the event files as the user last saw them, so that a changed event can say what
each changed field was (DESIGN.md's "what changed: fields, old and new").

Beside the seen file of a set of opened roots (seen_store.py), a folder `<name>.files/`
holds each file's bytes as seen, compressed, by the hash of the bytes (`<sha256>.z`), and
`index.json` maps each file's path to its hash and the stamp it was read under. Saving a look
reads again only the files whose stamp changed since (at 100,000 events in 1,000 files, 59 MB
read and about 16 MB kept the first time, in about 1.4 s; a thousand `stat` calls, 20 ms, after),
and at most READ_PER_LOOK bytes of them, writes the copies not kept yet and removes those no
file names any more. All of it lives in the user's data
folder: nothing is written into the folders opened. Nothing here raises: a copy that cannot be
kept or read is an old value the detail pane cannot show.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from collections.abc import Sequence
from pathlib import Path

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Event
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.reading import decode, read_bytes
from timeline_tui.loading.seen_store import seen_file
from timeline_tui.records.parse import parse

_VERSION = 1
INDEX = "index.json"
MAX_COPIED_BYTES = 4 * 1024 * 1024  # larger files are not copied (their old values unknown)
READ_PER_LOOK = 128 * 1024 * 1024  # bytes of files not copied yet that one look reads

Entry = tuple[str, int, int, int]  # sha256 hex, size, mtime_ns, inode


def copies_folder(roots: Sequence[str]) -> Path:
    """The folder of the copies of this set of roots (beside its seen file)."""
    seen = seen_file(roots)
    return seen.with_name(seen.stem + ".files")


def keep_copies(roots: Sequence[str], files: Sequence[str]) -> bool:
    """Keep a copy of each of `files` as it is now; False if the copies could not all be
    written (those that were are kept). A look reads at most READ_PER_LOOK bytes of files
    not copied yet (at quit, the first look at a million events would read 600 MB): the rest
    are copied at the next looks, and until then their changed events name their fields only."""
    folder = copies_folder(roots)
    before = _index(folder)
    after: dict[str, Entry] = {}
    complete, budget = True, READ_PER_LOOK
    for path in map(os.path.abspath, files):
        entry = _copied(folder, path, before.get(path), budget)
        if entry is None:
            complete = False
        else:
            after[path] = entry
            budget -= 0 if entry is before.get(path) else entry[1]
    try:
        write_atomic(folder / INDEX, json.dumps({"version": _VERSION, "files": after}))
    except OSError:
        return False
    _remove_unnamed(folder, {entry[0] for entry in after.values()})
    return complete


def seen_copy(roots: Sequence[str], path: str) -> bytes | None:
    """The bytes of `path` as last seen, or None if no copy of it is kept (or readable)."""
    folder = copies_folder(roots)
    entry = _index(folder).get(os.path.abspath(path))
    if entry is None:
        return None
    try:
        data = zlib.decompress((folder / f"{entry[0]}.z").read_bytes())
    except (OSError, zlib.error):
        return None
    return data if hashlib.sha256(data).hexdigest() == entry[0] else None


def seen_event(roots: Sequence[str], path: str, event_id: str) -> Event | None:
    """The event with this id as it was in the copy of `path` last seen, or None (no copy,
    or no such event in it: an event moved from another file has no old values here)."""
    data = seen_copy(roots, path)
    if data is None:
        return None
    text, _ = decode(data, path)
    found = [event for event in parse(text, path).events if event.id == event_id]
    return found[0] if found else None


def _copied(folder: Path, path: str, kept: Entry | None, budget: int) -> Entry | None:
    """The entry of `path` now: `kept` when its stamp is the same and its copy is there,
    else a copy made (None if the file cannot be read or copied, or is larger than what is
    left of this look's `budget` of bytes to read)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
    if kept is not None and tuple(kept[1:]) == stamp and (folder / f"{kept[0]}.z").is_file():
        return kept
    if info.st_size > budget:
        return None
    data = read_bytes(path, MAX_COPIED_BYTES)
    if isinstance(data, Diagnostic):
        return None
    digest = hashlib.sha256(data).hexdigest()
    copy = folder / f"{digest}.z"
    if kept is None or kept[0] != digest or not copy.is_file():  # one not indexed: made anew
        try:
            write_atomic(copy, zlib.compress(data, 1))  # the quickest level: 2 s at level 6
        except OSError:
            return None
    return (digest, *stamp)


def _index(folder: Path) -> dict[str, Entry]:
    """The index of the copies, {} when there is none or it is not one this app wrote."""
    try:
        document = json.loads((folder / INDEX).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("version") != _VERSION:
        return {}
    files = document.get("files")
    if not isinstance(files, dict):
        return {}
    return {
        path: (entry[0], entry[1], entry[2], entry[3])
        for path, entry in files.items()
        if isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
        and all(isinstance(n, int) for n in entry[1:])
    }  # fmt: skip


def _remove_unnamed(folder: Path, named: set[str]) -> None:
    """Remove the copies no file names now (only this app's `<sha256>.z` files)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            digest, dot, kind = name.partition(".")
            if kind == "z" and dot and len(digest) == 64 and digest not in named:
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)
