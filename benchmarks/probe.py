"""One measurement in a fresh process, printed as JSON: `python -m benchmarks.probe NAME ARG...`.

The run in benchmarks/run.py starts each probe in its own process so that one measurement's
imports, caches and memory do not colour the next. Times "from process start" are reported as
wall-clock instants (`*_at`), from which the parent subtracts the instant it started the process.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import sys
import time
from typing import Any


def bare_paint() -> dict[str, Any]:
    """Baseline A: a bare Textual app (one Static), from process start to its first paint."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    painted: dict[str, float] = {}

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            painted["at"] = time.time()
            self.exit()

    Bare().run(headless=True, size=(120, 40))
    return {"paint_at": painted["at"]}


def app_paint(path: str) -> dict[str, Any]:
    """Ours: TimelineApp(paths=[path]) from process start to its first paint, and until the
    timeline is on screen."""
    try:
        from timeline_tui.ui.app import TimelineApp
    except Exception as exc:  # noqa: BLE001
        return {"error": f"app not built ({type(exc).__name__})"}
    marks: dict[str, float] = {}

    import timeline_tui.ui.app as app_module

    class Timed(TimelineApp):  # type: ignore[misc, valid-type]
        # CSS_PATH is taken relative to the module of the class: point it at the app's own.
        CSS_PATH = os.path.join(os.path.dirname(app_module.__file__), str(TimelineApp.CSS_PATH))

        def on_mount(self) -> None:  # Textual calls TimelineApp.on_mount itself, first
            self.call_after_refresh(lambda: marks.setdefault("paint", time.time()))

        def show_timeline(self, *args: Any) -> None:
            super().show_timeline(*args)
            self.call_after_refresh(self._shown)

        def _shown(self) -> None:
            marks.setdefault("paint", time.time())  # painted with the timeline, if not before
            marks.setdefault("shown", time.time())
            self.exit()

    Timed(paths=[path]).run(headless=True, size=(120, 40))
    return {"paint_at": marks["paint"], "shown_at": marks["shown"]}


def tomli_parse(root: str) -> dict[str, Any]:
    """Baseline B: read the bytes of every file a load reads and tomli.loads them, one process:
    its wall time and its CPU time."""
    import tomli

    from timeline_tui.loading.discovery import discover

    files = discover([root]).files
    start, cpu = time.perf_counter(), cpu_seconds()
    for path in files:
        with open(path, "rb") as handle:
            tomli.loads(handle.read().decode("utf-8"))
    return {
        "seconds": time.perf_counter() - start,
        "cpu_s": cpu_seconds() - cpu,
        "files": len(files),
    }


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its children that have ended: the
    worker processes of a load are joined before it returns, so theirs is counted."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load(root: str) -> dict[str, Any]:
    """workspace.load of the root (the environment says whether the cache is used): wall time,
    and CPU time of this process and its workers."""
    from timeline_tui.loading import workspace

    start, cpu = time.perf_counter(), cpu_seconds()
    timeline = workspace.load([root])
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_s": cpu_seconds() - cpu,
        "events": len(timeline.events),
        "diagnostics": len(timeline.diagnostics),
    }


