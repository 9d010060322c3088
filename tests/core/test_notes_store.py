"""The notes store: `.timeline/notes.toml` read with positioned problems, one entry changed
at a time through tomlkit (comments and other entries kept), written atomically, refused
when the file changed on disk or has errors; orphans kept and counted."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import Write

from timeline_tui.core.annotation import Annotation, parse_tags, place
from timeline_tui.loading.discovery import discover
from timeline_tui.notes.keeper import NotesKeeper
from timeline_tui.notes.reading import parse_notes
from timeline_tui.notes.store import NotSaved, notes_path, read_notes, save_annotation

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
NOTES = """\
# the team's notes on this folder
[[notes]]
event = "white-house-talks"
star = true
tags = ["follow-up"]
text = \"\"\"Ask who was in the room.\"\"\"  # asked on Monday
updated = 2026-11-30T09:00:00Z

[[notes]]
event = "gone-event"
text = "its record was deleted"
"""


@pytest.fixture
def notes_file(write: Write) -> Path:
    return write("events/.timeline/notes.toml", NOTES)


def test_notes_live_in_the_first_folder_opened(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.toml").write_text("")
    assert notes_path([str(tmp_path / "a"), "b"]) == tmp_path / "a" / ".timeline" / "notes.toml"
    assert (
        notes_path([str(tmp_path / "a" / "x.toml")]) == tmp_path / "a" / ".timeline" / "notes.toml"
    )
    assert notes_path([]) is None


def test_a_missing_file_holds_no_notes(tmp_path: Path) -> None:
    found = read_notes(tmp_path / ".timeline" / "notes.toml")
    assert (found.notes, found.problems, found.data) == ({}, (), None)


def test_reading_gives_every_field(notes_file: Path) -> None:
    found = read_notes(notes_file)
    assert found.problems == ()
    talks = found.notes["white-house-talks"]
    assert (talks.star, talks.note, talks.tags) == (
        True,
        "Ask who was in the room.",
        ("follow-up",),
    )
    assert talks.updated == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert found.notes["gone-event"] == Annotation(note="its record was deleted")


def test_saving_one_entry_keeps_every_other_byte(notes_file: Path) -> None:
    saved = save_annotation(read_notes(notes_file), "gone-event", Annotation(star=True), NOW)
    text = notes_file.read_text(encoding="utf-8")
    assert text.startswith(NOTES.split('[[notes]]\nevent = "gone-event"')[0])
    assert "# asked on Monday" in text and "# the team's notes" in text
    assert saved.notes["gone-event"] == Annotation(star=True, updated=NOW)
    assert read_notes(notes_file).notes == saved.notes


def test_a_new_entry_is_added_and_the_folder_made(tmp_path: Path) -> None:
    path = tmp_path / "events" / ".timeline" / "notes.toml"
    annotation = Annotation(note="two\nlines", tags=("a", "b"))
    saved = save_annotation(read_notes(path), "e1", annotation, NOW)
    assert (
        read_notes(path).notes
        == saved.notes
        == {"e1": Annotation(False, "two\nlines", ("a", "b"), NOW)}
    )
    assert [p.name for p in path.parent.iterdir()] == ["notes.toml"]  # no temporary left


def test_an_entry_made_empty_is_removed_but_no_other(notes_file: Path) -> None:
    save_annotation(read_notes(notes_file), "white-house-talks", Annotation(), NOW)
    assert list(read_notes(notes_file).notes) == ["gone-event"]  # the orphan stays


@pytest.mark.parametrize(
    "text",
    ['"""', "'''", "\\", "[/]", "[@click=app.quit]x", "\x1b]52;c;aGk=\x07", "a\r\nb",
     "\x00\x7f\x9f", "\u202e\u2028", "é ☃ 𝄞", "# not a comment", "line\n\"\"\"\nend\\"],
)  # fmt: skip
def test_hostile_note_text_reads_back_exactly(tmp_path: Path, text: str) -> None:
    path = tmp_path / ".timeline" / "notes.toml"
    save_annotation(read_notes(path), "e", Annotation(note=text, tags=(text,)), NOW)
    again = read_notes(path)
    assert again.problems == ()
    assert (again.notes["e"].note, again.notes["e"].tags) == (text, (text,))


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(notes_file: Path) -> None:
    before = read_notes(notes_file)
    notes_file.write_text(NOTES + '\n[[notes]]\nevent = "theirs"\nstar = true\n', encoding="utf-8")
    theirs = notes_file.read_bytes()
    with pytest.raises(NotSaved, match="changed on disk since it was read"):
        save_annotation(before, "white-house-talks", Annotation(), NOW)
    assert notes_file.read_bytes() == theirs


