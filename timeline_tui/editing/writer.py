"""Writing one event into a TOML file: a new one at the end, or an edit of one in place.

Both read the file's bytes, refuse (`Conflict`) when its stamp is not the one the caller read
it under, make the new text, check it with the loader's own parser (`Invalid`, with the
problems, when the event would not load cleanly) and write it through `write_atomic`, so a
crash leaves the old file whole. Every byte outside the record is kept: a new record is
appended as text (in the file's own newline style), and an edit changes only the keys whose
values changed, through tomlkit, and is refused if anything outside the record's lines moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.stamp import Stamp, stamp_of
from timeline_tui.records import toml_reading
from timeline_tui.records.lines import LineIndex
from timeline_tui.records.parse import parse

from .fields import FIELD_KEYS, EventFields, quote_tables

CONFLICT = "the file changed on disk since it was read: reload (r) and try again"


class Conflict(Exception):
    """The file is not as it was when read (its stamp changed): nothing was written."""

    def __init__(self) -> None:
        super().__init__(CONFLICT)


class Invalid(Exception):
    """The event would not load cleanly: nothing was written. `problems` says why."""

    def __init__(self, problems: list[Diagnostic], message: str = "") -> None:
        self.problems = problems
        super().__init__(message or "; ".join(p.message for p in problems))


@dataclass(frozen=True, slots=True)
class Written:
    """Where an event was written: its id, its file and the line of its `[[events]]`."""

    id: str
    path: str
    line: int


def append_event(
    path: str, event_id: str, fields: EventFields, expected: Stamp | None,
    meta: Mapping[str, Any] | None = None,
) -> Written:  # fmt: skip
    """Add `[[events]]` with `fields` at the end of `path` (made if `expected` is None and
    there is no file, with `meta` as its `[meta]` if given). Raises Conflict, Invalid or
    OSError; on any of them nothing changed."""
    old = _read_checked(path, expected)
    if not old and meta:
        old = tomlkit.dumps({"meta": dict(meta)})
    newline = "\r\n" if "\r\n" in old else "\n"
    record = _record_text(event_id, fields)
    gap = "" if not old else ("" if old.endswith(("\n\n", "\r\n\r\n")) else newline)
    if old and not old.endswith("\n"):
        gap = newline + newline
    before = old + gap
    new = before + record.replace("\n", newline)
    line = before.count("\n") + 1
    _check(new, path, line)
    write_atomic(Path(path), new)
    return Written(event_id, path, line)


def replace_event(
    path: str, event_id: str, line: int, fields: EventFields, expected: Stamp | None
) -> Written:
    """Change the record of `event_id` whose `[[events]]` is at `line` to `fields`, keeping
    its other keys (and their comments) and every byte outside it. Raises Conflict, Invalid
    or OSError; on any of them nothing changed."""
    old = _read_checked(path, expected)
    document, index = _find(old, path, event_id, line)
    entry = document["events"][index]
    _update(entry, fields)
    new = _in_place(old, document.as_string(), line, path)
    _check(new, path, line)
    write_atomic(Path(path), new)
    return Written(event_id, path, line)


def _read_checked(path: str, expected: Stamp | None) -> str:
    """The file's text, if its stamp is `expected` (None: the file must not exist yet)."""
    if stamp_of(path) != expected:
        raise Conflict()
    if expected is None:
        return ""
    data = Path(path).read_bytes()
    if stamp_of(path) != expected:
        raise Conflict()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid([], f"the file is not UTF-8 ({exc.reason}); fix it first") from None


def _record_text(event_id: str, fields: EventFields) -> str:
    """`[[events]]` and its keys (and `[[events.quotes]]`), as tomlkit writes them."""
    table = tomlkit.table()
    table["id"] = event_id
    for key, value in fields.values().items():
        table[key] = value
    if fields.quotes:
        table["quotes"] = quote_tables(fields.quotes)
    tables = tomlkit.aot()
    tables.append(table)
    document = tomlkit.document()
    document["events"] = tables
    text = document.as_string()
    return text if text.endswith("\n") else text + "\n"


def _find(text: str, path: str, event_id: str, line: int) -> tuple[Any, int]:
    """The tomlkit document of `text` and the index of the event at `line` with `event_id`."""
    try:
        raw = toml_reading.loads(text)
        document = tomlkit.parse(text)
    except (toml_reading.TOMLDecodeError, TOMLKitError, ValueError) as exc:
        raise Invalid([], f"the file is not valid TOML ({exc}); fix it first") from None
    events = raw.get("events")
    lines = LineIndex(text)
    for index, record in enumerate(events if isinstance(events, list) else ()):
        found = isinstance(record, dict) and record.get("id") == event_id
        if found and lines.table_line("events", index) == line:
            return document, index
    raise Invalid([], f"no event {event_id!r} at line {line} of the file now: reload (r)")


def _update(entry: Any, fields: EventFields) -> None:
    """Set the keys whose values changed, remove the ones emptied; leave the rest alone."""
    values = fields.values()
    for key in FIELD_KEYS:
        if key not in values:
            if key in entry and not (key == "status" and _same(entry[key], "occurred")):
                del entry[key]
        elif key not in entry or not _same(entry[key], values[key]):
            entry[key] = values[key]
    if _quotes_differ(entry, fields):
        if fields.quotes:
            entry["quotes"] = quote_tables(fields.quotes)
        elif "quotes" in entry:
            del entry["quotes"]
    if "sources" in values and "source" in entry:
        del entry["source"]


def _quotes_differ(entry: Any, fields: EventFields) -> bool:
    """Whether the record's quotes are not the (speaker, text) pairs of `fields`."""
    quotes = entry.get("quotes", [])
    now = tuple((str(q.get("speaker", "")), str(q.get("text", ""))) for q in quotes)
    wanted = tuple((s.strip(), t.strip()) for s, t in fields.quotes)
    return now != wanted


def _same(item: Any, value: Any) -> bool:
    """Whether a tomlkit item holds `value` (either may be a tomlkit item or plain)."""
    return bool(_plain(item) == _plain(value))


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _in_place(old: str, new: str, line: int, path: str) -> str:
    """`new`, if it differs from `old` only within the record at `line` (whose lines take the
    file's newline style); else Invalid: an edit may not move anything else."""
    begin, end = LineIndex(old).table_span(line)
    tail = old[end:]
    if not (new.startswith(old[:begin]) and new.endswith(tail)) or len(new) < begin + len(tail):
        raise Invalid([], "this edit would change other records of the file; nothing written")
    record = new[begin : len(new) - len(tail)]
    if "\r\n" in old:
        record = record.replace("\r\n", "\n").replace("\n", "\r\n")
    return old[:begin] + record + tail


def _check(text: str, path: str, line: int) -> None:
    """Invalid unless `text` parses and the event at `line` has no error."""
    parsed = parse(text, path)
    broken = not parsed.readable
    problems = [d for d in parsed.diagnostics if d.is_error and (broken or d.event_line == line)]
    if problems:
        raise Invalid(problems)
