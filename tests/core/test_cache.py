"""The load cache and parallel reading: same results as a plain read, never a stale one."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from support import Write

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import cache, discovery, load_cache, parallel, reading, stamp, workspace
from timeline_tui.storage import heap, packing

ACTORS = """
[[actors]]
id = "merz"
name = "Friedrich Merz"
aliases = ["Merz"]
"""
SOURCES = """
[[sources]]
id = "article"
document = "article.txt"
"""


def day_file(number: int, events: int = 3) -> str:
    """A file of a few events: names to resolve, a quote, an unknown actor now and then."""
    out = ['[meta]\nreference_date = 2025-08-17\ntimezone = "Europe/Berlin"\nsource = "article"\n']
    for index in range(events):
        out.append(
            f'\n[[events]]\nid = "e{number}-{index}"\ntitle = "Event {number}.{index}"\n'
            f'when = "{1 + number % 28} Aug 2025 1{index}:15 CEST"\n'
            f'actors = ["Merz", "someone {number % 3}"]\n'
            f'tags = ["talks"]\n\n[[events.quotes]]\nspeaker = "merz"\ntext = "We will talk"\n'
        )
    return "".join(out)


@pytest.fixture
def corpus(write: Write, tmp_path: Path) -> Path:
    write("tl/actors.toml", ACTORS)
    write("tl/sources.toml", SOURCES)
    write("tl/article.txt", "He said: “We will talk” to reporters.")
    for number in range(5):
        write(f"tl/day-{number}.toml", day_file(number))
    return tmp_path / "tl"


def same(a: Timeline, b: Timeline) -> bool:
    def parts(t: Timeline) -> tuple:
        return (t.events, t.diagnostics, list(t.actors), t.sources, t.files)

    return repr(parts(a)) == repr(parts(b))


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("read a file the cache holds")

    monkeypatch.setattr(reading, "read_file", fail)


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pickle")) if folder.exists() else []


def test_cache_hit_gives_the_same_timeline(
    cache_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = workspace.load([str(corpus)])
    assert first.events and entries(cache_folder)
    no_reading(monkeypatch)
    again = workspace.load([str(corpus)])
    assert same(again, first)
    assert again.events.fingerprints() == first.events.fingerprints()


def test_parsed_files_come_from_the_cache_when_the_load_entry_is_gone(
    cache_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = workspace.load([str(corpus)])
    for entry in (cache_folder / "loads").iterdir():
        entry.unlink()
    no_reading(monkeypatch)
    assert same(workspace.load([str(corpus)]), first)


def test_a_file_of_another_size_is_read_again(cache_folder: Path, corpus: Path) -> None:
    workspace.load([str(corpus)])
    (corpus / "day-0.toml").write_text(day_file(0, events=4), encoding="utf-8")
    timeline = workspace.load([str(corpus)])
    assert "e0-3" in {event.id for event in timeline.events}


def test_a_file_of_the_same_size_with_another_mtime_is_read_again(
    cache_folder: Path, corpus: Path
) -> None:
    path = corpus / "day-1.toml"
    workspace.load([str(corpus)])
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("Event 1.0", "Event X.0")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 5_000_000_000))
    assert path.stat().st_size == before.st_size
    titles = {event.title for event in workspace.load([str(corpus)]).events}
    assert "Event X.0" in titles and "Event 1.0" not in titles


def test_a_changed_source_document_is_checked_again(cache_folder: Path, corpus: Path) -> None:
    assert not [
        d for d in workspace.load([str(corpus)]).diagnostics if "quote not found" in d.message
    ]
    (corpus / "article.txt").write_text("Nothing was said.", encoding="utf-8")
    problems = [
        d for d in workspace.load([str(corpus)]).diagnostics if "quote not found" in d.message
    ]
    assert len(problems) == 15


def test_a_file_changed_within_the_last_second_is_not_stored(
    cache_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamp, "RACY_NS", 60 * 1_000_000_000)
    workspace.load([str(corpus)])
    assert entries(cache_folder) == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05truncated"])
def test_a_corrupt_entry_is_rebuilt_and_is_no_problem_of_the_events(
    cache_folder: Path,
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: bytes,
) -> None:
    first = workspace.load([str(corpus)])
    for entry in entries(cache_folder):
        entry.write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="timeline_tui.loading.cache"):
        again = workspace.load([str(corpus)])
    assert same(again, first)
    assert not [d for d in again.diagnostics if "cache" in d.message]
    no_reading(monkeypatch)  # the entries were written again, whole
    assert same(workspace.load([str(corpus)]), first)


def test_a_truncated_entry_is_a_miss(cache_folder: Path, corpus: Path) -> None:
    first = workspace.load([str(corpus)])
    for entry in entries(cache_folder):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert same(workspace.load([str(corpus)]), first)


def test_an_entry_of_another_version_is_a_miss(
    cache_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.load([str(corpus)])
    monkeypatch.setattr(cache.Store, "__init__", _other_fingerprint)
    read = []
    monkeypatch.setattr(reading, "read_file", lambda path, *a: read.append(path) or _read(path))
    workspace.load([str(corpus)])
    assert len(read) == 7


_read = reading.read_file


def _other_fingerprint(self: cache.Store, root: str) -> None:
    self.root, self.fingerprint = root, "another version"


def test_cache_can_be_turned_off(
    cache_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert cache.Store.open() is None
    workspace.load([str(corpus)])
    assert entries(cache_folder) == []


def test_cache_folder_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "here"))
    assert cache.cache_dir() == str(tmp_path / "here")


def test_an_unwritable_cache_folder_does_not_stop_a_load(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write("not-a-folder", "a file where the cache folder would go")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker))
    monkeypatch.setattr(stamp, "RACY_NS", 0)
    write("one.toml", day_file(1))
    timeline = workspace.load([str(tmp_path / "one.toml")])
    assert len(timeline.events) == 3


def test_parallel_read_gives_the_same_timeline_as_serial(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")
    write("many/actors.toml", ACTORS)
    write("many/broken.toml", "[[events]\nid = 'x'")
    for number in range(40):
        write(f"many/d{number:02d}.toml", day_file(number, events=1 + number % 4))
    serial = workspace.load([str(tmp_path / "many")], workers=1)
    in_parallel = workspace.load([str(tmp_path / "many")], workers=2)
    assert same(in_parallel, serial)
    assert len(serial.events) == sum(1 + n % 4 for n in range(40))
    files = discovery.discover([str(tmp_path / "many")]).files
    assert parallel.read_files(files, workers=2, use_cache=False) == parallel.read_files(
        files, workers=1, use_cache=False
    )


PARALLEL_UNDER_A_UI = """
import sys, threading
from timeline_tui.loading import parallel


