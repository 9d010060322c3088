"""The display zone (DESIGN.md "Time zones"): times and day headings in one zone, in order."""

from __future__ import annotations

import random
from array import array
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import REPO, Write
from timeline_tui.core.columns import Columns, day_key
from timeline_tui.core.dates import DateError
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import (
    OWN,
    DisplayZone,
    local_zone,
    next_zone,
    zone_or_local,
    zoned_keys,
)
from timeline_tui.loading.workspace import load
from timeline_tui.view.prepared import prepare
from timeline_tui.view.rows import build_rows, clock, group_label, when_text

ZONES = REPO / "tests" / "data" / "zones"  # held out: New York, Kyiv and UTC around midnight
IN_TIME_ORDER = ["kyiv-early", "utc-late", "new-york-late", "kyiv-morning"]


@pytest.fixture(scope="module")
def around_midnight() -> Timeline:
    return load([str(ZONES)])


def headings(timeline: Timeline, zone: DisplayZone) -> list[str]:
    keys = zoned_keys(timeline.columns, zone)
    rows = build_rows(range(len(timeline.events)), keys)
    return [group_label(timeline.events[first], zone) for first in rows.headings.values()]


def clocks(timeline: Timeline, zone: DisplayZone) -> list[str]:
    return [clock(event, zone) for event in timeline.events]


def test_the_held_out_events_are_in_time_order(around_midnight: Timeline) -> None:
    assert [e.id for e in around_midnight.events] == IN_TIME_ORDER


@pytest.mark.parametrize(
    ("zone", "days", "times"),
    [
        ("UTC", ["Mon 18 Aug 2025", "Tue 19 Aug 2025"], ["22:00", "23:15", "03:30", "05:00"]),
        ("Europe/Kyiv", ["Tue 19 Aug 2025"], ["01:00", "02:15", "06:30", "08:00"]),
        ("America/New_York", ["Mon 18 Aug 2025", "Tue 19 Aug 2025"],
         ["18:00", "19:15", "23:30", "01:00"]),
    ],
)  # fmt: skip
def test_headings_run_in_order_and_every_time_is_in_the_display_zone(
    around_midnight: Timeline, zone: str, days: list[str], times: list[str]
) -> None:
    shown = DisplayZone.parse(zone)
    assert headings(around_midnight, shown) == days
    assert clocks(around_midnight, shown) == times


def test_own_zones_keep_each_events_own_day_and_clock(around_midnight: Timeline) -> None:
    """As before there was a display zone: each time as given, so the headings run backwards."""
    assert headings(around_midnight, OWN) == [
        "Tue 19 Aug 2025", "Mon 18 Aug 2025", "Tue 19 Aug 2025",
    ]  # fmt: skip
    assert clocks(around_midnight, OWN) == ["01:00", "23:15", "23:30", "08:00"]
    assert zoned_keys(around_midnight.columns, OWN) is around_midnight.columns.keys


def test_prepare_groups_by_the_zone_it_is_given(around_midnight: Timeline) -> None:
    prepared = prepare(around_midnight, DisplayZone.parse("Europe/Kyiv"))
    assert len(prepared.all_rows.headings) == 1
    assert len(prepare(around_midnight).all_rows.headings) == 3  # own zones


def test_dates_and_floating_times_are_shown_as_written(write: Write) -> None:
    path = write(
        "a.toml",
        '[[events]]\nid = "d"\ntitle = "D"\nwhen = 2025-08-18\n\n'
        '[[events]]\nid = "f"\ntitle = "F"\nwhen = 2025-08-18T23:30:00\n',
    )
    timeline = load([str(path)])
    kyiv = DisplayZone.parse("Europe/Kyiv")
    assert headings(timeline, kyiv) == ["Mon 18 Aug 2025"]
    assert clocks(timeline, kyiv) == ["", "23:30"]
    assert "floating" in when_text(timeline.events[1], kyiv)


