"""A timeline's events in time order, read from the files' packed events when asked for.

The store holds each file's PackedEvents as read (the same objects the workspace and the cache
hold), the order of the events in time, and how assembly resolved each actor name. Reading
position p decompresses the block holding it, unpickles that one event and resolves its
names, as assembly did; the last blocks read are kept decompressed and the last events read are
kept resolved, so the rows on screen and the event in the detail pane cost no decoding while
they stay there, and a list of scattered events (`timeline list --actor X`) decodes only those.
"""

from __future__ import annotations

import sys
import threading
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from timeline_tui.core.actors import fold
from timeline_tui.core.columns import Columns
from timeline_tui.core.model import Event, Quote
from timeline_tui.core.seen import Fingerprints
from timeline_tui.core.timeline import Events
from timeline_tui.storage import makers
from timeline_tui.storage.packing import BLOCK, PackedEvents, Unpacked

KEPT_BLOCKS = 64  # decompressed blocks kept, and as many blocks' worth of events read (2,048)

_replace_quote = makers.replacer(Quote)
_replace_event = makers.replacer(Event)


def resolved(
    event: Event, actor_id: Callable[[str], str], speaker_id: Callable[[Quote], str]
) -> Event:
    """The event with its actor names and quote speakers as actor ids, and its actors the ids
    of its own, then of its speakers, each once (as assembly's _resolve_event has them)."""
    quotes = tuple([_with_speaker(quote, speaker_id) for quote in event.quotes])
    named = [actor_id(name) for name in event.actors]
    actors = tuple(dict.fromkeys([*named, *(quote.speaker for quote in quotes if quote.speaker)]))
    if actors == event.actors and quotes == event.quotes:
        return event
    replaced: Event = _replace_event(event, actors=actors, quotes=quotes)
    return replaced


def _with_speaker(quote: Quote, speaker_id: Callable[[Quote], str]) -> Quote:
    if not quote.speaker:
        return quote
    speaker = speaker_id(quote)
    return quote if speaker == quote.speaker else _replace_quote(quote, speaker=speaker)


class EventStore(Events):
    """Events by position (time order), decoded from packed files on demand; read like a tuple."""

    def __init__(
        self,
        packs: Sequence[PackedEvents] = (),
        names: Mapping[str, str] | None = None,
        columns: Columns | None = None,
    ) -> None:
        self.packs = tuple(packs)
        self.names = dict(names or {})
        self.columns = columns if columns is not None else Columns()
        self.order = self.columns.order  # position -> slot
        starts = array("Q", [0])
        for pack in self.packs:
            starts.append(starts[-1] + len(pack))
        self.starts = starts  # the first slot of each file
        self._blocks: OrderedDict[tuple[int, int], Unpacked] = OrderedDict()  # decompressed
        self._events: OrderedDict[int, Event] = OrderedDict()  # by slot, read and resolved
        self._lock = threading.Lock()  # read from the UI thread and from loading threads

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, position):  # type: ignore[no-untyped-def]
        if isinstance(position, slice):
            return [self[p] for p in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self.at_slot(self.order[position])

    def __iter__(self) -> Iterator[Event]:
        return map(self.at_slot, self.order)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (EventStore, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        # A count, not the events: Textual's @work describes a worker by the repr of its
        # arguments, and listing 100,000 events decoded every one (16 s, 400 MiB at 100k).
        return f"<EventStore of {len(self)} events>"

    def at_slot(self, slot: int) -> Event:
        """The event in this slot (load order), resolved."""
        with self._lock:
            found = self._events.get(slot)
            if found is not None:
                self._events.move_to_end(slot)
                return found
            file = bisect_right(self.starts, slot) - 1
            offset = slot - self.starts[file]
            event = self._resolved(self._block_now(file, offset // BLOCK).event(offset % BLOCK))
            self._events[slot] = event
            if len(self._events) > KEPT_BLOCKS * BLOCK:
                self._events.popitem(last=False)
            return event

    def _block_now(self, file: int, number: int) -> Unpacked:
        key = (file, number)
        blocks = self._blocks
        found = blocks.get(key)
        if found is not None:
            blocks.move_to_end(key)
            return found
        unpacked = self.packs[file].unpacked(number)
        blocks[key] = unpacked
        if len(blocks) > KEPT_BLOCKS:
            blocks.popitem(last=False)
        return unpacked

    def _resolved(self, event: Event) -> Event:
        # Every name of an event shown was resolved by assembly; a duplicate left out (never
        # shown, but in the same file) may use names nobody else does.
        names = self.names  # by fold(name), as assembly resolved them

        def actor(name: str) -> str:
            return names.get(fold(name), name)

        def speaker(quote: Quote) -> str:
            return names.get(fold(quote.speaker), quote.speaker)

        return resolved(event, actor, speaker)

    def index_of(self, event_id: str) -> int | None:
        """The position of the event with this id, or None."""
        for position in self.columns.positions_of_id(event_id):
            if self[position].id == event_id:
                return position
        return None

    def fingerprints(self) -> Fingerprints:
        """Each event's fingerprint by id, from the files' digests in load order (an id
        given twice: its first event's, the one kept): no event is decoded."""
        found: Fingerprints = {}
        intern = sys.intern  # one string each, shared with the last look's (core/seen.shared)
        for pack in self.packs:  # a file at a time: no list of every id or fingerprint
            digest = pack.digest
            for facts, print_ in zip(digest.facts_list(), digest.fingerprints(), strict=True):
                event_id = intern(facts[0])
                if event_id not in found:  # the first wins
                    found[event_id] = intern(print_)
        return found

    def __getstate__(self) -> dict[str, object]:
        return {"packs": self.packs, "names": self.names, "columns": self.columns}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["packs"], state["names"], state["columns"])  # type: ignore[misc]
