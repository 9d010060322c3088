"""Uncertain dates: how bounds are read, shown, ordered and grouped (DESIGN.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support import Write, errors, event_ids, only, warnings_
from timeline_tui.core.bounds import bounds_text, date_text, may_fall_in
from timeline_tui.core.dates import from_toml
from timeline_tui.formats.json_records import event_json
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse
from timeline_tui.view.rows import build_rows, group_label


def event(body: str):  # type: ignore[no-untyped-def]
    """The one event of a record with this body (after id and title)."""
    parsed = parse(f'[[events]]\nid = "e"\ntitle = "E"\n{body}\n', "e.toml")
    assert not errors(parsed.diagnostics), parsed.diagnostics
    return parsed.events[0]


def bound(value: object):  # type: ignore[no-untyped-def]
    return from_toml(value)


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("earliest = 2025-08-15\nlatest = 2025-08-17", "between 15 and 17 Aug 2025"),
        ("earliest = 2025-07-30\nlatest = 2025-08-02", "between 30 Jul and 2 Aug 2025"),
        ("earliest = 2024-12-30\nlatest = 2025-01-02", "between 30 Dec 2024 and 2 Jan 2025"),
        ('earliest = "December 2024"\nlatest = "January 2025"', "between Dec 2024 and Jan 2025"),
        ('earliest = "July 2025"\nlatest = "August 2025"', "between Jul and Aug 2025"),
        ('earliest = "2024"\nlatest = "2025"', "between 2024 and 2025"),
        ('earliest = "August 2025"\nlatest = 2025-09-03', "between Aug 2025 and 3 Sep 2025"),
        ("latest = 2025-08-17", "by 17 Aug 2025"),
        ("earliest = 2025-08-15", "after 15 Aug 2025"),
        ("latest = 2025-08-17\napproximate = true", "by about 17 Aug 2025"),
        ("earliest = 2025-08-15\napproximate = true", "after about 15 Aug 2025"),
        ("when = 2025-08-16\napproximate = true", "about Sat 16 Aug 2025"),
        ('when = "August 2025"\napproximate = true', "about Aug 2025"),
        ("when = 2025-08-16\nearliest = 2025-08-15\nlatest = 2025-08-17", "Sat 16 Aug 2025"),
    ],
)
def test_each_display_form(body: str, shown: str) -> None:
    assert date_text(event(body)) == shown


def test_bounds_text_never_invents_a_time_or_a_day() -> None:
    text = bounds_text(bound("15 Aug 2025"), bound("August 2025"))
    assert text == "between 15 Aug 2025 and Aug 2025"
    assert "00:00" not in text and " 1 Aug" not in text


def test_bounds_alone_place_the_event_and_say_so_in_json(write: Write) -> None:
    path = write("a.toml", '[[events]]\nid = "e"\ntitle = "E"\nlatest = 2025-08-17\n')
    timeline = load([str(path)])
    found = event_json(timeline.events[0], timeline)
    assert (found["start"], found["earliest"], found["latest"]) == (None, None, "2025-08-17")


def test_no_when_and_no_bounds_is_still_an_error() -> None:
    parsed = parse('[[events]]\nid = "e"\ntitle = "E"\n', "e.toml")
    only(parsed.diagnostics, "no 'when'")


def test_earliest_after_latest_is_an_error_at_latest() -> None:
    parsed = parse(
        '[[events]]\nid = "e"\ntitle = "E"\nearliest = 2025-08-18\nlatest = 2025-08-17\n', "e.toml"
    )
    problem = only(parsed.diagnostics, "is after 'latest'")
    assert (problem.severity, problem.line) == ("error", 5)


def test_a_time_on_the_latest_day_is_within_it() -> None:
    parsed = parse(
        '[[events]]\nid = "e"\ntitle = "E"\nwhen = 2025-08-17T22:00:00Z\nlatest = 2025-08-17\n',
        "e.toml",
    )
    assert not parsed.diagnostics


def test_a_when_outside_its_bounds_is_a_warning() -> None:
    parsed = parse(
        '[[events]]\nid = "e"\ntitle = "E"\nwhen = 2025-08-20\nlatest = 2025-08-17\n', "e.toml"
    )
    assert only(warnings_(parsed.diagnostics), "'when' is after 'latest'").line == 4


@pytest.mark.parametrize("value", ["true", '"2"', "1.5"])
def test_a_sequence_must_be_a_whole_number(value: str) -> None:
    parsed = parse(
        f'[[events]]\nid = "e"\ntitle = "E"\nwhen = 2025-08-20\nsequence = {value}\n', "e.toml"
    )
    assert only(errors(parsed.diagnostics), "'sequence' must be").line == 5


# -- the range test the query's after:/before:/on: use -------------------------------------


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def test_may_fall_in_a_range_when_the_bounds_allow_it() -> None:
    between = event("earliest = 2025-08-15\nlatest = 2025-08-17")
    assert may_fall_in(between, at("2025-08-17"), at("2025-08-18"))  # on: its last day
    assert may_fall_in(between, at("2025-08-16T12:00"), float("inf"))  # after: mid-span
    assert not may_fall_in(between, at("2025-08-18"), float("inf"))  # after its latest
    assert not may_fall_in(between, float("-inf"), at("2025-08-15"))  # before its earliest
    by = event("latest = 2025-08-17")
    assert may_fall_in(by, float("-inf"), at("2000-01-01"))  # open to the past


def test_an_exact_day_or_month_falls_in_a_range_it_overlaps() -> None:
    month = event('when = "August 2025"')
    assert may_fall_in(month, at("2025-08-31"), at("2025-09-01"))
    assert not may_fall_in(month, at("2025-09-01"), float("inf"))
    day = event("when = 2025-08-17")
    assert may_fall_in(day, at("2025-08-17T23:00"), at("2025-08-18"))
    assert not may_fall_in(day, at("2025-08-18"), at("2025-08-19"))


# -- the order rule and the groups ---------------------------------------------------------

ORDERED = """
[[events]]
id = "z-day"
title = "on the 15th, first in the file but an exact day"
when = 2025-08-15

