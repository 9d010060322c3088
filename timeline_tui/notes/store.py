"""`.timeline/notes.toml` in the first folder opened: read safely, changed one entry at a time.

Reading never raises: the file's problems are positioned diagnostics (notes/reading.py), and a
file that is missing holds no notes. Saving an event's annotation goes through tomlkit, so the
file's comments and every other entry keep their bytes; it is written atomically
(loading/atomic.py), and refused (NotSaved, the file untouched) when the file changed on
disk since it was read, when it has errors (it is never overwritten blindly), or when the
text made would not read back as the annotation asked for. A note whose event is gone is
never removed: only an entry made empty (no star, no note, no tag) by its own event's edit.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli

from timeline_tui.core.annotation import Annotation
from timeline_tui.core.diagnostics import Diagnostic, error
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.discovery import NOTES_FILE, NOTES_FOLDER
from timeline_tui.loading.reading import decode, read_bytes
from timeline_tui.notes.reading import TABLE, ReadNotes, parse_notes

MAX_FILE_BYTES = 16 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parents[1]


class NotSaved(Exception):
    """The annotation was not written; the message says why (the file is as it was)."""


@dataclass(frozen=True)
class NotesFile:
    """A notes file as read: its annotations, its problems, and its bytes (None: no file),
    which a save compares with the disk's."""

    path: Path
    notes: dict[str, Annotation] = field(default_factory=dict)
    problems: tuple[Diagnostic, ...] = ()
    data: bytes | None = None

    @property
    def has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems)


def notes_path(roots: tuple[str, ...] | list[str]) -> Path | None:
    """`<first folder opened>/.timeline/notes.toml` (a file opened: its folder); None with
    nothing opened, or for the bundled sample."""
    for root in roots:
        folder = Path(root if os.path.isdir(root) else os.path.dirname(root) or ".")
        if folder.resolve().is_relative_to(_PACKAGE):
            return None  # the bundled sample: never written into the installed package
        return folder / NOTES_FOLDER / NOTES_FILE
    return None


def notes_of(roots: tuple[str, ...] | list[str]) -> NotesFile | None:
    """The notes of the first folder opened (None: nothing opened)."""
    path = notes_path(roots)
    return None if path is None else read_notes(path)


