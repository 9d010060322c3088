"""The domain values: When, Quote, Source, Actor, Event. Immutable; no I/O, no Textual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import IntEnum


class Precision(IntEnum):
    """How much of a point in time is known: a later member knows more."""

    YEAR = 1
    MONTH = 2
    DAY = 3
    HOUR = 4
    MINUTE = 5

    @classmethod
    def parse(cls, name: str) -> Precision | None:
        return cls.__members__.get(name.strip().upper())

    @property
    def label(self) -> str:
        return self.name.lower()


STATUSES = ("occurred", "scheduled", "reported", "cancelled")
ACTOR_KINDS = ("person", "organization", "country", "group")


@dataclass(frozen=True, slots=True)
class When:
    """A point in time with its precision; `moment` is aware (UTC when no zone is known).

    `zone` names the zone the time was given in (an IANA name or a UTC offset), or is
    None for a floating time. Date-only values sort at the start of their day. An event
    whose date could not be read has the `unreadable` When (UNREADABLE_DATE): it is still
    listed, after every dated event, under "date unreadable".
    """

    moment: datetime
    precision: Precision = Precision.DAY
    approximate: bool = False
    zone: str | None = None
    unreadable: bool = False

    @property
    def instant(self) -> float:
        return self.moment.timestamp()

    @property
    def day(self) -> date:
        return self.moment.date()

    def iso(self) -> str:
        """ISO 8601 to the precision known: `2025-08`, `2025-08-18`, `2025-08-18T13:15-04:00`."""
        m = self.moment
        if self.unreadable:
            return ""
        if self.precision == Precision.YEAR:
            return f"{m.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{m.year:04d}-{m.month:02d}"
        if self.precision == Precision.DAY:
            return m.date().isoformat()
        if self.zone is None:  # floating: no offset to claim
            return m.replace(tzinfo=None).isoformat(timespec="minutes")
        return m.isoformat(timespec="minutes")

    def display(self) -> str:
        """Human form with precision and zone: `Mon 18 Aug 2025 13:15 EDT`, `Aug 2025`."""
        if self.unreadable:
            return "date unreadable"
        m = self.moment
        text = {
            Precision.YEAR: f"{m.year}",
            Precision.MONTH: m.strftime("%b %Y"),
            Precision.DAY: f"{m:%a} {m.day} {m:%b %Y}",
        }.get(self.precision, f"{m:%a} {m.day} {m:%b %Y %H:%M}")
        if self.precision >= Precision.HOUR and self.zone is not None:
            text += f" {m.tzname() or self.zone}"
        return ("about " if self.approximate else "") + text

    def clock(self) -> str:
        """The time of day to the precision known, or "" for a date-only value."""
        if self.precision < Precision.HOUR:
            return ""
        return f"{self.moment:%H:%M}"


# After every date a file can hold but year 9999's (and far enough from datetime.max that
# shifting it into any zone stays in range).
UNREADABLE_DATE = When(datetime(9999, 1, 1, tzinfo=UTC), Precision.YEAR, unreadable=True)


def floating(value: datetime) -> datetime:
    """Make a naive datetime aware as UTC, keeping its wall clock (a floating time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


@dataclass(frozen=True, slots=True)
class Quote:
    """Words someone said, as a source reports them."""

    speaker: str  # an actor id once resolved
    text: str
    source: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event's information comes from."""

    id: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""
    document: str | None = None  # a path, absolute once loaded
    file: str = ""
    line: int = 0
    document_line: int = 0  # the line of its `document` key (0: none)
    reliability: str = ""  # A (reliable) ... F (cannot be judged), Admiralty scale; "": ungraded


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organization, country or group taking part in events."""

    id: str
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    role: str = ""
    affiliations: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    description: str = ""
    file: str = ""
    line: int = 0
    implicit: bool = False  # made from a name no registry knew


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened (or is scheduled to), with who, when, where and sources."""

    id: str
    title: str
    when: When
    end: When | None = None
    status: str = "occurred"
    location: str = ""
    actors: tuple[str, ...] = ()  # actor ids once resolved
    tags: tuple[str, ...] = ()
    summary: str = ""
    quotes: tuple[Quote, ...] = ()
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    notes: str = ""
    file: str = ""
    line: int = 0
    stale: bool = False  # the file it came from no longer reads cleanly
    # Uncertain dates (see core/bounds.py): the bounds given, if any, and the order among
    # events of the same coarse date. With no `when` in the record, `when` is the bound it is
    # placed by (earliest, else latest) and `when_given` is False: never shown as a date.
    earliest: When | None = None
    latest: When | None = None
    sequence: int = 0
    when_given: bool = True
    conflicts: tuple[str, ...] = ()  # ids of records telling the same happening differently

    @property
    def bounded(self) -> bool:
        """Only bounds are known: the record gives `earliest` or `latest` and no `when` (an
        event with neither has the unreadable date, and is not bounded)."""
        return not self.when_given and not self.when.unreadable

    @property
    def sort_key(self) -> tuple[float, int, int, int, str, int, str]:
        """By `when`, else `earliest`, else `latest` (the `when` placed); then its group (a
        coarse or bounded date ahead of the days it covers), `sequence` within it, precision,
        file, line, id."""
        when = self.when
        rank = group_rank(when.precision, self.bound_kind)
        return (when.instant, rank, self.sequence, when.precision, self.file, self.line, self.id)

    @property
    def bound_kind(self) -> int:
        """EXACT (a `when` given), else BY (latest only), BETWEEN or AFTER (earliest only)."""
        if self.when_given or self.when.unreadable:
            return EXACT
        if self.earliest is None:
            return BY
        return AFTER if self.latest is None else BETWEEN


EXACT, BY, BETWEEN, AFTER = 0, 1, 2, 3  # Event.bound_kind


def group_rank(precision: int, bound_kind: int) -> int:
    """The order of the groups of events placed at one instant: a year, then a month, then
    for a day the events known only by bounds ("by 17 Aug", "between 17 and 19 Aug", "after
    17 Aug"), then those on that day (with or without a time). Below 16."""
    return min(precision, Precision.DAY) * 4 + (bound_kind - 1 if bound_kind else 3)
