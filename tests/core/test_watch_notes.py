"""The watcher follows a root's `.timeline/notes.toml` (someone else's notes) without reading
the records again for it; nothing else in `.timeline/` reaches a batch."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from test_watch import SEEN_WITHIN, folder, record  # noqa: F401 - the fixture
from watchfiles import Change

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.watch import EventFileFilter, Watcher
from timeline_tui.loading.workspace import Workspace


def test_the_filter_keeps_a_root_s_notes_file_only(tmp_path: Path) -> None:
    keep = EventFileFilter([str(tmp_path)])
    assert keep(Change.modified, str(tmp_path / ".timeline" / "notes.toml"))
    assert keep(Change.added, str(tmp_path / ".timeline"))  # made with the file in it at once
    assert not keep(Change.added, str(tmp_path / ".timeline" / ".notes.toml-x.tmp"))
    assert not keep(Change.added, str(tmp_path / ".timeline" / "other.toml"))
    assert not keep(Change.added, str(tmp_path / "sub" / ".timeline" / "notes.toml"))


def test_a_notes_change_is_told_and_reads_no_records(folder: Path) -> None:  # noqa: F811
    space = Workspace([str(folder)])
    first = space.load()
    watcher = Watcher(space)
    touched = threading.Event()
    seen: list[Timeline] = []
    thread = threading.Thread(target=lambda: seen.extend(watcher.timelines(space, touched.set)))
    thread.start()
    try:
        assert watcher.ready.wait(5)
        time.sleep(0.3)  # the watch's first batch (the roots) is told too
        touched.clear()
        (folder / ".timeline").mkdir()
        (folder / ".timeline" / "notes.toml").write_text('[[notes]]\nevent = "x"\nstar = true\n')
        assert touched.wait(SEEN_WITHIN), "the notes change was not told"
        (folder / "sunday.toml").write_text(record("brussels"))
        deadline = time.monotonic() + SEEN_WITHIN
        while not seen or len(seen[-1].events) != 2:
            assert time.monotonic() < deadline, "no new timeline"
            time.sleep(0.02)
    finally:
        watcher.stop()
        thread.join(5)
    assert first not in seen
    for timeline in seen:  # the notes file is never read as an event file
        assert all("notes.toml" not in d.path for d in timeline.diagnostics)
        assert all("notes.toml" not in path for path in timeline.files)
