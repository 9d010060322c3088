"""What every tier of tests shares: the repository's folders and small helpers on diagnostics."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
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
