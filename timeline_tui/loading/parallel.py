"""Reading many files at once: what the parse cache holds, then the rest across worker processes,
in chunks, in order; the result is the list a serial read gives. Fewer than MANY_FILES files
are read in this process."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from timeline_tui.loading import cache
from timeline_tui.loading.reading import MAX_FILE_BYTES, read_settled
from timeline_tui.loading.stamp import Stamp, stamp_of
from timeline_tui.records.parse import ParsedFile
from timeline_tui.records.toml_reading import fast_parser
from timeline_tui.storage import packing
from timeline_tui.storage.heap import gc_paused

MANY_FILES = 16  # fewer files than this are read in this process, one by one
Progress = Callable[[int, int], None]  # (files done, files in all)


def read_files(
    paths: Sequence[str],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    use_cache: bool = True,
) -> list[ParsedFile]:
    """read_file for each path, in order: from the cache, or parsed across processes."""
    store = cache.Store.open() if use_cache else None
    stamped = read_stamped(paths, max_bytes, progress=progress, workers=workers, store=store)
    return [parsed for _, parsed in stamped]


def read_stamped(
    paths: Sequence[str],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    store: cache.Store | None = None,
) -> list[tuple[Stamp | None, ParsedFile]]:
    """(stamp, parse) for each path, in order. The stamp is the one the content was read
    under, or None when the file changed while it was read (or could not be stat'ed)."""
    results: list[tuple[Stamp | None, ParsedFile] | None] = [None] * len(paths)
    for index, result in iter_stamped(
        paths, max_bytes, progress=progress, workers=workers, store=store
    ):
        results[index] = result
    return results  # type: ignore[return-value]


def iter_stamped(
    paths: Sequence[str],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    store: cache.Store | None = None,
) -> Iterator[tuple[int, tuple[Stamp | None, ParsedFile]]]:
    """(index, (stamp, parse)) for each path, as each is had: first those the cache holds,
    then the rest as they are read. For a caller that keeps few of them (a reload comparing
    each with what it has): they need not all be in memory at once."""
    missing = []
    for index, path in enumerate(paths):
        stamp = stamp_of(path)
        hit = store.get_file(path, stamp) if store is not None else None
        if hit is None:
            missing.append(index)
        else:
            yield index, (stamp, hit)
    done = len(paths) - len(missing)
    if progress is not None and done:
        progress(done, len(paths))
    todo = [paths[index] for index in missing]
    root = store.root if store is not None else None
    fresh = _read_missing(todo, max_bytes, root, workers, progress, done, len(paths))
    yield from zip(missing, fresh, strict=True)
    if store is not None and todo:
        store.prune_files()  # the new entries may have taken it over its bound


def _read_missing(
    paths: list[str], max_bytes: int, root: str | None, workers: int | None,
    progress: Progress | None, done: int, total: int,
) -> Iterator[tuple[Stamp | None, ParsedFile]]:  # fmt: skip
    count = _worker_count(len(paths), workers)
    if count > 1:
        chunks = _chunks(paths, count * 4, first=count)
        try:
            executor = _executor(count)
        except Exception:  # noqa: BLE001 - no processes to be had: read them here
            count = 1
    if count <= 1:
        for path in paths:
            yield _read_and_store(path, max_bytes, cache.Store(root) if root else None)
            done += 1
            if progress is not None:
                progress(done, total)
        return
    with executor:
        futures = [executor.submit(_read_chunk, chunk, max_bytes, root) for chunk in chunks]
        for index, chunk in enumerate(chunks):
            future, futures[index] = futures[index], None  # freed
            try:
                payloads, write_failure = future.result()
                del future  # it holds the pickles too: let them go as soon as they are read
                if write_failure is not None:
                    cache.report_write_failure(write_failure)
                results = [(stamp, cache.loads(payload)) for stamp, payload in payloads]
                del payloads
            except Exception:  # noqa: BLE001 - a worker died: read its files here instead
                store = cache.Store(root) if root else None
                results = [_read_and_store(path, max_bytes, store) for path in chunk]
            yield from results
            done += len(chunk)
            if progress is not None:
                progress(done, total)


def _worker_count(files: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, min(workers, files))
    if files < MANY_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, files // 4))


def _chunks(paths: list[str], pieces: int, first: int = 0) -> list[list[str]]:
    """The paths in order, in about `pieces` chunks; the first `first` of them small (a
    fiftieth of the files, between them), so that the first files' events come early."""
    chunks = []
    if first:
        small = max(1, len(paths) // (50 * first))
        chunks = [paths[k * small : (k + 1) * small] for k in range(first)]
        paths = paths[first * small :]
    size = max(1, -(-len(paths) // pieces))
    return [c for c in chunks if c] + [paths[s : s + size] for s in range(0, len(paths), size)]


def _executor(count: int) -> Any:
    """Worker processes: forked when this process has one thread (cheap, and safe then);
    else from a fork server (forking a threaded process can deadlock), else spawned."""
    import concurrent.futures  # on use: they take a while to import, and most loads are small
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
        _start_helpers(method)
    context = multiprocessing.get_context(method)
    return concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=context)


def _start_helpers(method: str) -> None:
    """Start multiprocessing's resource tracker (and fork server) with the real stderr.

    Under Textual, sys.stderr is a capture whose fileno() is -1; the tracker hands that to
    the process it starts, which fails ("bad value(s) in fds_to_keep"), and every load in the
    app was read in one process. The swap lasts the few milliseconds of starting them."""
    from multiprocessing import forkserver, resource_tracker

    saved = sys.stderr
    try:
        if not _has_fileno(saved) and _has_fileno(sys.__stderr__):
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        if method == "forkserver":
            forkserver.ensure_running()
    finally:
        sys.stderr = saved


def _has_fileno(stream: object) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _read_chunk(
    paths: list[str], max_bytes: int, root: str | None
) -> tuple[list[tuple[Any, bytes]], str | None]:
    """In a worker: read and parse files (with the fast parser: a crash here costs the
    parent only a re-read of these files), store them in the cache, return (stamp, pickled
    parse) for each, and the first write to the cache that failed, for the parent to report
    (once, not once a worker); the same pickle goes to the cache and back to the parent."""
    store = cache.Store(root) if root else None
    if store is not None:
        store.quiet = True
    out = []
    with gc_paused(), fast_parser():
        for path in paths:
            stamp, parsed = _read_and_store(path, max_bytes, None)
            payload = packing.dumps(parsed)
            if store is not None and stamp is not None:
                store.put_file(path, stamp, parsed, payload)
            out.append((stamp, payload))
    return out, store.write_failure if store is not None else None


def _read_and_store(
    path: str, max_bytes: int, store: cache.Store | None
) -> tuple[Stamp | None, ParsedFile]:
    """read_settled, keeping a settled read in the parse cache."""
    stamp, parsed = read_settled(path, max_bytes)
    if store is not None and stamp is not None:
        store.put_file(path, stamp, parsed)
    return stamp, parsed
