"""Reading files and folders safely, then parsing and assembling them. Never raises on content."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from timeline_tui.core.diagnostics import Diagnostic, error, internal_error, warning
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache
from timeline_tui.records.parse import ParsedFile, parse
from timeline_tui.storage import packing
from timeline_tui.storage.assembly import assemble
from timeline_tui.storage.packing import PackedEvents

MAX_FILE_BYTES = 32 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_BLANK = re.compile(rb"(?:[ \t\n]|\r\n)*\Z")  # TOML's whitespace only: not \f, \v or a lone \r


@dataclass
class Discovery:
    """The event files found under the paths given, in order, and what went wrong finding them."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def is_event_file_name(name: str) -> bool:
    """Files a folder walk reads: `*.toml`, not hidden, not an editor's backup."""
    return name.lower().endswith(".toml") and not name.startswith((".", "#", "~"))


def discover(paths: Iterable[str]) -> Discovery:
    """Files to read: explicit files as given, folders walked for `*.toml`; each once."""
    found = Discovery()
    seen: set[str] = set()
    for path in paths:
        for file in _expand(path, found, set()):
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.files.append(file)
    return found


def _expand(path: str, found: Discovery, visited: set[tuple[int, int]]) -> Iterator[str]:
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
    yield from _walk(path, found, visited)


