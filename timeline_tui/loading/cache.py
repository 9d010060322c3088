"""An on-disk cache of parsed files and of whole loads, so opening unchanged files is quick.

Entries live in `platformdirs.user_cache_dir("timeline-tui")`, or in $TIMELINE_TUI_CACHE_DIR;
TIMELINE_TUI_NO_CACHE=1 turns the cache off. A file's entry is keyed on its path (as given and
absolute) and checked against its size, mtime_ns, inode and ctime_ns; a load's entry is checked
against every file's and every source document's stamp. Each entry also carries a fingerprint
of the format, the libraries and the core's source files, so a change to the parser never
meets results of the old one.

What the cache trusts: its folder. An entry's value is a pickle, and unpickling runs code, so
anyone who could write an entry could run code as the user; entry names can be computed by
anyone. So the folder (and files/, loads/ in it) must be the user's own, a folder, and
writable by no one else (made with mode 0o700); any other is refused, with one warning, and the
run goes without a cache. Within it, an entry is opened only as a regular file (never a FIFO,
a device or a symlink: see cache_entry.py) and unpickled only after its fixed, non-pickle
header (magic, format, fingerprint, key and stamp) has been checked.

A missing, stale, truncated or corrupt entry is a miss (logged, never a diagnostic), and the
files are read again. A file changed within the last second is not stored, since a second edit
within the same clock tick would not change its stamp. Folders are bounded: the newest
KEPT_FILES parses (and KEPT_FILE_BYTES) and KEPT_LOADS loads are kept. Each kind of problem is
logged once a run (a full disk is one line, not one per file). The cache never raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from timeline_tui.loading.cache_entry import (
    decode_check,
    encode_check,
    open_entry,
    read_header,
    write_header,
)
from timeline_tui.loading.stamp import Stamp, settled, stamp_of
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage import packing
from timeline_tui.storage.heap import gc_paused

FORMAT = 7  # bump when what is stored changes shape (7: a digest keeps each event's fingerprint)
ENV_DIR = "TIMELINE_TUI_CACHE_DIR"
ENV_OFF = "TIMELINE_TUI_NO_CACHE"
KEPT_LOADS = 4  # whole loads kept: the last few folders opened
KEPT_FILES = 20_000  # parsed files kept (a folder opened by five spellings of its path ...
KEPT_FILE_BYTES = 200 * 1024 * 1024  # ... had left 80,000 of them, 365 MB)
STALE_TEMPORARY_S = 3600  # a temporary file this old was left by a write that died
KINDS = ("files", "loads")
_CORE = ("core", "records", "storage", "loading")  # the layers whose code shapes an entry
_warned: set[str] = set()  # the kinds of problem logged already in this process


def warn_once(kind: str, message: str, *args: object) -> None:
    """Log a problem with the cache itself, the first of its kind in this process only (never
    a diagnostic: the events are fine)."""
    import logging  # on use: a quick start matters more than a module attribute

    logger = logging.getLogger(__name__)
    if kind in _warned:
        logger.debug(message, *args)
        return
    _warned.add(kind)
    logger.warning(message, *args)


# -- what a file is now ------------------------------------------------------------------


def digest(value: object) -> str:
    """A short fingerprint of a value made of strings, numbers, tuples, lists and model values
    (their repr is exact and stable)."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def loads(data: bytes) -> Any:
    """Unpickle what packing.dumps made (the collector paused: many new objects, no cycles
    among them)."""
    with gc_paused():
        return pickle.loads(data)


# -- where entries live ------------------------------------------------------------------


def cache_dir() -> str | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    folder = os.environ.get(ENV_DIR)
    if folder:
        return folder
    try:
        import platformdirs

        return platformdirs.user_cache_dir("timeline-tui")
    except Exception:  # noqa: BLE001 - no cache rather than no load
        return None


@cache
def _fingerprint_for(package_dir: str) -> str:
    import dateutil

    from timeline_tui.records import toml_reading

    versions = f"{toml_reading.versions()}|dateutil={getattr(dateutil, '__version__', '?')}"
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{versions}".encode())
    for layer in _CORE:
        folder = os.path.join(package_dir, layer)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                stamp = stamp_of(os.path.join(folder, name))
                digest.update(f"|{layer}/{name}:{stamp and stamp[:2]}".encode())
    return digest.hexdigest()


