"""The open dialog's preview: a short count of what a file or folder holds, within a time budget."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.loading.discovery import discover
from timeline_tui.loading.reading import read_bytes, read_file

_EVENT_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*events[ \t]*\]\]", re.MULTILINE)


def preview(path: str, budget: float = 0.25) -> str:
    """A short count for a file or folder, e.g. "3 events" or "12 files, 480 events, 2 errors".

    Files are parsed (not assembled) until `budget` seconds have passed; the events of the rest
    are counted from their `[[events]]` headers and their errors are not looked for.
    """
    path = os.path.abspath(os.path.expanduser(path))
    found = discover([path])
    if not os.path.isdir(path):
        if found.diagnostics:
            return found.diagnostics[0].message
        parsed = read_file(path)
        return _counts(None, len(parsed.events), _errors(parsed.diagnostics))
    deadline = time.monotonic() + budget
    events, errors, checked = 0, _errors(found.diagnostics), 0
    for file in found.files:
        if time.monotonic() > deadline:
            events += _count_headers(file)
            continue
        parsed = read_file(file)
        events += len(parsed.events)
        errors += _errors(parsed.diagnostics)
        checked += 1
    text = _counts(len(found.files), events, errors)
    return text if checked == len(found.files) else f"{text} (errors looked for in {checked:,})"


def _errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for diagnostic in diagnostics if diagnostic.is_error)


def _count_headers(path: str) -> int:
    data = read_bytes(path)
    return 0 if isinstance(data, Diagnostic) else len(_EVENT_HEADER.findall(data))


def _counts(files: int | None, events: int, errors: int) -> str:
    parts = [] if files is None else [_plural(files, "file")]
    parts.append(_plural(events, "event"))
    if errors:
        parts.append(_plural(errors, "error"))
    return ", ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
