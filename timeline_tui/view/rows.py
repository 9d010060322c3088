"""Presentation in plain text: day groups, row labels and the status line. No Textual."""

from __future__ import annotations

import os
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline_tui.core.bounds import bounds_text, date_text
from timeline_tui.core.fields import FieldColumns
from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.core.model import Event, Precision
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.search import found_in
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone
from timeline_tui.view.excerpt import shown_line

STATUS_MARKS = {"occurred": " ", "scheduled": "◷", "reported": "»", "cancelled": "✗"}
UNKNOWN_STATUS_MARK = "?"  # a status no record keeper's list has: shown as written, flagged
PROBLEM_MARK = "⚠"
# One cell wide in every terminal (East Asian width N, unlike ¹ or ≠, which are ambiguous):
CONTESTED_MARK = "≢"  # another record tells this happening differently (conflicts)
SINGLE_SOURCE_MARK = "◦"  # what it says comes from one independent publisher only


def group_label(event: Event, zone: DisplayZone = OWN) -> str:
    """`Fri 15 Aug 2025` (the day in the display zone), `Aug 2025 · day unknown`, `2025 · month
    unknown`, for events known only by bounds the bounds: `between 15 and 17 Aug 2025`, or
    `date unreadable`."""
    if event.when.unreadable:
        return "date unreadable"
    if event.bounded:
        return bounds_text(event.earliest, event.latest)
    when = event.when
    if when.precision >= Precision.DAY:
        m = zone.convert(when)
        return f"{m:%a} {m.day} {m:%b %Y}"
    if when.precision == Precision.MONTH:
        return f"{when.moment:%b %Y} · day unknown"
    return f"{when.moment.year} · month unknown"


@dataclass
class Rows:
    """The timeline's lines: `event[row]` is an event position, or -1 for a day heading."""

    event: array[int] = field(default_factory=lambda: array("i"))
    headings: dict[int, int] = field(default_factory=dict)  # heading row -> its first event
    positions: Sequence[int] = ()  # the positions shown, ascending
    event_rows: array[int] = field(default_factory=lambda: array("I"))  # row of each shown position

    def __len__(self) -> int:
        return len(self.event)

    def heading_rows(self) -> list[int]:
        return list(self.headings)  # built in row order

    def row_of(self, position: int) -> int | None:
        """The row showing the event at `position`, or None when it is not shown."""
        k = bisect_left(self.positions, position)
        if k < len(self.positions) and self.positions[k] == position:
            return self.event_rows[k]
        return None


def build_rows(positions: Sequence[int], keys: Sequence[object]) -> Rows:
    """Headings and event rows for the positions (ascending) shown, in time order; `keys` is
    every event's day group (Columns.keys)."""
    rows = Rows(positions=positions)
    event, event_rows, headings = rows.event, rows.event_rows, rows.headings
    last = None
    for position in positions:
        key = keys[position]
        if key != last:
            headings[len(event)] = position
            event.append(-1)
            last = key
        event_rows.append(len(event))
        event.append(position)
    return rows


def clock(event: Event, zone: DisplayZone = OWN) -> str:
    """The time column in the display zone: `13:15`, `13h` for hour precision, blank for a
    date only or a date known only by bounds."""
    when = event.when
    if event.bounded or when.precision < Precision.HOUR:
        return ""
    m = zone.convert(when)
    return f"{m:%H:%M}" if when.precision == Precision.MINUTE else f"{m:%H}h"


def when_text(event: Event, zone: DisplayZone = OWN) -> str:
    """The detail pane's When: the date in the display zone and what is known of it, the zone
    it was given in when that differs, its bounds, its end."""
    when = event.when
    text = date_text(event, zone)
    if event.bounded:
        text += "  (known only by its bounds)"
    else:
        given = when.zone or ("floating: no zone given" if when.precision >= Precision.HOUR
                              else "no zone given")  # fmt: skip
        if zone.differs_for(when):
            text += f"  ({when.precision.label} precision)\ngiven as {when.display()} ({given})"
        else:
            text += f"  ({when.precision.label} precision, {given})"
        if event.earliest is not None or event.latest is not None:
            text += "\nbounds: " + bounds_text(event.earliest, event.latest)
    if event.end is not None:
        text += f"\nuntil {zone.shown(event.end).display()}"
    return text


