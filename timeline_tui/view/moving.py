"""Moving through time, as plain data: where a typed date lands (`t`), and the first row of
the next or previous month (`{` `}`). No Textual."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from timeline_tui.core.columns import BOUNDED, UNREADABLE_GROUP, days_of_key
from timeline_tui.core.query_syntax import days_of
from timeline_tui.core.zones import DisplayZone


@dataclass(frozen=True, slots=True)
class DateTarget:
    """A typed date as read: its first day (an ordinal), and how it was read (`Sun 17 Aug
    2025`, `Fri 1 Aug 2025 – Sun 31 Aug 2025`)."""

    day: int
    reading: str


def read_target(text: str, today: date) -> DateTarget:
    """Any date the query's `on:` reads (`2025-08-17`, `17 Aug 2025`, `Aug 2025`, `today`,
    `last Friday`, `-3d`, `-2w`); raises QueryError for text that names no date."""
    first, last = days_of(text.strip(), today)
    reading = _day_text(date.fromordinal(first))
    if last != first:
        reading += " – " + _day_text(date.fromordinal(last))
    return DateTarget(first, reading)


def _day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def day_start(ordinal: int, zone: DisplayZone) -> float:
    """The instant a day starts: midnight in the display zone, or at midnight UTC if that is
    sooner (dates without a time, and floating times, are placed as if UTC); a local zone
    without a name takes the machine's local midnight."""
    moment = datetime.combine(date.fromordinal(ordinal), datetime.min.time())
    try:
        in_utc = moment.replace(tzinfo=UTC).timestamp()
        if zone.shows_own:
            return in_utc
        if zone.tzinfo is not None:
            moment = moment.replace(tzinfo=zone.tzinfo)
        return min(in_utc, moment.timestamp())
    except (OverflowError, ValueError, OSError):  # at the ends of the calendar
        return float("-inf") if ordinal < 1000 else float("inf")


def first_on_or_after(
    positions: Sequence[int],
    instants: Sequence[float],
    keys: Sequence[int],
    day: int,
    zone: DisplayZone,
) -> int | None:
    """The first of the positions shown (ascending, so in time order) on or after the day,
    by the day groups `keys` (in the display zone), passing over events known only by bounds
    (placed there, they may well fall before it: `by 17 Aug`); the last shown when none is;
    None when nothing is shown. A bisection, then a step over what it must pass."""
    if not positions:
        return None
    start = day_start(day, zone)
    k = bisect_left(positions, start, key=lambda position: instants[position])
    at = k
    while at < len(positions) and _passed(keys[positions[at]], day):
        at += 1
    if at == len(positions):
        at = k  # only bounded events from there on: the first of them
    return positions[min(at, len(positions) - 1)]


def _passed(key: int, day: int) -> bool:
    """Is an event of this day group passed over when landing on this day?"""
    return bool(key & BOUNDED) or (key != UNREADABLE_GROUP and days_of_key(key)[0] < day)


def month_of(key: int) -> tuple[int, int]:
    """The (year, month) of a day group's first day (year 1 for an unreadable date)."""
    first = date.fromordinal(max(days_of_key(key)[0], 1))
    return first.year, first.month


def month_heading(
    headings: Sequence[int], months: Sequence[tuple[int, int]], cursor: int, direction: int
) -> int | None:
    """The heading row that starts the next (1) or previous (-1) month after or before the
    month of the row `cursor`; `months[i]` is the month of `headings[i]` (rows ascending)."""
    here = bisect_left(headings, cursor + 1) - 1  # the heading the cursor is under
    if here < 0:
        return headings[0] if headings and direction > 0 else None
    month = months[here]
    if direction > 0:
        return next(
            (headings[i] for i in range(here + 1, len(headings)) if months[i] != month), None
        )
    i = here
    while i >= 0 and months[i] == month:
        i -= 1
    if i < 0:
        return None
    earlier = months[i]
    while i > 0 and months[i - 1] == earlier:
        i -= 1
    return headings[i]
