"""Moving through time (view/moving.py): where a typed date lands, and month steps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.core.test_zones import ZONES
from timeline_tui.core.query_syntax import QueryError
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone, zoned_keys
from timeline_tui.loading.workspace import load
from timeline_tui.view.moving import day_start, first_on_or_after, month_heading, read_target

TODAY = date(2025, 8, 20)  # a Wednesday


@pytest.fixture(scope="module")
def around_midnight() -> Timeline:
    return load([str(ZONES)])


@pytest.mark.parametrize(
    ("text", "reading", "start"),
    [
        ("2025-08-17", "Sun 17 Aug 2025", datetime(2025, 8, 17, tzinfo=UTC)),
        ("17 Aug 2025", "Sun 17 Aug 2025", datetime(2025, 8, 17, tzinfo=UTC)),
        ("Aug 2025", "Fri 1 Aug 2025 – Sun 31 Aug 2025", datetime(2025, 8, 1, tzinfo=UTC)),
        ("today", "Wed 20 Aug 2025", datetime(2025, 8, 20, tzinfo=UTC)),
        ("-3d", "Sun 17 Aug 2025", datetime(2025, 8, 17, tzinfo=UTC)),
        ("-2w", "Wed 6 Aug 2025", datetime(2025, 8, 6, tzinfo=UTC)),
    ],
)
def test_a_typed_date_is_read_as_the_query_reads_it(
    text: str, reading: str, start: datetime
) -> None:
    target = read_target(text, TODAY)
    assert (target.reading, target.day) == (reading, start.toordinal())


def test_the_day_starts_in_the_display_zone_or_at_utc_midnight_if_sooner() -> None:
    """Dates without a time stand at midnight UTC: west of UTC they come before the zone's
    midnight, and landing there must not pass over them."""
    ordinal = date(2025, 8, 17).toordinal()
    kyiv = DisplayZone.parse("Europe/Kyiv")
    assert day_start(ordinal, kyiv) == datetime(2025, 8, 16, 21, tzinfo=UTC).timestamp()
    midnight = datetime(2025, 8, 17, tzinfo=UTC).timestamp()
    assert day_start(ordinal, DisplayZone.parse("America/New_York")) == midnight
    assert day_start(ordinal, OWN) == midnight


def test_landing_on_a_day_passes_the_late_evening_before_it_in_the_zone(
    around_midnight: Timeline,
) -> None:
    """New York's Mon 18 Aug 23:30 is Tue 03:30 UTC: after Kyiv's Tue 01:00 (Mon 22:00 UTC)
    in time, but under Monday in New York; Tuesday there starts with kyiv-morning."""
    zone = DisplayZone.parse("America/New_York")
    columns = around_midnight.columns
    keys = zoned_keys(columns, zone)
    positions = range(len(around_midnight.events))
    tuesday = date(2025, 8, 19).toordinal()
    found = first_on_or_after(positions, columns.instants, keys, tuesday, zone)
    assert found is not None and around_midnight.events[found].id == "kyiv-morning"
    utc = DisplayZone.parse("UTC")
    keys = zoned_keys(columns, utc)
    found = first_on_or_after(positions, columns.instants, keys, tuesday, utc)
    assert found is not None and around_midnight.events[found].id == "new-york-late"


@pytest.mark.parametrize("text", ["not a date", "2025-13-45", "-3x"])
def test_a_bad_date_is_a_query_error(text: str) -> None:
    with pytest.raises(QueryError):
        read_target(text, TODAY)


HEADINGS = [0, 3, 5, 9, 12]  # heading rows
MONTHS = [(2025, 6), (2025, 7), (2025, 7), (2025, 8), (2025, 8)]


@pytest.mark.parametrize(
    ("cursor", "direction", "target"),
    [
        (1, 1, 3),  # June -> July's first heading
        (6, 1, 9),  # from July's second day -> August
        (13, 1, None),  # nothing after August
        (13, -1, 3),  # August -> July's first day, not its last
        (6, -1, 0),  # July -> June
        (1, -1, None),
    ],
)
def test_month_steps_land_on_a_months_first_heading(
    cursor: int, direction: int, target: int | None
) -> None:
    assert month_heading(HEADINGS, MONTHS, cursor, direction) == target
