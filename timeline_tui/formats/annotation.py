"""The seam for what an analyst adds to events (stars and notes, kept apart from the records):
exporters take an optional mapping of event id to Annotation, and leave it out when none."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Annotation:
    """An event's star and the analyst's note on it."""

    star: bool = False
    note: str = ""


Notes = Mapping[str, Annotation]  # event id -> what the analyst added
