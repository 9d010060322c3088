"""Dates: TOML values, python-dateutil strings, relative weekdays, precision, zones, order."""

from __future__ import annotations

import random
import textwrap
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil import parser as dateutil_parser
from support import errors, event_ids, only, warnings_

from timeline_tui.core.dates import DateError, from_text, from_toml, with_precision
from timeline_tui.core.model import Precision
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse

SUNDAY = date(2025, 8, 17)  # the seed's meta.reference_date
NEW_YORK = ZoneInfo("America/New_York")
EDT = timezone(timedelta(hours=-4))


def one_event(body: str, meta: str = "") -> object:
    """Parse a file with one event whose keys are `body`; return (event or None, diagnostics)."""
    text = f"{meta}\n[[events]]\nid = 'e'\ntitle = 'T'\n{body}\n"
    parsed = parse(text, "x.toml")
    return (parsed.events[0] if parsed.events else None), parsed.diagnostics


# ── TOML values ──────────────────────────────────────────────────────────


def test_offset_datetime_keeps_its_offset_and_instant():
    when = from_toml(datetime(2025, 8, 18, 13, 15, tzinfo=EDT))
    assert when.iso() == "2025-08-18T13:15-04:00"
    assert when.precision == Precision.MINUTE
    assert when.instant == datetime(2025, 8, 18, 17, 15, tzinfo=UTC).timestamp()


def test_local_datetime_takes_the_file_timezone():
    when = from_toml(datetime(2025, 8, 18, 13, 15), zone=NEW_YORK)
    assert when.iso() == "2025-08-18T13:15-04:00"
    assert when.zone == "America/New_York"
    assert when.display() == "Mon 18 Aug 2025 13:15 EDT"


def test_local_datetime_without_timezone_is_floating():
    when = from_toml(datetime(2025, 8, 18, 13, 15))
    assert when.zone is None
    assert when.iso() == "2025-08-18T13:15"  # no offset claimed
    assert when.clock() == "13:15"


def test_offset_datetime_ignores_the_file_timezone():
    when = from_toml(datetime(2025, 8, 18, 9, 0, tzinfo=UTC), zone=NEW_YORK)
    assert when.iso() == "2025-08-18T09:00+00:00"


def test_date_has_day_precision_and_shows_no_midnight():
    when = from_toml(date(2025, 8, 18))
    assert when.precision == Precision.DAY
    assert when.iso() == "2025-08-18"
    assert when.clock() == ""
    assert "00:00" not in when.display()
    assert when.display() == "Mon 18 Aug 2025"


def test_date_in_a_far_zone_stays_on_its_day():
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        when = from_toml(date(2025, 8, 18), zone=ZoneInfo(zone))
        assert when.day == date(2025, 8, 18)
        assert when.iso() == "2025-08-18"


def test_toml_datetimes_in_a_file_use_meta_timezone():
    text = """
        [meta]
        timezone = "Europe/Brussels"
        [[events]]
        id = "local"
        title = "Local"
        when = 2025-08-17T10:00:00
        [[events]]
        id = "offset"
        title = "Offset"
        when = 2025-08-17T10:00:00-04:00
    """
    parsed = parse(textwrap.dedent(text), "x.toml")
    assert not parsed.diagnostics
    local, offset = parsed.events
    assert local.when.iso() == "2025-08-17T10:00+02:00"
    assert offset.when.iso() == "2025-08-17T10:00-04:00"


def test_time_of_day_alone_is_an_error():
    with pytest.raises(DateError, match="needs a date"):
        from_toml(time(12, 0))


@pytest.mark.parametrize("value", [1, 1.5, True, ["2025-08-18"], {"d": 1}])
def test_values_that_are_not_dates_are_errors(value):
    with pytest.raises(DateError):
        from_toml(value)


