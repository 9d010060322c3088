"""The anchor (`p`): how far each row's event is from a pinned one, as plain text. No Textual."""

from __future__ import annotations

from timeline_tui.core.model import Event, Precision
from timeline_tui.core.zones import OWN, DisplayZone

MINUS = "−"  # U+2212: a minus sign, not a hyphen
OFFSET_CELLS = 11  # the offset column of a row: `−3 h 15 min`, `−999 d 23 h`


def offset_text(event: Event, anchor: Event, zone: DisplayZone = OWN) -> str:
    """`+2 d 4 h`, `−3 h`, `+25 min`, `same time`, `anchor` for the anchor itself. When
    either is known only to the day, days only: `+3 d`, `same day` (by the days shown in the
    display zone). Blank when either is coarser than a day, known only by bounds, or
    unreadable: no offset can honestly be given."""
    if event is anchor:
        return "anchor"
    if not (_datable(event) and _datable(anchor)):
        return ""
    if min(event.when.precision, anchor.when.precision) < Precision.HOUR:
        days = (zone.convert(event.when).date() - zone.convert(anchor.when).date()).days
        return "same day" if days == 0 else _signed(days, f"{abs(days)} d")
    seconds = round(event.when.instant - anchor.when.instant)
    if seconds == 0:
        return "same time"
    return _signed(seconds, _span_text(abs(seconds)))


def _datable(event: Event) -> bool:
    when = event.when
    return not event.bounded and not when.unreadable and when.precision >= Precision.DAY


def _span_text(seconds: int) -> str:
    """`2 d 4 h`, `3 h 20 min`, `25 min`: the two largest units, the second left out when 0."""
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return f"{days} d" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{max(minutes, 1)} min" if seconds >= 60 else "<1 min"


def _signed(value: int, text: str) -> str:
    return ("+" if value > 0 else MINUS) + text
