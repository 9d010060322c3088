"""StatusLine: shown of total, the filters on, the files open, and the problem count."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    """One line of plain text at the bottom of the main screen."""

    def set_text(self, text: str) -> None:
        self.update(Content(text))
