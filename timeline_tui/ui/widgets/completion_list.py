"""CompletionList: what the search box can complete the term at its cursor to, under the box.

It never takes focus: the box keeps every letter typed, `down` `up` move the list's cursor
(the first `down` moves into it), `tab` accepts the highlighted line, and so does `enter`
once `down` moved into the list. The screen hands it a Completion (view/completion.py) and
asks it which candidate is highlighted; a value's count stands at the end of its line.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.view.completion import NOTHING, Candidate, Completion


def prompt(candidate: Candidate) -> Text:
    """A candidate's line: its label as plain text (never markup), its count dimmed."""
    line = Text(sanitize_line(candidate.label), no_wrap=True, overflow="ellipsis")
    if candidate.count is not None:
        line.append(f"  {candidate.count:,}", style="dim")
    return line


class CompletionList(OptionList, can_focus=False):
    """The candidates for the term being typed; hidden when there are none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.completion = NOTHING
        self.entered = False  # `down` moved into the list: enter accepts
        self.display = False

    def offer(self, completion: Completion) -> None:
        """Show these candidates (the first highlighted), or hide the list if there are none."""
        self.completion, self.entered = completion, False
        self.display = bool(completion.candidates)
        if completion.candidates:
            self.set_options(prompt(candidate) for candidate in completion.candidates)
            self.highlighted = 0

    def move(self, step: int) -> None:
        """The next (1) or previous (-1) line; the first `down` only moves into the list."""
        if not self.completion.candidates:
            return
        if step > 0 and not self.entered:
            self.entered = True
            return
        self.entered = True
        last = len(self.completion.candidates) - 1
        self.highlighted = min(max((self.highlighted or 0) + step, 0), last)

    @property
    def choice(self) -> int:
        """Which line is highlighted (0 when none is)."""
        return self.highlighted or 0
