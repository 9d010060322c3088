"""Safe reads: one file's bytes (regular files only, within a size limit), decoded as UTF-8,
and parsed; every failure is a diagnostic in the result, never an exception."""

from __future__ import annotations

import os
import re
import stat
import time

from timeline_tui.core.diagnostics import Diagnostic, error, internal_error, warning
from timeline_tui.loading.discovery import describe_os_error
from timeline_tui.loading.foreign import foreign_kind, use_import
from timeline_tui.loading.stamp import Stamp, stamp_of, trusted
from timeline_tui.records.parse import ParsedFile, parse
from timeline_tui.storage.packing import PackedEvents

MAX_FILE_BYTES = 32 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_BLANK = re.compile(rb"(?:[ \t\n]|\r\n)*\Z")  # TOML's whitespace only: not \f, \v or a lone \r


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
        return ParsedFile(path, diagnostics=[warning(path, 1, 1, "file is empty")], blank=True)
    text, notes = decode(data, path)
    parsed = parse(text, path)
    if not parsed.readable:
        _tell_foreign(parsed, text)
    parsed.diagnostics[:0] = notes
    parsed.events = PackedEvents.pack(parsed.events)  # kept packed from here on
    return parsed


def _tell_foreign(parsed: ParsedFile, text: str) -> None:
    """A file that is not TOML but JSON, iCalendar or CSV: its "invalid TOML" error becomes
    one that says to import it."""
    kind = foreign_kind(parsed.path, text)
    if kind is not None and any(d.message.startswith("invalid TOML") for d in parsed.diagnostics):
        parsed.diagnostics = [error(parsed.path, 1, 1, use_import(kind))]


def read_document(path: str) -> str | None:
    """A source document's text for quote checks, or None if it cannot be read."""
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        return None
    return data.decode("utf-8", errors="replace")


READ_ATTEMPTS = 5  # reads of a file that keeps changing while it is read
RETRY_PAUSE = 0.01  # seconds between those reads


def read_settled(path: str, max_bytes: int = MAX_FILE_BYTES) -> tuple[Stamp | None, ParsedFile]:
    """Read a file; if it changed while being read, read again (a few times at most).

    The stamp returned is the one the content was read under, or None when it should not be
    trusted (the file kept changing, or changed too shortly before) so the next read of it
    does not take it as unchanged. The one stamp and retry rule of every read."""
    before = stamp_of(path)
    for attempt in range(READ_ATTEMPTS):
        started = time.time_ns()
        parsed = read_file(path, max_bytes)
        after = stamp_of(path)
        if after == before:
            return trusted(after, started), parsed
        before = after
        if attempt + 1 < READ_ATTEMPTS:
            time.sleep(RETRY_PAUSE)
    return None, parsed
