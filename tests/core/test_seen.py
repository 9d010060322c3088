"""What is new since the user last looked: fingerprints, their difference, and the stored
last look, across restarts (the store) and reloads (a second load of changed files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import EVENTS

from timeline_tui.core.seen import (
    FIELDS,
    FINGERPRINT_LENGTH,
    NOT_CONTENT,
    changes,
    fingerprint,
    fingerprints,
)  # fmt: skip
from timeline_tui.loading.seen_store import MAGIC, read_seen, save_seen, seen_bytes, seen_file
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
    return Workspace([str(root)]).load().events.fingerprints()


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
    good = seen_bytes({"a": "1" * FINGERPRINT_LENGTH})
    for corrupt in (
        b"\xff\xfe",
        b"[1, 2]",
        json.dumps({"version": 2, "at": 1, "events": {"a": 3}}).encode(),
        MAGIC + b"not json\n",
        MAGIC + b'{"version": 2, "at": 1, "count": 1, "ids": 3}\nabc' + bytes(24),
        good[:-1],  # truncated
        good + b"\x00",
        good.replace(b'"count": 1', b'"count": 2'),
    ):
        seen_file(roots).parent.mkdir(parents=True, exist_ok=True)
        seen_file(roots).write_bytes(corrupt)
        seen = read_seen(roots)
        assert seen.at is None and seen.events == {} and "not a file this app wrote" in seen.problem
    assert save_seen(roots, {"a": "0" * FINGERPRINT_LENGTH})
    assert read_seen(roots).events == {"a": "0" * FINGERPRINT_LENGTH}
    assert not save_seen(roots, {"a": "zz" * (FINGERPRINT_LENGTH // 2)})  # not a fingerprint
    assert read_seen(roots).events == {"a": "0" * FINGERPRINT_LENGTH}


def test_any_id_is_kept_as_it_was(tmp_path: Path) -> None:
    roots = [str(tmp_path / "x")]
    ids = ['a"b', "line\nbreak", "\x00nul", "sur\udcffrogate", "ünï", "x" * 300]
    prints = {event_id: f"{k:02x}" * (FINGERPRINT_LENGTH // 2) for k, event_id in enumerate(ids)}
    assert save_seen(roots, prints)
    assert read_seen(roots).events == prints


def test_a_file_of_the_first_version_reads_as_never_looked_and_is_replaced(tmp_path: Path) -> None:
    roots = [str(tmp_path / "x")]
    legacy = seen_file(roots).with_suffix(".json")
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps({"version": 1, "at": 1, "events": {"a": "0" * 40}}), "utf-8")
    seen = read_seen(roots)
    assert seen.at is None and not seen.events and "older version" in seen.problem
    assert save_seen(roots, {"a": "0" * FINGERPRINT_LENGTH})
    assert not legacy.exists() and read_seen(roots).events == {"a": "0" * FINGERPRINT_LENGTH}


def test_a_file_of_a_newer_version_is_never_overwritten(tmp_path: Path) -> None:
    roots = [str(tmp_path / "x")]
    newer = MAGIC + b'{"version": 3, "at": 1}\n' + b"whatever it holds"
    seen_file(roots).parent.mkdir(parents=True)
    seen_file(roots).write_bytes(newer)
    seen = read_seen(roots)
    assert seen.at is None and "newer version" in seen.problem
    assert not save_seen(roots, {"a": "0" * FINGERPRINT_LENGTH})
    assert seen_file(roots).read_bytes() == newer


def test_the_file_is_far_smaller_than_hex_in_json(tmp_path: Path) -> None:
    prints = {f"event-{k:06d}-about-kyiv": fingerprint_of(k) for k in range(10_000)}
    as_json = json.dumps({"version": 1, "at": 1.0, "events": prints}, separators=(",", ":"))
    assert len(seen_bytes(prints)) < len(as_json) / 2


def fingerprint_of(k: int) -> str:
    import hashlib

    return hashlib.blake2b(str(k).encode(), digest_size=FINGERPRINT_LENGTH // 2).hexdigest()


def test_every_field_of_an_event_is_content_or_said_not_to_be() -> None:
    from dataclasses import fields

    from timeline_tui.core.model import Event, Quote, When

    assert {f.name for f in fields(Event)} == set(FIELDS) | set(NOT_CONTENT)
    assert not set(FIELDS) & set(NOT_CONTENT)
    # what of a quote and of a date counts (field_texts names each): all but a quote's line
    assert {f.name for f in fields(Quote)} == {"speaker", "text", "source", "line"}
    assert {f.name for f in fields(When)} == {
        "moment", "precision", "approximate", "zone", "unreadable"
    }  # fmt: skip


def _other(name: str, value: object) -> object:
    """A different value of the same kind, for each kind an Event's content fields hold."""
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from timeline_tui.core.model import Quote, When

    if isinstance(value, str):
        return value + " (edited)"
    if value is None:
        return When(datetime(2025, 8, 1, tzinfo=UTC))
    if isinstance(value, int):
        return value + 1
    if isinstance(value, When):
        return replace(value, moment=value.moment + timedelta(days=1))
    assert isinstance(value, tuple)
    return (*value, Quote("someone", "words")) if name == "quotes" else (*value, "x")


