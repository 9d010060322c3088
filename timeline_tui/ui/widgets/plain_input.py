"""PlainInput: a text box that never hands a control character to the terminal."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from timeline_tui.core.sanitizer import sanitize_in_place


class PlainInput(Input):
    """An Input whose text is drawn with its control characters made visible, one for one (the
    value is kept as it is: a path with an escape in its name still opens). A file's name
    taken into the path box, or text pasted into a box, would otherwise reach the terminal."""

    @property
    def _value(self) -> Text:  # what Input draws (and measures) its value as
        text = super()._value
        shown = sanitize_in_place(text.plain)
        if shown is text.plain:
            return text
        return Text(shown, no_wrap=True, overflow="ignore", end="", spans=text.spans)
