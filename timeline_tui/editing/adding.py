"""`timeline add`: one event appended to a file, validated as the loader would.

The file is `--to`, else the file for the event's day in the folder (`events/2025-08-18.toml`);
the id is the title's slug, unique among the events of the folder and of that file.
"""

from __future__ import annotations

import os

from timeline_tui.loading.stamp import stamp_of
from timeline_tui.loading.workspace import load

from .fields import EventFields
from .placement import day_of, target_file, unique_id
from .writer import Written, append_event


def add_event(fields: EventFields, to: str | None, folder: str) -> Written:
    """Append `fields` as a new event to `to` (or the day's file in `folder`).
    Raises Invalid, Conflict or OSError, each with the file as it was."""
    path = to or target_file(day_of(fields.when), None, folder)
    known = [p for p in (folder, path) if os.path.exists(p)]
    timeline = load(known)
    stamp = stamp_of(path)
    event_id = unique_id(fields.title, lambda made: timeline.index_of(made) is not None)
    return append_event(path, event_id, fields, stamp)
