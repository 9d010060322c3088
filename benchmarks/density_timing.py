"""The density strip's cost at 100,000 events: `python -m benchmarks.density_timing`.

Apart from run.py (another benchmark's file): the bin counts of every event and of a filtered
half, per redraw, over the generated corpus (benchmarks/generate.py).
"""

from __future__ import annotations

import time

from benchmarks.generate import ensure
from timeline_tui.core.search import Positions
from timeline_tui.loading.workspace import load
from timeline_tui.view.density import density, imprecise_mask


def main() -> int:
    timeline = load([ensure(100_000, 1_000)])
    columns = timeline.columns
    started = time.perf_counter()
    imprecise = imprecise_mask(columns.keys)
    once = time.perf_counter() - started
    everything = range(len(timeline.events))
    half = Positions(range(0, len(timeline.events), 2))
    print(
        f"{len(timeline.events):,} events, {imprecise.count(1):,} imprecise"
        f" ({once * 1e3:.1f} ms once)"
    )
    for name, shown in (("every event", everything), ("every other event", half)):
        runs = []
        for _ in range(20):
            started = time.perf_counter()
            density(shown, columns.instants, imprecise, 120)
            runs.append(time.perf_counter() - started)
        print(f"{name}: median {sorted(runs)[10] * 1e3:.2f} ms a redraw (120 cells)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
