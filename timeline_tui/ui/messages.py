"""App-wide messages, posted by the loading and watching threads to the app. (What a pane says
happened is a message nested in the pane: TimelinePane.Highlighted, ActorFilter.Toggled.)"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class TimelineReady(Message):
    """A (re)loaded timeline is ready to show; posted from loading and watching threads."""

    prepared: object  # a prepared.Prepared; typed loosely to keep this module free of the core
    partial: bool = False  # the first files of a cold open, the rest still being read


@dataclass
class LoadProgressed(Message):
    """So many of the files being loaded have been read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgressed)


class NotesTouched(Message):
    """The notes file (`.timeline/notes.toml`) may have changed on disk; from the watcher."""