def _walk(folder: str, found: Discovery, visited: set[tuple[int, int]]) -> Iterator[str]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        found.diagnostics.append(error(folder, 1, 1, describe_os_error(folder, exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_folder(entry):
            yield from _expand(entry.path, found, visited)
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


def read_bytes(path: str, max_bytes: int = MAX_FILE_BYTES) -> bytes | Diagnostic:
    """A regular file's bytes, or an error: FIFOs and devices are never opened for reading."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return error(path, 1, 1, f"not a regular file ({_file_kind(info.st_mode)}); not read")
        if info.st_size > max_bytes:
            size, limit = _size(info.st_size), _size(max_bytes)
            return error(path, 1, 1, f"file is {size}, over the {limit} limit; not read")
        data = _read_regular(path, max_bytes)
    except (OSError, ValueError) as exc:
        return error(path, 1, 1, describe_os_error(path, exc))
    return data if isinstance(data, bytes) else error(path, 1, 1, data)


def _read_regular(path: str, max_bytes: int) -> bytes | str:
    """The bytes of what stat called a regular file, or why they were not read. Opened
    non-blocking, so a read that would block gives None (as /proc/kmsg's does when the
    kernel has nothing to say) instead of hanging; that is refused, never taken as bytes."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            return "not a regular file; not read"
        # read(n) sets aside n bytes first: ask for the file's size (one more to see it
        # grow), not the limit, which would be 32 MiB for every file read.
        size = min(opened.st_size, max_bytes)
        data = handle.read(size + 1)
        if isinstance(data, bytes) and len(data) > size:  # it grew since: read on, to the limit
            more = handle.read(max_bytes + 1 - len(data))
            data = data + more if isinstance(more, bytes) else None
    if not isinstance(data, bytes):
        return "reading it would block (a special file, such as /proc/kmsg); not read"
    if len(data) > max_bytes:
        return f"file grew over the {_size(max_bytes)} limit; not read"
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
    ):  # fmt: skip
        if test(mode):
            return name
    return "not a file"


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 text; a BOM is dropped with a warning, bad bytes are replaced with an error."""
    notes: list[Diagnostic] = []
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        notes.append(warning(path, 1, 1, "file starts with a byte-order mark; ignored"))
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # In characters, as tomli counts columns, not bytes.
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        hint = " (the file looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        message = (
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be read{hint}; replaced with \ufffd"
        )
        notes.append(error(path, line, column, message))
        return data.decode("utf-8", errors="replace"), notes


def read_file(path: str, max_bytes: int = MAX_FILE_BYTES) -> ParsedFile:
    """Read, decode and parse one file; every failure is a diagnostic in the result.

    The last-resort guard for a file on disk (parse has its own for the text): anything
    unexpected is one "internal error" at 1:1 and an unreadable file, so the other files
    load; KeyboardInterrupt and the like are not caught."""
    try:
        return _read_file(path, max_bytes)
    except Exception as exc:  # noqa: BLE001 - last resort, see above
        return ParsedFile(path, diagnostics=[internal_error(path, 1, "file", exc)], readable=False)


def _read_file(path: str, max_bytes: int) -> ParsedFile:
    data = read_bytes(path, max_bytes)
    if isinstance(data, Diagnostic):
        return ParsedFile(path, diagnostics=[data], readable=False)
    if _BLANK.match(data):
        return ParsedFile(path, diagnostics=[warning(path, 1, 1, "file is empty")])
    text, notes = decode(data, path)
    parsed = parse(text, path)
    parsed.diagnostics[:0] = notes
    parsed.events = PackedEvents.pack(parsed.events)  # kept packed from here on
    return parsed


def read_document(path: str) -> str | None:
    """A source document's text for quote checks, or None if it cannot be read."""
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        return None
    return data.decode("utf-8", errors="replace")


def load(
    paths: Iterable[str],
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Timeline:
    """Everything under the paths as one Timeline, with all the diagnostics found.

    Files are parsed in parallel when there are many, and unchanged files (or a whole
    unchanged load) come from the cache (see cache.py); the result is the same either way.
    """
    paths = list(paths)
    with cache.gc_paused():
        found = discover(paths)
        loaded = load_whole(
            paths, found, _RecordingReader(), max_bytes, progress=progress, workers=workers
        )
        return loaded.timeline


class Documents(Protocol):
    """Reads source documents for quote checks, and tells the stamp of each it read."""

    def __call__(self, path: str) -> str | None: ...

    def stamps(self) -> dict[str, cache.Stamp | None]: ...


def load_whole(
    paths: Sequence[str],
    found: Discovery,
    documents: Documents,
    max_bytes: int = MAX_FILE_BYTES,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Loaded:
    """The load of the files found under the paths: whole from the cache when no file or
    document changed since it was kept; else every file read (through the parse cache, across
    processes when many), assembled, and kept for next time."""
    store = cache.Store.open()
    hit = stored_load(store, paths, found, max_bytes)
    if hit is not None:
        return hit
    started = time.time_ns()
    stamped = read_stamped(found.files, max_bytes, progress=progress, workers=workers, store=store)
    parsed = [file for _, file in stamped]
    if found.diagnostics:
        parsed.append(ParsedFile("", diagnostics=found.diagnostics, readable=False))
    loaded = Loaded(stamped, assemble(parsed, documents), documents.stamps(), started)
    store_load(store, paths, found, max_bytes, loaded)
    return loaded


@dataclass
class Loaded:
    """What a load read: each file found with the stamp it was read under, the timeline, the
    stamp of each source document read (None: missing) for the quote checks, and when the
    reading started (time.time_ns())."""

    stamped: list[tuple[cache.Stamp | None, ParsedFile]]
    timeline: Timeline
    documents: dict[str, cache.Stamp | None]
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
    if store is None or not all(cache.settled(s, loaded.started) for s in stamps + documents):
        return
    header = (_digest(found, stamps), tuple(loaded.documents.items()))
    store.put_load(_load_key(paths, max_bytes), header, loaded)


def _load_key(paths: Sequence[str], max_bytes: int) -> tuple:
    """Paths as given (the timeline shows them so); the folder they are relative to, if any."""
    relative_to = "" if all(os.path.isabs(path) for path in paths) else os.getcwd()
    return ("load", relative_to, tuple(paths), max_bytes)


def _digest(found: Discovery, stamps: list[cache.Stamp | None]) -> str:
    """What a load read, in short: the files found, their stamps, the problems finding them."""
    return cache.digest((found.files, stamps, found.diagnostics))


def _still(header: tuple, found: Discovery) -> bool:
    """Whether a stored load still holds: same files, same stamps, same documents."""
    digest, documents = header
    if digest != _digest(found, [cache.stamp_of(path) for path in found.files]):
        return False
    return all(cache.stamp_of(path) == stamp for path, stamp in documents)


class _RecordingReader:
    """read_document, noting the stamp of each document read (None for a missing one)."""

    def __init__(self) -> None:
        self._stamps: dict[str, cache.Stamp | None] = {}

    def __call__(self, path: str) -> str | None:
        self._stamps[path] = cache.stamp_of(path)
        return read_document(path)

    def stamps(self) -> dict[str, cache.Stamp | None]:
        return dict(self._stamps)


# -- many files: the cache, then worker processes for the rest ---------------------------

PARALLEL_MIN_FILES = 16  # fewer files than this are read in this process
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
) -> list[tuple[cache.Stamp | None, ParsedFile]]:
    """(stamp, parse) for each path, in order. The stamp is the one the content was read
    under, or None when the file changed while it was read (or could not be stat'ed)."""
    results: list[tuple[cache.Stamp | None, ParsedFile] | None] = [None] * len(paths)
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
) -> Iterator[tuple[int, tuple[cache.Stamp | None, ParsedFile]]]:
    """(index, (stamp, parse)) for each path, as each is had: first those the cache holds,
    then the rest as they are read. For a caller that keeps few of them (a reload comparing
    each with what it has): they need not all be in memory at once."""
    missing = []
    for index, path in enumerate(paths):
        stamp = cache.stamp_of(path)
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


def _read_missing(
    paths: list[str], max_bytes: int, root: str | None, workers: int | None,
    progress: Progress | None, done: int, total: int,
) -> Iterator[tuple[cache.Stamp | None, ParsedFile]]:  # fmt: skip
    count = _worker_count(len(paths), workers)
    if count > 1:
        chunks = _chunks(paths, count * 4)
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
            future, futures[index] = futures[index], None  # type: ignore[call-overload]
            try:
                payloads = future.result()
                del future  # it holds the pickles too: let them go as soon as they are read
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
    if files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, files // 4))


def _chunks(paths: list[str], pieces: int) -> list[list[str]]:
    size = max(1, -(-len(paths) // pieces))
    return [paths[start : start + size] for start in range(0, len(paths), size)]


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


def _read_chunk(paths: list[str], max_bytes: int, root: str | None) -> list[tuple[Any, bytes]]:
    """In a worker: read and parse files, store them in the cache, return (stamp, pickled
    parse) for each; the same pickle goes to the cache and back to the parent."""
    store = cache.Store(root) if root else None
    out = []
    with cache.gc_paused():
        for path in paths:
            stamp, parsed = _read_and_store(path, max_bytes, None)
            payload = packing.dumps(parsed)
            if store is not None and stamp is not None:
                store.put_file(path, stamp, parsed, payload)
            out.append((stamp, payload))
    return out


def _read_and_store(
    path: str, max_bytes: int, store: cache.Store | None
) -> tuple[cache.Stamp | None, ParsedFile]:
    started, before = time.time_ns(), cache.stamp_of(path)
    parsed = read_file(path, max_bytes)
    after = cache.stamp_of(path)
    if before != after or not cache.settled(after, started):
        return None, parsed  # changed while read, or so shortly before that it may have
    if store is not None:
        store.put_file(path, after, parsed)
    return after, parsed
