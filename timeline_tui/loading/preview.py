"""The open dialog's preview: a short count of what a file or folder holds, within a time limit.

A preview runs while the user types a path, so it must end quickly whatever the path: `/` or a
home folder holds far more than can be walked between two keystrokes. The whole preview,
discovery included, stops at `limit` seconds or as soon as `should_stop()` says so (the dialog's
worker was cancelled), and the text then says what was counted before it stopped. It never
raises: a failure, a parser's bug included, is the text.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline_tui.core.diagnostics import Diagnostic, plural
from timeline_tui.loading.discovery import discover, never
from timeline_tui.loading.reading import read_bytes, read_file

_EVENT_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)
CANCELLED = "cancelled"


@dataclass
class _Clock:
    """When the preview started, when it stops parsing, when it stops altogether, and the
    caller's own reason to stop."""

    started: float
    parse_until: float
    stop_at: float
    should_stop: Callable[[], bool]

    def late(self) -> bool:
        return time.monotonic() >= self.stop_at

    def spent(self) -> str:
        return f"{time.monotonic() - self.started:.1f} s"


@dataclass
class _Tally:
    """What a folder's preview has counted so far."""

    files: int
    errors: int
    events: int = 0
    parsed: int = 0  # files parsed, so their errors are counted too
    counted: int = 0  # files whose events are counted, parsed or from their headers


def preview(
    path: str,
    budget: float = 0.25,
    *,
    limit: float = 0.5,
    should_stop: Callable[[], bool] = never,
) -> str:
    """A short count for a file or folder, e.g. "3 events" or "12 files, 480 events, 2 errors".

    Files are parsed until `budget` seconds have passed; the events of the rest are counted
    from their `[[events]]` headers (their errors are not looked for) until `limit` seconds
    have passed. Returns CANCELLED when `should_stop()` said so."""
    started = time.monotonic()
    clock = _Clock(started, started + budget, started + limit, should_stop)
    path = os.path.abspath(os.path.expanduser(path))
    try:
        return _folder(path, clock) if os.path.isdir(path) else _file(path)
    except Exception as exc:  # a bug below must not end the app: the preview says what it was
        return failure(exc)


def failure(exc: BaseException, where: str | None = None) -> str:
    """The preview's text for an exception: its kind and message, and the file it came from."""
    place = f" {os.path.basename(where)}" if where else ""
    return f"cannot preview{place}: {type(exc).__name__}: {exc}"


def _file(path: str) -> str:
    found = discover([path])
    if found.diagnostics:
        return found.diagnostics[0].message
    parsed = read_file(path)
    return _counts(None, len(parsed.events), _errors(parsed.diagnostics))


def _folder(path: str, clock: _Clock) -> str:
    found = discover([path], should_stop=clock.should_stop, deadline=clock.stop_at)
    if clock.should_stop():
        return CANCELLED
    if found.stopped:
        return f"{_at_least(len(found.files))}; stopped looking after {clock.spent()}"
    tally = _Tally(len(found.files), _errors(found.diagnostics))
    for file in found.files:
        if clock.should_stop():
            return CANCELLED
        if clock.late():
            return _partial(tally, clock)
        try:
            _count(file, tally, parse=time.monotonic() < clock.parse_until)
        except Exception as exc:  # named here, so the file that broke it can be looked at
            return failure(exc, file)
    return _whole(tally)


def _count(file: str, tally: _Tally, parse: bool) -> None:
    """Count one file's events: parsed (errors too) while there is time, else its headers."""
    if parse:
        parsed = read_file(file)
        tally.events += len(parsed.events)
        tally.errors += _errors(parsed.diagnostics)
        tally.parsed += 1
    else:
        tally.events += _count_headers(file)
    tally.counted += 1


def _whole(tally: _Tally) -> str:
    text = _counts(tally.files, tally.events, tally.errors)
    if tally.parsed == tally.files:
        return text
    return f"{text} (errors looked for in {tally.parsed:,})"


def _partial(tally: _Tally, clock: _Clock) -> str:
    """Every file was found but not every file counted: say how far the count got."""
    counted = _counts(None, tally.events, tally.errors)
    files = plural(tally.files, "file")
    return f"{files}; {counted} in the first {tally.counted:,}; stopped after {clock.spent()}"


def _at_least(files: int) -> str:
    return f"at least {plural(files, 'file')}" if files else "no files found yet"


def _errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for diagnostic in diagnostics if diagnostic.is_error)


def _count_headers(path: str) -> int:
    data = read_bytes(path)
    return 0 if isinstance(data, Diagnostic) else len(_EVENT_HEADER.findall(data))


def _counts(files: int | None, events: int, errors: int) -> str:
    parts = [] if files is None else [plural(files, "file")]
    parts.append(plural(events, "event"))
    if errors:
        parts.append(plural(errors, "error"))
    return ", ".join(parts)