def test_the_detail_text_names_the_events_own_zone_when_it_differs(
    around_midnight: Timeline,
) -> None:
    new_york = around_midnight.events[IN_TIME_ORDER.index("new-york-late")]
    shown = when_text(new_york, DisplayZone.parse("Europe/Kyiv"))
    assert shown.startswith("Tue 19 Aug 2025 06:30 EEST")
    assert "given as Mon 18 Aug 2025 23:30 EDT (America/New_York)" in shown
    same = when_text(new_york, DisplayZone.parse("America/New_York"))
    assert "given as" not in same and "America/New_York" in same


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [("UTC", "utc", "UTC"), ("utc", "utc", "UTC"), ("own", "own", "own"),
     ("Europe/Kyiv", "iana", "Europe/Kyiv"), ("local", "local", "UTC")],
)  # fmt: skip
def test_zone_names(text: str, kind: str, name: str) -> None:
    zone = DisplayZone.parse(text)
    assert (zone.kind, zone.name) == (kind, name)  # tests run with TZ=UTC (conftest)


@pytest.mark.parametrize("text", ["Mars/Base", "a.b.c", "", "x" * 300])
def test_an_unknown_zone_is_a_date_error(text: str) -> None:
    with pytest.raises(DateError):
        DisplayZone.parse(text)
    assert zone_or_local(text) == local_zone()


def test_the_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_zone().name == "Asia/Tokyo"
    assert local_zone().caption() == "times in Asia/Tokyo"


def test_days_are_right_on_a_day_the_zone_changes_its_offset(write: Write) -> None:
    """Kyiv leaves summer time at 01:00 UTC on 26 Oct 2025 (04:00 EEST becomes 03:00 EET)."""
    times = ["2025-10-25T20:59:00Z", "2025-10-25T21:30:00Z", "2025-10-26T21:59:00Z",
             "2025-10-26T22:00:00Z"]  # fmt: skip
    records = [f'[[events]]\nid = "e{n}"\ntitle = "E"\nwhen = {t}\n' for n, t in enumerate(times)]
    timeline = load([str(write("a.toml", "\n".join(records)))])
    kyiv = DisplayZone.parse("Europe/Kyiv")
    assert clocks(timeline, kyiv) == ["23:59", "00:30", "23:59", "00:00"]
    assert headings(timeline, kyiv) == ["Sat 25 Oct 2025", "Sun 26 Oct 2025", "Mon 27 Oct 2025"]
    rows = build_rows(range(4), zoned_keys(timeline.columns, kyiv))
    assert list(rows.headings.values()) == [0, 1, 3]


@pytest.mark.parametrize(
    ("start", "kinds"),
    [("local", ["utc", "own", "local"]), ("Europe/Kyiv", ["utc", "own", "local"])],
)
def test_z_cycles_local_utc_own(start: str, kinds: list[str]) -> None:
    zone, seen = DisplayZone.parse(start), []
    for _ in kinds:
        zone = next_zone(zone)
        seen.append(zone.kind)
    assert seen == kinds


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(
        ["UTC", "Europe/Kyiv", "America/New_York", "Australia/Lord_Howe", "America/St_Johns",
         "Pacific/Kiritimati", "Asia/Kathmandu"]
    ),
    seed=st.integers(0, 2**32),
    shuffled=st.booleans(),
)  # fmt: skip
def test_zoned_keys_give_each_zoned_time_its_local_day_in_the_zone(
    name: str, seed: int, shuffled: bool
) -> None:
    """Times over two years (DST changes, half-hour and 45-minute offsets, a 14-hour one),
    dates among them; in time order (runs a UTC day) and out of it (one at a time)."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC).timestamp()
    instants = sorted(start + rng.randrange(730 * 86_400) for _ in range(rng.randrange(1, 400)))
    if shuffled:
        rng.shuffle(instants)
    flags = bytes(rng.random() < 0.6 for _ in instants)
    own = array("Q", (day_key(rng.randrange(1, 700_000)) for _ in instants))
    columns = Columns(keys=own, instants=array("d", instants), flags=flags)
    zone = DisplayZone.parse(name)
    tz = zone.tzinfo
    expected = [
        day_key(datetime.fromtimestamp(t, tz).toordinal()) if flag else key
        for t, flag, key in zip(instants, flags, own, strict=True)
    ]
    assert list(zoned_keys(columns, zone)) == expected
    assert list(zoned_keys(columns, zone)) == expected  # the zone's offsets kept: the same
    assert columns.keys == own
