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
