"""The heap's housekeeping while many long-lived objects are built: the cyclic collector paused
(and what was built frozen afterwards), and the C heap trimmed after a large load."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False
_gc_since = 0.0
LARGE_S = 0.1  # a block that took this long built enough to be worth freezing and trimming
_imports_paused: bool | None = None  # the app's imports: not yet paused, paused, ended


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off while building many objects; safe to nest and use in threads.

    What such a block builds (a load, an index) lives until the next load, so on leaving the
    outermost block every object alive is frozen (`gc.freeze`) before the collector comes
    back: otherwise its next collections would walk all of them, at 100,000 events 0.4 to
    0.7 s each with the UI stopped, again and again. Garbage cycles are collected just before
    (walking only what is not frozen yet). Frozen objects are still freed by reference counting
    when a reload drops them; only cycles that become garbage after being frozen stay."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector()


def pause_collector() -> None:
    """Enter a pause of the collector that resume_collector() leaves (gc_paused's, for a pause
    that starts and ends in different places)."""
    global _gc_depth, _gc_was_enabled, _gc_since
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            _gc_since = time.perf_counter()
            gc.disable()
        _gc_depth += 1


def resume_collector() -> None:
    """Leave a pause; leaving the outermost one of a large block freezes what was built (after
    collecting the cycles made meanwhile) and brings the collector back if it was on."""
    global _gc_depth
    with _gc_lock:
        _gc_depth -= 1
        if _gc_depth == 0:
            # A small load skips this, and so does a command (run with the collector off
            # until it exits): the first collection walks all of Textual too (20-25 ms,
            # before the first frame). Cycles made meanwhile are freed first: frozen, they
            # never would be; then the C heap is trimmed.
            if _gc_was_enabled and time.perf_counter() - _gc_since >= LARGE_S:
                gc.collect()
                gc.freeze()
                trim_heap()
            if _gc_was_enabled:
                gc.enable()


def pause_for_imports() -> None:
    """The collector off while the app's modules are imported (from timeline_tui/ui/__init__.py,
    before Textual is): they build some 70,000 objects that live as long as the process, and
    the collections they set off would walk them, over and over (about 25 ms of the start-up
    on a loaded machine), then once all of them (a full collection, 35-90 ms, in the first
    frame). Ended by end_import_pause() once ui/app.py is imported; at most once a process."""
    global _imports_paused
    with _gc_lock:
        if _imports_paused is not None:
            return
        _imports_paused = True
    pause_collector()


def end_import_pause() -> None:
    """Freeze what the imports built (out of every later collection's walk) and bring the
    collector back; no collection first (it would walk them all, before the first frame)."""
    global _imports_paused, _gc_depth
    with _gc_lock:
        if not _imports_paused:
            return
        _imports_paused = False
        _gc_depth -= 1
        if _gc_depth == 0:
            gc.freeze()
            if _gc_was_enabled:
                gc.enable()


def trim_heap() -> None:
    """Give the free memory of the C heap back to the system (glibc's malloc_trim; nothing
    elsewhere). Reading 100,000 events makes and frees tens of MiB of small blocks, which
    glibc otherwise keeps: counted as the process's own, they add to every reload's peak."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes  # on use: a few milliseconds to import, after the first frame

        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    return trim
