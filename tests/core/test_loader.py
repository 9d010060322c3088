"""The loader: files and folders to a Timeline; a bad file is a diagnostic, never an exception."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from support import IS_ROOT, errors, event_ids, only, warnings_

from timeline_tui.loading.discovery import discover
from timeline_tui.loading.reading import read_document, read_file
from timeline_tui.loading.workspace import load

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and symlinks are POSIX")


def event(event_id: str, when: str = "2025-08-17") -> str:
    return f'[[events]]\nid = "{event_id}"\ntitle = "Event {event_id}"\nwhen = {when}\n'


def at(timeline_or_parsed, path: Path, text: str):
    """The one diagnostic for `path` whose message holds text."""
    return only([d for d in timeline_or_parsed.diagnostics if d.path == str(path)], text)


# ── encodings and line endings ──────────────────────────────────────────


def test_non_utf8_byte_is_an_error_at_its_place_and_the_other_events_load(write):
    data = (
        event("before").encode()
        + b'[[events]]\nid = "bad"\ntitle = "caf\xe9"\nwhen = 2025-08-17\n'
        + event("after").encode()
    )
    path = write("latin1.toml", data)
    timeline = load([str(path)])
    assert event_ids(timeline) == ["before", "bad", "after"]
    problem = at(timeline, path, "not UTF-8")
    assert (problem.line, problem.column, problem.severity) == (7, 13, "error")
    assert "0xe9" in problem.message


def test_non_utf8_column_counts_characters_like_tomli(write):
    data = '[[events]]\nid = "a"\ntitle = "Zelenskyy’s '.encode() + b'\xff"\nwhen = 2025-08-17\n'
    parsed = read_file(str(write("x.toml", data)))
    problem = only(parsed.diagnostics, "not UTF-8")
    assert (problem.line, problem.column) == (3, 22)
    assert parsed.events[0].title == "Zelenskyy’s \ufffd"


def test_utf16_file_is_an_error_with_a_hint(write):
    path = write("utf16.toml", event("x").encode("utf-16"))
    parsed = read_file(str(path))
    assert "UTF-16" in only(errors(parsed.diagnostics), "not UTF-8").message


def test_byte_order_mark_is_a_warning_and_the_events_load(write):
    path = write("bom.toml", b"\xef\xbb\xbf" + event("bom").encode())
    timeline = load([str(path)])
    assert event_ids(timeline) == ["bom"]
    problem = at(timeline, path, "byte-order mark")
    assert (problem.line, problem.column, problem.severity) == (1, 1, "warning")
    assert timeline.errors == 0


def test_crlf_file_loads_without_diagnostics(write):
    path = write("crlf.toml", (event("one") + "\n" + event("two")).replace("\n", "\r\n"))
    timeline = load([str(path)])
    assert timeline.diagnostics == ()
    assert [(e.id, e.line) for e in timeline.events] == [("one", 1), ("two", 6)]


def test_bom_and_crlf_together_load(write):
    path = write("both.toml", b"\xef\xbb\xbf" + event("x").replace("\n", "\r\n").encode())
    timeline = load([str(path)])
    assert event_ids(timeline) == ["x"]
    assert [d.severity for d in timeline.diagnostics] == ["warning"]


# ── empty, huge and deep ────────────────────────────────────────────────


@pytest.mark.parametrize("content", [b"", b"\n\n", b"  \t\r\n", b"\xef\xbb\xbf"])
def test_empty_file_is_a_warning(write, content):
    path = write("empty.toml", content)
    parsed = read_file(str(path))
    assert parsed.events == []
    assert errors(parsed.diagnostics) == []
    assert len(warnings_(parsed.diagnostics)) >= 1


@pytest.mark.parametrize("content", [b"\x0c", b"\x0b", b"\r", b"\x00"])
def test_file_of_control_characters_is_invalid_not_empty(write, content):
    parsed = read_file(str(write("odd.toml", content)))
    assert len(errors(parsed.diagnostics)) == 1


def test_huge_integer_does_not_escape_as_an_exception(write):
    path = write("huge.toml", event("x", "1") + "count = " + "9" * 5000 + "\n")
    good = write("good.toml", event("good"))
    timeline = load([str(path), str(good)])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, path, "too large").line == 5


def test_deep_nesting_is_a_diagnostic(write):
    path = write("deep.toml", "a = " + "[" * 100_000)
    timeline = load([str(path), str(write("good.toml", event("good")))])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, path, "invalid TOML").severity == "error"


def test_file_over_the_size_cap_is_not_read(write):
    big = write("big.toml", event("big") + "# " + "x" * 500 + "\n")
    small = write("small.toml", event("small"))
    timeline = load([str(big), str(small)], max_bytes=200)
    assert event_ids(timeline) == ["small"]
    problem = at(timeline, big, "limit")
    assert (problem.line, problem.column, problem.severity) == (1, 1, "error")


def test_file_at_the_size_cap_is_read(write):
    text = event("exact")
    path = write("exact.toml", text)
    assert event_ids(load([str(path)], max_bytes=len(text.encode()))) == ["exact"]


# ── things named *.toml that are not files ──────────────────────────────


def test_fifo_is_not_opened_and_does_not_block(write, tmp_path, deadline):
    write("good.toml", event("good"))
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    assert "FIFO" in at(timeline, fifo, "not a regular file").message
    explicit = load([str(fifo)])
    assert only(explicit.diagnostics, "FIFO").path == str(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_symlink_to_a_device_is_not_read(write, tmp_path, device, deadline):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    write("good.toml", event("good"))
    link = tmp_path / "device.toml"
    link.symlink_to(device)
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, link, "not a regular file").severity == "error"


def test_dangling_symlink_is_an_error(write, tmp_path):
    write("good.toml", event("good"))
    link = tmp_path / "gone.toml"
    link.symlink_to(tmp_path / "missing.toml")
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    problem = at(timeline, link, "dangling symbolic link")
    assert (problem.line, problem.column, problem.severity) == (1, 1, "error")


def test_file_symlink_loop_is_an_error(write, tmp_path):
    write("good.toml", event("good"))
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    for name in ("a.toml", "b.toml"):
        assert at(timeline, tmp_path / name, "symbolic link loop").severity == "error"


def test_folder_symlink_to_its_parent_is_read_once(write, tmp_path, deadline):
    write("story/day1.toml", event("one"))
    write("story/sub/day2.toml", event("two"))
    (tmp_path / "story" / "sub" / "up").symlink_to("..")
    (tmp_path / "story" / "self").symlink_to(".")
    timeline = load([str(tmp_path / "story")])
    assert sorted(event_ids(timeline)) == ["one", "two"]
    assert timeline.errors == 0  # no duplicate ids: each file read once
    loops = [d for d in timeline.diagnostics if "already read" in d.message]
    assert {Path(d.path).name for d in loops} == {"up", "self"}


def test_symlinked_file_is_read_once(write, tmp_path):
    write("real.toml", event("only"))
    (tmp_path / "alias.toml").symlink_to(tmp_path / "real.toml")
    timeline = load([str(tmp_path), str(tmp_path / "real.toml")])
    assert event_ids(timeline) == ["only"]
    assert timeline.diagnostics == ()


# ── permissions ─────────────────────────────────────────────────────────


def test_unreadable_file_is_an_error_and_the_others_load(write, tmp_path, monkeypatch):
    write("good.toml", event("good"))
    locked = write("locked.toml", event("locked"))
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, locked, "permission denied").severity == "error"


def test_unreadable_folder_is_an_error_and_the_others_load(write, tmp_path, monkeypatch):
    write("open/good.toml", event("good"))
    write("locked/hidden.toml", event("hidden"))
    locked = tmp_path / "locked"
    real_scandir = os.scandir

    def refuse(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    timeline = load([str(tmp_path)])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, locked, "permission denied").severity == "error"


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_chmod_000_file_and_folder_are_errors(write, tmp_path):
    write("good.toml", event("good"))
    file = write("nope.toml", event("nope"))
    folder = tmp_path / "closed"
    write("closed/inside.toml", event("inside"))
    file.chmod(0)
    folder.chmod(0)
    try:
        timeline = load([str(tmp_path)])
    finally:
        folder.chmod(0o755)
        file.chmod(0o644)
    assert event_ids(timeline) == ["good"]
    assert at(timeline, file, "permission denied").severity == "error"
    assert at(timeline, folder, "permission denied").severity == "error"


def test_os_error_while_reading_is_a_diagnostic(write, monkeypatch):
    path = write("io.toml", event("x"))

    def fail(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "open", fail)
    parsed = read_file(str(path))
    assert not parsed.readable
    assert "Input/output error" in only(parsed.diagnostics, "cannot read").message


# ── discovery ───────────────────────────────────────────────────────────


def test_folders_are_read_recursively_for_toml_files_in_name_order(write, tmp_path):
    write("b.toml", event("b"))
    write("a/deeper/c.TOML", event("c"))
    write("notes.txt", "not toml")
    write(".hidden.toml", event("hidden"))
    write(".git/x.toml", event("git"))
    write("#autosave.toml", event("autosave"))
    found = discover([str(tmp_path)])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found.files] == [
        "a/deeper/c.TOML",
        "b.toml",
    ]
    assert found.diagnostics == []


def test_explicit_file_is_read_whatever_its_name(write):
    path = write("story.txt", event("named"))
    assert event_ids(load([str(path)])) == ["named"]


def test_missing_path_is_an_error_and_the_others_load(write, tmp_path):
    good = write("good.toml", event("good"))
    missing = tmp_path / "missing"
    timeline = load([str(missing), str(good)])
    assert event_ids(timeline) == ["good"]
    assert at(timeline, missing, "no such file").severity == "error"
    assert timeline.files == (str(good),)


def test_read_document_of_a_missing_file_is_none(tmp_path):
    assert read_document(str(tmp_path / "nope.txt")) is None


def test_read_document_replaces_bad_bytes(write):
    assert read_document(str(write("doc.txt", b"caf\xe9"))) == "caf\ufffd"


# ── one bad file never costs the others ─────────────────────────────────


def test_every_kind_of_bad_file_together_costs_no_good_event(write, tmp_path, deadline):
    write("01-good.toml", event("good-1"))
    write("02-malformed.toml", "[[events]\nid = 'x'\n")
    write("03-latin1.toml", b'[[events]]\nid = "latin"\ntitle = "\xe9"\nwhen = 2025-08-17\n')
    write("04-empty.toml", "")
    write("05-deep.toml", "a = " + "{b=" * 50_000)
    write("06-huge.toml", "n = " + "1" * 6000)
    write("07-types.toml", "[[events]]\nid = 1\ntitle = 2\nwhen = 3\n")
    write("08-big.toml", event("big") + "#" * 5000 + "\n")
    os.mkfifo(tmp_path / "09-fifo.toml")
    (tmp_path / "10-zero.toml").symlink_to("/dev/zero")
    (tmp_path / "11-dangling.toml").symlink_to(tmp_path / "nowhere")
    (tmp_path / "12-loop.toml").symlink_to(tmp_path / "12-loop.toml")
    write("13-utf16.toml", event("utf16").encode("utf-16"))
    write("sub/14-good.toml", event("good-2", "2025-08-18"))
    (tmp_path / "sub" / "parent").symlink_to("..")
    timeline = load([str(tmp_path)], max_bytes=4096)
    assert event_ids(timeline) == ["good-1", "latin", "good-2", "07-types.toml:1"]
    bad = {Path(d.path).name for d in timeline.diagnostics}
    expected = {f"{n:02d}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)}
    assert expected <= {name[:2] for name in bad}


def test_a_file_that_grows_after_it_is_opened_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_bytes asks for the size the file had when opened (plus one): more means it grew,
    and it reads on to the limit rather than cutting the file short."""
    import types

    from timeline_tui.core.diagnostics import Diagnostic
    from timeline_tui.loading import reading

    path = tmp_path / "growing.toml"
    path.write_bytes(b"x" * 100)
    real_stat, real_fstat = os.stat, os.fstat

    def small(info: os.stat_result) -> object:  # as if 90 bytes were written after the open
        return types.SimpleNamespace(st_mode=info.st_mode, st_size=10)

    monkeypatch.setattr(reading.os, "stat", lambda p, *a, **k: small(real_stat(p, *a, **k)))
    monkeypatch.setattr(reading.os, "fstat", lambda fd: small(real_fstat(fd)))
    assert reading.read_bytes(str(path)) == b"x" * 100
    refused = reading.read_bytes(str(path), max_bytes=50)
    assert isinstance(refused, Diagnostic) and "grew over the" in refused.message
