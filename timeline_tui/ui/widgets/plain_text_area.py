"""PlainTextArea: a TextArea that never hands a control character to the terminal."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from timeline_tui.core.sanitizer import sanitize_in_place


class PlainTextArea(TextArea):
    """A TextArea whose lines are drawn with their control characters made visible, one for
    one (the text is kept as it is), as PlainInput does for a line: a note read from a shared
    folder's notes file may hold an escape sequence."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = [_plain(segment) for segment in strip]
        return Strip(segments, strip.cell_length)


def _plain(segment: Segment) -> Segment:
    text, style, control = segment
    if control:
        return segment
    shown = sanitize_in_place(text)
    return segment if shown is text else Segment(shown, style)
