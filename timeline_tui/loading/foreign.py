"""Files in other formats (JSON, iCalendar, CSV) told apart from TOML, by name and content, so
that opening one says "use timeline import" rather than "invalid TOML"."""

from __future__ import annotations

import os
import re

KINDS = {"json": "a JSON file", "ics": "an iCalendar file", "csv": "a CSV file"}
_SUFFIXES = {".json": "json", ".ics": "ics", ".ical": "ics", ".ifb": "ics", ".csv": "csv"}
_ICS = re.compile(r"\A\s*BEGIN:VCALENDAR\b", re.IGNORECASE)
_JSON = re.compile(r"\A\s*[{\[]\s*(?:\"|\]|\}|\Z)")
_CSV_HEADER = re.compile(r"\A[^=\[\]\n]*,[^=\[\]\n]*(?:\r?\n|\Z)")


def content_kind(text: str) -> str | None:
    """ "ics", "json" or "csv" when the text's start looks like that format, else None.
    A CSV is a first line with a comma and no `=`, `[` or `]` (which a TOML line would have)."""
    head = text[:4096].lstrip("\ufeff")
    if _ICS.match(head):
        return "ics"
    if _JSON.match(head):
        return "json"
    if _CSV_HEADER.match(head):
        return "csv"
    return None


def foreign_kind(path: str, text: str) -> str | None:
    """The other format a file is in, by its content, else by its name's suffix; None for
    one that may be TOML."""
    suffix = os.path.splitext(path)[1].lower()
    return content_kind(text) or _SUFFIXES.get(suffix)


def use_import(kind: str) -> str:
    """The one message for a file in another format."""
    return f"this looks like {KINDS[kind]}, not TOML: use timeline import FILE --to DIR"