[[events]]
id = "y-month"
title = "some time in August"
when = "August 2025"

[[events]]
id = "x-between"
title = "between the 15th and the 17th"
earliest = 2025-08-15
latest = 2025-08-17

[[events]]
id = "w-by"
title = "by the 15th (placed by latest)"
latest = 2025-08-15

[[events]]
id = "v-second"
title = "same bounds, second in sequence"
earliest = 2025-08-15
latest = 2025-08-17
sequence = 2

[[events]]
id = "u-first"
title = "same bounds, first in sequence"
earliest = 2025-08-15
latest = 2025-08-17
sequence = 1

[[events]]
id = "t-when-wins"
title = "a when given orders by it, not its earliest"
when = 2025-08-16
earliest = 2025-08-01

[[events]]
id = "s-minute"
title = "a time on the 15th"
when = 2025-08-15T00:00:00Z

[[events]]
id = "r-after"
title = "after the 15th"
earliest = 2025-08-15
"""


def test_the_order_rule(write: Write) -> None:
    """when > earliest > latest; at one instant: month, by, between, after, then the day;
    within a group sequence, then precision, then file and line."""
    timeline = load([str(write("a.toml", ORDERED))])
    assert event_ids(timeline) == [
        "y-month", "w-by", "x-between", "u-first", "v-second", "r-after", "z-day", "s-minute",
        "t-when-wins",
    ]  # fmt: skip
    assert list(timeline.events) == sorted(timeline.events, key=lambda e: e.sort_key)


def test_the_order_rule_holds_across_files(write: Write) -> None:
    write("b.toml", ORDERED.replace('id = "', 'id = "b-'))
    folder = write("a.toml", ORDERED).parent
    timeline = load([str(folder)])
    assert list(timeline.events) == sorted(timeline.events, key=lambda e: e.sort_key)


def test_a_coarse_date_has_its_own_group_ahead_of_the_days_it_covers(write: Write) -> None:
    timeline = load([str(write("a.toml", ORDERED))])
    rows = build_rows(range(len(timeline.events)), timeline.columns.keys)
    labels = [group_label(timeline.events[first]) for first in rows.headings.values()]
    assert labels == [
        "Aug 2025 · day unknown",
        "by 15 Aug 2025",
        "between 15 and 17 Aug 2025",
        "after 15 Aug 2025",
        "Fri 15 Aug 2025",
        "Sat 16 Aug 2025",
    ]


def test_a_year_group_says_the_month_is_unknown() -> None:
    assert group_label(event('when = "2025"')) == "2025 · month unknown"
