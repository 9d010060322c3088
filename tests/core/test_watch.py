"""Watcher: real watchfiles watches on temporary folders, driving a Workspace end to end."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import watchfiles
from watchfiles import Change

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import watch as watch_module
from timeline_tui.loading.watch import EventFileFilter, Watcher
from timeline_tui.loading.workspace import Workspace

SEEN_WITHIN = 10.0  # seconds: a change shows within about 2 s; a busy machine (CI) takes longer


def record(event_id: str) -> str:
    return f'[[events]]\nid = "{event_id}"\ntitle = "Talks"\nwhen = 2025-08-18\n'


class Running:
    """A Watcher following a Workspace in a thread, as the app's thread worker does."""

    def __init__(self, space: Workspace) -> None:
        self.space = space
        self.watcher = Watcher(space)
        self.batches: list[set[str]] = []
        self.thread = threading.Thread(target=self._follow, daemon=True)

    def _follow(self) -> None:
        for batch in self.watcher.batches():
            self.batches.append(batch)
            self.space.refresh(batch)

    def ids(self) -> list[str]:
        return sorted(event.id for event in self.space.timeline.events)

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + SEEN_WITHIN
        while not condition():
            assert time.monotonic() < deadline, f"not seen within {SEEN_WITHIN} s: {what}"
            time.sleep(0.02)

    def wait_for_ids(self, expected: list[str]) -> None:
        self.wait_for(lambda: self.ids() == expected, f"events {expected}, have {self.ids()}")


def follow(space: Workspace) -> Iterator[Running]:
    space.load()
    running = Running(space)
    running.thread.start()
    assert running.watcher.ready.wait(5), "the watch did not start"
    try:
        yield running
    finally:
        running.watcher.stop()
        running.thread.join(5)
        assert not running.thread.is_alive(), "the watcher did not stop"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "events"
    root.mkdir()
    (root / "monday.toml").write_text(record("white-house"))
    return root


@pytest.fixture
def watched(folder: Path) -> Iterator[Running]:
    yield from follow(Workspace([str(folder)]))


def test_a_new_file_is_seen(watched: Running, folder: Path) -> None:
    (folder / "sunday.toml").write_text(record("brussels"))
    watched.wait_for_ids(["brussels", "white-house"])


def test_an_atomic_save_is_seen(watched: Running, folder: Path) -> None:
    (folder / ".monday.toml.tmp").write_text(record("white-house") + record("lunch"))
    os.replace(folder / ".monday.toml.tmp", folder / "monday.toml")
    watched.wait_for_ids(["lunch", "white-house"])


def test_a_deleted_file_is_seen(watched: Running, folder: Path) -> None:
    (folder / "monday.toml").unlink()
    watched.wait_for_ids([])


def test_a_bad_edit_and_its_fix_are_seen(watched: Running, folder: Path) -> None:
    (folder / "monday.toml").write_text(record("white-house") + "oops = [")
    watched.wait_for(
        lambda: [e.stale for e in watched.space.timeline.events] == [True], "stale events"
    )
    (folder / "monday.toml").write_text(record("white-house"))
    watched.wait_for(
        lambda: [e.stale for e in watched.space.timeline.events] == [False], "fresh events"
    )
    assert watched.space.timeline.diagnostics == ()


def test_a_save_that_truncates_first_keeps_the_events_stale_until_it_is_fixed(
    watched: Running, folder: Path
) -> None:
    def seen() -> tuple[list[tuple[str, bool]], list[str]]:
        timeline = watched.space.timeline  # one timeline: the watcher may replace it meanwhile
        severities = sorted(d.severity for d in timeline.diagnostics)
        return [(e.id, e.stale) for e in timeline.events], severities

    monday = folder / "monday.toml"
    monday.write_text("")  # an editor truncates the file, then writes it
    empty = ([("white-house", True)], ["warning"])
    watched.wait_for(lambda: seen() == empty, "the empty file's stale events")
    assert "file is empty now" in watched.space.timeline.diagnostics[0].message
    monday.write_text('[[events]]\nid = "white-house')
    broken = ([("white-house", True)], ["error", "warning"])
    watched.wait_for(lambda: seen() == broken, "the broken file's stale events")
    monday.write_text(record("lunch"))
    watched.wait_for(lambda: seen() == ([("lunch", False)], []), "fresh events")


def test_a_root_folder_removed_and_recreated_is_seen(watched: Running, folder: Path) -> None:
    shutil.rmtree(folder)
    watched.wait_for_ids([])
    watched.wait_for(lambda: watched.space.timeline.errors == 1, "the missing-folder error")
    folder.mkdir()
    (folder / "tuesday.toml").write_text(record("follow-up"))
    watched.wait_for_ids(["follow-up"])
    (folder / "wednesday.toml").write_text(record("summit"))  # the new folder is watched
    watched.wait_for_ids(["follow-up", "summit"])
    assert watched.space.timeline.diagnostics == ()


