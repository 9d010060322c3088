"""Time the app itself, headless: open, first paint, timeline shown, filter, search, exit.

    python -m benchmarks.app_timing [PATH ...] [--runs N] [--json]

Each key is timed from the moment it is handed to the app until the first frame the app
displays that shows its effect in the timeline pane (`FrameClock`), through `App.run_test`
and its Pilot, in a terminal of 120x40. Open and first paint are timed until Textual's next
refresh. Without PATH, the seed timeline in ./events.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any


def app_class() -> type | None:
    """TimelineApp if the app is built and takes `paths`, else None."""
    try:
        from timeline_tui.ui.app import TimelineApp
    except Exception:  # noqa: BLE001 - not built yet, or broken: the caller says n/a
        return None
    return TimelineApp


async def _painted(app: Any) -> float:
    """Wait for the next refresh of the screen; the time it happened."""
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(time.perf_counter()))
    return await done


async def _until(pilot: Any, test: Any, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while not test():
        if time.perf_counter() > deadline:
            return False
        await pilot.pause(0.01)
    return True


class FrameClock:
    """When the app displays a frame, and which widgets it redrew: wraps `App._display`,
    through which every frame goes, and `render_lines` of the widgets watched.

    A key's effect is on screen at the first frame displayed while `test()` holds by which the
    timeline pane (and, for a search keystroke, the detail pane marking the terms) has been
    redrawn: a frame can go out after the key's handler ran but before the pane's own update
    message was handled (then only the status line and search bar are in it). Textual's
    `call_after_refresh` instead waits until nothing at all is dirty, which can be a frame
    later, when scroll bars repaint after a layout for no change the user sees.
    """

    def __init__(self, app: Any) -> None:
        self._waiting: list[tuple[Any, set[int], asyncio.Future[float]]] = []
        self._drawn: set[int] = set()
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self._frame(time.perf_counter())

        app._display = timed_display

    def watch(self, widget: Any) -> None:
        """Note each frame in which `widget` draws lines."""
        render_lines = widget.render_lines

        def noted(crop: Any) -> Any:
            self._drawn.add(id(widget))
            return render_lines(crop)

        widget.render_lines = noted

    def _frame(self, now: float) -> None:
        drawn, self._drawn = self._drawn, set()
        for waiting in list(self._waiting):
            test, pending, future = waiting
            if not future.done() and test():
                pending -= drawn
            if future.done() or not pending:
                self._waiting.remove(waiting)
                if not future.done():
                    future.set_result(now)

    def first_frame_where(self, test: Any, *widgets: Any) -> asyncio.Future[float]:
        """A future: the time of the first frame, displayed while `test()` holds, by which
        each of `widgets` (watched) has been redrawn since `test()` first held."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((test, {id(widget) for widget in widgets}, future))
        return future


def _send_key(app: Any, key: str) -> None:
    """Hand a key to the app as the terminal driver would (Pilot.press would also wait for
    the process to go idle, in sleeps of its own, which would be timed too)."""
    from textual import events

    char = key if len(key) == 1 else " " if key == "space" else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _timed_key(
    pilot: Any, clock: FrameClock, key: str, changed: Any, also: tuple[str, ...] = ()
) -> float:
    """Seconds from sending `key` until the frame that shows it: displayed after `changed()`
    holds, by which the timeline pane (and the widgets `also` names) have been redrawn."""
    main = pilot.app.main
    widgets = [main.query_one("#timeline"), *(main.query_one(name) for name in also)]
    frame = clock.first_frame_where(changed, *widgets)
    start = time.perf_counter()
    _send_key(pilot.app, key)
    elapsed = await frame - start
    await _painted(pilot.app)  # let the follow-up refreshes pass before the next key
    return elapsed