class Capture:  # what Textual puts in sys.stderr while it runs: no file behind it
    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


def in_this_process(*args, **kwargs):
    raise SystemExit("read in the app's own process: the worker processes did not start")


sys.stderr = Capture()
parallel._read_and_store = in_this_process
stop = threading.Event()
threading.Thread(target=stop.wait).start()  # a thread running: no plain fork
try:
    parsed = parallel.read_files(sys.argv[1:], workers=2, use_cache=False)
finally:
    stop.set()
print(sum(len(p.events) for p in parsed))
"""


def test_files_are_read_across_processes_even_under_textual(tmp_path: Path) -> None:
    """Textual's sys.stderr has no file descriptor; starting multiprocessing's helper
    processes passed its -1 on and failed, so the app read every file in its own process."""
    import subprocess
    import sys

    files = []
    for number in range(8):
        path = tmp_path / f"day-{number}.toml"
        path.write_text(day_file(number), encoding="utf-8")
        files.append(str(path))
    env = {**os.environ, cache.ENV_OFF: "1"}
    done = subprocess.run(
        [sys.executable, "-c", PARALLEL_UNDER_A_UI, *files],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "24"


def test_the_model_round_trips_through_the_fast_pickle(seed: Timeline) -> None:
    again = cache.loads(packing.dumps(seed))
    assert same(again, seed)
    assert again.events[0].when.moment.tzinfo == seed.events[0].when.moment.tzinfo


def test_gc_paused_nests_and_freezes_what_was_built_on_leaving_the_outermost_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from timeline_tui.storage.heap import gc_paused

    monkeypatch.setattr(heap, "LARGE_S", 0.0)  # as if the block had built a timeline
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with gc_paused():
        with gc_paused():
            built = [[n] for n in range(1000)]
        assert not gc.isenabled() and gc.get_freeze_count() == before  # not yet
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(built)  # out of the collector's sight
    gc.unfreeze()


def test_gc_paused_frees_the_cycles_made_meanwhile_before_freezing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    import weakref

    from timeline_tui.storage.heap import gc_paused

    monkeypatch.setattr(heap, "LARGE_S", 0.0)

    class Node:
        pass

    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle, then dropped: only the collector can free it
        watch = weakref.ref(a)
        del a, b
    assert watch() is None  # freed, not frozen for good
    gc.unfreeze()


def test_a_quick_gc_paused_block_neither_collects_nor_freezes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A small load (the seed, before the first frame) does not pay for a full collection,
    whose first walk takes in all of Textual's objects too."""
    import gc

    from timeline_tui.storage.heap import gc_paused

    monkeypatch.setattr(heap, "LARGE_S", 60.0)
    collections = gc.get_stats()[2]["collections"]
    before = gc.get_freeze_count()
    with gc_paused():
        built = [[n] for n in range(1000)]
    assert gc.isenabled() and built
    assert gc.get_freeze_count() == before
    assert gc.get_stats()[2]["collections"] == collections


