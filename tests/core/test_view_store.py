"""Saved views: kept per set of opened paths in the data folder, round trip, rename and
delete, the last state at quit, and a file that cannot be read said and never written over."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from timeline_tui.loading.view_store import (
    SavedView,
    delete_view,
    read_views,
    rename_view,
    save_last,
    save_view,
    views_file,
)

KHARKIV = SavedView("kharkiv", "kharkiv tag:drones", ("zelenskyy",), True, "UTC", True)


@pytest.fixture(autouse=True)
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(folder))
    return folder


def test_a_view_comes_back_as_saved_whatever_the_order_of_the_paths(tmp_path: Path, data: Path):
    roots = [str(tmp_path / "a"), str(tmp_path / "b")]
    assert save_view(roots, KHARKIV) is None
    assert read_views(list(reversed(roots))).views == (KHARKIV,)
    assert views_file(roots).parent == data / "views"
    assert read_views([str(tmp_path / "a")]).views == ()  # another set of paths


def test_saving_a_name_again_replaces_that_view_and_keeps_the_others(tmp_path: Path):
    roots = [str(tmp_path)]
    save_view(roots, KHARKIV)
    save_view(roots, SavedView("ceasefire", "ceasefire"))
    save_view(roots, SavedView("kharkiv", "kharkiv"))
    assert [(v.name, v.query) for v in read_views(roots).views] == [
        ("kharkiv", "kharkiv"),
        ("ceasefire", "ceasefire"),
    ]
    assert save_view(roots, SavedView("  ")) == "a view needs a name"


def test_rename_and_delete(tmp_path: Path):
    roots = [str(tmp_path)]
    save_view(roots, KHARKIV)
    save_view(roots, SavedView("other"))
    assert rename_view(roots, "kharkiv", "north-east") is None
    assert read_views(roots).named("north-east") == replace(KHARKIV, name="north-east")
    assert "already" in (rename_view(roots, "north-east", "other") or "")
    assert delete_view(roots, "other") is None
    assert [v.name for v in read_views(roots).views] == ["north-east"]


def test_the_last_state_is_kept_apart_from_the_named_views(tmp_path: Path):
    roots = [str(tmp_path)]
    save_view(roots, KHARKIV)
    assert save_last(roots, SavedView("ignored", "putin", narrow=True)) is None
    views = read_views(roots)
    assert views.last == SavedView("", "putin", narrow=True)
    assert views.views == (KHARKIV,)


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"\xff\xfe",
        json.dumps({"version": 99, "views": []}).encode(),
        json.dumps({"version": 1, "views": [{"name": 3}]}).encode(),
        json.dumps({"version": 1, "views": [{"name": "x", "actors": "a"}]}).encode(),
        json.dumps({"version": 1, "views": [{"name": "x", "extra": 1}]}).encode(),
        json.dumps({"version": 1, "views": [], "last": {"narrow": "yes"}}).encode(),
        json.dumps([1, 2]).encode(),
    ],
)
def test_a_file_that_cannot_be_read_is_said_and_never_written_over(tmp_path: Path, content: bytes):
    roots = [str(tmp_path)]
    file = views_file(roots)
    file.parent.mkdir(parents=True)
    file.write_bytes(content)
    views = read_views(roots)
    assert views.views == () and "not a file this app wrote" in views.problem
    assert "not changed" in (save_view(roots, KHARKIV) or "")
    assert "not changed" in (save_last(roots, KHARKIV) or "")
    assert file.read_bytes() == content


def test_an_unreadable_file_is_a_problem_not_an_exception(tmp_path: Path):
    roots = [str(tmp_path)]
    views_file(roots).mkdir(parents=True)  # a folder where the file would be
    assert read_views(roots).problem
    assert save_view(roots, KHARKIV)
