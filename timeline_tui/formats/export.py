"""Exporting what is shown: one entry for the command line and the app.

`render(request, events, timeline)` gives the text of one format; `write_export(path, text)`
writes it whole or not at all (loading/atomic.py), refusing to replace a file unless asked.
The events come in time order, as selected by the caller (`timeline list`'s selection, or
what the app shows).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.model import Event
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.annotation import Notes
from timeline_tui.formats.csv_export import to_csv
from timeline_tui.formats.json_export import to_json
from timeline_tui.formats.markdown_export import to_markdown
from timeline_tui.formats.timelinejs_export import to_timelinejs
from timeline_tui.loading.atomic import write_atomic

# Format name -> (what it is, the file name's extension).
FORMATS = {
    "md": ("Markdown chronology", "md"),
    "csv": ("CSV, one row an event", "csv"),
    "json": ("JSON, as timeline list --json", "json"),
    "ics": ("iCalendar", "ics"),
    "timelinejs": ("TimelineJS JSON", "json"),
}


class TargetExists(Exception):
    """The file to export to exists, and replacing it was not asked for."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export and how: the format, a title and a line saying what was selected, the
    display zone (None: each event's own), stars and notes (None: left out), and for
    TimelineJS whether the first actor is the group."""

    format: str
    title: str = "Chronology"
    description: str = ""
    zone: tzinfo | None = None
    notes: Notes | None = None
    group_by_actor: bool = False


def render(request: ExportRequest, events: Sequence[Event], timeline: Timeline) -> str:
    """The events as the text of the format asked for (ValueError for an unknown format)."""
    kind, notes, zone = request.format, request.notes, request.zone
    title, description = request.title, request.description
    if kind == "md":
        return to_markdown(
            events, timeline, title=title, description=description, zone=zone, notes=notes
        )
    if kind == "csv":
        return to_csv(events, timeline, notes=notes)
    if kind == "json":
        return to_json(events, timeline, notes=notes)
    if kind == "ics":
        from timeline_tui.formats.ical_export import to_ical  # icalendar: 60 ms to import

        return to_ical(events, timeline, title=title, zone=zone)
    if kind == "timelinejs":
        return to_timelinejs(
            events, timeline, title=title, description=description, zone=zone,
            group_by_actor=request.group_by_actor,
        )  # fmt: skip
    raise ValueError(f"unknown export format {kind!r}: one of {', '.join(FORMATS)}")


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write the export to `path` atomically; TargetExists when it exists and `force` is
    not given, OSError when it cannot be written. A new file is 0o644 (an export is made to
    be handed on); a file replaced keeps its permissions."""
    if not force and os.path.lexists(path):
        raise TargetExists(path)
    write_atomic(path, text, mode=0o644)


def describe(paths: Sequence[str], filters: Sequence[str], count: int) -> str:
    """The line under the title: `19 events from events/ · filter: Merz, ceasefire`."""
    noun = "event" if count == 1 else "events"
    text = f"{count} {noun} from {', '.join(escape_undecodable(p) for p in paths)}"
    return text + (f" · filter: {', '.join(filters)}" if filters else "")


def default_file_name(format_name: str, today: str) -> str:
    """`timeline-2025-08-18.md`: the name offered for an export made on `today` (ISO)."""
    return f"timeline-{today}.{FORMATS[format_name][1]}"
