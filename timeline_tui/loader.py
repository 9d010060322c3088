"""Reading files and folders safely, then parsing and assembling them. Never raises on content."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .assembly import Timeline, assemble
from .diagnostics import Diagnostic, error, warning
from .parse import ParsedFile, parse

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
    except OSError as exc:
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


def describe_os_error(path: str, exc: OSError) -> str:
    """A plain sentence for why a path could not be read."""
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
            return error(path, 1, 1, f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit; not read")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return error(path, 1, 1, "not a regular file; not read")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return error(path, 1, 1, describe_os_error(path, exc))
    if len(data) > max_bytes:
        return error(path, 1, 1, f"file grew over the {_size(max_bytes)} limit; not read")
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
        message = f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be read{hint}; replaced with \ufffd"
        notes.append(error(path, line, column, message))
        return data.decode("utf-8", errors="replace"), notes


def read_file(path: str, max_bytes: int = MAX_FILE_BYTES) -> ParsedFile:
    """Read, decode and parse one file; every failure is a diagnostic in the result."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Diagnostic):
        return ParsedFile(path, diagnostics=[data], readable=False)
    if _BLANK.match(data):
        return ParsedFile(path, diagnostics=[warning(path, 1, 1, "file is empty")])
    text, notes = decode(data, path)
    parsed = parse(text, path)
    parsed.diagnostics[:0] = notes
    return parsed


def read_document(path: str) -> str | None:
    """A source document's text for quote checks, or None if it cannot be read."""
    data = read_bytes(path)
    if isinstance(data, Diagnostic):
        return None
    return data.decode("utf-8", errors="replace")


def load(paths: Iterable[str], max_bytes: int = MAX_FILE_BYTES) -> Timeline:
    """Everything under the paths as one Timeline, with all the diagnostics found."""
    found = discover(paths)
    parsed = [read_file(path, max_bytes) for path in found.files]
    if found.diagnostics:
        parsed.append(ParsedFile("", diagnostics=found.diagnostics, readable=False))
    return assemble(parsed, read_document)
