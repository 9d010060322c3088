"""One edit in progress: what the form edits (a new event or one already written), how its
`when` and its bounds (`earliest`, `latest`) read, how the timeline will show its date, what
the loader would say of it as it is typed (the record parsed by the loader's own `parse`,
once a keystroke), and saving it.

A new event's file is chosen when it is saved, from the day it is placed by (its `when`, else
its earliest bound, else its latest; see placement.py); the stamp of the highlighted event's
file is taken when the form opens, so a change made to that file meanwhile is refused
(`Conflict`) rather than written over.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import tomlkit

from timeline_tui.core.bounds import bounds_text, date_text, point_text
from timeline_tui.core.dates import DateError, from_toml, zone_from_name
from timeline_tui.core.model import Event, Precision, Source, When
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.stamp import Stamp, stamp_of
from timeline_tui.records import toml_reading
from timeline_tui.records.parse import ParsedFile, parse

from .fields import EventFields, fields_of, quote_tables, when_value
from .placement import day_of, target_file, unique_id
from .quotes import unfound_quotes
from .writer import Invalid, Written, append_event, replace_event

_NEEDED = "when: a date is needed (or an earliest or latest bound)"


@dataclass
class EditSession:
    """A new event (`event` None: placed beside `near`, else in `folder`) or an edit of
    `event`; `taken` tells whether an id is in use."""

    folder: str
    taken: Callable[[str], bool]
    near: Event | None = None
    event: Event | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)  # to check quotes
    roots: tuple[str, ...] = ()  # the folders opened: documents are read only inside them
    stamps: dict[str, Stamp | None] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    _last: tuple[EventFields, ParsedFile] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        known = self.event or self.near
        if known is not None and os.path.isfile(known.file):
            self.stamps[known.file] = stamp_of(known.file)
            self.meta = _meta_of(known.file)

    def initial(self) -> EventFields:
        """The fields the form starts with: the record as written, or an empty event."""
        if self.event is None:
            return EventFields("", "")
        record = _record_at(self.event.file, self.event.id)
        return fields_of(record) if record is not None else EventFields(self.event.title, "")

    def preview(self, when: str, bounded: bool = False) -> str:
        """How `when` reads ("read as Mon 18 Aug 2025"), or why it cannot be read; empty, it
        is needed unless the event is `bounded` (has an earliest or latest)."""
        if not when.strip():
            return "when: none, placed by its bounds" if bounded else _NEEDED
        try:
            read = self._read(when)
        except DateError as exc:
            return f"when: {exc}"
        return f"read as {read.display()}"

    def bound_preview(self, key: str, text: str) -> str:
        """How a bound (`earliest`, `latest`) reads ("read as 15 Aug 2025"), why it cannot
        be read, or "" when none is typed."""
        if not text.strip():
            return ""
        try:
            read = self._read(text)
        except DateError as exc:
            return f"{key}: {exc}"
        return f"read as {point_text(read)}"

    def shown_as(self, fields: EventFields) -> str:
        """How the timeline will show an event with bounds ("shown as between 15 and 17 Aug
        2025"; with a `when`, its date and then the bounds), "" when it has none readable."""
        events = self._parsed(fields).events
        event = events[0] if events else None
        if event is None or (event.earliest is None and event.latest is None):
            return ""
        bounds = bounds_text(event.earliest, event.latest, event.when.approximate)
        if not event.when_given or event.when.unreadable:
            return f"shown as {bounds}"
        return f"shown as {date_text(event)}; bounds: {bounds}"

    def problems(self, fields: EventFields) -> list[str]:
        """The errors the loader would report of this event, in a file with these defaults."""
        return [d.message for d in self._parsed(fields).diagnostics if d.is_error]

    def warnings(self, fields: EventFields) -> list[str]:
        """The warnings the loader would give (a `when` outside its bounds, say)."""
        return [d.message for d in self._parsed(fields).diagnostics if not d.is_error]

    def _parsed(self, fields: EventFields) -> ParsedFile:
        """The event as the loader reads it in a file with these defaults (the last kept:
        a keystroke asks for its problems, warnings and display form)."""
        if self._last is not None and self._last[0] == fields:
            return self._last[1]
        record = {"id": "x", **fields.values()}
        if fields.quotes:
            record["quotes"] = quote_tables(fields.quotes)
        document = {"meta": self.meta, "events": [record]} if self.meta else {"events": [record]}
        parsed = parse(tomlkit.dumps(document), "form.toml")
        self._last = (fields, parsed)
        return parsed

    def save(self, fields: EventFields) -> Written:
        """Write the event, its quotes checked first. Raises Conflict, Invalid or OSError,
        nothing written then."""
        unfound = unfound_quotes(fields, self.meta.get("source"), self.sources, self.roots)
        if unfound:
            raise Invalid([], "; ".join(unfound))
        if self.event is not None:
            path = self.event.file
            return replace_event(path, self.event.id, self.event.line, fields, self._stamp(path))
        path = target_file(day_of(self.preview_day(fields.anchor)), self.near, self.folder)
        expected = self._stamp(path)
        event_id = unique_id(fields.title, self.taken)
        if self.meta and expected is None:  # a new file: made with the defaults it was read by
            return append_event(path, event_id, fields, expected, meta=self.meta)
        if self.meta and (self.near is None or path != self.near.file):
            fields = self._as_read(fields)  # another file: its defaults would read it otherwise
        return append_event(path, event_id, fields, expected)

    def _as_read(self, fields: EventFields) -> EventFields:
        """The dates as this session read them, written out in full ("Monday" as the day,
        a time with its zone's offset), and the default source named, for a file whose
        defaults are not this session's: so that what the preview said is what is saved."""
        dates = {key: getattr(fields, key) for key in ("when", "earliest", "latest")}
        for key, text in dates.items():
            try:
                read = self._read(text) if text.strip() else None
            except DateError:
                read = None
            if read is not None and not read.unreadable and read.precision >= Precision.DAY:
                dates[key] = read.iso()
        source = self.meta.get("source")
        sources = fields.sources or ((str(source),) if source else ())
        return replace(fields, sources=sources, **dates)

    def preview_day(self, when: str) -> str:
        """`when` as an ISO day when it reads with the file's defaults, else as typed."""
        try:
            read = self._read(when)
        except DateError:
            return when
        return read.moment.date().isoformat()

    def _read(self, text: str) -> When:
        """A date as typed, read with the file's defaults (DateError if it cannot be)."""
        return from_toml(when_value(text), self.meta.get("reference_date"), self._zone())

    def _stamp(self, path: str) -> Stamp | None:
        return self.stamps[path] if path in self.stamps else stamp_of(path)

    def _zone(self) -> Any:
        try:
            return zone_from_name(str(self.meta["timezone"])) if "timezone" in self.meta else None
        except DateError:
            return None


def _meta_of(path: str) -> dict[str, Any]:
    """A file's `[meta]` as TOML reads it ({} if it has none or cannot be read)."""
    try:
        with open(path, encoding="utf-8") as handle:
            meta = toml_reading.loads(handle.read()).get("meta", {})
    except (OSError, ValueError, toml_reading.TOMLDecodeError):
        return {}
    return (
        {k: v for k, v in meta.items() if k in ("reference_date", "timezone", "source")}
        if isinstance(meta, dict)
        else {}
    )


def _record_at(path: str, event_id: str) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            events = toml_reading.loads(handle.read()).get("events", [])
    except (OSError, ValueError, toml_reading.TOMLDecodeError):
        raise Invalid([], "the file cannot be read now: reload (r)") from None
    found = [r for r in events if isinstance(r, dict) and r.get("id") == event_id]
    return found[0] if found else None


def actor_words(timeline: Timeline) -> list[str]:
    """What the actors box completes: every actor's id, name and aliases."""
    return [word for actor in timeline.actors for word in (actor.id, actor.name, *actor.aliases)]


def tag_words(timeline: Timeline, limit: int = 20_000) -> list[str]:
    """What the tags box completes: the tags of the first `limit` events (reading every
    event of a huge timeline would hold the form up)."""
    return sorted({tag for event in timeline.events[:limit] for tag in event.tags})


def first_folder(roots: Sequence[str]) -> str:
    """Where a new day's file goes: the first folder opened (a file's folder), else here."""
    for root in roots:
        return root if os.path.isdir(root) else os.path.dirname(root) or "."
    return "."