def test_a_file_made_since_it_was_found_missing_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / ".timeline" / "notes.toml"
    before = read_notes(path)
    path.parent.mkdir()
    path.write_text('[[notes]]\nevent = "x"\nstar = true\n', encoding="utf-8")
    with pytest.raises(NotSaved, match="changed on disk"):
        save_annotation(before, "y", Annotation(star=True), NOW)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("[[notes]]\nevent = 'a'\nstar = \n", 3, 8, "invalid TOML"),
        ("[[notes]]\nevent = 'a'\nstar = 'yes'\n", 3, 1, "star must be true or false"),
        ("[[notes]]\nevent = 'a'\n\ntags = 'x'\n", 4, 1, "tags must be a list of strings"),
        ("[[notes]]\nevent = 'a'\ntext = 3\n", 3, 1, "text must be a string"),
        ("[[notes]]\nevent = 'a'\nupdated = 'now'\n", 3, 1, "updated must be a date-time"),
        ("[[notes]]\nstar = true\n", 1, 1, "a note needs `event`"),
        ("notes = 3\n", 1, 1, "notes must be [[notes]] tables"),
    ],
)
def test_a_bad_file_is_a_positioned_problem_and_never_overwritten(
    write: Write, text: str, line: int, column: int, message: str
) -> None:
    path = write(".timeline/notes.toml", text)
    found = read_notes(path)
    (problem,) = found.problems
    assert (problem.path, problem.line, problem.column) == (str(path), line, column)
    assert problem.is_error and message in problem.message
    with pytest.raises(NotSaved, match="has errors"):
        save_annotation(found, "a", Annotation(star=True), NOW)
    assert path.read_text(encoding="utf-8") == text


def test_a_wrong_key_leaves_the_rest_of_its_note(write: Write) -> None:
    path = write(".timeline/notes.toml", "[[notes]]\nevent = 'a'\nstar = 1\ntext = 'kept'\n")
    assert read_notes(path).notes["a"] == Annotation(note="kept")


def test_duplicates_and_unknown_keys_are_warnings(write: Write) -> None:
    text = "[[notes]]\nevent = 'a'\ncolour = 'red'\n[[notes]]\nevent = 'a'\nstar = true\n"
    found = read_notes(write(".timeline/notes.toml", text))
    assert [(p.severity, p.line) for p in found.problems] == [("warning", 3), ("warning", 5)]
    assert found.notes == {"a": Annotation()}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symbolic links")
def test_a_fifo_or_a_link_in_its_place_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / ".timeline"
    folder.mkdir()
    os.mkfifo(folder / "notes.toml")
    assert "not a regular file" in read_notes(folder / "notes.toml").problems[0].message
    os.unlink(folder / "notes.toml")
    os.symlink("/etc/passwd", folder / "notes.toml")
    found = read_notes(folder / "notes.toml")
    assert "symbolic link" in found.problems[0].message and found.notes == {}


def test_orphans_are_counted_not_dropped(notes_file: Path) -> None:
    notes = read_notes(notes_file).notes
    placed = place(notes, {"white-house-talks": 4}.get)
    assert placed.orphans == ("gone-event",)
    assert placed.orphan_status() == "1 orphaned note"
    assert placed.starred == [4] and placed.noted == [4] and placed.tags == {"follow-up": [4]}
    assert placed.holding("room") == [4] and placed.holding("follow") == [4]


def test_tags_are_typed_comma_separated() -> None:
    assert parse_tags(" follow-up, check,,follow-up ,") == ("follow-up", "check")