def test_a_load_is_not_kept_when_a_file_changed_just_before_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settled means settled when read, not when the entry is written: a same-size edit in
    the same clock tick as the read (whole-second stamps) would hide behind the stamp."""
    import time

    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    path = tmp_path / "day.toml"
    path.write_text(day_file(0), encoding="utf-8")
    store = cache.Store.open()
    found = discovery.discover([str(path)])
    started = time.time_ns() - 3 * stamp.RACY_NS // 2  # the read began 1.5 s ago ...
    changed = started - stamp.RACY_NS // 2  # ... half a second after the file last changed
    stamped = (path.stat().st_size, changed, path.stat().st_ino, changed)
    parsed = reading.read_file(str(path))
    timeline = load_cache.assemble([parsed], reading.read_document)

    def kept(started: int) -> bool:
        loaded = load_cache.Loaded([(stamped, parsed)], timeline, {}, started)
        load_cache.store_load(store, [str(path)], found, reading.MAX_FILE_BYTES, loaded)
        return bool(entries(tmp_path / "cache" / "loads"))

    assert not kept(started)  # two seconds old now, but not when it was read
    assert kept(changed + stamp.RACY_NS)


def test_only_the_latest_few_loads_are_kept(
    cache_folder: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole load is kept per set of paths opened: only the last KEPT_LOADS of them stay."""
    monkeypatch.setattr(cache, "KEPT_LOADS", 2)
    folders = [str(Path(write(f"f{n}/day.toml", day_file(n))).parent) for n in range(4)]
    for number, folder in enumerate(folders):
        workspace.load([folder])
        for entry in (cache_folder / "loads").iterdir():
            if entry.stat().st_mtime_ns > 1_000:  # the one just written: give it its turn
                os.utime(entry, ns=(number + 1, number + 1))
    assert len(list((cache_folder / "loads").iterdir())) == 2
    still = [
        load_cache.stored_load(cache.Store.open(), [f], discovery.discover([f])) for f in folders
    ]
    assert [hit is not None for hit in still] == [False, False, True, True]


def test_the_import_pause_freezes_without_collecting_and_outlasts_a_block_inside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """timeline_tui/ui/__init__.py to the end of ui/app.py: a quick block opened meanwhile
    (the seed read before the first frame) does not bring the collector back early, and the
    end freezes what was built without a collection (which would walk all of it)."""
    import gc

    monkeypatch.setattr(heap, "_imports_paused", None)  # as in a process that has not begun
    collections = gc.get_stats()[2]["collections"]
    before = gc.get_freeze_count()
    heap.pause_for_imports()
    heap.pause_for_imports()  # once a process: a second call changes nothing
    built = [[n] for n in range(1000)]
    with heap.gc_paused():
        pass
    assert not gc.isenabled()
    heap.end_import_pause()
    assert gc.isenabled() and built
    assert gc.get_freeze_count() >= before + len(built)
    assert gc.get_stats()[2]["collections"] == collections
    heap.end_import_pause()  # ended: nothing more
    assert gc.isenabled()
    gc.unfreeze()
