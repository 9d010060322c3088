"""Stars and notes at 100,000 events: `python -m benchmarks.notes_timing`.

Apart from run.py (another benchmark's file): placing 1,000 notes in the generated corpus
(benchmarks/generate.py), the query's is:star / has:note / tag: / a word found in notes, and
a save into a notes file of 1,000 entries (what `m` costs on the UI thread).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import ensure
from timeline_tui.core.annotation import Annotation, place_in
from timeline_tui.core.matching import evaluate
from timeline_tui.core.query import Index
from timeline_tui.core.query_syntax import parse_query
from timeline_tui.loading.workspace import load
from timeline_tui.notes.store import read_notes, save_annotation

NOTES = 1_000


def median_ms(run: Callable[[], object], times: int = 5) -> float:
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return sorted(seconds)[times // 2] * 1e3


def main() -> int:
    timeline = load([ensure(100_000, 1_000)])
    picked = random.Random(1).sample(range(len(timeline.events)), NOTES)
    notes = {
        timeline.events[p].id: Annotation(k % 2 == 0, f"note {k} zebra", ("follow-up",))
        for k, p in enumerate(picked)
    }
    print(f"{len(timeline.events):,} events, {NOTES:,} notes")
    print(f"placing them: {median_ms(lambda: place_in(notes, timeline)):.1f} ms")
    index, placed = Index.build(timeline), place_in(notes, timeline)
    for text in ("is:star", "has:note", "tag:follow-up", "zebra", "zebra ceasefire"):
        query = parse_query(text)

        def run(query: object = query) -> object:
            index.annotate(placed)  # forgets the last search: each run is a whole one
            return evaluate(query, index)  # type: ignore[arg-type]

        print(f"{text}: {median_ms(run):.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".timeline" / "notes.toml"
        for event_id, annotation in notes.items():
            save_annotation(read_notes(path), event_id, annotation)
        file = read_notes(path)
        ms = median_ms(lambda: save_annotation(read_notes(path), "e", Annotation(star=True)))
        print(f"a save in a file of {len(file.notes):,} notes: {ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
