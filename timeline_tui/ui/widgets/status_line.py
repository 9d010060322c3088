"""StatusLine: shown of total, the filters on, the files open, and the problem count."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    """One line of plain text at the bottom of the main screen."""

    text = ""

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update(Content(text), layout=False)  # one line high always: no layout pass
