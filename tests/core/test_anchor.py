"""The anchor's offsets (view/anchor.py): precision-aware, never more exact than the dates."""

from __future__ import annotations

import pytest

from tests.core.test_bounds import event
from timeline_tui.core.zones import DisplayZone
from timeline_tui.view.anchor import offset_text

ANCHOR = event("when = 2025-08-18T13:15:00Z")


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("when = 2025-08-20T17:15:00Z", "+2 d 4 h"),
        ("when = 2025-08-20T13:15:00Z", "+2 d"),
        ("when = 2025-08-18T10:15:00Z", "−3 h"),
        ("when = 2025-08-18T10:00:00Z", "−3 h 15 min"),
        ("when = 2025-08-18T13:40:00Z", "+25 min"),
        ("when = 2025-08-18T13:15:00Z", "same time"),
        ("when = 2025-08-18", "same day"),  # a day: days only
        ("when = 2025-08-21", "+3 d"),
        ("when = 2025-08-15\napproximate = true", "−3 d"),
        ('when = "August 2025"', ""),  # coarser than a day: no honest offset
        ("latest = 2025-08-17", ""),  # known only by bounds
    ],
)
def test_offsets_say_no_more_than_the_dates_do(body: str, shown: str) -> None:
    assert offset_text(event(body), ANCHOR) == shown


def test_the_anchor_itself_and_a_day_anchor() -> None:
    assert offset_text(ANCHOR, ANCHOR) == "anchor"
    day = event("when = 2025-08-17")
    assert offset_text(ANCHOR, day) == "+1 d"  # the anchor's day precision rules too


def test_days_are_counted_in_the_display_zone() -> None:
    late = event("when = 2025-08-18T23:30:00-04:00")  # Tue 03:30 UTC
    day = event("when = 2025-08-18")
    assert offset_text(late, day, DisplayZone.parse("America/New_York")) == "same day"
    assert offset_text(late, day, DisplayZone.parse("UTC")) == "+1 d"
