"""Times as an export shows them: in the display zone when one is given, else in each event's
own zone (a floating time stays as written). The zone is a parameter, so that the app's and
the command line's display zone can be handed down."""

from __future__ import annotations

from datetime import datetime, tzinfo

from timeline_tui.core.model import Precision, When
from timeline_tui.core.zones import DisplayZone


def moment_in(when: When, zone: tzinfo | None) -> datetime:
    """The moment in `zone` (None: its own zone); a date-only or floating value is not moved,
    since moving it would invent a time of day (or a zone) the record never gave."""
    if zone is None or when.precision < Precision.HOUR or when.zone is None:
        return when.moment
    return when.moment.astimezone(zone)


def shown_when(when: When, zone: tzinfo | None) -> When:
    """`when` with its moment in `zone` (see moment_in), for display() and clock()."""
    moment = moment_in(when, zone)
    if moment is when.moment:
        return when
    return When(moment, when.precision, when.approximate, when.zone)


def export_zone(zone: DisplayZone) -> tzinfo | None:
    """The tzinfo an export takes for a display zone (the app's, or `--zone`): None for each
    event's own; for a local zone with no IANA name, the machine's offset now (the only
    tzinfo the C library's local time gives)."""
    if zone.shows_own:
        return None
    return zone.tzinfo or datetime.now().astimezone().tzinfo
