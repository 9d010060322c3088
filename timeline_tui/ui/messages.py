"""App-wide messages: what panes say happened, and what they ask the screen to do."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class EventHighlighted(Message):
    """The timeline cursor moved to an event (None when nothing is shown)."""

    position: int | None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, EventHighlighted)


@dataclass
class JumpRequested(Message):
    """Someone asked to show the event with this id."""

    event_id: str


@dataclass
class ActorToggled(Message):
    """The actor filter turned an actor on or off."""

    actor_id: str


@dataclass
class MatchModeToggled(Message):
    """The actor filter switched between match-any and match-all."""


@dataclass
class SearchChanged(Message):
    """The search text changed (as typed)."""

    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SearchChanged)


@dataclass
class TimelineReady(Message):
    """A (re)loaded timeline is ready to show; posted from loading and watching threads."""

    prepared: object  # a prepared.Prepared; typed loosely to keep this module free of the core


@dataclass
class LoadProgressed(Message):
    """So many of the files being loaded have been read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgressed)
