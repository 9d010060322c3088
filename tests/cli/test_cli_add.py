"""`timeline add`: one event appended, validated as the loader would; invalid input exits 2
and leaves the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EVENTS
from test_cli import run

from timeline_tui.loading.workspace import load


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of events/ as ./events of the current folder."""
    shutil.copytree(EVENTS, tmp_path / "events")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "events"


def test_add_writes_the_days_file_and_prints_id_and_place(capsys, story: Path) -> None:
    argv = ["add", "--title", "Putin calls Trump", "--when", "2025-08-18 15:00 EDT"]
    code, out, err = run(capsys, *argv, "--actor", "putin", "--tag", "ceasefire")
    assert (code, out, err) == (0, "putin-calls-trump  events/2025-08-18.toml:1\n", "")
    timeline = load([str(story)])
    assert not timeline.diagnostics
    event = timeline.events[timeline.index_of("putin-calls-trump")]  # type: ignore[index]
    assert (event.actors, event.tags, event.when.display()) == (
        ("putin",), ("ceasefire",), "Mon 18 Aug 2025 15:00 EDT"
    )  # fmt: skip


def test_add_to_a_file_keeps_ids_unique_and_the_file_before_it(capsys, story: Path) -> None:
    target = story / "2025-08-18-white-house.toml"
    before = target.read_bytes()
    argv = ["add", "--to", str(target), "--title", "White House talks", "--when", "Monday"]
    code, out, _ = run(capsys, *argv, "--summary", "Two\nlines", "--source", "seed-article")
    assert code == 0 and out.startswith("white-house-talks-2  ")
    assert target.read_bytes().startswith(before)
    assert run(capsys, "check", str(story))[0] == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--when", "not a date"], "cannot read 'not a date' as a date"),
        (["--when", "2025-08-18", "--title", " "], "has no 'title'"),
    ],
)
def test_add_of_an_invalid_event_exits_2_and_leaves_the_file(
    capsys, story: Path, argv: list[str], message: str
) -> None:
    target = story / "2025-08-18-white-house.toml"
    before = target.read_bytes()
    code, out, err = run(capsys, "add", "--to", str(target), "--title", "T", *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert target.read_bytes() == before


def test_add_of_an_unreadable_date_makes_no_file(capsys, story: Path) -> None:
    code, _, err = run(capsys, "add", "--title", "T", "--when", "someday")
    assert code == 2 and "nothing written" in err
    assert sorted(p.name for p in story.glob("*.toml")) == sorted(
        p.name for p in EVENTS.glob("*.toml")
    )


def test_add_without_title_is_a_usage_error(capsys, story: Path) -> None:
    assert run(capsys, "add", "--when", "2025-08-18")[0] == 2
