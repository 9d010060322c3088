"""Events kept compact: a file's events as compressed pickles in blocks, decoded when read.

At 100,000 events the model's objects take about 1 KiB each (111 MiB in all), far over the
memory target; pickled (an event at a time) and compressed in blocks of 32 they take about 190
bytes each. A file's events are packed once, where the file is parsed (in a worker process,
often), and stay packed everywhere else: in the cache, in the workspace, and in the assembled
timeline, which decompresses a block only when one of its events is read (a screenful of rows,
the event in the detail pane), and unpickles only the events read. Pickling each event alone
costs packing more than one pickle a block would, and reading a whole block too; reading one
event costs about half (`python -m benchmarks.packing_timing` measures the three side by side).

`dumps` is also the cache's pickle: the model's classes are pickled as (a fast
maker, field values), quicker to load than a dataclass's own __setstate__.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import IO, Any

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Actor, Event, Precision, Quote, Source, When
from timeline_tui.storage import makers
from timeline_tui.storage.digest import Digest

BLOCK = 32  # events a block: a screenful of rows decodes one or two, each in about 0.1 ms
LEVEL = 1  # zlib's quickest: 4x smaller than the pickle; higher levels gain little more

# -- a fast pickle of the model ----------------------------------------------------------

_MAKERS: dict[type, Callable[..., Any]] = {}
_MADE: list[Callable[..., Any]] = []  # the makers (or classes) named in pickles


def _register(cls: type) -> None:
    """Pickle instances of cls as (its maker, field values). The maker is a module attribute
    here, so pickle finds it."""
    make = makers.maker(cls)
    name = f"_make_{cls.__name__}"
    if make is not cls:
        make.__module__, make.__qualname__, make.__name__ = __name__, name, name
        globals()[name] = make
    values = makers.fields_of(cls)
    _MAKERS[cls] = lambda value: (make, values(value))
    _MADE.append(make)


for _cls in (Event, When, Quote, Actor, Source, Diagnostic):
    _register(_cls)

# Each event is pickled on its own (see pack_block), so the classes and functions it names are
# named again in each: as copyreg extension codes (of the private-use range, 240-255) a name is
# two bytes, found on loading without an import lookup (a third of the time to load an event).
_EXTENDED = (
    *((make.__module__, make.__qualname__) for make in _MADE),
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "timezone"),
    ("datetime", "timedelta"), ("builtins", "getattr"), ("zoneinfo", "ZoneInfo"),
    (Precision.__module__, "Precision"),
)  # fmt: skip


def _add_extensions(first: int = 240) -> None:
    """Register the names above; a code or name some other code registered is left as it is
    (the name is then pickled in full, as without this)."""
    for code, (module, name) in enumerate(_EXTENDED, first):
        try:
            copyreg.add_extension(module, name, code)
        except ValueError:
            continue


_add_extensions()


def dumps(value: object) -> bytes:
    """Pickle with the fast makers for the model's classes."""
    out = io.BytesIO()
    dump(value, out)
    return out.getvalue()


def dump(value: object, handle: IO[bytes]) -> None:
    """dumps, written to a file as it goes (large buffers go straight to it, uncopied)."""
    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**_dispatch_base(), **_MAKERS}
    pickler.dump(value)


@cache
def _dispatch_base() -> dict[Any, Any]:
    return dict(copyreg.dispatch_table)


def pack_block(events: Sequence[Event]) -> bytes:
    """The events pickled one by one (so that one can be read without the rest), compressed
    together: a count, the end of each event's pickle, then the pickles."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**_dispatch_base(), **_MAKERS}
    pickler.fast = True  # no memo: each event's pickle stands alone (the model has no cycles)
    ends = array("I")
    for event in events:
        pickler.dump(event)
        ends.append(out.tell())
    head = array("I", [len(ends)]) + ends
    return zlib.compress(head.tobytes() + out.getvalue(), LEVEL)


class Unpacked:
    """A block decompressed: its events are read one at a time, each unpickled when asked."""

    __slots__ = ("data", "ends", "base")

    def __init__(self, block: bytes) -> None:
        data = zlib.decompress(block)
        count = array("I", data[:4])[0]
        self.ends = array("I", data[4 : 4 + 4 * count])
        self.base = 4 + 4 * count
        self.data = memoryview(data)

    def __len__(self) -> int:
        return len(self.ends)

    def event(self, index: int) -> Event:
        start = self.base + (self.ends[index - 1] if index else 0)
        event: Event = pickle.loads(self.data[start : self.base + self.ends[index]])
        return event

    def events(self) -> list[Event]:
        return [self.event(index) for index in range(len(self.ends))]


def unpack_block(block: bytes) -> Unpacked:
    return Unpacked(block)


# -- one file's events -------------------------------------------------------------------


class PackedEvents(Sequence[Event]):
    """A file's events, in file order, packed in blocks of BLOCK; read like a tuple.

    Equal packs are equal bytes (the parser shares strings the same way for the same text), so
    comparing two reads of a file costs no decoding. Iterating decodes each block once;
    indexing decodes the block asked for each time."""

    __slots__ = ("blocks", "size", "digest")

    def __init__(
        self, blocks: Sequence[bytes] = (), count: int = 0, digest: Digest | None = None
    ) -> None:
        self.blocks = tuple(blocks)
        self.size = count
        self.digest = Digest.of([]) if digest is None else digest

    @classmethod
    def pack(cls, events: Sequence[Event]) -> PackedEvents:
        """Pack events, with what assembly and search need of each (see Digest)."""
        blocks = [pack_block(events[at : at + BLOCK]) for at in range(0, len(events), BLOCK)]
        return cls(blocks, len(events), Digest.of(events))

    @property
    def ids(self) -> array[int]:
        """id_key of each event's id."""
        return self.digest.ids

    @property
    def texts(self) -> tuple[bytes, array[int]]:
        """event_text of each, joined (blob, starts)."""
        return self.digest.texts

    def unpacked(self, number: int) -> Unpacked:
        """One block decompressed, its events read one at a time."""
        return unpack_block(self.blocks[number])

    def block(self, number: int) -> list[Event]:
        """The events of one block, decoded anew (the timeline's store keeps the blocks it
        reads; a pack keeping any would keep one per file, beyond that store's bound)."""
        return unpack_block(self.blocks[number]).events()

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self[i] for i in range(self.size)[index]]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        return unpack_block(self.blocks[index // BLOCK]).event(index % BLOCK)

    def __iter__(self) -> Iterator[Event]:
        for number in range(len(self.blocks)):
            yield from unpack_block(self.blocks[number]).events()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedEvents):
            same = self.blocks == other.blocks
            return self.size == other.size and (same or list(self) == list(other))
        if isinstance(other, (list, tuple)):
            return self.size == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedEvents({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedEvents, (self.blocks, self.size, self.digest))