def fingerprint() -> str:
    """What entries must have been written by: this format, these libraries, this core."""
    return _fingerprint_for(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def folder_problem(folder: str) -> str | None:
    """Why `folder` may not hold cache entries, or None when it may: it is made if missing
    (mode 0o700), and must be a folder of this user's that no one else can write to."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except (OSError, ValueError) as exc:
        return f"cannot use it ({exc})"
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    getuid = getattr(os, "getuid", None)  # none on Windows, where a user's folder is private
    if getuid is not None and info.st_uid != getuid():
        return f"owned by user {info.st_uid}, not by this user ({getuid()})"
    if info.st_mode & 0o022:
        mode = stat.S_IMODE(info.st_mode)
        return f"others can write to it (mode {mode:o}; chmod 700 makes it yours alone)"
    return None


class Store:
    """The cache folder: per-file entries under files/, per-load entries under loads/."""

    write_failure: str | None = None  # the first write that failed
    quiet = False  # True: failed writes are left to the caller to report (in a worker)

    def __init__(self, root: str) -> None:
        """The store in `root`, a folder Store.open has checked."""
        self.root = root
        self.fingerprint = fingerprint()

    @classmethod
    def open(cls) -> Store | None:
        """The store to use now, or None when the cache is off or its folder is not safe."""
        root = cache_dir()
        if root is None:
            return None
        for folder in (root, *(os.path.join(root, kind) for kind in KINDS)):
            problem = folder_problem(folder)
            if problem is not None:
                warn_once("folder", "timeline-tui cache: not used: %s: %s", folder, problem)
                return None
        return cls(root)

    def _entry(self, kind: str, key: object) -> str:
        name = hashlib.sha256(repr((self.fingerprint, key)).encode()).hexdigest()[:40]
        return os.path.join(self.root, kind, name + ".pickle")

    # -- parsed files --

    def get_file(self, path: str, stamp: Stamp | None) -> ParsedFile | None:
        """The parse of `path` stored under this stamp, or None."""
        if not settled(stamp):
            return None
        key = ("file", path, os.path.abspath(path))
        expected = encode_check((key, stamp))
        found = self._read(self._entry("files", key), expected.__eq__)
        return found if isinstance(found, ParsedFile) else None

    def put_file(
        self, path: str, stamp: Stamp | None, parsed: ParsedFile, payload: bytes | None = None
    ) -> None:
        """Store a parse (`payload`, if given, is dumps(parsed) already made)."""
        if settled(stamp):
            key = ("file", path, os.path.abspath(path))
            self._write(self._entry("files", key), encode_check((key, stamp)), parsed, payload)

    def prune_files(self) -> None:
        """Keep only the newest KEPT_FILES parses, and KEPT_FILE_BYTES of them (every
        spelling of a path opened has entries of its own): after new ones were stored."""
        _keep_newest(os.path.join(self.root, "files"), KEPT_FILES, KEPT_FILE_BYTES)

    # -- whole loads --

    def get_load(self, key: object, check: Callable[[Any], bool]) -> Any:
        """What was stored for `key` (a load_cache.Loaded) if check(its header) holds, or None.
        The header is what put_load was given, as JSON gives it back (lists as tuples)."""
        return self._read(self._entry("loads", key), lambda data: check(decode_check(data)))

    def put_load(self, key: object, header: object, loaded: object) -> None:
        """Keep a whole load, and only the KEPT_LOADS most recently written (each is about
        60 MiB at 100,000 events; every set of paths opened would otherwise keep one). The
        header holds strings, numbers, None, tuples and lists only (it is stored as JSON)."""
        entry = self._entry("loads", key)
        self._write(entry, encode_check(header), loaded)
        _keep_newest(os.path.dirname(entry), KEPT_LOADS)

    # -- bytes --

    def _read(self, entry: str, accept: Callable[[bytes], bool]) -> Any:
        """The value of an entry whose header is this code's and whose check data `accept`s:
        nothing is unpickled before both are checked."""
        try:
            handle, size = open_entry(entry)
            with handle:
                check = read_header(handle, size, FORMAT, self.fingerprint)
                if check is None or not accept(check):
                    return None
                with gc_paused():  # straight from the file: no copy of it all in memory
                    return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a bad entry is a miss, whatever is wrong
            warn_once("read", "timeline-tui cache: ignoring unreadable entry %s (%s)", entry, exc)
            _remove(entry)
            return None

    def _write(self, entry: str, check: bytes, value: object, payload: bytes | None = None) -> None:
        try:
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(entry), suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    write_header(handle, FORMAT, self.fingerprint, check)
                    if payload is None:
                        packing.dump(value, handle)  # no copy of a whole load in memory
                    else:
                        handle.write(payload)
                os.replace(temporary, entry)
            except BaseException:
                _remove(temporary)
                raise
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no cache
            self.write_failure = self.write_failure or f"cannot write {entry} ({exc})"
            if not self.quiet:
                report_write_failure(self.write_failure)


def report_write_failure(problem: str) -> None:
    """Log that an entry could not be written (a full disk fails every write: once a run)."""
    warn_once("write", "timeline-tui cache: %s; later entries may fail too", problem)


def _keep_newest(folder: str, count: int, max_bytes: int | None = None) -> None:
    """Remove all but the `count` most recently modified entries of a folder (and those past
    `max_bytes` in all), and temporary files a write that died left behind."""
    try:
        entries, stale = _listing(folder)
    except OSError:
        return
    total = 0
    for rank, (_, size, path) in enumerate(sorted(entries, reverse=True)):
        total += size
        if rank >= count or (max_bytes is not None and total > max_bytes):
            _remove(path)
    for path in stale:
        _remove(path)


def _listing(folder: str) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(mtime_ns, size, path) of each entry of a folder, and its stale temporary files."""
    entries, stale = [], []
    old = time.time_ns() - STALE_TEMPORARY_S * 1_000_000_000
    with os.scandir(folder) as listing:
        for item in listing:
            with contextlib.suppress(OSError):  # gone meanwhile
                info = item.stat(follow_symlinks=False)
                if item.name.endswith(".pickle"):
                    entries.append((info.st_mtime_ns, info.st_size, item.path))
                elif item.name.endswith(".tmp") and info.st_mtime_ns < old:
                    stale.append(item.path)
    return entries, stale


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