def engine(root: str) -> dict[str, Any]:
    """query.apply with an Index at this size: toggling actors, and typing searches."""
    from timeline_tui.core.query import Index, Query, apply
    from timeline_tui.loading import workspace

    timeline = workspace.load([root])
    start = time.perf_counter()
    index = Index.build(timeline)
    build = time.perf_counter() - start
    actors = sorted(actor.id for actor in timeline.actors)
    toggles = []
    for actor_id in actors:
        query = Query().toggled(actor_id)
        start = time.perf_counter()
        apply(query, index)
        toggles.append(time.perf_counter() - start)
        start = time.perf_counter()
        apply(query.toggled(actor_id), index)
        toggles.append(time.perf_counter() - start)
    keys = []
    for text in ("security guarantees", "ceasefire", "kyiv", "putin", "nuclear safety", "zzz"):
        for length in range(1, len(text) + 1):
            start = time.perf_counter()
            apply(Query(text=text[:length]), index)
            keys.append(time.perf_counter() - start)
    return {
        "events": len(timeline.events),
        "index_build_s": build,
        "toggle_ms": _ms(toggles),
        "keystroke_ms": _ms(keys),
        "query_ms": _ms(_fielded_queries(index, actors[len(actors) // 2])),
        "provenance_ms": _ms(_fielded_queries(index, "", texts=PROVENANCE)),
        **_strip_ms(timeline),
        **_zone_ms(timeline),
        **_marks_ms(timeline),
        **_completion_ms(index),
        **_facet_ms(index),
    }


def _marks_ms(timeline: Any) -> dict[str, float]:
    """What is new since the last look, as the app's compare_with_last_look finds it after a
    load: the fingerprints (kept from packing), the last look read (saved first, one event in
    a hundred changed and one in a hundred gone), the changes and their positions."""
    import tempfile

    from timeline_tui.core.seen import changes
    from timeline_tui.loading.seen_store import read_seen, save_seen, seen_file
    from timeline_tui.view.novelty import novelty

    roots, prints = ["/probe-roots"], timeline.events.fingerprints()
    look = {
        i: ("0" * 16 + p[16:] if k % 100 == 1 else p) for k, (i, p) in enumerate(prints.items())
    }
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TIMELINE_TUI_DATA_DIR"] = folder
        save_seen(roots, {i: p for k, (i, p) in enumerate(look.items()) if k % 100})
        start = time.perf_counter()
        last = read_seen(roots)
        found = novelty(changes(last.events, timeline.events.fingerprints()), last.at, timeline)
        seconds = time.perf_counter() - start
        size = seen_file(roots).stat().st_size
    start = time.perf_counter()
    timeline.events.fingerprints()
    alone = time.perf_counter() - start
    marked = len(found.marked)
    return {"marks_ms": seconds * 1000, "fingerprints_ms": alone * 1000, "marked": marked,
            "seen_file_bytes": size}  # fmt: skip


def _zone_ms(timeline: Any, runs: int = 5) -> dict[str, Any]:
    """`z` at this size: a display zone's day groups (zoned_keys), and with the unfiltered
    rows built from them, for UTC, Kyiv and New York: the first time each zone is asked for
    (its offsets looked up), then again. The zoned times' UTC days are found once a load
    first, as prepare does in the loading thread."""
    from timeline_tui.core.zones import DisplayZone, zoned_days, zoned_keys
    from timeline_tui.view.rows import build_rows

    columns, everything = timeline.columns, range(len(timeline.events))
    start = time.perf_counter()
    zoned_days(columns)
    found: dict[str, Any] = {"zone_days_once_ms": (time.perf_counter() - start) * 1000}
    zones = [DisplayZone.parse(name) for name in ("UTC", "Europe/Kyiv", "America/New_York")]
    for key, repeats in (("zone_first", 1), ("zone_again", runs)):
        keys, with_rows = [], []
        for zone in zones * repeats:
            start = time.perf_counter()
            zoned = zoned_keys(columns, zone)
            keys.append(time.perf_counter() - start)
            build_rows(everything, zoned)
            with_rows.append(time.perf_counter() - start)
        found[f"{key}_ms"], found[f"{key}_rows_ms"] = _ms(keys), _ms(with_rows)
    return found


COMPLETING = ("ta", "tag:", "tag:se", "tag:ener", "actor:", "actor:mi", "actor:pe", "place:k",
              "place:kyi", "status:", "source:", "kyiv tag:s", "has:q")  # fmt: skip


def _completion_ms(index: Any, runs: int = 10) -> dict[str, Any]:
    """The completion list of each text typed (view/completion.py), the catalogue made once a
    load (timed too)."""
    from timeline_tui.view.completion import Catalogue, complete

    start = time.perf_counter()
    catalogue = Catalogue.build(index)
    built = time.perf_counter() - start
    times = []
    for text in COMPLETING:
        for _ in range(runs):
            start = time.perf_counter()
            complete(text, len(text), catalogue)
            times.append(time.perf_counter() - start)
    return {"completion_ms": _ms(times), "catalogue_ms": built * 1000}


FACETED = ("", "kyiv", "tag:drones", "status:occurred minister", "tag:sanctions place:kyiv")


def _facet_ms(index: Any, runs: int = 3) -> dict[str, Any]:
    """A facet's counts (view/facets.py) for each facet and query: what the side pane works
    out at each change while a facet other than the actors is shown, after the view's own
    computing (which leaves the search's words found, as the app's screen does)."""
    from timeline_tui.view.facets import FACETS, facet_values
    from timeline_tui.view.state import ViewState, compute

    times = []
    for text in FACETED:
        state = ViewState(search_text=text)
        for field, _ in FACETS[1:]:
            for _ in range(runs):
                index._last_terms = None
                view = compute(state, index)
                start = time.perf_counter()
                facet_values(state, index, field, view)
                times.append(time.perf_counter() - start)
    return {"facet_ms": _ms(times)}


def _strip_ms(timeline: Any, runs: int = 20) -> dict[str, dict[str, float]]:
    """The density strip's bin counts a redraw (120 cells): every event shown, and half."""
    from timeline_tui.core.search import Positions
    from timeline_tui.view.density import density, imprecise_mask

    columns = timeline.columns
    imprecise = imprecise_mask(columns.keys)
    found = {}
    for key, shown in (
        ("strip_all_ms", range(len(timeline.events))),
        ("strip_half_ms", Positions(range(0, len(timeline.events), 2))),
    ):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            density(shown, columns.instants, imprecise, 120)
            times.append(time.perf_counter() - start)
        found[key] = _ms(times)
    return found


FIELDED = (
    "tag:ceasefire status:occurred place:kyiv talks",
    "tag:sanctions -status:reported after:2025-01-01 minister",
    "actor:{actor} tag:drones before:2026-01-01 strike",
    "status:occurred place:kharkiv -tag:energy envoy",
)  # three fields and a word, as the query language's figure asks
PROVENANCE = (
    "publishers:<2 tag:ceasefire talks",
    "sources:>=1 -has:conflict status:occurred minister",
    "has:conflict OR sources:>=2 envoy",
)  # the provenance terms (counts of sources and publishers, conflicts) with a word


def _fielded_queries(
    index: Any, actor_id: str, runs: int = 5, texts: tuple[str, ...] = FIELDED
) -> list[float]:
    """Seconds taken by each query of three fields and a word, each typed afresh."""
    from timeline_tui.core.query import Query, apply

    times = []
    for text in texts:
        query = Query(text=text.format(actor=actor_id))
        for _ in range(runs):
            index._last_terms = None  # no narrowing of the last search's result
            start = time.perf_counter()
            apply(query, index)
            times.append(time.perf_counter() - start)
    return times


def _ms(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "median": statistics.median(ms),
        "p90": ms[int(len(ms) * 0.9)],
        "max": ms[-1],
        "n": len(ms),
    }


def memory(root: str) -> dict[str, Any]:
    """Peak resident memory of a process that loads the root and builds the query index."""
    from timeline_tui.core.query import Index
    from timeline_tui.loading import workspace

    timeline = workspace.load([root])
    index = Index.build(timeline)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mib": peak, "worker_peak_mib": children, "events": len(index.timeline.events)}


def app_engine(root: str, runs: str = "10", reload: str = "reload") -> dict[str, Any]:
    """The app on the root, headless: actor toggles and search keystrokes until painted, then
    a reload by hand (unless `reload` is "no")."""
    from benchmarks.app_timing import time_app

    result = asyncio.run(time_app([root], int(runs), reload=reload != "no"))
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def first_screen(root: str, whole: str = "whole") -> dict[str, Any]:
    """The app on the root, headless: when its first rows of real events are on screen, and
    (unless `whole` is "first") when the whole load is; the environment says whether the
    cache is used."""
    from benchmarks.app_timing import time_first_screen

    result = asyncio.run(time_first_screen([root], whole != "first"))
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def jsonl(root: str, out: str) -> dict[str, Any]:
    """The root's events as JSON lines, in time order: each line the object `timeline list
    --json` prints for the event (formats.json_records.event_json), on one line."""
    from timeline_tui.core.query import Index, Query, apply
    from timeline_tui.formats.json_records import event_json
    from timeline_tui.loading import workspace

    timeline = workspace.load([root])
    positions = apply(Query(), Index.build(timeline))
    with open(out + ".part", "w", encoding="utf-8") as handle:
        for position in positions:
            event = event_json(timeline.events[position], timeline)
            handle.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
    os.replace(out + ".part", out)
    return {"events": len(positions)}


def command(*argv: str) -> dict[str, Any]:
    """Run a command, its output thrown away: its wall time and CPU time."""
    import subprocess

    start, cpu = time.perf_counter(), cpu_seconds()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu_s": cpu_seconds() - cpu, "exit": done.returncode}


PROBES = {
    "bare_paint": bare_paint,
    "app_paint": app_paint,
    "tomli_parse": tomli_parse,
    "load": load,
    "engine": engine,
    "memory": memory,
    "app_engine": app_engine,
    "first_screen": first_screen,
    "jsonl": jsonl,
    "command": command,
}


def main() -> None:
    name, *args = sys.argv[1:]
    try:
        result = PROBES[name](*args)
    except Exception as exc:  # noqa: BLE001 - report, the run goes on
        result = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.flush()
    os.write(1, ("\n@@RESULT " + json.dumps(result) + "\n").encode())


if __name__ == "__main__":
    main()