# ── strings read by python-dateutil ──────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("18 Aug 2025 13:15 EDT", "2025-08-18T13:15-04:00", Precision.MINUTE),
        ("18 Aug 2025 13:15 CEST", "2025-08-18T13:15+02:00", Precision.MINUTE),
        ("August 2025", "2025-08", Precision.MONTH),
        ("Aug 2025", "2025-08", Precision.MONTH),
        ("2025", "2025", Precision.YEAR),
        ("18 August 2025", "2025-08-18", Precision.DAY),
        ("2025-08-18", "2025-08-18", Precision.DAY),
        ("18 Aug 2025 9am", "2025-08-18T09:00", Precision.HOUR),
        ("2025-08-18T13:15:00+01:00", "2025-08-18T13:15+01:00", Precision.MINUTE),
    ],
)
def test_text_dates_keep_their_precision(text, iso, precision):
    when = from_text(text)
    assert when.iso() == iso
    assert when.precision == precision


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("18 Aug 2025 10:00 GMT+3", "07:00"),
        ("18 Aug 2025 10:00 UTC+3", "07:00"),
        ("18 Aug 2025 10:00 UTC+03:00", "07:00"),
        ("18 Aug 2025 10:00 utc +0530", "04:30"),
        ("18 Aug 2025 10:00 GMT-5", "15:00"),
        ("10:00 GMT+3 18 Aug 2025", "07:00"),
        ("18 Aug 2025 10:00 +03:00", "07:00"),
        ("2025-08-18T10:00:00-03:00", "13:00"),
        ("18 Aug 2025 10:00 EDT", "14:00"),
        ("18 Aug 2025 10:00 EST", "15:00"),
        ("18 Aug 2025 10:00 GMT", "10:00"),
    ],
)
def test_utc_plus_three_is_three_hours_ahead_of_utc_as_people_mean_it(text, utc):
    """Not as dateutil reads it (the POSIX TZ sign, UTC+3 three hours behind)."""
    assert f"{from_text(text).moment.astimezone(UTC):%H:%M}" == utc


@pytest.mark.parametrize(
    "value",
    [
        "18 Aug 2025 10:00 +03:00",
        "18 Aug 2025 10:00 GMT+3",
        datetime(2025, 8, 18, 10, 0, tzinfo=timezone(timedelta(hours=3))),
    ],
)
def test_a_fixed_offset_is_shown_as_the_offset_not_as_utc(value):
    when = from_toml(value)
    assert when.zone == "UTC+03:00"
    assert when.display() == "Mon 18 Aug 2025 10:00 UTC+03:00"  # what the detail pane shows


def test_text_with_zone_abbreviation_shows_it():
    assert from_text("18 Aug 2025 13:15 EDT").display() == "Mon 18 Aug 2025 13:15 EDT"


def test_month_precision_shows_no_day():
    when = from_text("August 2025")
    assert when.display() == "Aug 2025"
    assert when.clock() == ""


def test_text_local_time_takes_the_file_timezone():
    when = from_text("18 Aug 2025 13:15", zone=NEW_YORK)
    assert when.iso() == "2025-08-18T13:15-04:00"


def test_text_without_year_takes_the_reference_year():
    assert from_text("18 August", SUNDAY).iso() == "2025-08-18"
    with pytest.raises(DateError, match="no year"):
        from_text("18 August")


@pytest.mark.parametrize(
    "text", ["", "   ", "not a date", "18 Aug 2025 13:15 XYZ", "31 February 2025", "13:15"]
)
def test_unreadable_text_is_a_date_error(text):
    with pytest.raises(DateError):
        from_text(text, SUNDAY)


