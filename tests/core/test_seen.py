"""What is new since the user last looked: fingerprints, their difference, and the stored
last look, across restarts (the store) and reloads (a second load of changed files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import EVENTS

from timeline_tui.core.seen import FIELDS, changes, fingerprint, fingerprints
from timeline_tui.loading.seen_store import read_seen, save_seen, seen_file
from timeline_tui.loading.workspace import Workspace

NEW_EVENT = '\n[[events]]\nid = "late-arrival"\ntitle = "A late report"\nwhen = 2025-08-30\n'


@pytest.fixture(autouse=True)
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def story(tmp_path: Path) -> Path:
    shutil.copytree(EVENTS, tmp_path / "events")
    return tmp_path / "events"


def loaded(root: Path) -> dict[str, str]:
    return fingerprints(Workspace([str(root)]).load().events)


def first_file_with(root: Path, text: str) -> Path:
    return next(p for p in sorted(root.rglob("*.toml")) if text in p.read_text("utf-8"))


def test_an_event_moved_to_another_file_or_line_is_not_changed(seed) -> None:
    from dataclasses import replace

    event = seed.events[0]
    assert fingerprint(replace(event, file="/elsewhere.toml", line=999)) == fingerprint(event)
    assert fingerprint(replace(event, title=event.title + "!")) != fingerprint(event)


def test_a_changed_event_says_which_fields_changed(seed) -> None:
    from dataclasses import replace

    event = seed.events[0]
    before = {event.id: fingerprint(event)}
    after = {event.id: fingerprint(replace(event, title="Other", summary="Else"))}
    found = changes(before, after)
    assert found.changed == {event.id} and not found.new and not found.removed
    assert found.fields[event.id] == ("title", "summary")
    assert set(FIELDS) >= set(found.fields[event.id])


def test_new_changed_and_removed_across_a_restart_and_a_reload(story: Path) -> None:
    roots = [str(story)]
    save_seen(roots, loaded(story))  # the first run, quit: everything seen
    (story / "late.toml").write_text(NEW_EVENT, encoding="utf-8")
    edited = first_file_with(story, 'id = "')
    text = edited.read_text("utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title = "))
    edited.write_text(text.replace(title_line, 'title = "Retitled"', 1), encoding="utf-8")

    last = read_seen(roots)  # the next run
    assert last.at is not None and not last.problem
    now = loaded(story)
    found = changes(last.events, now)
    assert found.new == {"late-arrival"}
    assert len(found.changed) == 1 and not found.removed
    assert found.fields[next(iter(found.changed))] == ("title",)
    assert found.summary() == "1 new, 1 changed"

    (story / "late.toml").unlink()  # a reload, still against the last look
    found = changes(last.events, loaded(story))
    assert not found.new and len(found.changed) == 1 and found.summary() == "1 changed"
    save_seen(roots, loaded(story))  # marked seen: nothing is new any more
    assert not changes(read_seen(roots).events, loaded(story))


def test_a_removed_event_is_counted(story: Path) -> None:
    before = loaded(story)
    (story / "late.toml").write_text(NEW_EVENT, encoding="utf-8")
    after = loaded(story)
    assert changes(after, before).removed == {"late-arrival"}
    assert changes(after, before).summary() == "1 removed"


def test_the_file_is_keyed_by_the_set_of_roots_in_the_users_data_folder(
    tmp_path: Path, data: Path
) -> None:
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert seen_file([a, b]) == seen_file([b, a, a])
    assert seen_file([a]) != seen_file([a, b])
    assert seen_file([a]).parent == data / "seen"


def test_never_looked_and_corrupt_files_read_as_nothing_seen(tmp_path: Path) -> None:
    roots = [str(tmp_path / "x")]
    assert read_seen(roots).at is None and not read_seen(roots).problem
    for corrupt in (
        b"\xff\xfe",
        b"[1, 2]",
        json.dumps({"version": 1, "at": 1, "events": {"a": 3}}),
    ):
        seen_file(roots).parent.mkdir(parents=True, exist_ok=True)
        data = corrupt if isinstance(corrupt, bytes) else corrupt.encode()
        seen_file(roots).write_bytes(data)
        seen = read_seen(roots)
        assert seen.at is None and seen.events == {} and "not a file this app wrote" in seen.problem
    assert save_seen(roots, {"a": "0" * 40})
    assert read_seen(roots).events == {"a": "0" * 40}


def test_fingerprints_of_two_loads_and_of_the_stored_look_share_their_strings(
    story: Path,
) -> None:
    """The app holds the last look, the shown timeline's prints and, in a reload, the new
    one's: equal ids and fingerprints are one string each, not three (20 MiB at 100k)."""
    first, second = loaded(story), loaded(story)
    roots = (str(story),)
    assert save_seen(roots, first)
    stored = read_seen(roots).events
    assert first == second == stored
    for (a_id, a), (b_id, b), (c_id, c) in zip(
        first.items(), second.items(), stored.items(), strict=True
    ):
        assert a_id is b_id is c_id and a is b is c
