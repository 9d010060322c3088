"""Small files that once hung the loader or blew up its memory (issue 11), at the sizes that
did: each must now load within 2 s and 200 MiB. The bounds are far above what the fixed code
takes (a tenth of a second to half a second here) and far below what the broken code took
(minutes, or a MemoryError); the `deadline` fixture stops a broken run after five seconds."""

from __future__ import annotations

import itertools
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from support import Write, warnings_

from timeline_tui.core.query import Index, Query, actor_counts, apply
from timeline_tui.loading.workspace import load

EVENT = '[[events]]\nid = "e"\ntitle = "T"\nwhen = 2025-08-18\n'


@contextmanager
def within(seconds: float = 2.0, mib: int = 200) -> Iterator[None]:
    """Fail if the block takes longer than `seconds` or allocates more than `mib` at its peak."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < mib, f"peak {peak:.0f} MiB"


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")


def test_20000_unknown_names_with_one_slug_load_linearly(write: Write, deadline: None) -> None:
    marks = "!#$%&()*+,./:;<=>?@^_|~"
    names = ["a" + "".join(p) for p in itertools.product(marks, repeat=4)][:20_000]
    path = write("names.toml", EVENT + "actors = [" + ", ".join(f"'{n}'" for n in names) + "]\n")
    with within():
        timeline = load([str(path)])
    ids = timeline.events[0].actors
    assert len(set(ids)) == 20_000 and ids[:3] == ("a", "a-2", "a-3")
    assert len(warnings_(timeline.diagnostics)) == 20_000
