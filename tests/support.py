"""What every tier of tests shares: the repository's folders and small helpers on diagnostics."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.timeline import Timeline

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Write = Callable[..., Path]


def event_ids(timeline: Timeline) -> list[str]:
    return [event.id for event in timeline.events]


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def warnings_(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "warning"]


def only(diagnostics: Iterable[Diagnostic], text: str) -> Diagnostic:
    """The one diagnostic whose message holds `text` (fails if there is not exactly one)."""
    found = [d for d in diagnostics if text in d.message]
    assert len(found) == 1, f"expected one diagnostic with {text!r}, got {found}"
    return found[0]


def _resident_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10  # KiB on Linux


@contextmanager
def within(seconds: float = 2.0, mib: int = 200) -> Iterator[None]:
    """Fail if the block takes longer than `seconds` or grows the process by more than `mib`
    at its peak (when the process's peak rose in the block: else the block stayed below an
    earlier peak, which says nothing against it). tracemalloc would say more but run five
    times slower."""
    resident, peak = _resident_mib(), _peak_mib()
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    grown = _peak_mib() - resident if _peak_mib() > peak else 0.0
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert grown < mib, f"grew by {grown:.0f} MiB"
