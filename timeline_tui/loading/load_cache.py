"""Whole loads kept in the cache: the timeline of the files opened, with each file's parse and
stamp, taken back whole when no file or source document changed since (100,000 events in
0.4 s)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache
from timeline_tui.loading.discovery import Discovery
from timeline_tui.loading.documents import DocumentCache
from timeline_tui.loading.parallel import Progress, iter_stamped
from timeline_tui.loading.reading import MAX_FILE_BYTES
from timeline_tui.loading.stamp import Stamp, settled, stamp_of
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage.assembly import assemble

PARTIAL_SHARE = 0.02  # the share of a large cold open's files shown before the rest are in


def load_whole(
    paths: Sequence[str],
    found: Discovery,
    documents: DocumentCache,
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    partial: Callable[[Timeline], None] | None = None,
) -> Loaded:
    """The load of the files found under the paths: whole from the cache when no file or
    document changed since it was kept; else every file read (through the parse cache, across
    processes when many), assembled, and kept for next time. `partial` is handed, once, the
    timeline of the first files read, while the rest are still being read (see `_read_all`)."""
    store = cache.Store.open()
    hit = stored_load(store, paths, found, max_bytes)
    if hit is not None:
        return hit
    started = time.time_ns()
    stamped = _read_all(found.files, max_bytes, progress, workers, store, documents, partial)
    parsed = [file for _, file in stamped]
    if found.diagnostics:
        parsed.append(ParsedFile("", diagnostics=found.diagnostics, readable=False))
    loaded = Loaded(stamped, assemble(parsed, documents), documents.stamps(), started)
    store_load(store, paths, found, max_bytes, loaded)
    return loaded


def _read_all(
    files: Sequence[str], max_bytes: int, progress: Progress | None, workers: int | None,
    store: cache.Store | None, documents: DocumentCache,
    partial: Callable[[Timeline], None] | None,
) -> list[tuple[Stamp | None, ParsedFile]]:  # fmt: skip
    """Every file's (stamp, parse), in order. Once the first PARTIAL_SHARE of the files is
    in, and if that is at most half of them, their timeline goes to `partial`: a large cold
    open shows real events long before it ends (assembling a fiftieth costs a fiftieth)."""
    results: list[tuple[Stamp | None, ParsedFile] | None] = [None] * len(files)
    wanted = max(1, int(len(files) * PARTIAL_SHARE))
    batches = iter_stamped(files, max_bytes, progress=progress, workers=workers, store=store)
    for have, (index, result) in enumerate(batches, 1):
        results[index] = result
        if partial is not None and have == wanted and have * 2 <= len(files):
            partial(assemble([r[1] for r in results if r is not None], documents))
    return results  # type: ignore[return-value]


@dataclass
class Loaded:
    """What a load read: each file found with the stamp it was read under, the timeline, the
    stamp of each source document read (None: missing) for the quote checks, and when the
    reading started (time.time_ns())."""

    stamped: list[tuple[Stamp | None, ParsedFile]]
    timeline: Timeline
    documents: dict[str, Stamp | None]
    started: int


def stored_load(
    store: cache.Store | None, paths: Sequence[str], found: Discovery,
    max_bytes: int = MAX_FILE_BYTES,
) -> Loaded | None:  # fmt: skip
    """The load of these paths from the cache, if every file and document is as it was."""
    if store is None:
        return None
    hit = store.get_load(_load_key(paths, max_bytes), lambda header: _still(header, found))
    return hit if isinstance(hit, Loaded) else None


def store_load(
    store: cache.Store | None, paths: Sequence[str], found: Discovery, max_bytes: int,
    loaded: Loaded,
) -> None:  # fmt: skip
    """Keep a load for next time, unless a file or document had changed too shortly before
    the reading started to trust its stamp."""
    stamps = [stamp for stamp, _ in loaded.stamped]
    documents = [stamp for stamp in loaded.documents.values() if stamp is not None]
    if store is None or not all(settled(s, loaded.started) for s in stamps + documents):
        return
    header = (_digest(found, stamps), tuple(loaded.documents.items()))
    store.put_load(_load_key(paths, max_bytes), header, loaded)


def _load_key(paths: Sequence[str], max_bytes: int) -> tuple[object, ...]:
    """Paths as given (the timeline shows them so); the folder they are relative to, if any."""
    relative_to = "" if all(os.path.isabs(path) for path in paths) else os.getcwd()
    return ("load", relative_to, tuple(paths), max_bytes)


def _digest(found: Discovery, stamps: list[Stamp | None]) -> str:
    """What a load read, in short: the files found, their stamps, the problems finding them."""
    return cache.digest((found.files, stamps, found.diagnostics))


def _still(header: tuple[str, tuple[tuple[str, Stamp | None], ...]], found: Discovery) -> bool:
    """Whether a stored load still holds: same files, same stamps, same documents."""
    digest, documents = header
    if digest != _digest(found, [stamp_of(path) for path in found.files]):
        return False
    return all(stamp_of(path) == stamp for path, stamp in documents)