# ── relative days against meta.reference_date ───────────────────────────


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Friday", "2025-08-15"),
        ("friday", "2025-08-15"),
        ("Fri", "2025-08-15"),
        ("on Friday", "2025-08-15"),
        ("Monday", "2025-08-18"),
        ("Sunday", "2025-08-17"),
        ("Wednesday", "2025-08-20"),
        ("Thursday", "2025-08-14"),
        ("last Friday", "2025-08-15"),
        ("last Monday", "2025-08-11"),
        ("last Sunday", "2025-08-10"),
        ("next Monday", "2025-08-18"),
        ("next Friday", "2025-08-22"),
        ("next Sunday", "2025-08-24"),
        ("yesterday", "2025-08-16"),
        ("today", "2025-08-17"),
        ("tomorrow", "2025-08-18"),
        ("Friday 15 August 2025", "2025-08-15"),
        ("Monday 13:15", "2025-08-18T13:15"),
        ("last Friday 9am", "2025-08-15T09:00"),
    ],
)
def test_relative_days_count_from_the_reference_date(text, iso):
    assert from_text(text, SUNDAY).iso() == iso


def test_bare_weekday_is_the_nearest_not_dateutils_next():
    dateutil_friday = dateutil_parser.parse("Friday", default=datetime(2025, 8, 17)).date()
    assert dateutil_friday == date(2025, 8, 22)  # what dateutil alone would say
    assert from_text("Friday", SUNDAY).day == date(2025, 8, 15)


def test_relative_day_has_day_precision_and_the_file_zone():
    when = from_text("Monday", SUNDAY, NEW_YORK)
    assert when.precision == Precision.DAY
    assert when.day == date(2025, 8, 18)
    assert when.moment.utcoffset() == timedelta(hours=-4)


def test_absolute_date_with_weekday_needs_no_reference():
    assert from_text("Friday 15 August 2025").iso() == "2025-08-15"


def test_absolute_date_with_weekday_ignores_the_reference():
    assert from_text("Friday 15 August 2025", date(2030, 1, 1)).iso() == "2025-08-15"


@pytest.mark.parametrize("text", ["Friday", "last Friday", "next Monday", "tomorrow", "Monday 9am"])
def test_relative_text_without_reference_date_is_an_error(text):
    with pytest.raises(DateError, match="reference_date"):
        from_text(text)


def test_relative_when_in_a_file_without_reference_date_is_an_error_at_its_line():
    event, diagnostics = one_event('when = "Friday"')
    assert event.when.unreadable
    problem = only(errors(diagnostics), "reference_date")
    assert (problem.line, problem.column) == (5, 1)


def test_relative_when_in_a_file_uses_meta_reference_date():
    event, diagnostics = one_event('when = "last Friday"', "[meta]\nreference_date = 2025-08-17")
    assert not diagnostics
    assert event.when.iso() == "2025-08-15"


def test_meta_reference_date_may_be_text():
    event, diagnostics = one_event('when = "Monday"', '[meta]\nreference_date = "17 August 2025"')
    assert not diagnostics
    assert event.when.iso() == "2025-08-18"


def test_meta_reference_date_must_name_a_day():
    event, diagnostics = one_event('when = "Monday"', '[meta]\nreference_date = "August 2025"')
    assert event.when.unreadable
    assert only(errors(diagnostics), "must name a day").line == 2


def test_unknown_meta_timezone_is_an_error_at_its_key():
    event, diagnostics = one_event(
        "when = 2025-08-18T10:00:00", '[meta]\ntimezone = "Mars/Olympus"'
    )
    assert only(errors(diagnostics), "unknown time zone").line == 2
    assert event.when.zone is None  # the event is still read, as a floating time


# ── explicit precision and approximate ──────────────────────────────────


def test_explicit_precision_truncates_the_moment():
    minute = from_toml(datetime(2025, 8, 18, 13, 15, tzinfo=EDT))
    assert with_precision(minute, Precision.HOUR, False).iso() == "2025-08-18T13:00-04:00"
    assert with_precision(minute, Precision.DAY, False).iso() == "2025-08-18"
    assert with_precision(minute, Precision.MONTH, False).iso() == "2025-08"
    assert with_precision(minute, Precision.YEAR, True).display() == "about 2025"


