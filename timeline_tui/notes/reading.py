"""`.timeline/notes.toml`'s text -> annotations by event id, and positioned diagnostics.

The file is an array of tables, one an event (docs/DESIGN.md, "Stars and notes"):

    [[notes]]
    event = "white-house-talks"
    star = true
    tags = ["follow-up"]
    text = \"\"\"What the analyst thinks.\"\"\"
    updated = 2026-12-01T10:00:00Z

Pure: never raises. A key of the wrong kind is an error at its line (that key is left out), an
entry with no `event` is an error (the entry is left out), a second entry for an event a
warning (the first is kept), an unknown key a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import tomli

from timeline_tui.core.annotation import Annotation
from timeline_tui.core.diagnostics import Diagnostic, error, warning
from timeline_tui.records.lines import LineIndex

TABLE = "notes"
KEYS = ("event", "star", "tags", "text", "updated")


@dataclass
class ReadNotes:
    """What a notes text holds: the annotations by event id, and what was wrong with it."""

    notes: dict[str, Annotation] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.is_error)


def parse_notes(text: str, path: str) -> ReadNotes:
    """The annotations in a notes file's text (see the module's docstring)."""
    found = ReadNotes()
    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        found.problems.append(error(path, line, column, f"invalid TOML: {exc.msg}"))
        return found
    except RecursionError:
        found.problems.append(error(path, 1, 1, "invalid TOML: nested too deeply"))
        return found
    lines = LineIndex(text)
    for key in table:
        if key != TABLE:
            line, column = lines.top_key(key)
            found.problems.append(warning(path, line, column, f"unknown key {key!r} (ignored)"))
    entries = table.get(TABLE, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        line, column = lines.top_key(TABLE)
        found.problems.append(error(path, line, column, "notes must be [[notes]] tables"))
        return found
    for number, entry in enumerate(entries):
        _entry(entry, lines.table_line(TABLE, number), lines, path, found)
    return found


def _entry(
    entry: dict[str, Any], start: int, lines: LineIndex, path: str, found: ReadNotes
) -> None:
    def problem(key: str, message: str, make: Callable[..., Diagnostic] = error) -> None:
        line, column = lines.key_line(start, key) if key else (start, 1)
        found.problems.append(make(path, line, column, message))

    event = entry.get("event")
    if not isinstance(event, str) or not event.strip():
        problem("event" if "event" in entry else "", "a note needs `event`, the event's id")
        return
    if event in found.notes:
        problem("event", f"a second note for {event!r} (the first is kept)", warning)
        return
    kept: dict[str, Any] = {}
    for key, value in entry.items():
        checked = _checked(key, value) if key in KEYS else None
        if key not in KEYS:
            problem(key, f"unknown key {key!r} in a note (ignored)", warning)
        elif isinstance(checked, _Wrong):
            problem(key, f"{key} {checked.why}; left out")
        elif key != "event":
            kept[_FIELDS[key]] = checked
    found.notes[event] = Annotation(**kept)


_FIELDS = {"star": "star", "text": "note", "tags": "tags", "updated": "updated"}


@dataclass(frozen=True)
class _Wrong:
    why: str


def _checked(key: str, value: object) -> object:
    """The value of a key, or _Wrong saying what it should be."""
    if key == "event":
        return value
    if key == "star":
        return value if isinstance(value, bool) else _Wrong("must be true or false")
    if key == "text":
        return value if isinstance(value, str) else _Wrong("must be a string")
    if key == "tags":
        ok = isinstance(value, list) and all(isinstance(t, str) for t in value)
        return tuple(value) if ok else _Wrong("must be a list of strings")  # type: ignore[arg-type]
    return _moment(value)


def _moment(value: object) -> datetime | _Wrong:
    """`updated`: a TOML date-time (a date, or one with no offset, taken as UTC)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), UTC)
    return _Wrong("must be a date-time such as 2026-12-01T10:00:00Z")
