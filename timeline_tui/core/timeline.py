"""A Timeline: everything loaded, as one value (events in time order, actors, sources, problems).

Its events are anything that reads like a tuple of events and carries the timeline's Columns:
storage's EventStore (events kept packed until read) or, for an empty timeline, NoEvents.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from timeline_tui.core.actors import ActorRegistry
from timeline_tui.core.columns import Columns
from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Event, Source
from timeline_tui.core.provenance import QuoteChecks
from timeline_tui.core.seen import Fingerprints, fingerprints


class Events(Sequence[Event]):
    """A timeline's events in time order, read like a tuple, with the columns of all of them."""

    columns: Columns

    @abstractmethod
    def index_of(self, event_id: str) -> int | None:
        """The position of the event with this id, or None."""

    def fingerprints(self) -> Fingerprints:
        """Each event's fingerprint by id (core/seen.py), decoding each; the store's are
        kept from packing, and cost no decoding."""
        return fingerprints(self)


class NoEvents(Events):
    """The events of an empty timeline."""

    def __init__(self) -> None:
        self.columns = Columns()

    def __len__(self) -> int:
        return 0

    def __getitem__(self, position):  # type: ignore[no-untyped-def]
        if isinstance(position, slice):
            return []
        raise IndexError(position)

    def __iter__(self) -> Iterator[Event]:
        return iter(())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(other) == 0
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def index_of(self, event_id: str) -> int | None:
        return None


@dataclass(frozen=True)
class Timeline:
    """Everything loaded: events in time order, actors, sources, and the problems found.

    `events` reads like a tuple; its events stay packed until read (see storage/event_store.py), and
    `columns` holds what filtering and search need of all of them."""

    events: Events = field(default_factory=NoEvents)
    actors: ActorRegistry = field(default_factory=ActorRegistry)
    sources: dict[str, Source] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = ()
    quote_checks: QuoteChecks = field(default_factory=QuoteChecks)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def columns(self) -> Columns:
        return self.events.columns

    def index_of(self, event_id: str) -> int | None:
        """The position of the event with this id, or None."""
        return self.events.index_of(event_id)
