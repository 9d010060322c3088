"""What the cache trusts: nothing unpickled before its header is checked, only a private
folder, only regular files; and it stays bounded and quiet when it cannot write."""

from __future__ import annotations

import errno
import logging
import os
import pickle
import tempfile
from pathlib import Path

import pytest
from support import Write, event_ids

from timeline_tui.loading import cache, discovery, parallel, reading, workspace
from timeline_tui.loading.stamp import stamp_of

ONE = "[[events]]\nid = 'e{0}'\ntitle = 'Event {0}'\nwhen = 2025-08-{1:02d}\n"


class Planted:
    """What someone else could leave in a cache: a pickle that runs code when loaded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.mkdir, (self.marker,))


@pytest.fixture
def folder(write: Write, tmp_path: Path) -> Path:
    """A folder of five one-event files."""
    for number in range(5):
        write(f"tl/day-{number}.toml", ONE.format(number, number + 1))
    return tmp_path / "tl"


def cache_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == cache.__name__ and record.levelno >= logging.WARNING
    ]


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read from disk from now on (not taken from the cache)."""
    read: list[str] = []
    real = reading.read_file
    monkeypatch.setattr(reading, "read_file", lambda path, *a: read.append(path) or real(path, *a))
    return read


def entry_names(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def _warnings_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's warnings are the first of the run."""
    monkeypatch.setattr(cache, "_warned", set())


def test_a_planted_pickle_at_an_entrys_name_is_never_unpickled(
    cache_folder: Path, write: Write, tmp_path: Path
) -> None:
    """The header was a pickle, loaded before anything was checked: code in it ran."""
    path = discovery.discover([str(write("day.toml", ONE.format(1, 1)))]).files[0]
    store = cache.Store.open()
    assert store is not None
    entry = Path(store._entry("files", ("file", path, os.path.abspath(path))))
    marker = tmp_path / "it ran"
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.write_bytes(pickle.dumps(Planted(str(marker))) + pickle.dumps(None))
    assert stamp_of(path) is not None
    timeline = workspace.load([path])
    assert not marker.exists()
    assert event_ids(timeline) == ["e1"]


@pytest.mark.parametrize("damage", ["others can write", "group can write files/", "not mine"])
def test_a_cache_folder_that_is_not_private_is_not_used(
    cache_folder: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    workspace.load([str(folder)])  # the entries a second load would take
    if damage == "others can write":
        cache_folder.chmod(0o777)
    elif damage == "group can write files/":
        (cache_folder / "files").chmod(0o770)
    else:
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    before = entry_names(cache_folder)
    read = reads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        for _ in range(2):
            assert event_ids(workspace.load([str(folder)])) == [f"e{n}" for n in range(5)]
    assert len(read) == 10  # every file, both times: no entry was taken
    assert entry_names(cache_folder) == before  # and none written
    assert len(cache_warnings(caplog)) == 1


def test_cache_folders_are_made_private(cache_folder: Path, folder: Path) -> None:
    previous = os.umask(0)  # even under a umask that would leave them open
    try:
        workspace.load([str(folder)])
    finally:
        os.umask(previous)
    for made in (cache_folder, cache_folder / "files", cache_folder / "loads"):
        assert made.stat().st_mode & 0o777 == 0o700


def test_an_entry_is_never_read_through_a_symlink(
    cache_folder: Path, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only regular files are entries (a FIFO in an entry's place hung the read: see
    tests/cli/test_cli_cache.py); a symlink, even to a good entry, is refused unfollowed."""
    first = workspace.load([str(folder)])
    for number, entry in enumerate(cache_folder.rglob("*.pickle")):
        target = tmp_path / f"elsewhere-{number}"
        entry.rename(target)
        entry.symlink_to(target)
    read = reads(monkeypatch)
    assert event_ids(workspace.load([str(folder)])) == event_ids(first)
    assert len(read) == 5


def test_files_entries_are_bounded(
    cache_folder: Path, write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """files/ was never pruned: 80,000 entries, 365 MB, from five spellings of one path."""
    monkeypatch.setattr(cache, "KEPT_FILES", 8)
    for number in range(12):
        write(f"many/day-{number:02d}.toml", ONE.format(number, 1 + number % 28))
    left_over = cache_folder / "files" / "tmpdead.tmp"
    workspace.load([str(tmp_path / "many")])  # makes files/
    left_over.write_bytes(b"a write that died")
    os.utime(left_over, (0, 0))
    workspace.load([str(tmp_path / "many" / ".." / "many")])  # another spelling: 12 more
    assert len(list((cache_folder / "files").glob("*.pickle"))) == 8
    assert not left_over.exists()
    sizes = sorted(p.stat().st_size for p in (cache_folder / "files").glob("*.pickle"))
    monkeypatch.setattr(cache, "KEPT_FILE_BYTES", sum(sizes[:3]))
    store = cache.Store.open()
    assert store is not None
    store.prune_files()
    assert 1 <= len(list((cache_folder / "files").glob("*.pickle"))) <= 3


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_one_warning_a_run(
    cache_folder: Path,
    write: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A full disk printed a line for every entry: 18,721 of them a run."""
    for number in range(40):
        write(f"many/day-{number:02d}.toml", ONE.format(number, 1 + number % 28))
    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        workspace.load([str(tmp_path / "many")], workers=1)
        workspace.load([str(tmp_path / "many")], workers=1)
    assert len(warned := cache_warnings(caplog)) == 1
    assert "No space left on device" in warned[0]


def test_a_worker_leaves_its_failed_writes_to_the_parent_to_report(
    cache_folder: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = cache.Store.open()
    assert store is not None
    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    paths = [str(p) for p in sorted(folder.iterdir())]
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        payloads, failure = parallel._read_chunk(paths, reading.MAX_FILE_BYTES, store.root)
    assert len(payloads) == 5 and not cache_warnings(caplog)
    assert failure is not None and "No space left on device" in failure
