"""iCalendar to records, read with the `icalendar` library: every VEVENT is one event.

SUMMARY is the title (plain text, as RFC 5545 has it: a `<b>` in it is kept), DESCRIPTION the
summary (HTML stripped), LOCATION the location, CATEGORIES the tags, URL and the description's
links sources with a `url`, UID the id (made a valid, unique one). A DATE start is a day; a
DATE-TIME in UTC is written with `Z`; one with a TZID in the calendar's commonest zone is
written as a local time under `[meta] timezone`, so it reads back in that zone by name; one in
another zone is written with its offset, the zone's name in the notes. A DATE end is exclusive
in iCalendar: the last day is the one before. A recurring event is imported once, at its first
occurrence, with its rule in the notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from timeline_tui.formats.conversion import Converted, Ids, OutputFile, Record, link_sources
from timeline_tui.formats.html_text import Link, strip_html

_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"})


class BadCalendar(ValueError):
    """Text that icalendar cannot read as a calendar; the message says why."""


def read_events(data: bytes) -> list[Any]:
    """The VEVENTs of a calendar (of every VCALENDAR in the text), or BadCalendar."""
    import icalendar  # on use: `timeline list` never loads it

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise BadCalendar(str(exc) or type(exc).__name__) from None
    return [event for calendar in calendars for event in calendar.walk("VEVENT")]


def convert(data: bytes, source: str, ids: Ids) -> Converted:
    """The calendar's events as records of one file."""
    events = read_events(data)
    converted = Converted(source, "event")
    out = OutputFile(f"{Path(source).stem}.toml", [f"Imported from {Path(source).name}."])
    converted.files.append(out)
    zone = _commonest_zone(events)
    if zone:
        out.meta = {"timezone": zone}
    for number, event in enumerate(events, start=1):
        record, sources = _event(event, number, ids, zone, converted)
        if record is not None:
            out.events.append(record)
            out.sources.extend(sources)
    return converted


def zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of a zone icalendar gave, if it has one (`key`), else None."""
    name = getattr(zone, "key", None)
    return name if isinstance(name, str) else None


def _commonest_zone(events: Iterable[Any]) -> str | None:
    """The IANA zone most starts are in (UTC aside); None when there is none, or when some
    time is floating (it would take that zone if the file named one)."""
    counts: Counter[str] = Counter()
    for event in events:
        for key in ("DTSTART", "DTEND"):
            moment = _value(event, key)
            if not isinstance(moment, datetime):
                continue
            if moment.tzinfo is None:
                return None
            name = zone_name(moment.tzinfo)
            if name and name not in _UTC_NAMES and key == "DTSTART":
                counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


def _value(event: Any, key: str) -> Any:
    prop = event.get(key)
    return getattr(prop, "dt", None)


def _text(event: Any, key: str) -> str:
    value = event.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def _event(
    event: Any, number: int, ids: Ids, zone: str | None, converted: Converted
) -> tuple[Record | None, list[Record]]:
    start = _value(event, "DTSTART")
    if not isinstance(start, date):
        converted.problems.add("skipped: no start (DTSTART)", number, skipped=True)
        return None, []
    notes: list[str] = []
    when = _moment(start, zone, notes, converted, number)
    end = _end(event, start)
    title = " ".join(_text(event, "SUMMARY").split())  # plain text (RFC 5545): kept as written
    if not title:
        converted.problems.add("no SUMMARY: titled '(no title)'", number)
    event_id = ids.make(_text(event, "UID"), f"event-{number}")
    description = strip_html(_text(event, "DESCRIPTION"))
    links = list(description.links)
    url = _text(event, "URL")
    if url:
        links.insert(0, Link(url, title))
    rule = event.get("RRULE")
    if rule is not None:
        notes.append(f"recurs: {_rule_text(rule)}")
        converted.problems.add("recurring: imported once, the rule in its notes", number)
    status = _text(event, "STATUS").strip().lower()
    record: Record = {
        "id": event_id,
        "title": title or "(no title)",
        "when": when,
        "end": _moment(end, zone, [], converted, number) if end is not None else None,
        "status": "cancelled" if status == "cancelled" else None,
        "location": _text(event, "LOCATION").strip(),
        "tags": _categories(event),
        "summary": description.text,
        "notes": "\n".join(notes),
    }
    sources = link_sources(event_id, links)
    record["sources"] = [str(s["id"]) for s in sources]
    return record, sources


def _rule_text(rule: Any) -> str:
    rules = rule if isinstance(rule, list) else [rule]
    return "; ".join(r.to_ical().decode("utf-8", errors="replace") for r in rules)


def _moment(
    value: date, zone: str | None, notes: list[str], converted: Converted, number: int
) -> date | datetime:
    """`value` as the TOML value to write (see the module's docstring)."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        return value  # floating: a time with no zone in the calendar
    name = zone_name(value.tzinfo)
    if name in _UTC_NAMES:
        return value  # written with Z
    if name is not None and name == zone:
        return value.replace(tzinfo=None)
    label = name or str(getattr(value.tzinfo, "_tzid", "") or value.tzname() or "")
    notes.append(f"time zone: {label}" if label else "time zone: as its offset")
    converted.problems.add("times in a second zone: written with their offset", number)
    return value


def _end(event: Any, start: date) -> date | datetime | None:
    """The last day (a DATE end is exclusive) or the end time; None when the event ends on
    the day it starts, or has no end."""
    end = _value(event, "DTEND")
    if end is None:
        duration = _value(event, "DURATION")
        end = start + duration if isinstance(duration, timedelta) else None
    if not isinstance(end, date):
        return None
    if not isinstance(end, datetime):
        end = end - timedelta(days=1)
        return end if not isinstance(start, datetime) and end > start else None
    return end if end != start else None


def _categories(event: Any) -> list[str]:
    value = event.get("CATEGORIES")
    found: list[str] = []
    for item in value if isinstance(value, list) else [value] if value is not None else []:
        for category in getattr(item, "cats", [item]):
            text = str(category).strip()
            if text and text not in found:
                found.append(text)
    return found
