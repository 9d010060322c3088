"""Workspace: incremental reloads against a real temporary folder, stale events, roots, preview."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading import load_cache, reading, stamp
from timeline_tui.loading import workspace as workspace_module
from timeline_tui.loading.parallel import MANY_FILES
from timeline_tui.loading.preview import preview
from timeline_tui.loading.workspace import Workspace, merge_roots, state_from
from timeline_tui.records.parse import ParsedFile

OLD_NS = 1_600_000_000 * 10**9  # a stamp well outside the "modified just now" window
STALE_NOTE = "showing the last good version ({}, marked stale) until the file reads cleanly"
EMPTY_NOTE = (
    "file is empty now: showing the last good version ({}, marked stale) until it has content"
    " that reads cleanly; delete the file to drop them"
)


def record(event_id: str, day: int = 18, title: str = "Talks") -> str:
    return f'[[events]]\nid = "{event_id}"\ntitle = "{title}"\nwhen = 2025-08-{day:02d}\n\n'


def events(timeline: Timeline) -> list[tuple[str, bool]]:
    return sorted((event.id, event.stale) for event in timeline.events)


def problems(timeline: Timeline) -> list[tuple[str, int, str, str]]:
    return [(os.path.basename(d.path), d.line, d.severity, d.message) for d in timeline.diagnostics]


def age(path: Path) -> None:
    """Give a file an old mtime (its ctime stays new: see `settled_at_once`)."""
    os.utime(path, ns=(OLD_NS, OLD_NS))


@pytest.fixture
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps trusted as soon as they are read, as an old file's are: its ctime cannot be set
    back, so an aged file alone would still count as just changed."""
    monkeypatch.setattr(stamp, "RACY_NS", 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "events"
    root.mkdir()
    (root / "friday.toml").write_text(record("summit", 15) + record("press", 15))
    (root / "monday.toml").write_text(record("white-house"))
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the workspace reads, in order."""
    seen: list[str] = []
    real = reading.read_file

    def counting(path: str, *args: object) -> object:
        seen.append(os.path.basename(path))
        return real(path, *args)

    monkeypatch.setattr(reading, "read_file", counting)
    return seen


def test_load_reads_every_event_file_under_the_roots(folder: Path) -> None:
    timeline = Workspace([str(folder)]).load()
    assert events(timeline) == [("press", False), ("summit", False), ("white-house", False)]
    assert problems(timeline) == []


def test_timeline_is_empty_until_loaded(folder: Path) -> None:
    space = Workspace([str(folder)])
    assert space.timeline.events == ()
    assert space.roots == (str(folder),)


def test_a_path_given_twice_or_inside_an_open_folder_is_one_root(folder: Path) -> None:
    friday = str(folder / "friday.toml")
    again = str(folder / ".." / "events")
    space = Workspace([friday, str(folder), str(folder) + "/", friday, again])
    assert space.roots == (str(folder),)
    assert events(space.load()) == [("press", False), ("summit", False), ("white-house", False)]
    assert problems(space.timeline) == []


def test_a_file_in_a_hidden_subfolder_stays_a_root_of_its_own(folder: Path) -> None:
    hidden = folder / ".drafts" / "draft.toml"
    hidden.parent.mkdir()
    hidden.write_text(record("draft"))
    assert merge_roots([str(folder)], [str(hidden)]) == (str(folder), str(hidden))
    assert ("draft", False) in events(Workspace([str(folder), str(hidden)]).load())


def test_add_merges_roots_and_reads_only_the_new_files(
    folder: Path, tmp_path: Path, reads: list[str], settled_at_once: None
) -> None:
    for path in folder.iterdir():
        age(path)
    other = tmp_path / "sunday.toml"
    other.write_text(record("brussels", 17))
    space = Workspace([str(folder / "monday.toml")])
    space.load()
    reads.clear()
    timeline = space.add([str(folder), str(other)])
    assert space.roots == (str(folder), str(other))
    assert sorted(reads) == ["friday.toml", "sunday.toml"]
    assert [e.id for e in timeline.events] == ["summit", "press", "brussels", "white-house"]


def test_refresh_picks_up_a_new_file(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "sunday.toml").write_text(record("brussels", 17))
    timeline = space.refresh()
    assert events(timeline) == [
        ("brussels", False), ("press", False), ("summit", False), ("white-house", False),
    ]  # fmt: skip
    assert problems(timeline) == []


def test_refresh_sees_a_same_size_edit_made_just_after_the_read(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "monday.toml").write_text(record("white-hous2"))  # same size, same mtime tick
    assert events(space.refresh()) == [("press", False), ("summit", False), ("white-hous2", False)]


def test_refresh_rereads_only_files_whose_stamp_changed(
    folder: Path, reads: list[str], settled_at_once: None
) -> None:
    for path in folder.iterdir():
        age(path)
    space = Workspace([str(folder)])
    first = space.load()
    reads.clear()
    assert space.refresh() is first
    assert reads == []
    (folder / "monday.toml").write_text(record("white-house", title="Talks at the White House"))
    timeline = space.refresh()
    assert reads == ["monday.toml"]
    assert timeline is not first
    titles = {event.id: event.title for event in timeline.events}
    assert titles["white-house"] == "Talks at the White House"


def test_refresh_rereads_changed_paths_even_when_their_stamp_looks_the_same(
    folder: Path, monkeypatch: pytest.MonkeyPatch, settled_at_once: None
) -> None:
    monday = folder / "monday.toml"
    space = Workspace([str(folder)])
    space.load()
    real, frozen = workspace_module.stamp_of, workspace_module.stamp_of(str(monday))
    monkeypatch.setattr(  # a filesystem whose stamps miss this edit: only the watcher knows
        workspace_module, "stamp_of", lambda path: frozen if path == str(monday) else real(path)
    )
    monday.write_text(record("white-hous2"))
    assert ("white-house", False) in events(space.refresh())
    assert ("white-hous2", False) in events(space.refresh({str(monday)}))


def test_rewriting_the_same_content_keeps_the_same_timeline(folder: Path) -> None:
    space = Workspace([str(folder)])
    first = space.load()
    (folder / "monday.toml").write_text(record("white-house"))
    assert space.refresh({str(folder / "monday.toml")}) is first


def test_atomic_save_replaces_the_events(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    temporary = folder / ".monday.toml.tmp"
    temporary.write_text(record("white-house") + record("lunch"))
    assert events(space.refresh()) == [  # the temporary file is never a record
        ("press", False), ("summit", False), ("white-house", False),
    ]  # fmt: skip
    os.replace(temporary, folder / "monday.toml")
    timeline = space.refresh()
    assert events(timeline) == [
        ("lunch", False), ("press", False), ("summit", False), ("white-house", False),
    ]  # fmt: skip
    assert problems(timeline) == []


def test_an_opened_file_saved_atomically_is_read_again(tmp_path: Path) -> None:
    single = tmp_path / "single.toml"
    single.write_text(record("one"))
    space = Workspace([str(single)])
    space.load()
    (tmp_path / "single.toml.tmp").write_text(record("two"))
    os.replace(tmp_path / "single.toml.tmp", single)
    assert events(space.refresh()) == [("two", False)]


def test_two_chunk_write_shows_stale_events_between_and_the_full_file_after(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    content = record("white-house") + record("lunch") + record("dinner")
    cut = content.index("lunch") + 3
    with open(folder / "monday.toml", "w") as handle:
        handle.write(content[:cut])
        handle.flush()
        between = space.refresh()
        handle.write(content[cut:])
    assert events(between) == [
        ("press", False), ("summit", False), ("white-house", True),
    ]  # fmt: skip
    assert [p[2] for p in problems(between)] == ["warning", "error"]
    after = space.refresh()
    assert events(after) == [
        ("dinner", False), ("lunch", False), ("press", False), ("summit", False),
        ("white-house", False),
    ]  # fmt: skip
    assert problems(after) == []


def test_a_file_that_changes_while_it_is_read_is_read_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monday = folder / "monday.toml"
    half, rest = record("white-house"), record("lunch")
    monday.write_text(half)
    real = reading.read_file
    calls: list[str] = []

    def read_then_finish_writing(path: str, *args: object) -> object:
        parsed = real(path, *args)
        if path.endswith("monday.toml") and not calls:
            with open(monday, "a") as handle:  # the second chunk lands during the read
                handle.write(rest)
        calls.append(path)
        return parsed

    monkeypatch.setattr(reading, "read_file", read_then_finish_writing)
    timeline = Workspace([str(monday)]).load()
    assert events(timeline) == [("lunch", False), ("white-house", False)]
    assert len(calls) == 2


def test_a_bad_edit_keeps_stale_events_until_the_file_reads_cleanly(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    friday = folder / "friday.toml"
    friday.write_text(record("summit", 15) + 'id = "oops\n')
    broken = space.refresh()
    assert events(broken) == [("press", True), ("summit", True), ("white-house", False)]
    assert problems(broken) == [
        ("friday.toml", 1, "warning", STALE_NOTE.format("2 events")),
        ("friday.toml", 6, "error", "invalid TOML: Illegal character '\\n'"),
    ]
    assert events(space.load()) == events(broken)  # a full reload keeps the last good version
    friday.write_text(record("summit", 15))
    fixed = space.refresh()
    assert events(fixed) == [("summit", False), ("white-house", False)]
    assert problems(fixed) == []


def test_a_save_that_truncates_first_keeps_the_last_good_version(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    friday = folder / "friday.toml"
    friday.write_text("")  # an editor truncates the file before writing it
    empty = space.refresh()
    assert events(empty) == [("press", True), ("summit", True), ("white-house", False)]
    assert problems(empty) == [("friday.toml", 1, "warning", EMPTY_NOTE.format("2 events"))]
    friday.write_text('[[events]]\nid = "summit')  # then writes part of it, or a bad edit
    broken = space.refresh()
    assert events(broken) == [("press", True), ("summit", True), ("white-house", False)]
    assert [p[2:] for p in problems(broken)][0] == ("warning", STALE_NOTE.format("2 events"))
    friday.write_text(record("summit", 15) + record("lunch", 15))
    fixed = space.refresh()
    assert events(fixed) == [("lunch", False), ("summit", False), ("white-house", False)]
    assert problems(fixed) == []


def test_an_unreadable_read_after_an_empty_one_keeps_the_last_good_version(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    friday = folder / "friday.toml"
    friday.write_text("")
    assert ("summit", True) in events(space.refresh())
    friday.unlink()
    os.mkfifo(friday)  # never opened: not a regular file, so not read
    unreadable = space.refresh()
    assert events(unreadable) == [("press", True), ("summit", True), ("white-house", False)]
    assert problems(unreadable) == [
        ("friday.toml", 1, "error", "not a regular file (a FIFO); not read"),
        ("friday.toml", 1, "warning", STALE_NOTE.format("2 events")),
    ]
    friday.unlink()
    friday.write_text(record("summit", 15))
    assert events(space.refresh()) == [("summit", False), ("white-house", False)]


def test_a_file_emptied_on_purpose_keeps_its_stale_events_until_deleted(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    friday = folder / "friday.toml"
    friday.write_text("\n")
    assert ("summit", True) in events(space.refresh())
    friday.write_text("  \n\n")  # still blank: still the last good version, on a reload too
    assert ("summit", True) in events(space.refresh())
    assert events(space.load()) == [("press", True), ("summit", True), ("white-house", False)]
    friday.unlink()
    assert events(space.refresh()) == [("white-house", False)]
    assert problems(space.timeline) == []


def test_content_that_reads_cleanly_replaces_the_events_even_with_none(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "friday.toml").write_text("")
    space.refresh()
    (folder / "friday.toml").write_text("# moved to saturday.toml\n")
    timeline = space.refresh()
    assert events(timeline) == [("white-house", False)]
    assert [p[2] for p in problems(timeline)] == ["warning"]  # it holds no records


def test_a_file_empty_from_the_start_is_only_a_warning(folder: Path) -> None:
    (folder / "blank.toml").write_text("\n")
    timeline = Workspace([str(folder)]).load()
    assert events(timeline) == [("press", False), ("summit", False), ("white-house", False)]
    assert problems(timeline) == [("blank.toml", 1, "warning", "file is empty")]


def parsed(path: Path, text: str) -> ParsedFile:
    path.write_text(text)
    return reading.read_file(str(path))


def test_state_from_keeps_the_good_version_through_an_empty_and_a_broken_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "friday.toml"
    state = state_from(None, None, parsed(path, record("summit")))
    good = state.good
    for text in ("", "\n", '[[events]]\nid = "summit'):
        state = state_from(state, None, parsed(path, text))
        assert state.good is good
        assert [(event.id, event.stale) for event in state.shown.events] == [("summit", True)]
    state = state_from(state, None, parsed(path, record("press")))
    assert state.good is state.last is state.shown
    assert [(event.id, event.stale) for event in state.shown.events] == [("press", False)]


def test_state_from_shows_an_empty_file_as_empty_when_it_never_held_records(
    tmp_path: Path,
) -> None:
    path = tmp_path / "friday.toml"
    state = state_from(None, None, parsed(path, ""))
    assert state.good is None
    assert state.shown is state.last
    state = state_from(state, None, parsed(path, "oops = ["))
    assert state.good is None
    assert state.shown is state.last


def test_a_schema_problem_is_not_stale_the_file_still_reads(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "monday.toml").write_text(record("white-house") + '[[events]]\nid = "x"\n')
    timeline = space.refresh()
    assert events(timeline) == [
        ("press", False), ("summit", False), ("white-house", False), ("x", False)
    ]  # fmt: skip
    assert [p[2:] for p in problems(timeline)] == [
        ("error", "event has no 'when'; listed under 'date unreadable'"),
        ("error", "event 'x' has no 'title'"),
    ]


def test_a_file_bad_from_the_start_shows_only_its_error(folder: Path) -> None:
    (folder / "broken.toml").write_text("[[events]\n")
    timeline = Workspace([str(folder)]).load()
    assert events(timeline) == [("press", False), ("summit", False), ("white-house", False)]
    assert [(p[0], p[2]) for p in problems(timeline)] == [("broken.toml", "error")]


def test_a_deleted_file_takes_its_events_even_stale_ones(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / "friday.toml").write_text("not toml")
    assert ("summit", True) in events(space.refresh())
    (folder / "friday.toml").unlink()
    timeline = space.refresh()
    assert events(timeline) == [("white-house", False)]
    assert problems(timeline) == []
    (folder / "friday.toml").write_text(record("summit", 15))  # back as a new file
    assert events(space.refresh()) == [("summit", False), ("white-house", False)]


def test_a_root_folder_that_disappears_gives_a_diagnostic_and_comes_back(folder: Path) -> None:
    space = Workspace([str(folder)])
    space.load()
    shutil.rmtree(folder)
    gone = space.refresh()
    assert events(gone) == []
    assert problems(gone) == [("events", 1, "error", "no such file or folder")]
    folder.mkdir()
    (folder / "monday.toml").write_text(record("white-house"))
    back = space.refresh()
    assert events(back) == [("white-house", False)]
    assert problems(back) == []


def test_a_subfolder_removed_and_restored(folder: Path) -> None:
    sub = folder / "week-2"
    sub.mkdir()
    (sub / "tuesday.toml").write_text(record("follow-up", 19))
    space = Workspace([str(folder)])
    assert ("follow-up", False) in events(space.load())
    shutil.move(sub, folder.parent / "week-2")
    assert ("follow-up", False) not in events(space.refresh())
    shutil.move(folder.parent / "week-2", sub)
    assert ("follow-up", False) in events(space.refresh())


@pytest.mark.parametrize(
    "name",
    ["monday.toml.swp", "monday.toml~", ".monday.toml.tmp", "4913", "#monday.toml#",
     ".#monday.toml", "~monday.toml", ".monday.toml.swx", "monday.toml.tmp"],
)  # fmt: skip
def test_editor_scratch_files_are_never_records(folder: Path, name: str) -> None:
    space = Workspace([str(folder)])
    space.load()
    (folder / name).write_text(record("scratch"))
    timeline = space.refresh({str(folder / name)})
    assert events(timeline) == [("press", False), ("summit", False), ("white-house", False)]
    assert problems(timeline) == []


def test_an_edited_source_document_rechecks_quotes(tmp_path: Path) -> None:
    document = tmp_path / "article.txt"
    document.write_text("He said nothing.")
    (tmp_path / "quotes.toml").write_text(
        '[[sources]]\nid = "article"\ndocument = "article.txt"\n\n'
        '[[events]]\nid = "remark"\ntitle = "A remark"\nwhen = 2025-08-17\nsource = "article"\n'
        '[[events.quotes]]\nspeaker = "Zelenskyy"\ntext = "We need peace"\n'
    )
    space = Workspace([str(tmp_path)])
    assert any("quote not found" in p[3] for p in problems(space.load()))
    document.write_text("He said: We need peace.")
    assert not any("quote not found" in p[3] for p in problems(space.refresh()))


def test_progress_counts_the_files_read(folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    Workspace([str(folder)]).load(progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]


def test_preview_counts_events_and_errors(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.toml").write_text("[[events]\n")
    assert preview(str(folder / "friday.toml")) == "2 events"
    assert preview(str(folder / "broken.toml")) == "0 events, 1 error"
    assert preview(str(folder)) == "3 files, 3 events, 1 error"
    assert preview(str(tmp_path / "missing")) == "no such file or folder"


def test_preview_past_its_budget_counts_event_headers(folder: Path) -> None:
    (folder / "broken.toml").write_text("[[events]\n")
    assert preview(str(folder), budget=-1) == "3 files, 3 events (errors looked for in 0)"


def test_many_files_are_read_in_bulk_with_the_same_result_as_one_by_one(tmp_path):
    from timeline_tui.loading.workspace import Workspace, load

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(MANY_FILES + 4):
        day = number % 28 + 1
        text = f'[[events]]\nid = "e{number}"\ntitle = "Event {number}"\nwhen = 2025-08-{day:02d}\n'
        (folder / f"f{number:02d}.toml").write_text(text, encoding="utf-8")
    workspace = Workspace([str(folder)])
    timeline = workspace.load()
    expected = load([str(folder)])
    assert [e.id for e in timeline.events] == [e.id for e in expected.events]
    assert len(timeline.events) == MANY_FILES + 4
    (folder / "f03.toml").write_text(
        '[[events]]\nid = "e3"\ntitle = "Changed"\nwhen = 2025-08-04\n', encoding="utf-8"
    )
    refreshed = workspace.refresh({str(folder / "f03.toml")})
    assert next(e.title for e in refreshed.events if e.id == "e3") == "Changed"
    assert len(refreshed.events) == MANY_FILES + 4


def test_a_few_small_files_are_small_enough_to_read_before_the_first_frame(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"day{n}.toml").write_text(record(f"e{n}", day=10 + n))
    assert Workspace([str(tmp_path)]).is_small()
    (tmp_path / "big.toml").write_text(record("big") + "# " + "x" * 300_000 + "\n")
    assert not Workspace([str(tmp_path)]).is_small()  # too many bytes
    (tmp_path / "big.toml").unlink()
    for n in range(3, 16):
        (tmp_path / f"day{n}.toml").write_text(record(f"e{n}", day=10 + n))
    assert not Workspace([str(tmp_path)]).is_small()  # too many files


@pytest.fixture
def many(tmp_path: Path, cache_folder: Path) -> Path:
    """Enough aged files for the workspace's first load to go through the load cache (a cache
    folder of this test's own), one of them quoting a source document."""
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "article.txt").write_text("He said: We need peace.")
    (folder / "sources.toml").write_text('[[sources]]\nid = "article"\ndocument = "article.txt"\n')
    for number in range(MANY_FILES + 2):
        text = record(f"e{number}", number % 28 + 1, f"Event {number}")
        text += 'source = "article"\n[[events.quotes]]\n'
        text += 'speaker = "Zelenskyy"\ntext = "We need peace"\n'
        (folder / f"f{number:02d}.toml").write_text(text)
    for path in folder.iterdir():
        age(path)
    return folder


