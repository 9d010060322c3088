"""What of an untrusted field is laid out: sanitised, and cut to what a screen can use.

A file may hold a title of 30 MB. Handed whole to the widgets, it was sanitised, measured and
wrapped at every paint (the first paint took a minute and 2.5 GiB). A line is at most a few
hundred cells wide, so one-line fields (titles, names, places) are cut to LINE_LIMIT characters
with an ellipsis; the detail pane's blocks (summary, notes, quotes) to BLOCK_LIMIT, with a
note of how much was left out. Both cut before sanitising, so that neither pass reads the rest.
"""

from __future__ import annotations

from timeline_tui.core.sanitizer import sanitize, sanitize_line

LINE_LIMIT = 2_000
BLOCK_LIMIT = 100_000


def shown_line(text: str, limit: int = LINE_LIMIT) -> str:
    """A one-line field as shown: sanitised, and past `limit` characters cut with "…"."""
    if len(text) <= limit:
        return sanitize_line(text)
    return sanitize_line(text[:limit]) + "…"


def shown_block(text: str, limit: int = BLOCK_LIMIT) -> str:
    """A multi-line field as shown: sanitised, and past `limit` characters cut with a note of
    how many more there are."""
    if len(text) <= limit:
        return sanitize(text)
    return sanitize(text[:limit]) + f"… ({len(text) - limit:,} more characters)"
