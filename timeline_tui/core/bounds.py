"""Uncertain dates: the span of time an event may fall in, and how its date is written.

A `When` stands for the whole of its precision: `2025-08` is every moment of August, `2025-08-17`
all of that day. An event with bounds (`earliest`, `latest`) may fall anywhere from the start
of its earliest to the end of its latest. Nothing invented is shown: a day is never given a
time, a month never a day ("between 15 and 17 Aug 2025", "by 17 Aug 2025", "Aug 2025").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from timeline_tui.core.model import Event, Precision, When
from timeline_tui.core.zones import OWN, DisplayZone

_STEP = {Precision.HOUR: timedelta(hours=1), Precision.MINUTE: timedelta(minutes=1)}


def end_of(when: When) -> datetime:
    """The first moment after the span `when` stands for (its day, month, year, hour, minute);
    the end of time for a span that reaches past year 9999."""
    m = when.moment
    try:
        if when.precision == Precision.YEAR:
            return m.replace(year=m.year + 1)
        if when.precision == Precision.MONTH:
            if m.month == 12:
                return m.replace(year=m.year + 1, month=1)
            return m.replace(month=m.month + 1)
        if when.precision == Precision.DAY:
            return m + timedelta(days=1)
        return m + _STEP[when.precision]
    except (ValueError, OverflowError):
        return datetime.max.replace(tzinfo=UTC)


def span(event: Event) -> tuple[float, float]:
    """The instants (POSIX seconds) the event may fall in, start included, end not: its
    `when`'s span, or from the start of `earliest` to the end of `latest` (open-ended on a
    side with no bound)."""
    if event.when_given:
        return event.when.instant, end_of(event.when).timestamp()
    start = event.earliest.instant if event.earliest is not None else float("-inf")
    end = end_of(event.latest).timestamp() if event.latest is not None else float("inf")
    return start, end


def may_fall_in(event: Event, start: float, end: float) -> bool:
    """May the event fall in [start, end)? Exact dates fall in it when their span overlaps it
    (a day overlaps the days it is part of); bounded ones when their bounds leave it possible.
    For a query's `after:`/`before:`/`on:` (infinities for an open side)."""
    low, high = span(event)
    return low < end and high > start


def is_uncertain_in(event: Event, start: float, end: float) -> bool:
    """True when the event may fall in [start, end) but need not (a row should say so)."""
    low, high = span(event)
    return (low < end and high > start) and not (low >= start and high <= end)


# -- the forms shown -----------------------------------------------------------------------


def date_text(event: Event, zone: DisplayZone = OWN) -> str:
    """The event's date as a person would write it: `Mon 18 Aug 2025 13:15 EDT` (its time in
    the display zone; a time with no zone as written, `floating`), `about Aug 2025`, or for
    bounds only `between 15 and 17 Aug 2025`, `by 17 Aug 2025`, `after 15 Aug 2025`."""
    when = event.when
    if event.when_given:
        floating = when.zone is None and when.precision >= Precision.HOUR
        return zone.shown(when).display() + (" floating" if floating else "")
    return bounds_text(event.earliest, event.latest, when.approximate)


def bounds_text(earliest: When | None, latest: When | None, approximate: bool = False) -> str:
    """`between 15 and 17 Aug 2025`, `between 30 Jul and 2 Aug 2025`, `between Dec 2024 and
    Jan 2025`, `by 17 Aug 2025`, `after 15 Aug 2025`; `about` after the word when approximate."""
    about = "about " if approximate else ""
    if earliest is not None and latest is not None:
        first, second = _pair(earliest, latest)
        return f"between {about}{first} and {second}"
    if latest is not None:
        return f"by {about}{point_text(latest)}"
    if earliest is not None:
        return f"after {about}{point_text(earliest)}"
    return "date unknown"


def point_text(when: When) -> str:
    """A bound as written, without its weekday: `17 Aug 2025`, `Aug 2025`, `2025`,
    `17 Aug 2025 13:15 EDT`."""
    m = when.moment
    if when.precision == Precision.YEAR:
        return f"{m.year}"
    if when.precision == Precision.MONTH:
        return f"{m:%b} {m.year}"
    text = f"{m.day} {m:%b} {m.year}"
    if when.precision >= Precision.HOUR:
        text += f" {m:%H:%M}"
        if when.zone is not None:
            text += f" {m.tzname() or when.zone}"
    return text


def _pair(earliest: When, latest: When) -> tuple[str, str]:
    """The two bounds with what they share written once: `15` and `17 Aug 2025`, `30 Jul` and
    `2 Aug 2025`, `Jul` and `Aug 2025`; bounds of other precisions or with times in full."""
    a, b = earliest.moment, latest.moment
    precisions = (earliest.precision, latest.precision)
    if precisions == (Precision.DAY, Precision.DAY) and a.year == b.year:
        if a.month == b.month:
            return f"{a.day}", point_text(latest)
        return f"{a.day} {a:%b}", point_text(latest)
    if precisions == (Precision.MONTH, Precision.MONTH) and a.year == b.year:
        return f"{a:%b}", point_text(latest)
    return point_text(earliest), point_text(latest)
