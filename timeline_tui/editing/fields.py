"""EventFields: what the form and `timeline add` say of an event, and its TOML values.

The values are what a person types: `when`, `earliest` and `latest` as text (an ISO date or
datetime becomes a TOML date or datetime, anything else a string the loader reads with
python-dateutil), lists as tuples. `values()` gives the keys to write, in the order the seed
files use, leaving out what is empty (and `status = "occurred"`, the default) so that a new
record is as short as one written by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

_TOML_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)
_NO_SECONDS = re.compile(r"[T ]\d{2}:\d{2}(?!:)")
DEFAULT_STATUS = "occurred"
FIELD_KEYS = (
    "title", "when", "earliest", "latest", "status", "location", "actors", "tags", "summary",
    "sources",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFields:
    """An event as typed: every field of the format that the form edits."""

    title: str
    when: str
    status: str = DEFAULT_STATUS
    location: str = ""
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    sources: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()  # (speaker, text)
    earliest: str = ""  # the bounds of an uncertain date; `when` may then be empty
    latest: str = ""

    @property
    def anchor(self) -> str:
        """The date the event is placed by, as the loader places it: `when`, else
        `earliest`, else `latest` (as typed)."""
        return next((t for t in (self.when, self.earliest, self.latest) if t.strip()), "")

    def values(self) -> dict[str, Any]:
        """The keys to write and their values (TOML items), empty ones left out."""
        found: dict[str, Any] = {
            "title": self.title.strip(),
            "when": when_value(self.when),
            "earliest": when_value(self.earliest),
            "latest": when_value(self.latest),
            "status": self.status if self.status != DEFAULT_STATUS else "",
            "location": self.location.strip(),
            "actors": list(self.actors),
            "tags": list(self.tags),
            "summary": _text(self.summary.strip()),
            "sources": list(self.sources),
        }
        return {key: value for key, value in found.items() if value not in ("", [])}


def when_value(text: str) -> Any:
    """A TOML date or datetime for an ISO form (`2025-08-18`, `2025-08-18T13:15:00-04:00`),
    else the text as a string."""
    text = text.strip()
    if _TOML_MOMENT.fullmatch(text):
        try:
            value = tomlkit.parse(f"v = {text}")["v"]
        except (TOMLKitError, ValueError):
            return text
        if isinstance(value, datetime) and _NO_SECONDS.search(text):
            return tomlkit.item(datetime.fromisoformat(value.isoformat()))  # `10:00` as
            # `10:00:00`: TOML 1.0 readers need the seconds (tomli 2.5 reads either)
        if isinstance(value, date):
            return value
    return text


def _text(text: str) -> Any:
    """A string, multi-line (`\"\"\"`) when it holds a newline, as the seed's summaries are."""
    return tomlkit.string(text, multiline=True) if "\n" in text else text


def quote_tables(quotes: tuple[tuple[str, str], ...]) -> Any:
    """The `[[events.quotes]]` tables for (speaker, text) pairs."""
    tables = tomlkit.aot()
    for speaker, text in quotes:
        table = tomlkit.table()
        if speaker.strip():
            table["speaker"] = speaker.strip()
        table["text"] = text.strip()
        tables.append(table)
    return tables


def split_list(text: str) -> tuple[str, ...]:
    """`a, b ,c` -> ("a", "b", "c"): a comma-separated field, blanks left out."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def fields_of(raw: dict[str, Any]) -> EventFields:
    """The fields of a record as TOML read it (for the edit form): dates back to ISO text."""
    quotes = tuple(
        (str(q.get("speaker", "")), str(q.get("text", "")))
        for q in raw.get("quotes", ()) if isinstance(q, dict)
    )  # fmt: skip
    sources = _strings(raw.get("sources", ()))
    if not sources and isinstance(raw.get("source"), str):
        sources = (raw["source"],)
    return EventFields(
        title=str(raw.get("title", "")),
        when=_date_text(raw.get("when", "")),
        status=str(raw.get("status", DEFAULT_STATUS)),
        location=str(raw.get("location", "")),
        actors=_strings(raw.get("actors", ())),
        tags=_strings(raw.get("tags", ())),
        summary=str(raw.get("summary", "")),
        sources=sources,
        quotes=quotes,
        earliest=_date_text(raw.get("earliest", "")),
        latest=_date_text(raw.get("latest", "")),
    )


def _date_text(value: object) -> str:
    """A TOML date or datetime as ISO text (the form's text), anything else as a string."""
    return value.isoformat() if isinstance(value, date) else str(value)


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