@pytest.mark.parametrize("name", FIELDS)
def test_a_change_to_any_content_field_is_seen_and_named(seed, name: str) -> None:
    from dataclasses import replace

    event = replace(seed.events[0], earliest=None, latest=None, when_given=True)
    edited = replace(event, **{name: _other(name, getattr(event, name))})
    found = changes({event.id: fingerprint(event)}, {event.id: fingerprint(edited)})
    assert found.changed == {event.id}
    assert found.fields[event.id] == (name,)


def test_a_when_given_differs_from_one_placed_by_a_bound(seed) -> None:
    from dataclasses import replace

    event = seed.events[0]
    bounded = replace(event, earliest=event.when, when_given=False)
    given = replace(bounded, when_given=True)
    found = changes({event.id: fingerprint(bounded)}, {event.id: fingerprint(given)})
    assert found.fields[event.id] == ("when",)


def test_the_timeline_gives_the_fingerprints_kept_at_packing_without_decoding(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_tui.records.parse import parse
    from timeline_tui.storage import packing

    timeline = Workspace([str(story)]).load()
    as_written = [
        event
        for path in sorted(story.rglob("*.toml"))
        for event in parse(path.read_text("utf-8"), str(path)).events
    ]

    def no_decoding(*args: object) -> None:
        raise AssertionError("an event was decoded")

    monkeypatch.setattr(packing.Unpacked, "event", no_decoding)
    assert timeline.events.fingerprints() == fingerprints(as_written)
    assert len(timeline.events.fingerprints()) == len(timeline.events) > 0


def test_an_id_given_twice_has_the_fingerprint_of_the_event_kept(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    event = '[[events]]\nid = "same"\ntitle = "{}"\nwhen = 2025-08-18\n'
    (folder / "a.toml").write_text(event.format("First"), encoding="utf-8")
    (folder / "b.toml").write_text(event.format("Second"), encoding="utf-8")
    timeline = Workspace([str(folder)]).load()
    (kept,) = timeline.events
    assert kept.title == "First"
    assert timeline.events.fingerprints() == {"same": fingerprint(kept)}


def test_lists_that_differ_only_in_where_their_items_break_are_told_apart(seed) -> None:
    from dataclasses import replace

    event = seed.events[0]
    lists = [(), ("",), ("", ""), ("a", "b"), ("a\x00b",), ("a\x00", "b"), ("1:a",), ("a", "b", "")]
    prints = {fingerprint(replace(event, tags=tags)) for tags in lists}
    assert len(prints) == len(lists)


def test_every_field_named_changed_has_an_old_and_new_value_to_read(seed) -> None:
    from dataclasses import replace

    from timeline_tui.view.changes import field_value

    event = replace(seed.events[0], conflicts=("other",), sequence=2)
    assert event.earliest is not None and event.latest is not None
    for name in FIELDS:
        value = field_value(event, name)
        assert value and "When(" not in value and "('" not in value, (name, value)