def read_notes(path: Path) -> NotesFile:
    """The notes in `path`; never raises."""
    name = str(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return NotesFile(path)
    except OSError as exc:
        return NotesFile(path, problems=(error(name, 1, 1, f"cannot read: {exc.strerror}"),))
    if stat.S_ISLNK(info.st_mode):  # a shared folder's link could point anywhere
        return NotesFile(path, problems=(error(name, 1, 1, "a symbolic link; not read"),))
    data = read_bytes(name, MAX_FILE_BYTES)
    if isinstance(data, Diagnostic):
        return NotesFile(path, problems=(data,))
    text, problems = decode(data, name)
    found = parse_notes(text, name)
    return NotesFile(path, found.notes, (*problems, *found.problems), data)


def save_annotation(
    current: NotesFile, event_id: str, annotation: Annotation, now: datetime | None = None
) -> NotesFile:
    """Write `annotation` as `event_id`'s entry (a new one at the end, an empty one
    removed) and return the file as now written; NotSaved says why not."""
    if current.has_errors:
        raise NotSaved(f"{current.path} has errors (see e); fix it first, it was not changed")
    on_disk = _bytes_now(current.path)
    if on_disk != current.data:
        raise NotSaved(f"{current.path} changed on disk since it was read; read it again")
    stamped = Annotation(
        annotation.star, annotation.note, annotation.tags,
        (now or datetime.now(UTC)).replace(microsecond=0),
    )  # fmt: skip
    text, written = _new_text(current, event_id, stamped)
    try:
        write_atomic(current.path, text, mode=0o644)  # shared with the folder
    except OSError as exc:
        raise NotSaved(f"cannot write {current.path}: {exc.strerror or exc}") from exc
    return NotesFile(current.path, written.notes, tuple(written.problems), text.encode("utf-8"))


def _new_text(current: NotesFile, event_id: str, annotation: Annotation) -> tuple[str, ReadNotes]:
    """The file's text with the entry changed, and what it reads as: the entry alone
    re-made when the file is only [[notes]] tables (a save in a file of 1,000 notes: a few
    ms; tomlkit on all of it: half a second), else the whole file through tomlkit. Each is
    taken only if it reads back as the annotation asked for, every other note unchanged."""
    text = (current.data or b"").decode("utf-8")
    wanted = dict(current.notes)
    wanted.pop(event_id, None)
    if not annotation.is_empty:
        wanted[event_id] = annotation
    for make in (_spliced_text, _updated_text):
        try:
            made = make(text, event_id, annotation)
        except Exception:  # noqa: BLE001 - tomlkit on a file it reads its own way
            continue
        if made is None:
            continue
        written = parse_notes(made, str(current.path))
        if not written.errors and written.notes == wanted:
            return made, written
    why = "the note would not read back as written"
    raise NotSaved(f"{why}; {current.path} not changed")


_HEADER_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)
_NOTES_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*notes[ \t]*\]\][ \t]*(?:#.*)?$", re.MULTILINE)


def _spliced_text(text: str, event_id: str, annotation: Annotation) -> str | None:
    """The text with only the entry's own lines re-made (None: the file is not plainly a
    run of [[notes]] tables, or has no entry to change and none to add)."""
    import tomlkit

    starts = [match.start() for match in _NOTES_HEADER.finditer(text)]
    entries = tomli.loads(text).get(TABLE, []) if text.strip() else []
    if len(starts) != len(entries) or len(_HEADER_LINE.findall(text)) != len(starts):
        return None
    at = next((i for i, e in enumerate(entries) if e.get("event") == event_id), None)
    if at is None:
        return None if annotation.is_empty else _appended(text, event_id, annotation)
    begin, end = starts[at], starts[at + 1] if at + 1 < len(starts) else len(text)
    if annotation.is_empty:
        return text[:begin] + text[end:]
    document = tomlkit.parse(text[begin:end])
    _table(document[TABLE][0], event_id, annotation)
    return text[:begin] + tomlkit.dumps(document) + text[end:]


def _appended(text: str, event_id: str, annotation: Annotation) -> str:
    import tomlkit

    entries = tomlkit.aot()
    entries.append(_table(tomlkit.table(), event_id, annotation))
    document = tomlkit.document()
    document.append(TABLE, entries)
    if text and not text.endswith("\n"):
        text += "\n"
    if text and not text.endswith("\n\n"):
        text += "\n"  # a blank line between entries
    return text + tomlkit.dumps(document)


def _bytes_now(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if not path.is_symlink() else b""
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise NotSaved(f"cannot read {path}: {exc.strerror or exc}") from exc


def _updated_text(text: str, event_id: str, annotation: Annotation) -> str:
    import tomlkit  # on use: only saving needs it

    document = tomlkit.parse(text)
    entries = document.get(TABLE)
    if entries is None:
        entries = tomlkit.aot()
        document.append(TABLE, entries)
    if not isinstance(entries, tomlkit.items.AoT):
        raise ValueError("its notes are not [[notes]] tables")
    at = next((i for i, e in enumerate(entries) if e.get("event") == event_id), None)
    if at is None:
        if not annotation.is_empty:
            entries.append(_table(tomlkit.table(), event_id, annotation))
    elif annotation.is_empty:
        del entries[at]
    else:
        _table(entries[at], event_id, annotation)
    return tomlkit.dumps(document)


def _table(table: Any, event_id: str, annotation: Annotation) -> Any:
    """Set the entry's keys that changed (the others keep their bytes), drop empty ones."""
    import tomlkit

    values: dict[str, object] = {
        "event": event_id,
        "star": annotation.star or None,
        "tags": tomlkit.item(list(annotation.tags)) if annotation.tags else None,
        "text": _text(annotation.note) if annotation.note else None,
        "updated": annotation.updated,
    }
    for key, value in values.items():
        if value is None:
            if key in table:
                del table[key]
        elif _unwrapped(table.get(key)) != _unwrapped(value):
            table[key] = value
    return table


def _text(note: str) -> object:
    """A note's TOML string: multi-line when it has lines (tomlkit escapes what needs it),
    but not with a carriage return, which a multi-line string would not keep."""
    import tomlkit

    return tomlkit.string(note, multiline="\n" in note and "\r" not in note)


def _unwrapped(value: object) -> object:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value
