"""The density strip's counts (view/density.py): binned by time, imprecise events apart."""

from __future__ import annotations

from tests.support import Write
from timeline_tui.loading.workspace import load
from timeline_tui.view.density import DAY, density, imprecise_mask, strip_text

SPREAD = """\
[[events]]
id = "a"
title = "A"
when = 2025-08-01
[[events]]
id = "month"
title = "Sometime in August"
when = "August 2025"
[[events]]
id = "b"
title = "B"
when = 2025-08-03T10:00:00Z
[[events]]
id = "c"
title = "C"
when = 2025-08-03T18:00:00Z
[[events]]
id = "by"
title = "By the 5th"
latest = 2025-08-05
[[events]]
id = "d"
title = "D"
when = 2025-08-06
"""


def test_events_are_binned_by_day_and_imprecise_ones_apart(write: Write) -> None:
    timeline = load([str(write("spread.toml", SPREAD))])
    columns = timeline.columns
    mask = imprecise_mask(columns.keys)
    assert mask.count(1) == 2  # the month and the bounded one
    found = density(range(len(timeline.events)), columns.instants, mask, 80)
    assert found.size == DAY
    assert list(found.counts) == [2, 0, 2, 0, 1, 1]  # 1, 3, 5 (placed by its bound) and 6 Aug
    assert list(found.imprecise) == [1, 0, 0, 0, 1, 0]
    assert found.busiest() == 0
    assert strip_text(found, cursor=1) == "▄│█ ·▄"  # bin 4 holds only the bounded one
    shown = [p for p, e in enumerate(timeline.events) if e.id in ("b", "c", "d")]
    filtered = density(shown, columns.instants, mask, 80)
    assert list(filtered.counts) == [2, 0, 0, 1] and not any(filtered.imprecise)


def test_a_long_span_takes_coarser_bins(write: Write) -> None:
    text = SPREAD.replace("2025-08-06", "2027-08-06")
    timeline = load([str(write("long.toml", text))])
    found = density(range(len(timeline.events)), timeline.columns.instants, b"\0" * 6, 40)
    assert found.size > 7 * DAY and len(found.counts) <= 40
    assert sum(found.counts) == 6
