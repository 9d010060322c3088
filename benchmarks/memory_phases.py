"""Where the app's peak memory goes: resident memory after each phase of what the app does at
100,000 events, outside the app (Textual's own share is told by `--bare`).

    python -m benchmarks.memory_phases [PATH] [--bare]

Phases: the app's modules imported, the workspace's load (from the cache when it is warm: set
TIMELINE_TUI_CACHE_DIR), prepare (index, day groups, rows), the last look read (when the data
folder holds one), the timeline's fingerprints, then a reload as `r` makes it: a second load
and prepare while the first timeline is alive, and the new timeline's fingerprints while the
old ones are. Each line gives the resident memory (VmRSS) and the peak so far (VmHWM), in MiB,
and the sizes of the per-file data the timelines share. `--bare` prints instead the resident
memory of a bare Textual app (one Static) under `run_test`, for comparison (its own process).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import Any

from . import generate


def status(field: str) -> float:
    """A field of /proc/self/status, in MiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def mark(label: str, started: float) -> None:
    elapsed = time.perf_counter() - started
    rss, peak = status("VmRSS"), status("VmHWM")
    print(f"{elapsed:6.2f} s  {rss:6.1f} MiB  (peak {peak:6.1f})  {label}", flush=True)


def bare_app_rss() -> float:
    """Resident memory of a bare Textual app, running headless."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    async def run() -> float:
        async with Bare().run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.2)
            return status("VmRSS")

    return asyncio.run(run())


def shared_sizes(timeline: Any) -> str:
    """The per-file data a timeline holds (and a reload's timeline shares), in MiB."""
    packs = timeline.events.packs
    digests = [pack.digest for pack in packs]
    blocks = sum(len(block) for pack in packs for block in pack.blocks)
    texts = sum(len(digest.texts[0]) for digest in digests)
    facts = sum(len(digest.facts) for digest in digests)
    mib = 1024 * 1024
    return (
        f"packed events {blocks / mib:.1f}, search texts {texts / mib:.1f}, facts {facts / mib:.1f}"
    )


def phases(root: str) -> None:
    started = time.perf_counter()
    mark("started", started)
    import timeline_tui.ui.app  # noqa: F401 - what the app imports before it reads
    from timeline_tui.core.seen import fingerprints
    from timeline_tui.core.zones import local_zone
    from timeline_tui.loading.seen_store import read_seen
    from timeline_tui.loading.workspace import Workspace
    from timeline_tui.storage.heap import gc_paused, trim_heap
    from timeline_tui.view.prepared import prepare

    mark("the app's modules imported", started)
    workspace, zone = Workspace([root]), local_zone()
    with gc_paused():
        timeline = workspace.load()
        mark(f"loaded {len(timeline.events):,} events ({shared_sizes(timeline)} MiB)", started)
        prepared = prepare(timeline, zone)
        mark("prepared", started)
    trim_heap()
    seen = read_seen(workspace.roots)
    mark(f"the last look read ({len(seen.events):,} fingerprints)", started)
    prints = fingerprints(timeline.events)
    mark("the timeline's fingerprints", started)
    with gc_paused():
        again = workspace.load()
        mark("reloaded (both timelines alive)", started)
        prepared_again = prepare(again, zone)
        mark("the reload prepared", started)
    new_prints = fingerprints(again.events)
    mark("the reload's fingerprints (both sets alive)", started)
    del prepared, timeline, prints
    trim_heap()
    mark("the first timeline let go", started)
    assert prepared_again.timeline is again and new_prints  # alive until here


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.memory_phases", description=__doc__.split("\n")[0]
    )
    parser.add_argument("path", nargs="?", help="default: the 100,000-event corpus")
    parser.add_argument("--bare", action="store_true", help="only a bare Textual app's RSS")
    args = parser.parse_args(argv)
    if args.bare:
        print(f"a bare Textual app, running: {bare_app_rss():.1f} MiB")
        return 0
    phases(args.path or generate.ensure(100_000, 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
