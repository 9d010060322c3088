"""Where a new event goes and what it is called.

Its file: the highlighted event's, when that event is on the same day, else a file named for
the day (`2025-08-18.toml`) in the first folder opened, made if need be. Its id: the slug of
its title, with `-2`, `-3`, ... when that is taken (as implicit actor ids are made).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from timeline_tui.core.actors import slug
from timeline_tui.core.dates import DateError, from_toml
from timeline_tui.core.model import Event

from .fields import when_value


def unique_id(title: str, taken: Callable[[str], bool]) -> str:
    """The slug of `title` (`event` for a title with no letter or digit), made unique."""
    base = slug(title) if any(c.isalnum() for c in title) else "event"
    made, number = base, 1
    while taken(made):
        number += 1
        made = f"{base}-{number}"
    return made


def day_of(when: str) -> date | None:
    """The day a `when` names when read without a file's defaults, or None if unreadable."""
    try:
        read = from_toml(when_value(when))
    except DateError:
        return None
    return None if read.unreadable else read.moment.date()


def target_file(day: date | None, highlighted: Event | None, folder: str) -> str:
    """The highlighted event's file if it is on `day`, else `<folder>/<day>.toml`."""
    dated = highlighted is not None and not highlighted.when.unreadable
    if highlighted is not None and dated and highlighted.when.moment.date() == day:
        return highlighted.file
    name = f"{day.isoformat()}.toml" if day is not None else "undated.toml"
    return os.path.join(folder, name)
