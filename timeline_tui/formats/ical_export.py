"""iCalendar export (RFC 5545, written by the icalendar library): one VEVENT an event.

- a day is a `DATE` (DTEND the next day, or the day after the event's end day);
- a time is a DATE-TIME in its IANA zone (TZID, with the VTIMEZONE it needs), in UTC when the
  record gave only an offset, or floating (no zone) when the record gave none;
- a month or a year is an all-day range over it (DTSTART the 1st, DTEND the 1st after), so a
  calendar shows the span and no invented day;
- `X-TIMELINE-PRECISION` (year|month|day|hour|minute) and, for an uncertain date,
  `X-TIMELINE-APPROXIMATE:TRUE` keep what iCalendar cannot say;
- STATUS: scheduled -> TENTATIVE, cancelled -> CANCELLED, else CONFIRMED.
The library escapes text (commas, semicolons, newlines); control characters are made visible
first (the sanitiser: RFC 5545 allows none in TEXT).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from timeline_tui.core.model import Event, Precision, When
from timeline_tui.core.sanitizer import sanitize, sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.formats.export_time import moment_in
from timeline_tui.formats.json_records import source_grade, source_json

PRODID = "-//timeline-tui//export//EN"
UID_DOMAIN = "timeline-tui"
STATUS = {"scheduled": "TENTATIVE", "cancelled": "CANCELLED"}


def to_ical(
    events: Sequence[Event], timeline: Timeline, *, title: str = "Chronology",
    zone: tzinfo | None = None, stamp: datetime | None = None,
) -> str:  # fmt: skip
    """The events as an iCalendar text; `stamp` is every DTSTAMP (now, unless given)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", sanitize_line(title))
    stamp = stamp or datetime.now(UTC)
    for event in events:
        calendar.add_component(_vevent(event, timeline, zone, stamp))
    _add_zones(calendar, events)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def _vevent(event: Event, timeline: Timeline, zone: tzinfo | None, stamp: datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{sanitize_line(event.id)}@{UID_DOMAIN}")
    vevent.add("dtstamp", stamp)
    vevent.add("summary", sanitize_line(event.title))
    start, end = _span(event, zone)
    vevent.add("dtstart", start)
    if end is not None:
        vevent.add("dtend", end)
    description = _description(event, timeline)
    if description:
        vevent.add("description", description)
    if event.location:
        vevent.add("location", sanitize_line(event.location))
    if event.tags:
        vevent.add("categories", [sanitize_line(tag) for tag in event.tags])
    vevent.add("status", STATUS.get(event.status, "CONFIRMED"))
    vevent.add("x-timeline-precision", event.when.precision.label)
    for key, bound in (
        ("x-timeline-earliest", event.earliest),
        ("x-timeline-latest", event.latest),
    ):
        if bound is not None:
            vevent.add(key, bound.iso())
    if event.when.approximate:
        vevent.add("x-timeline-approximate", "TRUE")
    return vevent


def _span(event: Event, zone: tzinfo | None) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: dates for a day, month or year (DTEND the day after its end),
    date-times for a time (DTEND the event's end, when it has one of the same kind); for an
    event known only by its bounds, all-day from the first day it may fall on to the last."""
    if event.bounded:
        first = _first_day(event.earliest or event.latest, zone)  # type: ignore[arg-type]
        return first, _after(event.latest or event.earliest)  # type: ignore[arg-type]
    start = _value(event.when, zone)
    if not isinstance(start, datetime):
        last = event.when if event.end is None or event.end.precision > Precision.DAY else event.end
        return start, _after(last)
    if event.end is None or event.end.precision < Precision.HOUR:
        return start, None
    return start, _value(event.end, zone)


def _first_day(when: When, zone: tzinfo | None) -> date:
    value = _value(when, zone)
    return value.date() if isinstance(value, datetime) else value


def _value(when: When, zone: tzinfo | None) -> date | datetime:
    """The DATE or DATE-TIME for `when`: its first day when it is a day or coarser."""
    moment = moment_in(when, zone)
    if when.precision == Precision.YEAR:
        return date(moment.year, 1, 1)
    if when.precision == Precision.MONTH:
        return date(moment.year, moment.month, 1)
    if when.precision == Precision.DAY:
        return moment.date()
    if when.zone is None:
        return moment.replace(tzinfo=None)  # floating: as written, in no zone
    if isinstance(moment.tzinfo, ZoneInfo):
        return moment
    return moment.astimezone(UTC)  # an offset or an abbreviation: no TZID names it


def _after(when: When) -> date:
    """The first day after the day, month or year `when` is in."""
    moment = when.moment
    if when.precision == Precision.YEAR:
        return date(moment.year + 1, 1, 1) if moment.year < 9999 else date(9999, 12, 31)
    if when.precision == Precision.MONTH:
        year, month = divmod(moment.year * 12 + moment.month, 12)  # month is 1-based
        return date(year, month + 1, 1) if year <= 9999 else date(9999, 12, 31)
    day = moment.date()
    return day + timedelta(days=1) if day < date.max else day


def _description(event: Event, timeline: Timeline) -> str:
    """The summary, the quotes with their speakers, and the sources (title, publisher, date,
    grade, URL)."""
    parts = [event.summary.strip()] if event.summary.strip() else []
    for quote in event.quotes:
        speaker = timeline.actors.name(quote.speaker) if quote.speaker else ""
        parts.append(f"“{quote.text.strip()}”" + (f" — {speaker}" if speaker else ""))
    for source_id in event.sources:
        source = source_json(source_id, timeline)
        known = [source["title"] or source_id, source["publisher"], source["date"]]
        known += [source_grade(source_id, timeline), source["url"]]
        parts.append("Source: " + ", ".join(str(part) for part in known if part))
    return sanitize("\n\n".join(parts))


def _add_zones(calendar: Calendar, events: Sequence[Event]) -> None:
    """The VTIMEZONE of every zone named, for the years the events span only (the library's
    default, 1970 to 2038, is a hundred lines a zone)."""
    years = [e.when.moment.year for e in events if e.when.precision >= Precision.HOUR]
    if years:
        first = date(max(min(years) - 1, 1), 1, 1)
        last = date(min(max(years) + 1, 9999), 12, 31)
        calendar.add_missing_timezones(first_date=first, last_date=last)
