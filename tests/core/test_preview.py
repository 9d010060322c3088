"""The open dialog's preview and the discovery under it: both stop on a deadline or when asked,
say honestly how far they got, and a preview never raises (a parser's bug is its text)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from timeline_tui.loading import preview as preview_module
from timeline_tui.loading.discovery import discover
from timeline_tui.loading.preview import CANCELLED, preview

EVENT = '[[events]]\nid = "e{}"\ntitle = "Event {}"\nwhen = 2025-08-17\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """40 event files, one event each, in 8 folders of 5."""
    root = tmp_path / "tree"
    for folder in range(8):
        (root / f"f{folder}").mkdir(parents=True)
        for number in range(5):
            name = f"{folder}-{number}"
            (root / f"f{folder}" / f"{number}.toml").write_text(EVENT.format(name, name))
    return root


class StopAfter:
    """A should_stop that says yes from its (calls + 1)th call on, and counts its calls."""

    def __init__(self, calls: int) -> None:
        self.allowed, self.calls = calls, 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls > self.allowed


def test_discovery_by_default_walks_everything_and_is_not_stopped(tree: Path) -> None:
    found = discover([str(tree)])
    assert len(found.files) == 40 and not found.stopped


def test_discovery_past_its_deadline_stops_before_the_first_file(tree: Path) -> None:
    found = discover([str(tree)], deadline=time.monotonic())
    assert found.files == [] and found.stopped


def test_discovery_stops_when_should_stop_says_so_and_asks_no_more(tree: Path) -> None:
    should_stop = StopAfter(10)
    found = discover([str(tree)], should_stop=should_stop)
    assert found.stopped
    assert 0 < len(found.files) < 40
    assert should_stop.calls == 11  # once it said yes, no folder being walked asked again


def test_a_preview_with_no_time_stops_looking_and_says_so(tree: Path) -> None:
    text = preview(str(tree), limit=0)
    assert text.startswith("no files found yet; stopped looking after "), text


def test_a_preview_asked_to_stop_says_cancelled(tree: Path) -> None:
    assert preview(str(tree), should_stop=StopAfter(10)) == CANCELLED


def test_a_preview_out_of_time_in_discovery_says_at_least(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake clock jumps 100 s ahead after the tenth entry walked."""
    now, walked = [0.0], [0]

    def jump() -> bool:
        walked[0] += 1
        if walked[0] == 10:
            now[0] = 100.0
        return False

    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    text = preview(str(tree), limit=50, should_stop=jump)
    assert re.fullmatch(r"at least \d+ files; stopped looking after 100\.0 s", text), text
    assert int(text.split()[2]) < 40


def test_a_preview_past_its_limit_while_reading_says_how_far_it_got(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each read takes 0.2 s of a fake clock: two files parsed (budget 0.25 s), one counted
    from its headers, then the 0.5 s limit is past."""
    now = [0.0]
    real_read_file, real_read_bytes = preview_module.read_file, preview_module.read_bytes

    def slow(read):  # type: ignore[no-untyped-def]
        def reading(path: str):  # type: ignore[no-untyped-def]
            now[0] += 0.2
            return read(path)

        return reading

    monkeypatch.setattr(preview_module, "read_file", slow(real_read_file))
    monkeypatch.setattr(preview_module, "read_bytes", slow(real_read_bytes))
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    text = preview(str(tree), budget=0.25, limit=0.5)
    assert text == "40 files; 3 events in the first 3; stopped after 0.6 s"


def test_an_exception_while_reading_a_file_is_the_preview_text(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: str) -> None:
        raise ValueError("offset must be a timedelta")

    monkeypatch.setattr(preview_module, "read_file", broken)
    expected = "cannot preview 0.toml: ValueError: offset must be a timedelta"
    assert preview(str(tree)) == expected
    assert (
        preview(str(tree / "f0" / "0.toml"))
        == "cannot preview: ValueError: offset must be a timedelta"
    )


def test_an_exception_in_discovery_is_the_preview_text(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(paths, **options):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(preview_module, "discover", broken)
    assert preview(str(tree)) == "cannot preview: RecursionError: maximum recursion depth exceeded"


def test_a_path_with_a_nul_byte_is_text_not_an_exception(tmp_path: Path) -> None:
    assert (
        preview(f"{tmp_path}/a\x00b")
        == "the path holds a NUL character, which no file name can; not read"
    )


def test_a_whole_preview_within_its_limit_counts_everything(tree: Path) -> None:
    assert preview(str(tree)) == "40 files, 40 events"
