"""The seam for what an analyst adds to events (stars, notes and tags, kept apart from the
records: core/annotation.py): exporters take an optional mapping of event id to Annotation,
and leave it out when none."""

from __future__ import annotations

from timeline_tui.core.annotation import Annotation, Notes

__all__ = ["Annotation", "Notes"]
