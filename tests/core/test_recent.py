"""Recent paths across runs (round trip, limits, corrupt files) and path completion."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline_tui.loading import recent
from timeline_tui.loading.recent import complete, data_dir, recent_paths, remember


@pytest.fixture(autouse=True)
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def places(tmp_path: Path) -> list[str]:
    made = []
    for index in range(25):
        path = tmp_path / f"place-{index:02d}.toml"
        path.write_text("")
        made.append(str(path))
    return made


def test_nothing_is_remembered_at_first() -> None:
    assert recent_paths() == []


def test_paths_round_trip_most_recent_first(places: list[str], data: Path) -> None:
    remember([places[0]])
    remember([places[1], places[2]])
    assert recent_paths() == [places[1], places[2], places[0]]
    stored = json.loads((data / "recent.json").read_text())
    assert stored == {"version": 1, "paths": [places[1], places[2], places[0]]}


def test_opening_a_path_again_moves_it_to_the_front(places: list[str]) -> None:
    remember(places[:3])
    assert remember([places[2]]) == [places[2], places[0], places[1]]


def test_relative_and_home_paths_are_remembered_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert remember(["events", "./events/", "~/events"]) == [str(tmp_path / "events")]


def test_at_most_twenty_are_kept(places: list[str]) -> None:
    for place in places:
        remember([place])
    assert recent_paths() == places[::-1][:20]


def test_the_limit_can_be_chosen(places: list[str]) -> None:
    for place in places:
        remember([place], limit=3)
    assert recent_paths() == places[::-1][:3]


def test_missing_paths_are_dropped_on_read(places: list[str]) -> None:
    remember(places[:3])
    os.unlink(places[1])
    assert recent_paths() == [places[0], places[2]]


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not json",
        b'{"version": 1, "paths": [',
        b'["/a", "/b"]',
        b'{"version": 2, "paths": []}',
        b'{"version": 1, "paths": "/etc"}',
        b'{"version": 1, "paths": ["relative/path"]}',
        b'{"version": 1, "paths": [1, 2]}',
        b'{"version": 1, "paths": ["/a\\u0000b"]}',
        b'{"version": 1, "paths": [' + b'"/x", ' * recent.MAX_RECENT + b'"/y"]}',
        b" " * (recent.MAX_FILE_BYTES + 1),
    ],
)
def test_a_corrupt_file_is_ignored_and_rewritten(data: Path, content: bytes) -> None:
    data.mkdir()
    (data / "recent.json").write_bytes(content)
    assert recent_paths() == []
    assert json.loads((data / "recent.json").read_text()) == {"version": 1, "paths": []}


def test_a_corrupt_file_is_replaced_by_the_next_remember(data: Path, places: list[str]) -> None:
    data.mkdir()
    (data / "recent.json").write_text("garbage")
    assert remember([places[0]]) == [places[0]]
    assert recent_paths() == [places[0]]


def test_an_unwritable_data_dir_is_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, places: list[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(blocker / "data"))
    assert remember([places[0]]) == [places[0]]
    assert recent_paths() == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".recent-")] == []


def test_the_data_dir_defaults_to_the_platform_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_TUI_DATA_DIR")
    assert data_dir().name == "timeline-tui"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "events").mkdir()
    (tmp_path / "evidence.toml").write_text("")
    (tmp_path / "eve.txt").write_text("")
    (tmp_path / "Other.TOML").write_text("")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".draft.toml").write_text("")
    return tmp_path


def test_complete_lists_folders_and_toml_files_with_the_prefix(tree: Path) -> None:
    base = str(tree) + "/"
    assert complete(base + "ev") == [base + "events/", base + "evidence.toml"]
    assert complete(base) == [base + "Other.TOML", base + "events/", base + "evidence.toml"]
    assert complete(base + "events/") == []


def test_complete_shows_hidden_names_once_a_dot_is_typed(tree: Path) -> None:
    base = str(tree) + "/"
    assert complete(base + ".") == [base + ".draft.toml", base + ".hidden/"]


def test_complete_keeps_the_prefix_as_typed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tree))
    monkeypatch.chdir(tree)
    assert complete("~/ev") == ["~/events/", "~/evidence.toml"]
    assert complete("~") == ["~/"]
    assert complete("ev") == ["events/", "evidence.toml"]
    assert complete("./ev") == ["./events/", "./evidence.toml"]


def test_complete_on_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert complete(str(tmp_path / "nowhere" / "ev")) == []


def test_complete_on_a_folder_with_a_nul_byte_is_empty(tmp_path: Path) -> None:
    assert complete(f"{tmp_path}/a\x00b/ev") == []
