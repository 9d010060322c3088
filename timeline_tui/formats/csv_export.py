"""CSV export: one row an event, RFC 4180 (CRLF line ends, quoted where needed), a header row.

Lists (actors, tags, sources) are joined with "; ". A spreadsheet runs a cell that starts
with `=`, `+`, `-` or `@` (or a tab or CR before one) as a formula, so such a cell gets a
leading `'` ("formula injection"); control characters are made visible (the sanitiser).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.model import Event
from timeline_tui.core.sanitizer import sanitize
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.annotation import Notes

HEADER = (
    "id", "title", "start", "end", "precision", "approximate", "status", "location", "actors",
    "tags", "summary", "notes", "sources", "file", "line",
)  # fmt: skip
ANNOTATION_HEADER = ("star", "analyst_note", "analyst_tags")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JOIN = "; "


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` when it would start a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(events: Sequence[Event], timeline: Timeline, *, notes: Notes | None = None) -> str:
    """The events as CSV text, the header first; `notes` adds star, note and tag columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER + (ANNOTATION_HEADER if notes is not None else ()))
    for event in events:
        cells = _cells(event, timeline)
        if notes is not None:
            annotation = notes.get(event.id)
            star = annotation is not None and annotation.star
            cells += ["yes" if star else "", annotation.note if annotation else ""]
            cells.append(JOIN.join(annotation.tags) if annotation else "")
        writer.writerow([neutralised(sanitize(escape_undecodable(c))) for c in cells])
    return buffer.getvalue()


def _cells(event: Event, timeline: Timeline) -> list[str]:
    return [
        event.id,
        event.title,
        event.when.iso(),
        event.end.iso() if event.end else "",
        event.when.precision.label,
        "true" if event.when.approximate else "false",
        event.status,
        event.location,
        JOIN.join(timeline.actors.name(a) for a in event.actors),
        JOIN.join(event.tags),
        event.summary,
        event.notes,
        JOIN.join(event.sources),
        event.file,
        str(event.line),
    ]