async def time_app(
    paths: Sequence[str], runs: int = 20, timeout: float = 600.0, reload: bool = True
) -> dict[str, Any]:
    """Open the app on `paths`, wait for the timeline, then toggle actors, type a search and
    (if `reload`) reload by hand."""
    cls = app_class()
    if cls is None:
        return {"error": "app not built"}
    app = cls(list(paths), watch=False)
    clock = FrameClock(app)
    result: dict[str, Any] = {}
    start = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        result["first_paint_s"] = (await _painted(app)) - start
        # the whole load (a cold open shows its first files' events first: not the figure)
        loaded = await _until(pilot, lambda: app.full_shown and len(app.timeline.events), timeout)
        result["timeline_shown_s"] = (await _painted(app)) - start
        result["events"] = len(app.timeline.events)
        if not loaded:
            result["error"] = "timeline did not load"
            return result
        screen = app.main
        clock.watch(screen.query_one("#timeline"))
        clock.watch(screen.query_one("#detail-body"))
        await pilot.press("a", "down")  # into the actor list, where space toggles
        await _painted(app)
        toggles = []
        for _ in range(runs):
            for _on_and_off in range(2):
                before = screen.state.selected
                toggles.append(
                    await _timed_key(
                        pilot, clock, "space", lambda b=before: screen.state.selected != b
                    )
                )
            await pilot.press("down")
        result["toggle_actor_ms"] = _summary(toggles)
        await pilot.press("escape")  # out of the list, back to the timeline
        await pilot.press("slash")
        await _painted(app)
        keys = []
        for word in ("security", "ceasefire", "kyiv"):
            for length, char in enumerate(word, 1):
                typed = word[:length]
                keys.append(  # a keystroke also marks the terms in the detail pane: wait for it
                    await _timed_key(
                        pilot,
                        clock,
                        char,
                        lambda t=typed: screen.state.search_text == t,
                        ("#detail-body",),
                    )
                )
            for _ in word:
                await pilot.press("backspace")
            await _painted(app)
        result["search_keystroke_ms"] = _summary(keys)
        # `r` reads every file again and assembles a new timeline while the old one is on
        # screen: the peak memory of the run counts both.
        await pilot.press("escape")  # out of the search box
        await _painted(app)
        before, reload_start = app.timeline, time.perf_counter()
        if reload:
            await pilot.press("r")
        if reload and await _until(pilot, lambda: app.timeline is not before, timeout):
            result["reload_s"] = (await _painted(app)) - reload_start
        quit_start = time.perf_counter()
    result["exit_s"] = time.perf_counter() - quit_start
    return result


async def time_first_screen(
    paths: Sequence[str], whole: bool = True, timeout: float = 600.0
) -> dict[str, Any]:
    """Open the app on `paths` and note (as `time.time()` instants, for a caller that knows
    when the process started) the first frame displayed in which the timeline pane drew rows
    of real events, and (if `whole`) the frame that shows the whole load. For a large cold
    open the first is the timeline of the first files read (`TimelineApp._show_partial`)."""
    cls = app_class()
    if cls is None:
        return {"error": "app not built"}
    app = cls(list(paths), watch=False)
    clock = FrameClock(app)
    result: dict[str, Any] = {}
    epoch = time.time() - time.perf_counter()  # perf_counter instants to time.time ones
    async with app.run_test(size=(120, 40)) as pilot:
        result["paint_at"] = epoch + await _painted(app)
        screen = app.main
        pane = screen.query_one("#timeline")
        clock.watch(pane)
        if len(screen.positions) > 0:  # a small timeline is in the first frame already
            result["screen_at"] = result["paint_at"]
            result["screen_events"] = len(app.timeline.events)
        else:
            seen: dict[str, Any] = {}

            def rows_shown() -> bool:
                if len(screen.positions) == 0:
                    return False
                seen.setdefault("events", len(app.timeline.events))
                seen.setdefault("partial", not app.full_shown)
                return True

            frame = clock.first_frame_where(rows_shown, pane)
            try:
                result["screen_at"] = epoch + await asyncio.wait_for(frame, timeout)
            except TimeoutError:
                result["error"] = "no events on screen"
                return result
            result["screen_events"] = seen["events"]
            result["screen_partial"] = seen["partial"]
        if not whole:
            return result
        if not await _until(pilot, lambda: app.full_shown, timeout):
            result["error"] = "the whole load was not shown"
            return result
        result["whole_at"] = epoch + await _painted(app)
        result["events"] = len(app.timeline.events)
    return result


def _summary(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "median": statistics.median(ms),
        "p90": ms[int(len(ms) * 0.9) - 1] if len(ms) >= 10 else ms[-1],
        "max": ms[-1],
        "n": len(ms),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.app_timing", description=__doc__.split("\n")[0]
    )
    parser.add_argument("paths", nargs="*", default=["events"])
    parser.add_argument("--runs", type=int, default=20, help="actor toggles (each on and off)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = asyncio.run(time_app(args.paths, args.runs))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:22s} {value}")
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
