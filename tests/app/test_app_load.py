"""Pilot tests for quick load: `o` merges files (and previews them), live reload, `r`, stale
marks, problems."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from apphelpers import EVENTS, highlighted_id, settle, shown_ids, type_fast
from textual.widgets import Static

from timeline_tui.loading.preview import preview
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.dialogs import open_file
from timeline_tui.ui.dialogs.open_file import OpenScreen
from timeline_tui.ui.dialogs.problems import ProblemsScreen
from timeline_tui.ui.screens.main import MainScreen

SIZE = (160, 45)
EXTRA = """[[events]]
id = "extra-talks"
title = "Merz and Macron speak again"
when = 2025-08-20
actors = ["Merz", "Macron"]

[[events]]
id = "extra-other"
title = "Something without Merz"
when = 2025-08-21
actors = ["Putin"]
"""


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def story(tmp_path):  # type: ignore[no-untyped-def]
    """A copy of the seed story that tests may change."""
    shutil.copytree(EVENTS, tmp_path / "story" / "events")  # its seeds/ with it
    return tmp_path / "story" / "events"


async def until(pilot, condition, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until condition() holds (file watching takes a moment; a busy machine
    makes each pause longer than asked, so the time is the clock's)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the app did not get there in time")
        await pilot.pause(0.05)


async def test_o_opens_a_file_and_merges_it_keeping_filter_and_highlight(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(EXTRA, encoding="utf-8")
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        type_fast(app, "a", *"merz", "enter", "escape", "j")  # Pilot.press takes ~0.1 s a key
        await until(pilot, lambda: screen.state.selected == {"merz"} and len(shown_ids(screen)) > 1)
        await until(pilot, lambda: highlighted_id(screen) == shown_ids(screen)[1])  # the j
        kept = highlighted_id(screen)
        await pilot.press("o")
        assert isinstance(app.screen, OpenScreen)
        type_fast(app, *str(extra), "enter")
        await until(pilot, lambda: "extra-talks" in shown_ids(screen))
        assert "extra-other" not in shown_ids(screen)  # the Merz filter still applies
        assert screen.state.selected == {"merz"}
        assert highlighted_id(screen) == kept
        assert len(screen.timeline.events) == 21


async def test_open_screen_completes_paths_with_tab(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "one.toml").write_text(EXTRA, encoding="utf-8")
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        dialog = app.screen
        type_fast(app, *str(tmp_path / "fol"))
        await until(pilot, lambda: dialog._highlighted() == f"{tmp_path / 'folder'}/")
        await pilot.press("tab")
        assert dialog.query_one("#open-path").value == f"{tmp_path / 'folder'}/"
        await pilot.press("enter")
        screen = app.screen_stack[0]
        await until(pilot, lambda: "extra-talks" in shown_ids(screen))


def shown_preview(app: TimelineApp) -> str:
    return str(app.screen.query_one("#open-preview", Static).content)


async def test_a_path_typed_fast_is_previewed_once_typing_pauses(tmp_path, monkeypatch):
    """Typing `/tmp/.../story` used to walk `/`, `/t`, `/tm`, ... one thread per key."""
    story = tmp_path / "story"
    story.mkdir()
    for number in range(3):
        (story / f"{number}.toml").write_text(EXTRA.replace("extra-", f"extra{number}-"))
    walks: list[str] = []

    def counted(path: str, *args, **options) -> str:  # type: ignore[no-untyped-def]
        walks.append(path)
        return preview(path, *args, **options)

    monkeypatch.setattr(open_file, "preview", counted)
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        type_fast(app, *str(story))
        await until(pilot, lambda: shown_preview(app) == "3 files, 6 events")
        assert [os.path.normpath(path) for path in walks] == [str(story)]


async def test_a_preview_that_fails_says_so_in_its_line_as_plain_text(tmp_path, monkeypatch):
    def broken(path: str, *args, **options) -> str:  # type: ignore[no-untyped-def]
        raise ValueError("[red]offset[/red] out of range")

    monkeypatch.setattr(open_file, "preview", broken)
    (tmp_path / "extra.toml").write_text(EXTRA, encoding="utf-8")
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        type_fast(app, *str(tmp_path / "extra.toml"))
        expected = "cannot preview: ValueError: [red]offset[/red] out of range"
        await until(pilot, lambda: shown_preview(app) == expected)
        assert isinstance(app.screen, OpenScreen)


async def watching(app: TimelineApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the watcher follows the files (edits before that are not seen)."""
    await until(pilot, lambda: app.watcher is not None and app.watcher.ready.is_set())


def stale_ids(screen: MainScreen) -> set[str]:
    return {e.id for e in screen.timeline.events if e.stale}


async def test_a_new_file_appears_without_moving_the_users_place(story):
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("j", "j", "j")
        kept = highlighted_id(screen)
        await watching(app, pilot)
        (story / "late.toml").write_text(EXTRA, encoding="utf-8")
        await until(pilot, lambda: "extra-talks" in shown_ids(screen))
        assert highlighted_id(screen) == kept


