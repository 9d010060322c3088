"""What every tier of tests shares: the repository's folders and small helpers on diagnostics."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.timeline import Timeline

REPO = Path(__file__).resolve().parents[1]
EVENTS = REPO / "events"
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Write = Callable[..., Path]

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
