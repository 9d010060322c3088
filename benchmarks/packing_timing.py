"""What packing costs, as packed (each event pickled alone, 32 a block compressed together)
against one pickle a block: `python -m benchmarks.packing_timing`.

Over 200 files of the generated corpus (benchmarks/generate.py), in CPU time per event, the
best of seven rounds taken in turns: packing, reading every event of a block, and reading one
event of a block (what a `list` of scattered events does at each event it prints); then what
else packing makes of a file, its Digest, and of that the events' fingerprints (core/seen.py).
"""

from __future__ import annotations

import glob
import os
import pickle
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.generate import ensure
from timeline_tui.core.model import Event
from timeline_tui.core.seen import fingerprint_bytes
from timeline_tui.records.parse import parse
from timeline_tui.storage import packing
from timeline_tui.storage.digest import Digest

ROUNDS = 7


def one_pickle(events: Sequence[Event]) -> bytes:
    """A block as one pickle of the list (the format before events were pickled alone)."""
    return zlib.compress(packing.dumps(list(events)), packing.LEVEL)


def read_one_pickle(block: bytes) -> list[Event]:
    events: list[Event] = pickle.loads(zlib.decompress(block))
    return events


def main() -> int:
    root = ensure(100_000, 1_000)
    files = sorted(glob.glob(os.path.join(root, "events", "**", "*.toml"), recursive=True))[:200]
    files_events = [list(parse(Path(f).read_text(encoding="utf-8"), f).events) for f in files]
    size = packing.BLOCK
    blocks = [e[at : at + size] for e in files_events for at in range(0, len(e), size)]
    count = sum(map(len, blocks))
    ours, theirs = [packing.pack_block(b) for b in blocks], [one_pickle(b) for b in blocks]
    cases: dict[str, Callable[[], object]] = {
        "pack, each event alone": lambda: [packing.pack_block(b) for b in blocks],
        "pack, one pickle a block": lambda: [one_pickle(b) for b in blocks],
        "read a whole block, each alone": lambda: [packing.unpack_block(b).events() for b in ours],
        "read a whole block, one pickle": lambda: [read_one_pickle(b) for b in theirs],
        "read one event, each alone": lambda: [packing.unpack_block(b).event(0) for b in ours],
        "read one event, one pickle": lambda: [read_one_pickle(b)[0] for b in theirs],
        "a file's digest, fingerprints included": lambda: [Digest.of(e) for e in files_events],
        "the fingerprints alone": lambda: [fingerprint_bytes(x) for e in files_events for x in e],
    }
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(ROUNDS):
        for name, run in cases.items():
            started = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - started)
    print(f"{count:,} events in {len(blocks):,} blocks of {size}")
    for name, seconds in best.items():
        per = len(blocks) if "one event" in name else count
        unit = "a read" if "one event" in name else "an event"
        print(f"{name}: {seconds * 1e6 / per:.1f} us {unit}")
    for name, packed in (("each alone", ours), ("one pickle", theirs)):
        print(f"bytes an event, {name}: {sum(map(len, packed)) / count:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
