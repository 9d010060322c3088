"""The density strip's counts (view/density.py): binned by time, imprecise events apart."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(1, 3000),
    every=st.sampled_from([1, 3, 50, 400]),
    seed=st.integers(0, 2**32),
)
def test_imprecise_counts_are_those_of_the_events_shown_in_each_bin(
    size: int, every: int, seed: int
) -> None:
    """Imprecise events in runs (`every` events a run): few runs take the bisections, many
    the mask of the events shown; both count what a walk over the events shown counts."""
    rng = random.Random(seed)
    instants = sorted(float(rng.randrange(60 * DAY)) for _ in range(size))
    coarse = [rng.random() < 0.3 for _ in range(size // every + 1)]
    mask = bytes(coarse[p // every] for p in range(size))
    kept = [p for p in range(size) if rng.random() < 0.5]
    for shown in (kept, range(size)):
        found = density(shown, instants, mask, 20)
        expected = [0] * len(found.counts)
        for p in shown:
            expected[found.bin_of(instants[p])] += mask[p]
        assert list(found.imprecise) == expected
        assert sum(found.counts) == len(shown)