async def test_a_broken_file_keeps_its_events_marked_stale_until_fixed(story):
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await watching(app, pilot)
        target = story / "2025-08-17-brussels.toml"
        good = target.read_text(encoding="utf-8")
        target.write_text(good + "\nbroken = [\n", encoding="utf-8")

        await until(pilot, lambda: "zelenskyy-brussels-remarks" in stale_ids(screen))
        assert len(screen.timeline.events) == 19  # nothing lost
        assert "problem" in str(screen.query_one("#status").render())
        await pilot.press("e")
        assert isinstance(app.screen, ProblemsScreen)
        assert any("invalid TOML" in d.message for d in app.screen.diagnostics)
        await pilot.press("escape")
        target.write_text(good, encoding="utf-8")
        await until(pilot, lambda: not stale_ids(screen))
        assert not screen.timeline.diagnostics


async def test_a_save_that_truncates_first_keeps_the_stale_marks_through_a_broken_write(story):
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await watching(app, pilot)
        target = story / "2025-08-17-brussels.toml"
        good = target.read_text(encoding="utf-8")

        def messages() -> list[str]:
            return [d.message for d in screen.timeline.diagnostics]

        target.write_text("", encoding="utf-8")  # an editor truncates the file first
        await until(pilot, lambda: any("file is empty now" in m for m in messages()))
        assert "zelenskyy-brussels-remarks" in stale_ids(screen)
        target.write_text('[[events]]\nid = "half-writ', encoding="utf-8")
        await until(pilot, lambda: any("invalid TOML" in m for m in messages()))
        assert "zelenskyy-brussels-remarks" in stale_ids(screen)
        assert len(screen.timeline.events) == 19  # nothing lost
        await pilot.pause()
        assert stale_rows(screen) == len(stale_ids(screen))  # each drawn with its `!`
        target.write_text(good, encoding="utf-8")
        await until(pilot, lambda: not stale_ids(screen) and not messages())
        await pilot.pause()
        assert stale_rows(screen) == 0


def stale_rows(screen) -> int:  # type: ignore[no-untyped-def]
    """The event rows drawn with the stale mark (`!`, the second of the two mark cells)."""
    from timeline_tui.ui.widgets.timeline_pane import TimelinePane

    pane = screen.query_one(TimelinePane)
    lines = [pane.render_line(y).text for y in range(pane.size.height)]
    return sum(line[8:9] == "!" for line in lines)


async def test_r_reloads_by_hand(story):
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        (story / "late.toml").write_text(EXTRA, encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: "extra-talks" in shown_ids(screen))


async def test_a_small_timeline_is_read_before_the_first_frame_and_a_large_one_in_a_thread(
    tmp_path,
):
    small = make_app([str(EVENTS)], watch=False)
    async with small.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not [w for w in small.workers if w.group == "load"]
        assert len(small.main.positions) == len(small.main.timeline.events) > 0
    for n in range(20):
        (tmp_path / f"day{n:02d}.toml").write_text(
            f'[[events]]\nid = "e{n}"\ntitle = "Event {n}"\nwhen = 2025-08-{n + 1:02d}\n',
            encoding="utf-8",
        )
    large = make_app([str(tmp_path)], watch=False)
    async with large.run_test(size=(120, 40)) as pilot:
        assert [w for w in large.workers if w.group == "load"]
        screen = await settle(large, pilot)
        assert len(screen.positions) == 20


async def test_a_highlight_message_from_before_a_reload_shows_the_event_under_the_cursor(tmp_path):
    from timeline_tui.ui.widgets.detail_pane import DetailPane
    from timeline_tui.ui.widgets.timeline_pane import TimelinePane

    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        screen.post_message(
            TimelinePane.Highlighted(len(screen.timeline.events) + 5)
        )  # out of range now
        await pilot.pause()
        assert app.is_running
        pane_event = screen.timeline.events[screen.query_one("#timeline").highlighted]
        assert screen.query_one(DetailPane).event is pane_event


async def test_a_timeline_read_before_a_newer_one_is_not_shown_after_it():
    from timeline_tui.ui.messages import TimelineReady
    from timeline_tui.view.prepared import prepare

    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        older = app.timeline
        newer = app.workspace.load()  # as the watcher or `r` would
        assert newer is not older
        app.post_message(TimelineReady(prepare(newer)))
        app.post_message(TimelineReady(prepare(older)))  # arriving late, out of order
        await pilot.pause()
        await pilot.pause()
        assert app.timeline is newer and app.main.timeline is newer


async def test_a_large_cold_open_shows_its_first_files_before_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")
    for number in range(300):
        text = f'[[events]]\nid = "e{number:03d}"\ntitle = "E"\nwhen = 2025-08-18\n'
        (tmp_path / f"{number:03d}.toml").write_text(text, encoding="utf-8")
    shown: list[tuple[bool, int]] = []  # (whole?, events) as each timeline is shown
    partial, whole = TimelineApp._show_partial, TimelineApp.show_timeline
    monkeypatch.setattr(
        TimelineApp, "_show_partial",
        lambda app, p: (shown.append((False, len(p.timeline.events))), partial(app, p)),
    )  # fmt: skip
    monkeypatch.setattr(
        TimelineApp, "show_timeline",
        lambda app, p: (shown.append((True, len(p.timeline.events))), whole(app, p)),
    )  # fmt: skip
    app = make_app([str(tmp_path)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert len(shown_ids(screen)) == 300
    assert shown[0][0] is False and 0 < shown[0][1] < 300  # some events first
    assert shown[-1] == (True, 300)
