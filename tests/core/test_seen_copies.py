"""The copies of the files as last seen (loading/seen_copies.py) and the old and new values
of a changed event's fields (view/changes.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from support import EVENTS

from timeline_tui.loading import seen_copies
from timeline_tui.loading.seen_copies import copies_folder, keep_copies, seen_copy, seen_event
from timeline_tui.records.parse import parse
from timeline_tui.view.changes import change_lines

TITLED = 'title = "Trump and Putin meet"'


@pytest.fixture
def story(tmp_path: Path) -> Path:
    shutil.copytree(EVENTS, tmp_path / "events")
    return tmp_path / "events"


def files_of(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*.toml"))


def copies(root: Path) -> set[str]:
    return {name for name in os.listdir(copies_folder([str(root)])) if name.endswith(".z")}


def test_the_copy_of_a_file_is_its_bytes_as_seen_until_the_next_look(story: Path) -> None:
    roots, friday = [str(story)], story / "2025-08-15-trump-putin.toml"
    seen = friday.read_bytes()
    assert keep_copies(roots, files_of(story))
    friday.write_text(seen.decode().replace(TITLED, 'title = "Met"'), "utf-8")
    assert seen_copy(roots, str(friday)) == seen
    event = seen_event(roots, str(friday), "trump-putin-meeting")
    assert event is not None and event.title == "Trump and Putin meet"
    assert seen_event(roots, str(friday), "no-such-event") is None
    assert keep_copies(roots, files_of(story))  # the next look: the copy is the new bytes
    assert seen_copy(roots, str(friday)) == friday.read_bytes()


def test_a_look_copies_only_what_changed_and_drops_copies_no_file_names(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots = [str(story)]
    keep_copies(roots, files_of(story))
    before = copies(story)
    assert len(before) == len(files_of(story))
    read: list[str] = []
    original = seen_copies.read_bytes

    def counting(path: str, limit: int) -> object:
        read.append(path)
        return original(path, limit)

    monkeypatch.setattr(seen_copies, "read_bytes", counting)
    friday = story / "2025-08-15-trump-putin.toml"
    friday.write_text(friday.read_text("utf-8").replace(TITLED, 'title = "Met"'), "utf-8")
    keep_copies(roots, files_of(story))
    assert read == [str(friday)]  # the others' stamps had not changed
    after = copies(story)
    assert len(after) == len(before) and len(after - before) == 1  # the old copy went


def test_a_bad_index_or_copy_means_no_old_values_never_an_error(story: Path) -> None:
    roots, friday = [str(story)], str(story / "2025-08-15-trump-putin.toml")
    keep_copies(roots, files_of(story))
    folder = copies_folder(roots)
    index = json.loads((folder / "index.json").read_text())
    digest = index["files"][os.path.abspath(friday)][0]
    (folder / f"{digest}.z").write_bytes(b"not zlib")
    assert seen_copy(roots, friday) is None and seen_event(roots, friday, "x") is None
    for bad in ("{", "[]", '{"version": 1, "files": {"a": [1, 2]}}', '{"version": 99}'):
        (folder / "index.json").write_text(bad)
        assert seen_copy(roots, friday) is None
    assert keep_copies(roots, files_of(story))  # and the next look mends it
    assert seen_copy(roots, friday) == Path(friday).read_bytes()


def test_a_file_that_cannot_be_read_is_not_copied(story: Path) -> None:
    roots = [str(story)]
    assert not keep_copies(roots, [*files_of(story), str(story / "gone.toml")])
    assert seen_copy(roots, str(story / "gone.toml")) is None


EVENT = '[[events]]\nid = "e"\ntitle = "{title}"\nwhen = {when}\nlocation = "{place}"\n'


def test_change_lines_give_each_changed_field_before_and_after() -> None:
    before = parse(EVENT.format(title="Old", when="2025-08-18", place="Kyiv"), "a.toml").events[0]
    after = parse(EVENT.format(title="New", when="2025-08-19", place="Kyiv"), "a.toml").events[0]
    lines = change_lines(before, after, ("title", "when", "location"))
    assert lines == (
        "title: was “Old”, now “New”",
        "when: was “Mon 18 Aug 2025”, now “Tue 19 Aug 2025”",
    )  # location: the same text (a clash of one-byte hashes says nothing)
    long = "x" * 500
    longer = parse(EVENT.format(title=long, when="2025-08-18", place="Kyiv"), "a.toml").events[0]
    (line,) = change_lines(before, longer, ("title",))
    assert line.endswith("…”") and len(line) < 200


def test_a_look_reads_at_most_its_budget_and_the_next_looks_copy_the_rest(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roots, files = [str(story)], files_of(story)
    sizes = sorted(Path(f).stat().st_size for f in files)
    monkeypatch.setattr(seen_copies, "READ_PER_LOOK", sizes[-1] + sizes[0])
    assert not keep_copies(roots, files)  # the budget ran out
    first = sum(seen_copy(roots, f) is not None for f in files)
    assert 0 < first < len(files)
    for _ in files:
        if keep_copies(roots, files):
            break
    assert all(seen_copy(roots, f) == Path(f).read_bytes() for f in files)
