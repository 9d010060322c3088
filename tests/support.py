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
SEEDS = EVENTS / "seeds"  # inside events/: documents are read only from the folders opened
BROKEN = REPO / "tests" / "data" / "broken"  # broken records: every problem shown on its event
SHARED = REPO.parent / "shared"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Write = Callable[..., Path]

# Files that once crashed `timeline check` with a traceback (issue 11): name to (content, the
# line of its one error, the error's message); each error is at column 1.
CRASHERS = {
    "after-9999.toml": (
        "[meta]\nreference_date = 9999-12-31\n\n[[events]]\nid = 'a'\ntitle = 'A'\n"
        "when = 'next Monday'\n",
        7, "'next Monday' from 9999-12-31 falls past year 9999",
    ),
    "before-1.toml": (
        "[meta]\nreference_date = 0001-01-01\n\n[[events]]\nid = 'b'\ntitle = 'B'\n"
        "when = 'yesterday'\n",
        7, "'yesterday' from 0001-01-01 falls before year 1",
    ),
    "offset.toml": (
        "[[events]]\nid = 'c'\ntitle = 'C'\nwhen = '2025-08-18 10:00 UTC-24'\n",
        4, "a UTC offset must be less than 24 hours",
    ),
    "source-offset.toml": (
        "[[sources]]\nid = 's'\ndate = '2025-08-18 10:00 UTC-24'\n",
        3, "a UTC offset must be less than 24 hours",
    ),
    "nul-document.toml": (
        '[[sources]]\nid = "n"\ndocument = "a\\u0000b"\n\n[[events]]\nid = "q"\ntitle = "Q"\n'
        'when = 2025-01-01\nsource = "n"\n[[events.quotes]]\nspeaker = "x"\ntext = "hi"\n',
        3, "'document' holds a NUL character",
    ),
    "zone.toml": ('[meta]\ntimezone = "' + "a." * 300 + 'x/y"\n', 2, "time zone name too long"),
}  # fmt: skip

# A file whose line 2 holds, in a string, characters that str.splitlines breaks at (TOML
# breaks at "\n" only); format it with a line 4 that has a problem.
LINE_SEPARATORS = '[[events]]\ntitle = "a\u2028b\u2029c\x85d"\nid = "e"\n{}\nwhen = 2025-08-18\n'


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
    """Fail if the block takes more than `seconds` of this process's CPU time (not wall time:
    on a shared machine that measures the neighbours) or grows the process by more than `mib`
    at its peak (when the process's peak rose in the block: else the block stayed below an
    earlier peak, which says nothing against it). tracemalloc would say more but run five
    times slower."""
    resident, peak = _resident_mib(), _peak_mib()
    started = time.process_time()
    yield
    elapsed = time.process_time() - started
    grown = _peak_mib() - resident if _peak_mib() > peak else 0.0
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert grown < mib, f"grew by {grown:.0f} MiB"