def test_the_notes_folder_is_never_read_as_event_files(write: Write, notes_file: Path) -> None:
    write("events/day.toml", "[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-18\n")
    found = discover([str(notes_file.parent.parent)])
    assert [Path(f).name for f in found.files] == ["day.toml"]


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_note_text_reads_back_or_is_refused_untouched(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".timeline" / "notes.toml"
        try:
            save_annotation(read_notes(path), "e", Annotation(note=text), NOW)
        except NotSaved:
            assert not path.exists()
            return
        assert read_notes(path).notes.get("e", Annotation()).note == (text if text else "")


def test_the_keeper_follows_the_first_folder_and_rereads(tmp_path: Path, notes_file: Path) -> None:
    keeper = NotesKeeper()
    assert keeper.follow([str(notes_file.parent.parent)])
    assert not keeper.follow([str(notes_file.parent.parent), str(tmp_path)])  # the same file
    assert keeper.notes["white-house-talks"].star
    assert not keeper.reread()
    notes_file.write_text(NOTES.replace("star = true", "star = false"), encoding="utf-8")
    assert keeper.reread() and not keeper.notes["white-house-talks"].star


def test_the_keeper_writes_onto_a_colleague_s_notes_on_other_events(notes_file: Path) -> None:
    keeper = NotesKeeper()
    keeper.follow([str(notes_file.parent.parent)])
    theirs = NOTES + '\n[[notes]]\nevent = "theirs"\ntext = "a colleague\'s"\n'
    notes_file.write_text(theirs, encoding="utf-8")
    keeper.save("mine", Annotation(star=True))
    assert {"theirs", "mine", "white-house-talks"} <= set(read_notes(notes_file).notes)


def test_the_keeper_refuses_when_the_same_note_changed_on_disk(notes_file: Path) -> None:
    keeper = NotesKeeper()
    keeper.follow([str(notes_file.parent.parent)])
    changed = NOTES.replace("Ask who was in the room.", "Their edit")
    notes_file.write_text(changed, encoding="utf-8")
    with pytest.raises(NotSaved, match="changed on disk"):
        keeper.save("white-house-talks", Annotation(note="mine"))
    assert notes_file.read_text(encoding="utf-8") == changed


def test_a_note_holding_a_header_line_is_still_saved_right(tmp_path: Path) -> None:
    path = tmp_path / ".timeline" / "notes.toml"
    tricky = 'first\n[[notes]]\nevent = "forged"\nstar = true\n'
    save_annotation(read_notes(path), "a", Annotation(note=tricky), NOW)
    save_annotation(read_notes(path), "b", Annotation(star=True), NOW)
    save_annotation(read_notes(path), "a", Annotation(note=tricky + "more"), NOW)
    assert set(read_notes(path).notes) == {"a", "b"}
    assert read_notes(path).notes["a"].note == tricky + "more"


def test_saving_in_a_long_file_changes_only_that_entry(tmp_path: Path) -> None:
    path = tmp_path / ".timeline" / "notes.toml"
    path.parent.mkdir()
    entries = [f'[[notes]]\nevent = "e{i}"\nstar = true  # why {i}\n' for i in range(50)]
    path.write_text("# ours\n\n" + "\n".join(entries), encoding="utf-8")
    save_annotation(read_notes(path), "e25", Annotation(note="n"), NOW)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ours\n\n" + "\n".join(entries[:25]))
    assert text.endswith("\n".join(entries[26:]))
    assert read_notes(path).notes["e25"] == Annotation(note="n", updated=NOW)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_reading_any_text_never_raises(text: str) -> None:
    found = parse_notes(text, "n.toml")
    assert all(p.path == "n.toml" and p.line >= 1 and p.column >= 1 for p in found.problems)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "[[notes]]",
                "event = 'a'",
                "star = true",
                "star = 3",
                "tags = ['x', 1]",
                "text = '''x",
                "x = 1",
                "[other]",
                "",
            ]
        )
    )
)
def test_reading_any_mix_of_lines_never_raises(lines: list[str]) -> None:
    parse_notes("\n".join(lines), "n.toml")


def test_the_bundled_sample_keeps_no_notes() -> None:
    from timeline_tui.cli import sample_path

    assert notes_path([sample_path()]) is None
    keeper = NotesKeeper()
    keeper.follow([sample_path()])
    with pytest.raises(NotSaved, match="not in the bundled sample"):
        keeper.save("e", Annotation(star=True))
