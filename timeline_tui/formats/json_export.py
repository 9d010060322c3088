"""JSON export: the `timeline list --json` array (json_records.py), plus each event's `star`,
`analyst_note` and `analyst_tags` when annotations are given."""

from __future__ import annotations

from collections.abc import Sequence

from timeline_tui.core.model import Event
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.annotation import Annotation, Notes
from timeline_tui.formats.json_records import event_json, safe_json_array


def to_json(events: Sequence[Event], timeline: Timeline, *, notes: Notes | None = None) -> str:
    """The events as one JSON array (a newline at the end)."""
    records = [event_json(event, timeline) for event in events]
    if notes is not None:
        for record, event in zip(records, events, strict=True):
            annotate(record, notes.get(event.id, Annotation()))
    return safe_json_array(records) + "\n"


def annotate(record: dict[str, object], annotation: Annotation) -> dict[str, object]:
    """An event's JSON with the analyst's `star`, `analyst_note` and `analyst_tags`."""
    record["star"] = annotation.star
    record["analyst_note"] = annotation.note
    record["analyst_tags"] = list(annotation.tags)
    return record