def marks(event: Event, has_problem: bool = False) -> str:
    """Two cells: the status mark (`?` for an unknown status), then `!` for a stale event,
    else `⚠` for one with problems, else `≈` for an approximate date."""
    second = "!" if event.stale else PROBLEM_MARK if has_problem else ""
    second = second or ("≈" if event.when.approximate else " ")
    return STATUS_MARKS.get(event.status, UNKNOWN_STATUS_MARK) + second


def provenance_mark(position: int, fields: FieldColumns) -> str:
    """One cell after the marks: `≢` for a contested event, else `◦` for one whose sources
    come from a single independent publisher, else a space (no source, or corroborated)."""
    contested = fields.contested
    k = bisect_left(contested, position)
    if k < len(contested) and contested[k] == position:
        return CONTESTED_MARK
    counts = fields.independent
    if position < len(counts) and counts[position] == 1:
        return SINGLE_SOURCE_MARK
    return " "


def actor_names(event: Event, timeline: Timeline, limit: int = 3) -> str:
    names = [timeline.actors.name(a) for a in event.actors[:limit]]
    more = len(event.actors) - limit
    return shown_line(", ".join(names) + (f" +{more}" if more > 0 else ""))


def match_hint(event: Event, terms: Sequence[str], timeline: Timeline, analyst: str = "") -> str:
    """What a matching row adds when its title does not show the match: `· in notes`,
    `· in summary, quotes`, `· in your note` (`analyst`: the analyst's note and tags); ""
    when the title holds every term."""
    names = [timeline.actors.name(a) for a in event.actors]
    where = found_in(event, terms, names, analyst)
    return f" · in {', '.join(where)}" if where else ""


def display_path(path: str) -> str:
    """A path as a person would type it: relative below the current folder, `~` for home,
    bytes that are not UTF-8 as `<0xE9>` (not yet sanitised)."""
    return escape_undecodable(_typed_path(path))


def _typed_path(path: str) -> str:
    if not path:
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = path
    if not relative.startswith(".."):
        return relative
    home = os.path.expanduser("~")
    if home not in ("~", "/") and path.startswith(home + os.sep):
        return "~" + path[len(home) :]
    return path


def status_text(
    shown: int, total: int, filters: Sequence[str], files: Sequence[str], problems: int,
    zone: str = "", notes: Sequence[str] = (), width: int = 0,
) -> str:  # fmt: skip
    """`12 of 19 events · filter: Merz · events/ · times in UTC · 2 problems (e)`, then the
    notes given (`1 new since Tue 14:05 (u)`, `following`). Longer than `width` (when given),
    the files go first, then "times in" before the zone's name: what is new and the problems
    stay in sight at 80 columns."""
    shown_files = ", ".join(files[:2]) + (f" +{len(files) - 2}" if len(files) > 2 else "")
    fuller = [(shown_files, zone), ("", zone), ("", zone.removeprefix("times in "))]
    for where, when in fuller if width else fuller[:1]:
        text = _status_joined(shown, total, filters, where, problems, when, notes)
        if len(text) <= width:
            break
    return text


def _status_joined(
    shown: int, total: int, filters: Sequence[str], files: str, problems: int, zone: str,
    notes: Sequence[str],
) -> str:  # fmt: skip
    parts = [f"{shown:,} of {total:,} events"]
    if filters:
        parts.append("filter: " + ", ".join(filters))
    parts += [part for part in (files, zone) if part]
    if problems:
        parts.append(f"{problems} problem{'s' if problems != 1 else ''} (e)")
    parts += [note for note in notes if note]
    return sanitize_line(escape_undecodable(" · ".join(parts)))


def nearest_position(positions: Sequence[int], timeline: Timeline, instant: float) -> int | None:
    """The shown position (of `positions`, ascending) nearest in time to `instant`: where an
    event that went away stood, so that the cursor lands on its neighbour. A tie: the later."""
    if not positions:
        return None
    events = timeline.events
    k = bisect_left(positions, instant, key=lambda p: events[p].when.instant)
    around = [positions[j] for j in (k - 1, k) if 0 <= j < len(positions)]
    return min(around, key=lambda p: (abs(events[p].when.instant - instant), -p))
