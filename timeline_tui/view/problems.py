"""EventProblems: the problems of each event, found by the event's file and line.

Events carry no problems of their own (at 100,000 events a tuple each would cost megabytes,
and storage packs them): a diagnostic made while an event was read names that event's line
(`Diagnostic.event_line`), and this index finds an event's problems from its file and line,
in two arrays of the few events that have any.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Event


class EventProblems:
    """The diagnostics of each event, in the order given (the timeline's: by place)."""

    __slots__ = ("files", "keys", "found")

    def __init__(self, diagnostics: Sequence[Diagnostic] = ()) -> None:
        self.files: dict[str, int] = {}  # path -> its number in the keys
        about = [d for d in diagnostics if d.event_line > 0]
        keyed = sorted(range(len(about)), key=lambda n: self._key(about[n]))
        self.keys = array("Q", [self._key(about[n]) for n in keyed])
        self.found = tuple(about[n] for n in keyed)

    def _key(self, diagnostic: Diagnostic) -> int:
        number = self.files.setdefault(diagnostic.path, len(self.files))
        return number << 32 | min(diagnostic.event_line, 0xFFFFFFFF)

    def _range(self, event: Event) -> tuple[int, int]:
        number = self.files.get(event.file)
        if number is None or not self.keys:
            return (0, 0)
        key = number << 32 | min(event.line, 0xFFFFFFFF)
        return (bisect_left(self.keys, key), bisect_right(self.keys, key))

    def of(self, event: Event) -> tuple[Diagnostic, ...]:
        """The event's problems (those of every event on its line: only an inline array of
        events puts two on one line)."""
        start, end = self._range(event)
        return self.found[start:end]

    def has(self, event: Event) -> bool:
        start, end = self._range(event)
        return end > start

    def __len__(self) -> int:
        return len(self.found)


NO_PROBLEMS = EventProblems()