def test_a_root_folder_replaced_at_once_is_seen(watched: Running, folder: Path) -> None:
    shutil.rmtree(folder)
    folder.mkdir()  # may even get the old inode number back
    (folder / "tuesday.toml").write_text(record("follow-up"))
    watched.wait_for_ids(["follow-up"])
    (folder / "wednesday.toml").write_text(record("summit"))
    watched.wait_for_ids(["follow-up", "summit"])


def test_an_opened_file_is_followed_across_atomic_saves(tmp_path: Path) -> None:
    single = tmp_path / "single.toml"
    single.write_text(record("one"))
    for running in follow(Workspace([str(single)])):
        for event_id in ("two", "three"):
            (tmp_path / "single.toml.tmp").write_text(record(event_id))
            os.replace(tmp_path / "single.toml.tmp", single)
            running.wait_for_ids([event_id])
        single.write_text(record("four"))  # an in-place write after the saves
        running.wait_for_ids(["four"])


def test_a_folder_added_to_the_workspace_is_watched(watched: Running, tmp_path: Path) -> None:
    later = tmp_path / "later"
    later.mkdir()
    watched.space.add([str(later)])
    watched.wait_for(lambda: str(later) in set().union(*watched.batches), "the new root")
    (later / "friday.toml").write_text(record("summit"))
    watched.wait_for_ids(["summit", "white-house"])


def test_scratch_files_never_reach_a_batch(watched: Running, folder: Path) -> None:
    scratch = ["monday.toml.swp", "monday.toml~", ".monday.toml.tmp", "4913", "#monday.toml#"]
    for name in scratch:
        (folder / name).write_text(record("scratch"))
    (folder / "marker.toml").write_text(record("marker"))
    watched.wait_for_ids(["marker", "white-house"])
    names = {os.path.basename(path) for batch in watched.batches for path in batch}
    assert names.isdisjoint(scratch)


def test_stop_ends_the_batches_promptly(folder: Path) -> None:
    watcher = Watcher(Workspace([str(folder)]))
    thread = threading.Thread(target=lambda: list(watcher.batches()))
    thread.start()
    assert watcher.ready.wait(5)
    started = time.monotonic()
    watcher.stop()
    thread.join(2)
    assert not thread.is_alive()
    assert time.monotonic() - started < 1


def test_the_filter_keeps_event_files_roots_and_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    keep = EventFileFilter([str(tmp_path)])
    assert keep(Change.modified, str(tmp_path / "a.toml"))
    assert keep(Change.deleted, str(tmp_path))
    assert keep(Change.added, str(tmp_path / "sub"))
    assert keep(Change.deleted, str(tmp_path / "moved-away"))  # may have been a folder
    assert not keep(Change.added, str(tmp_path / "notes.txt"))
    assert not keep(Change.added, str(tmp_path / "a.toml.swp"))
    assert not keep(Change.deleted, str(tmp_path / "a.toml~"))
    assert not keep(Change.modified, str(tmp_path / ".git" / "a.toml"))


def test_the_filter_keeps_an_opened_file_whatever_its_name(tmp_path: Path) -> None:
    opened = str(tmp_path / "notes.txt")
    assert EventFileFilter([opened])(Change.modified, opened)


def test_a_change_made_before_the_watch_starts_is_not_missed(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "sunday.toml").write_text(record("brussels"))
    running = Running(space)
    running.thread.start()
    try:
        running.wait_for_ids(["brussels", "white-house"])
    finally:
        running.watcher.stop()
        running.thread.join(5)


def test_when_the_os_will_not_watch_the_roots_are_polled(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> Iterator[set[tuple[Change, str]]]:
        raise OSError(28, "OS file watch limit reached")

    monkeypatch.setattr(
        watchfiles, "watch", refuse
    )  # imported from watchfiles when watching starts
    monkeypatch.setattr(watch_module, "_POLL_S", 0.05)
    for running in follow(Workspace([str(folder)])):
        assert running.watcher.error is not None
        assert "OS file watch limit reached" in running.watcher.error
        (folder / "sunday.toml").write_text(record("brussels"))
        running.wait_for_ids(["brussels", "white-house"])


def test_timelines_yields_only_timelines_that_changed(folder: Path) -> None:
    space = Workspace([str(folder)])
    first = space.load()
    watcher = Watcher(space)
    seen: list[Timeline] = []
    thread = threading.Thread(target=lambda: seen.extend(watcher.timelines(space)))
    thread.start()
    try:
        assert watcher.ready.wait(5)
        (folder / "sunday.toml").write_text(record("brussels"))
        deadline = time.monotonic() + SEEN_WITHIN

        def arrived() -> bool:  # a busy machine may read the file half-written first
            latest = seen[-1] if seen else None
            ids = sorted(event.id for event in latest.events) if latest else []
            return latest is space.timeline and ids == ["brussels", "white-house"]

        while not arrived():
            assert time.monotonic() < deadline, "no new timeline"
            time.sleep(0.02)
    finally:
        watcher.stop()
        thread.join(5)
    assert first not in seen
    assert len({id(timeline) for timeline in seen}) == len(seen)
    assert sorted(event.id for event in seen[-1].events) == ["brussels", "white-house"]
