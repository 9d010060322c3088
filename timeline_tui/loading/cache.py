"""An on-disk cache of parsed files and of whole loads, so opening unchanged files is quick.

Entries are pickles in `platformdirs.user_cache_dir("timeline-tui")`, or in
$TIMELINE_TUI_CACHE_DIR; TIMELINE_TUI_NO_CACHE=1 turns the cache off. A file's entry is keyed
on its path (as given and absolute) and checked against its size, mtime_ns, inode and ctime_ns;
a load's entry is checked against every file's and every source document's stamp. Each entry
also carries a fingerprint of the format, the libraries and the core's source files, so a change
to the parser never meets results of the old one.

Nothing read from the cache is trusted before it is checked: a missing, stale, truncated or
corrupt entry is a miss (logged, never a diagnostic), and the files are read again. A file
changed within the last second is not stored, since a second edit within the same clock tick
would not change its stamp. The cache never raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from typing import IO, Any

from timeline_tui.loading.stamp import Stamp, settled, stamp_of
from timeline_tui.records.parse import ParsedFile
from timeline_tui.storage import packing
from timeline_tui.storage.heap import gc_paused

FORMAT = 3  # bump when what is stored changes shape
ENV_DIR = "TIMELINE_TUI_CACHE_DIR"
ENV_OFF = "TIMELINE_TUI_NO_CACHE"
KEPT_LOADS = 4  # whole loads kept: the last few folders opened
_CORE = ("core", "records", "storage", "loading")  # the layers whose code shapes an entry


def _warn(message: str, *args: object) -> None:
    """Log a problem with the cache itself (never a diagnostic: the events are fine)."""
    import logging  # on use: a quick start matters more than a module attribute

    logging.getLogger(__name__).warning(message, *args)


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
    import tomli

    digest = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for library in (tomli, dateutil):
        digest.update(f"|{library.__name__}={getattr(library, '__version__', '?')}".encode())
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


class Store:
    """The cache folder: per-file entries under files/, per-load entries under loads/."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.fingerprint = fingerprint()

    @classmethod
    def open(cls) -> Store | None:
        """The store to use now, or None when the cache is off."""
        root = cache_dir()
        return None if root is None else cls(root)

    def _entry(self, kind: str, key: object) -> str:
        name = hashlib.sha256(repr((self.fingerprint, key)).encode()).hexdigest()[:40]
        return os.path.join(self.root, kind, name + ".pickle")

    # -- parsed files --

    def get_file(self, path: str, stamp: Stamp | None) -> ParsedFile | None:
        """The parse of `path` stored under this stamp, or None."""
        if not settled(stamp):
            return None
        key = ("file", path, os.path.abspath(path))
        found = self._read(self._entry("files", key), (key, stamp))
        return found if isinstance(found, ParsedFile) else None

    def put_file(
        self, path: str, stamp: Stamp | None, parsed: ParsedFile, payload: bytes | None = None
    ) -> None:
        """Store a parse (`payload`, if given, is dumps(parsed) already made)."""
        if settled(stamp):
            key = ("file", path, os.path.abspath(path))
            self._write(self._entry("files", key), (key, stamp), parsed, payload)

    # -- whole loads --

    def get_load(self, key: object, check: Callable[[Any], bool]) -> Any:
        """What was stored for `key` (a load_cache.Loaded) if check(its header) holds, or None."""
        return self._read(self._entry("loads", key), None, check)

    def put_load(self, key: object, header: object, loaded: object) -> None:
        """Keep a whole load, and only the KEPT_LOADS most recently written (each is about
        60 MiB at 100,000 events; every set of paths opened would otherwise keep one)."""
        entry = self._entry("loads", key)
        self._write(entry, header, loaded)
        _keep_newest(os.path.dirname(entry), KEPT_LOADS)

    # -- bytes --

    def _read(self, entry: str, expect: object, check: Callable[[Any], bool] | None = None) -> Any:
        try:
            with open(entry, "rb") as handle:
                header = pickle.load(handle)
                if header[0] != self.fingerprint:
                    return None
                if check is None and header[1] != expect:
                    return None
                if check is not None and not check(header[1]):
                    return None
                with gc_paused():  # straight from the file: no copy of it all in memory
                    return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a bad entry is a miss, whatever is wrong
            _warn("timeline-tui cache: ignoring unreadable entry %s (%s)", entry, exc)
            _remove(entry)
            return None

    def _write(
        self, entry: str, header: object, value: object, payload: bytes | None = None
    ) -> None:
        try:
            os.makedirs(os.path.dirname(entry), mode=0o700, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(entry), suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    _dump_header(handle, (self.fingerprint, header))
                    if payload is None:
                        packing.dump(value, handle)  # no copy of a whole load in memory
                    else:
                        handle.write(payload)
                os.replace(temporary, entry)
            except BaseException:
                _remove(temporary)
                raise
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no cache
            _warn("timeline-tui cache: cannot write %s (%s)", entry, exc)


def _dump_header(handle: IO[bytes], header: object) -> None:
    pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)


def _keep_newest(folder: str, count: int) -> None:
    """Remove all but the `count` most recently modified entries of a folder."""
    try:
        with os.scandir(folder) as listing:
            entries = [
                (entry.stat().st_mtime_ns, entry.path)
                for entry in listing
                if entry.name.endswith(".pickle")
            ]
    except OSError:
        return
    for _, path in sorted(entries, reverse=True)[count:]:
        _remove(path)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
