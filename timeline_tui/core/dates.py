"""Reading times: TOML dates and datetimes, python-dateutil strings, relative weekdays, zones."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timeline_tui.core.model import Precision, When, floating


class DateError(ValueError):
    """A value that cannot be read as a point in time; the message says why."""


# Abbreviations dateutil does not know by itself (it would warn and drop them).
_HOUR = 3600
TZ_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": _HOUR, "BST": _HOUR,
    "CET": _HOUR, "CEST": 2 * _HOUR, "EET": 2 * _HOUR, "EEST": 3 * _HOUR, "MSK": 3 * _HOUR,
    "EST": -5 * _HOUR, "EDT": -4 * _HOUR, "CST": -6 * _HOUR, "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR, "MDT": -6 * _HOUR, "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
}  # fmt: skip
# As tzinfo objects, the same for the fast path and for dateutil (which takes them as given).
ZONES: dict[str, tzinfo] = {
    name: timezone(timedelta(seconds=seconds), name) for name, seconds in TZ_ABBREVIATIONS.items()
}

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_WEEKDAY_PHRASE = re.compile(
    r"^(?:(?P<which>last|next|this|on)\s+)?(?P<day>[a-z]+)\.?,?(?:\s+(?P<rest>.*))?$",
    re.IGNORECASE,
)
# `UTC+3`, `GMT-05:30`, `UTC +0300`: dateutil reads these as POSIX TZ does, with the sign
# turned round (UTC+3 three hours behind UTC); people mean three hours ahead.
_UTC_PLUS = re.compile(
    r"(?<![A-Za-z])(?:UTC|GMT)[ \t]*([+-])(?:(\d\d)(\d\d)|(\d\d?)(?::(\d\d))?)(?![\d:])",
    re.IGNORECASE,
)
# Every IANA zone name: letters, digits, `_`, `-` and `+`, in parts joined by `/`.
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")
_LONGEST_ZONE_NAME = 255  # a file name's limit; the longest IANA name has 32 characters
# Two defaults that differ in every field: a field that comes out equal was written.
_DEFAULT_A = datetime(1972, 1, 1, 0, 0)
_DEFAULT_B = datetime(1976, 3, 2, 1, 1)


def zone_from_name(name: str) -> ZoneInfo:
    """The IANA zone called `name`, or DateError. Only names shaped like IANA's reach
    zoneinfo: it looks `a.a.a...` up as nested packages, and recurses past Python's limit."""
    shown = name if len(name) <= 60 else name[:60] + "…"
    if len(name) > _LONGEST_ZONE_NAME:
        limit = _LONGEST_ZONE_NAME
        raise DateError(f"time zone name too long ({len(name)} characters, at most {limit})")
    if not _ZONE_NAME.fullmatch(name):
        raise DateError(f"unknown time zone {shown!r}: not an IANA name such as 'Europe/Kyiv'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DateError(f"unknown time zone {shown!r}") from exc


def zone_label(zone: tzinfo | None, moment: datetime) -> str | None:
    """The zone's IANA name, else its own name (`EDT`), else its offset (`UTC+03:00`, as
    Python names a fixed offset: dateutil's offsets have no name, and were shown as UTC)."""
    if zone is None:
        return None
    return getattr(zone, "key", None) or moment.tzname() or _offset_name(moment)


def _offset_name(moment: datetime) -> str:
    offset = moment.utcoffset()
    return "UTC" if offset is None else timezone(offset).tzname(None)


def from_toml(value: object, reference: date | None = None, zone: tzinfo | None = None) -> When:
    """A When from what TOML gave: a date, a datetime, or a string for python-dateutil."""
    if isinstance(value, datetime):
        return _from_datetime(value, Precision.MINUTE, zone)
    if isinstance(value, date):
        return _from_datetime(datetime(value.year, value.month, value.day), Precision.DAY, zone)
    if isinstance(value, time):
        raise DateError("a time of day needs a date too")
    if isinstance(value, str):
        return from_text(value, reference, zone)
    raise DateError(f"expected a date, a datetime or a string, not {type(value).__name__}")


def _from_datetime(value: datetime, precision: Precision, zone: tzinfo | None) -> When:
    if value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    if value.tzinfo is None:
        return When(floating(value), precision)
    return When(value, precision, zone=zone_label(value.tzinfo, value))


def from_text(text: str, reference: date | None = None, zone: tzinfo | None = None) -> When:
    """Read `18 Aug 2025 13:15 EDT`, `August 2025`, `Friday`, `last Friday 9am`, ..."""
    text = text.strip()
    if not text:
        raise DateError("empty date")
    relative = _relative_day(text, reference)
    if relative is not None:
        day, rest = relative
        when = _parse_fields(rest, reference, zone, base=day) if rest else None
        if when is None:
            return _from_datetime(datetime(day.year, day.month, day.day), Precision.DAY, zone)
        return when
    return _parse_fields(text, reference, zone)


def _relative_day(text: str, reference: date | None) -> tuple[date, str] | None:
    """(day, rest) when text names a day relative to the reference date, else None."""
    lowered = text.lower()
    first, _, tail = lowered.partition(" ")
    if first in _RELATIVE_DAYS:
        return _shift(_need(reference, text), _RELATIVE_DAYS[first], text), tail.strip()
    match = _WEEKDAY_PHRASE.match(text)
    if match is None or match["day"].lower() not in _WEEKDAYS:
        return None
    rest = (match["rest"] or "").strip()
    if rest and _names_a_date(rest):
        return None  # "Friday 15 August 2025": an absolute date with its weekday
    ref = _need(reference, text)
    weekday = _WEEKDAYS[match["day"].lower()]
    return _shift(ref, weekday_offset(ref, weekday, (match["which"] or "").lower()), text), rest


def weekday_offset(reference: date, weekday: int, which: str = "") -> int:
    """Days from reference to the weekday: `last` before it, `next` after it, else nearest."""
    ahead = (weekday - reference.weekday()) % 7
    if which == "last":
        return ahead - 7
    if which == "next":
        return ahead or 7
    return ahead if ahead <= 3 else ahead - 7


def _shift(reference: date, days: int, text: str) -> date:
    """The day `days` after the reference; a DateError, not an OverflowError, when that day
    falls outside the calendar (years 1 to 9999), as "next Monday" from 9999-12-31 does."""
    try:
        return reference + timedelta(days=days)
    except OverflowError:
        side = "past year 9999" if days > 0 else "before year 1"
        raise DateError(f"{text!r} from {reference.isoformat()} falls {side}") from None


def _need(reference: date | None, text: str) -> date:
    if reference is None:
        raise DateError(f"{text!r} is relative: set meta.reference_date in this file")
    return reference


def _names_a_date(text: str) -> bool:
    try:
        a, b = _parse_twice(text)
    except DateError:
        return False
    return a.day == b.day or a.month == b.month or a.year == b.year


# dateutil's own names (parserinfo.MONTHS and WEEKDAYS; a test checks they still are), so
# the fast path below reads no word dateutil would not. Written out so that starting the app
# does not import dateutil, which only the rarer forms need.
MONTH_NAMES = (
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("May", "May"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "Sept", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
)
WEEKDAY_NAMES = (
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
)
_MONTHS = {name.lower(): number for number, names in enumerate(MONTH_NAMES, 1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_DAY_NAMES = [name for names in WEEKDAY_NAMES for name in names]
_WEEKDAY = "(?:" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + "),? +"
_TIME_ZONE = "|".join(name for name in TZ_ABBREVIATIONS if len(name) > 1)
# The forms news copy uses most, read without dateutil (which gives the same fields, slowly):
# `[Fri ]18 Aug 2025[ 13:15[ EDT]]`, `[Fri, ]August 18, 2025[ 13:15[ EDT]]`, `August 2025`.
_COMMON_DATE = re.compile(
    rf"(?:{_WEEKDAY})?(?:(\d{{1,2}}) {_MONTH}|{_MONTH} (\d{{1,2}}),?) (\d{{4}})"
    rf"(?: (\d{{1,2}}):(\d\d)(?: ({_TIME_ZONE}))?)?|{_MONTH} (\d{{4}})",
    re.IGNORECASE,
)


def _parse_common(text: str) -> tuple[datetime, datetime] | None:
    """What `_parse_twice` gives for the common forms above, or None for any other text."""
    match = _COMMON_DATE.fullmatch(text)
    if match is None:
        return None
    day1, month1, month2, day2, year, hour, minute, zone, month3, year3 = match.groups()
    if month3 is not None:
        fields = {"year": int(year3), "month": _MONTHS[month3.lower()]}
    else:
        fields = {"year": int(year), "month": _MONTHS[(month1 or month2).lower()]}
        fields["day"] = int(day1 or day2)
        if hour is not None:
            fields["hour"], fields["minute"] = int(hour), int(minute)
    if zone is not None and zone != zone.upper():
        return None  # dateutil takes only upper-case names as zones
    zone_info = None if zone is None else ZONES[zone]
    try:
        return (
            _DEFAULT_A.replace(**fields, tzinfo=zone_info),
            _DEFAULT_B.replace(**fields, tzinfo=zone_info),
        )
    except ValueError:
        return None  # let dateutil say what is wrong


@lru_cache(maxsize=4096)
def _parse_twice(text: str) -> tuple[datetime, datetime]:
    """`text` read with two defaults (results are immutable, so repeats are cached)."""
    common = _parse_common(text)
    if common is not None:
        return common
    from dateutil import parser as dateutil_parser  # imported on the first rarer form only

    read = _UTC_PLUS.sub(_iso_offset, text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            a = dateutil_parser.parse(read, default=_DEFAULT_A, tzinfos=ZONES)
            b = dateutil_parser.parse(read, default=_DEFAULT_B, tzinfos=ZONES)
        except (ValueError, OverflowError, TypeError) as exc:
            raise DateError(f"cannot read {text!r} as a date") from exc
    if caught:
        raise DateError(f"cannot read {text!r} as a date: {caught[0].message}")
    return a, b


def _iso_offset(match: re.Match[str]) -> str:
    """`UTC+3` as ` +03:00`, which dateutil reads with the sign as written."""
    sign, hours, minutes, short_hours, short_minutes = match.groups()
    return f" {sign}{int(hours or short_hours):02d}:{minutes or short_minutes or '00'}"


def _parse_fields(
    text: str, reference: date | None, zone: tzinfo | None, base: date | None = None
) -> When:
    """Parse with two defaults to learn which fields were written, hence the precision."""
    a, b = _parse_twice(text)
    written = {
        f: getattr(a, f) == getattr(b, f) for f in ("year", "month", "day", "hour", "minute")
    }
    if base is not None:
        if written["day"] or written["month"] or written["year"]:
            raise DateError(f"{text!r}: a weekday and a date together")
        year, month, day = base.year, base.month, base.day
    else:
        year, month, day = _date_fields(text, a, written, reference)
    precision = _precision(written, base is not None)
    hour = a.hour if written["hour"] else 0
    minute = a.minute if written["minute"] else 0
    try:
        moment = datetime(year, month, day, hour, minute, tzinfo=a.tzinfo)
    except ValueError as exc:
        raise DateError(f"cannot read {text!r} as a date: {exc}") from exc
    return _from_datetime(_offset_checked(moment, text), precision, zone)


def _offset_checked(moment: datetime, text: str) -> datetime:
    """The moment, if datetime can use its offset: dateutil reads `UTC-24` or `+9999` as an
    offset of a day or more, which every later step (timestamp, isoformat) refuses."""
    try:
        moment.utcoffset()
    except ValueError:
        message = f"cannot read {text!r} as a date: a UTC offset must be less than 24 hours"
        raise DateError(message) from None
    return moment


def _date_fields(
    text: str, parsed: datetime, written: dict[str, bool], reference: date | None
) -> tuple[int, int, int]:
    if not (written["year"] or written["month"] or written["day"]):
        raise DateError(f"{text!r} has a time but no date")
    if written["year"]:
        year = parsed.year
    elif reference is not None:
        year = reference.year
    else:
        raise DateError(f"{text!r} has no year: add one or set meta.reference_date")
    month = parsed.month if written["month"] else 1
    if written["day"] and not written["month"]:
        raise DateError(f"{text!r} has a day but no month")
    return year, month, parsed.day if written["day"] else 1


def _precision(written: dict[str, bool], has_day: bool) -> Precision:
    if written["hour"]:
        return Precision.MINUTE if written["minute"] else Precision.HOUR
    if written["day"] or has_day:
        return Precision.DAY
    return Precision.MONTH if written["month"] else Precision.YEAR


def with_precision(when: When, precision: Precision, approximate: bool) -> When:
    """The same moment truncated to an explicitly stated precision."""
    approximate = approximate or when.approximate
    if precision == when.precision == Precision.MINUTE and approximate == when.approximate:
        return when  # nothing to truncate, nothing to change
    m = when.moment
    if precision == Precision.MINUTE:
        keep = m
    elif precision == Precision.HOUR:
        keep = m.replace(minute=0, second=0, microsecond=0)
    elif precision == Precision.DAY:
        keep = m.replace(hour=0, minute=0, second=0, microsecond=0)
    elif precision == Precision.MONTH:
        keep = m.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    else:
        keep = m.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return When(keep, precision, approximate, when.zone)
