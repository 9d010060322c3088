"""What a changed event's fields were and are: the detail pane's lines under "Changed since
you last looked", from the event as last seen (loading/seen_copies.py) and as it is. No
Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from timeline_tui.core.bounds import date_text
from timeline_tui.core.model import Event
from timeline_tui.view.excerpt import shown_line

VALUE_LIMIT = 80  # characters of each value shown: a summary rewritten is not shown whole


def field_value(event: Event, field: str, name: Callable[[str], str] = str) -> str:
    """One field of the event (a name of core/seen.FIELDS) as a line of text."""
    if field == "when":
        return date_text(event)
    if field in ("end", "earliest", "latest"):
        when = getattr(event, field)
        return when.display() if when is not None else "none"
    if field == "actors":
        return ", ".join(name(actor) for actor in event.actors) or "none"
    if field == "quotes":
        texts = [f"{q.speaker}: {q.text}" if q.speaker else q.text for q in event.quotes]
        return " | ".join(texts) or "none"
    if field in ("tags", "sources", "related", "conflicts"):
        return ", ".join(getattr(event, field)) or "none"
    text = str(getattr(event, field, ""))
    return " ".join(text.split()) or "none"


def change_lines(
    before: Event, after: Event, fields: Sequence[str], name: Callable[[str], str] = str
) -> tuple[str, ...]:
    """`title: was “Old”, now “New”` for each of `fields` (those a fingerprint says changed)
    whose text differs; actors as `name` gives them for the event as it is, as written before
    (a file read on its own names them as written)."""
    lines = []
    for field in fields:
        old, new = field_value(before, field), field_value(after, field, name)
        if old != new:
            lines.append(f"{field}: was “{_cut(old)}”, now “{_cut(new)}”")
    return tuple(lines)


def _cut(text: str) -> str:
    return shown_line(text, VALUE_LIMIT)