def test_precision_key_coarsens_an_event_date():
    event, diagnostics = one_event('when = 2025-08-18T13:15:00-04:00\nprecision = "day"')
    assert not diagnostics
    assert event.when.precision == Precision.DAY
    assert event.when.iso() == "2025-08-18"
    assert event.when.clock() == ""


def test_precision_finer_than_the_date_is_a_warning_and_ignored():
    event, diagnostics = one_event('when = "August 2025"\nprecision = "minute"')
    problem = only(warnings_(diagnostics), "finer than the date")
    assert (problem.line, problem.column) == (6, 1)
    assert event.when.precision == Precision.MONTH


def test_unknown_precision_is_an_error_with_a_hint():
    event, diagnostics = one_event('when = 2025-08-18\nprecision = "dya"')
    problem = only(errors(diagnostics), "'precision' must be one of")
    assert "did you mean 'day'" in problem.message
    assert problem.line == 6
    assert event.when.precision == Precision.DAY


def test_approximate_shows_about():
    event, _ = one_event("when = 2025-08-18\napproximate = true")
    assert event.when.approximate
    assert event.when.display() == "about Mon 18 Aug 2025"


def test_approximate_must_be_a_boolean():
    event, diagnostics = one_event('when = 2025-08-18\napproximate = "yes"')
    assert only(errors(diagnostics), "true or false").line == 6
    assert not event.when.approximate


def test_end_is_read_like_when():
    event, diagnostics = one_event(
        'when = 2025-08-18\nend = "18 Aug 2025 16:00 EDT"', "[meta]\nreference_date = 2025-08-17"
    )
    assert not diagnostics
    assert event.end.iso() == "2025-08-18T16:00-04:00"


# ── order ───────────────────────────────────────────────────────────────

MIXED = {
    "a.toml": """
        [[events]]
        id = "month"
        title = "Sometime in August"
        when = "August 2025"
        [[events]]
        id = "day-first"
        title = "First of August"
        when = 2025-08-01
        [[events]]
        id = "offset-evening"
        title = "13:15 in New York (17:15 UTC)"
        when = 2025-08-18T13:15:00-04:00
    """,
    "b.toml": """
        [meta]
        timezone = "America/New_York"
        [[events]]
        id = "ny-day"
        title = "18 August in New York (04:00 UTC)"
        when = 2025-08-18
        [[events]]
        id = "ny-morning"
        title = "09:00 in New York (13:00 UTC)"
        when = "18 Aug 2025 9am"
    """,
    "c.toml": """
        [[events]]
        id = "floating-day"
        title = "18 August, no zone (00:00 UTC)"
        when = 2025-08-18
        [[events]]
        id = "london"
        title = "18:00 in London (17:00 UTC)"
        when = 2025-08-18T18:00:00+01:00
        [[events]]
        id = "year"
        title = "Some time in 2025"
        when = "2025"
    """,
}
EXPECTED_ORDER = [
    "year", "month", "day-first", "floating-day", "ny-day", "ny-morning", "london",
    "offset-evening",
]  # fmt: skip


def test_events_sort_by_instant_then_coarser_precision_first(write):
    paths = [str(write(name, text)) for name, text in MIXED.items()]
    timeline = load(paths)
    assert timeline.diagnostics == ()
    assert event_ids(timeline) == EXPECTED_ORDER


def test_event_order_does_not_depend_on_the_order_files_are_given(write):
    paths = [str(write(name, text)) for name, text in MIXED.items()]
    orders = set()
    for seed in range(6):
        shuffled = paths[:]
        random.Random(seed).shuffle(shuffled)
        orders.add(tuple(event_ids(load(shuffled))))
    assert orders == {tuple(EXPECTED_ORDER)}


def test_same_moment_and_precision_sort_by_file_then_line(write):
    one = "[[events]]\nid = '{0}'\ntitle = 'x'\nwhen = 2025-08-18\n"
    first = write("1.toml", one.format("z") + one.format("y"))
    second = write("2.toml", one.format("a"))
    assert event_ids(load([str(second), str(first)])) == ["z", "y", "a"]
