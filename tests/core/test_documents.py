"""Source documents are read only from inside the folders opened, and only regular files: a
record must not learn (through its quote checks) what any other file on the machine holds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import errors, only, warnings_

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.documents import confining_folders, is_inside
from timeline_tui.loading.workspace import Workspace, load

SECRET = "the password is hunter2"
OUTSIDE = "is outside the folders opened"


def cited(document: str, quote: str) -> str:
    """A file whose one event quotes `quote` from a source whose document is `document`."""
    return (
        f'[[sources]]\nid = "s"\ndocument = {json.dumps(document)}\n\n'
        f'[[events]]\nid = "e"\ntitle = "E"\nwhen = 2025-08-17\nsource = "s"\n'
        f'[[events.quotes]]\nspeaker = "Zelenskyy"\ntext = {json.dumps(quote)}\n'
        '[[actors]]\nid = "zelenskyy"\nname = "Zelenskyy"\n'
    )


def checked(root: Path, document: str, quote: str) -> Timeline:
    (root / "a.toml").write_text(cited(document, quote), encoding="utf-8")
    return load([str(root)])


def shown(timeline: Timeline) -> list[str]:
    return [diagnostic.format() for diagnostic in timeline.diagnostics]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The folder opened; beside it, outside it, a file holding a secret."""
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "open" / "events").mkdir(parents=True)
    return tmp_path / "open" / "events"


def environ_sample() -> str:
    """Some text that /proc/self/environ certainly holds (this process's first variable)."""
    with open("/proc/self/environ", "rb") as handle:
        first = handle.read().split(b"\0")[0]
    return first.decode("utf-8", errors="replace")[:20] or "PATH="


def link_out(root: Path) -> str:
    os.symlink(root.parent.parent / "private" / "secret.txt", root / "doc.txt")
    return "doc.txt"


@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs /proc")
def test_proc_self_environ_is_never_read_and_check_tells_nothing_of_it(root):
    present = checked(root, "/proc/self/environ", environ_sample())
    absent = checked(root, "/proc/self/environ", "no variable holds this 9f3c1d")
    assert shown(present) == shown(absent)  # the same words, whatever the file holds
    assert errors(present.diagnostics) == []
    problem = only(warnings_(present.diagnostics), OUTSIDE)
    assert (problem.line, problem.path) == (3, str(root / "a.toml"))  # the `document` line
    assert "/proc/self/environ" in problem.message and "not checked" in problem.message


@pytest.mark.parametrize(
    "document",
    [
        lambda root: str(root.parent.parent / "private" / "secret.txt"),  # absolute
        lambda root: "../../private/secret.txt",  # `..` above the folder opened
        link_out,  # a symbolic link inside the folder, to a file outside it
    ],
    ids=["absolute", "dot-dot", "symlink-out"],
)
def test_a_document_outside_the_folders_opened_is_not_read(root, document):
    name = document(root)
    present, absent = checked(root, name, "hunter2"), checked(root, name, "swordfish")
    assert shown(present) == shown(absent)
    assert errors(absent.diagnostics) == []
    only(warnings_(absent.diagnostics), OUTSIDE)


def test_a_fifo_inside_the_folder_is_not_opened(root, deadline):
    os.mkfifo(root / "pipe.txt")
    timeline = checked(root, "pipe.txt", "anything")
    assert errors(timeline.diagnostics) == []
    problem = only(warnings_(timeline.diagnostics), "is not a regular file (a FIFO)")
    assert "not checked" in problem.message


def test_documents_inside_the_folder_are_read_however_named(root):
    (root / "docs").mkdir()
    (root / "docs" / "doc.txt").write_text(SECRET, encoding="utf-8")
    os.symlink("docs/doc.txt", root / "link.txt")  # a link that stays inside
    for name in ("docs/doc.txt", str(root / "docs" / "doc.txt"), "link.txt", "docs/../link.txt"):
        assert checked(root, name, "hunter2").diagnostics == (), name
        assert only(errors(checked(root, name, "swordfish").diagnostics), "quote not found")


def test_a_file_opened_alone_may_cite_documents_beside_it_but_not_above(root):
    (root / "doc.txt").write_text(SECRET, encoding="utf-8")
    path = root / "a.toml"
    path.write_text(cited("doc.txt", "swordfish"), encoding="utf-8")
    only(errors(load([str(path)]).diagnostics), "quote not found")
    path.write_text(cited("../../private/secret.txt", "swordfish"), encoding="utf-8")
    only(warnings_(load([str(path)]).diagnostics), OUTSIDE)


def test_opening_the_documents_folder_too_checks_the_quotes(root):
    """The folders may grow (the app's `o`): a refused document is then read, even though no
    event file changed."""
    (root / "a.toml").write_text(cited("../../private/secret.txt", "swordfish"), encoding="utf-8")
    workspace = Workspace([str(root)])
    only(warnings_(workspace.load().diagnostics), OUTSIDE)
    timeline = workspace.add([str(root.parent.parent / "private")])
    assert only(errors(timeline.diagnostics), "quote not found")


def test_confining_folders_are_real_folders_opened_or_holding_a_file_opened(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "link")
    (tmp_path / "real" / "a.toml").write_text("", encoding="utf-8")
    folders = confining_folders([str(tmp_path / "link"), str(tmp_path / "real" / "a.toml")])
    assert folders == {str((tmp_path / "real").resolve())}
    assert is_inside(str(tmp_path / "link" / "x.txt"), folders)
    assert not is_inside(str(tmp_path / "real-x" / "x.txt"), folders)  # a prefix, not a folder
    assert not is_inside(str(tmp_path / "real" / "a\0b"), folders)  # no such name, no raise