def test_a_second_first_load_of_unchanged_files_comes_whole_from_the_cache(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Workspace([str(many)]).load()

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("read files the load cache holds")

    monkeypatch.setattr(load_cache, "iter_stamped", no_reading)
    again = Workspace([str(many)]).load()
    assert [(e.id, e.title, e.actors) for e in again.events] == [
        (e.id, e.title, e.actors) for e in first.events
    ]
    assert problems(again) == problems(first)
    assert again.index_of("e7") == first.index_of("e7") is not None


def test_a_load_from_the_cache_still_sees_files_and_documents_change(many: Path) -> None:
    Workspace([str(many)]).load()  # kept in the cache
    (many / "f03.toml").write_text(record("e3", 4, "Changed"))
    age(many / "f03.toml")
    space = Workspace([str(many)])
    assert next(e.title for e in space.load().events if e.id == "e3") == "Changed"
    assert not any("quote not found" in p[3] for p in problems(space.timeline))
    again = Workspace([str(many)])
    again.load()  # this one from the cache: the document's stamp is watched all the same
    (many / "article.txt").write_text("He said nothing.")
    assert any("quote not found" in p[3] for p in problems(again.refresh()))


def test_only_the_first_read_goes_through_the_load_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace with no files yet (an empty folder, or every file deleted) refreshes
    like any other: the whole-load cache is looked up and written once, not at every batch
    the watcher hands over."""
    whole: list[object] = []
    real = workspace_module.load_whole
    monkeypatch.setattr(
        workspace_module, "load_whole", lambda *a, **k: whole.append(a) or real(*a, **k)
    )
    space = Workspace([str(tmp_path)])
    space.load()
    for _ in range(3):
        space.refresh()
    (tmp_path / "monday.toml").write_text(record("white-house"))
    assert events(space.refresh()) == [("white-house", False)]
    assert len(whole) == 1


def many_files(root: Path, count: int) -> Path:
    for number in range(count):
        day = 1 + number % 28
        text = f'[[events]]\nid = "e{number}"\ntitle = "E"\nwhen = 2025-08-{day:02d}\n'
        (root / f"{number:03d}.toml").write_text(text, encoding="utf-8")
    return root


def test_a_cold_open_hands_over_its_first_files_once_while_the_rest_are_read(
    tmp_path: Path,
) -> None:
    folder = many_files(tmp_path, 200)
    partials: list[Timeline] = []
    whole = Workspace([str(folder)], workers=2).load(None, partials.append)
    (first,) = partials
    assert 0 < len(first.events) <= 100  # at most half: else the whole is as quick
    shown = {event.id for event in first.events}
    assert shown < {event.id for event in whole.events} and len(whole.events) == 200
    assert [e.id for e in first.events] == sorted(shown, key=whole.index_of)  # in time order


def test_a_load_from_the_cache_or_a_reload_hands_over_nothing(
    tmp_path: Path, cache_folder: Path
) -> None:
    folder = many_files(tmp_path, 40)
    Workspace([str(folder)], workers=2).load()
    partials: list[Timeline] = []
    Workspace([str(folder)], workers=2).load(None, partials.append)  # whole from the cache
    workspace = Workspace([str(folder)], workers=2)
    workspace.load()
    workspace.load(None, partials.append)  # a reload: the old timeline stays until it is done
    assert partials == []


def test_the_first_chunks_are_small() -> None:
    from timeline_tui.loading.parallel import _chunks

    paths = [f"{n}.toml" for n in range(1000)]
    chunks = _chunks(paths, 8, first=2)
    assert [len(c) for c in chunks[:2]] == [10, 10]
    assert [p for c in chunks for p in c] == paths  # every path once, in order
