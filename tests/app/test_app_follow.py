"""Pilot tests for following a story: what is new since you looked (`u`, `U`, across a
restart and a reload), `f` following the newest arrivals, the cursor landing on a neighbour
when its event goes away, and `E` opening the event in the editor."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
import weakref
from pathlib import Path

import test_app_load
from apphelpers import highlighted_id, settle, shown_ids
from test_app_load import SIZE, until, watching

from timeline_tui.ui import app as app_module
from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.status_line import StatusLine

story = test_app_load.story  # a copy of events/ to change
private_data_dir = test_app_load.private_data_dir  # the seen state of this test alone
LATE = '[[events]]\nid = "{id}"\ntitle = "A late report"\nwhen = {when}\n'
TITLED = 'title = "Trump and Putin meet"'


def status_of(screen: MainScreen) -> str:
    return str(screen.query_one(StatusLine).text)


async def compared(app: TimelineApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """Settled, and the timeline shown compared with the last look."""
    screen = await settle(app, pilot)
    await until(pilot, lambda: app.prints is not None and app.prints[0] is app.timeline)
    return screen


async def look_and_quit(root: Path) -> None:
    app = make_app([str(root)])
    async with app.run_test(size=SIZE) as pilot:
        await compared(app, pilot)
    # quitting saved what was shown as seen


async def test_new_and_changed_since_the_last_run_are_marked_and_u_visits_both(story):
    await look_and_quit(story)
    (story / "late.toml").write_text(LATE.format(id="late", when="2025-08-16"), "utf-8")
    edited = story / "2025-08-15-trump-putin.toml"
    edited.write_text(edited.read_text("utf-8").replace(TITLED, 'title = "Met"'), "utf-8")
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        assert "1 new, 1 changed since " in status_of(screen)
        visited = set()
        for _ in range(2):
            await pilot.press("u")
            visited.add(highlighted_id(screen))
        assert visited == {"late", "trump-putin-meeting"}
        await pilot.press("u")
        assert highlighted_id(screen) in visited  # wraps around
        await pilot.press("U")
        assert "since" not in status_of(screen)
        (story / "later.toml").write_text(LATE.format(id="later", when="2025-08-19"), "utf-8")
        await watching(app, pilot)
        await until(pilot, lambda: "1 new since" in status_of(screen))
    await look_and_quit(story)  # all seen at quit: nothing new on the next run
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        assert "since" not in status_of(screen)


async def test_f_follows_the_newest_arrival_until_the_cursor_is_moved(story):
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        await watching(app, pilot)
        await pilot.press("f")
        assert "following" in status_of(screen)
        (story / "a.toml").write_text(LATE.format(id="arrival", when="2025-08-16"), "utf-8")
        await until(pilot, lambda: highlighted_id(screen) == "arrival")
        await pilot.press("k")
        assert "following" not in status_of(screen)
        kept = highlighted_id(screen)
        (story / "b.toml").write_text(LATE.format(id="second", when="2025-08-16"), "utf-8")
        await until(pilot, lambda: "second" in shown_ids(screen))
        await pilot.pause(0.2)
        assert highlighted_id(screen) == kept


async def test_the_cursor_lands_on_the_nearest_event_when_its_own_goes_away(story):
    (story / "gone.toml").write_text(LATE.format(id="gone", when="2025-08-16"), "utf-8")
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        await watching(app, pilot)
        ids = shown_ids(screen)
        while highlighted_id(screen) != "gone":
            await pilot.press("j")
        neighbours = {ids[ids.index("gone") - 1], ids[ids.index("gone") + 1]}
        (story / "gone.toml").unlink()
        await until(pilot, lambda: "gone" not in shown_ids(screen))
        assert highlighted_id(screen) in neighbours
        assert highlighted_id(screen) != shown_ids(screen)[0]


async def test_e_opens_the_editor_at_the_event_and_shows_the_edit(story, tmp_path, monkeypatch):
    script = tmp_path / "edit-title.py"
    script.write_text(
        "import sys\n"
        "line, path = int(sys.argv[1][1:]), sys.argv[2]\n"
        "lines = open(path, encoding='utf-8').read().split('\\n')\n"
        "at = next(k for k in range(line - 1, len(lines)) if lines[k].startswith('title = '))\n"
        "lines[at] = 'title = \"Edited in the editor\"'\n"
        "open(path, 'w', encoding='utf-8').write('\\n'.join(lines))\n",
        "utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = make_app([str(story)])
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # no terminal to lend
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        await pilot.press("j", "j")
        kept = highlighted_id(screen)
        await pilot.press("E")
        await until(
            pilot,
            lambda: (
                screen.timeline.events[0].title != ""
                and any(e.title == "Edited in the editor" for e in screen.timeline.events)
            ),
        )
        assert highlighted_id(screen) == kept
        position = screen.timeline.index_of(kept)
        assert screen.timeline.events[position].title == "Edited in the editor"


async def test_e_without_any_editor_says_so(story, monkeypatch):
    for variable in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        await compared(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert any("No editor found" in n.message for n in app._notifications)


async def test_is_new_and_is_changed_in_the_query_find_what_u_visits(story):
    await look_and_quit(story)
    (story / "late.toml").write_text(LATE.format(id="late", when="2025-08-16"), "utf-8")
    edited = story / "2025-08-15-trump-putin.toml"
    edited.write_text(edited.read_text("utf-8").replace(TITLED, 'title = "Met"'), "utf-8")
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        await pilot.press("slash", *"is:new", "enter", "ampersand")
        await pilot.pause()
        assert shown_ids(screen) == ["late"]
        await pilot.press("slash", *["backspace"] * 8, *"is:changed OR is:new", "enter")
        await pilot.pause()
        assert screen.state.search_text == "is:changed OR is:new"
        assert sorted(shown_ids(screen)) == ["late", "trump-putin-meeting"]
        await pilot.press("U")  # all seen: nothing is new any more
        await pilot.pause()
        assert shown_ids(screen) == []


async def test_a_changed_event_says_what_each_changed_field_was_and_is(story):
    """Across a restart: the detail pane of a changed event gives the old and the new value
    of each changed field, from the copy of its file kept when it was last seen."""
    await look_and_quit(story)
    edited = story / "2025-08-15-trump-putin.toml"
    edited.write_text(edited.read_text("utf-8").replace(TITLED, 'title = "Met"'), "utf-8")
    app = make_app([str(story)])
    async with app.run_test(size=SIZE) as pilot:
        screen = await compared(app, pilot)
        await pilot.press("u")
        assert highlighted_id(screen) == "trump-putin-meeting"
        pane = screen.query_one(DetailPane)
        said = "title: was “Trump and Putin meet”, now “Met”"
        await until(pilot, lambda: said in pane.note)
        assert pane.note.startswith("Changed since you last looked: title\n")


async def test_a_reload_lets_the_old_timeline_go_while_the_new_one_is_compared(story, monkeypatch):
    """Only the old timeline's fingerprints stay for what arrived, not the timeline itself:
    at 100,000 events it held tens of MiB through the new one's comparison (seconds)."""
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await compared(app, pilot)
        old = weakref.ref(app.timeline)
        release, arrived_since = threading.Event(), app_module.arrivals

        def held(previous, current):  # type: ignore[no-untyped-def]
            release.wait(10)  # the comparison of the new timeline, held until the old is gone
            return arrived_since(previous, current)

        monkeypatch.setattr(app_module, "arrivals", held)
        arrivals, set_novelty = [], app.main.set_novelty
        monkeypatch.setattr(
            app.main,
            "set_novelty",
            lambda n, t, a=frozenset(): (arrivals.append((t, a)), set_novelty(n, t, a)),
        )
        (story / "late.toml").write_text(LATE.format(id="late", when="2025-08-16"), "utf-8")
        await pilot.press("r")
        await until(pilot, lambda: app.timeline is not old())
        await settle(app, pilot)
        gc.collect()
        assert old() is None  # while the comparison of the new one is still held
        release.set()
        await compared(app, pilot)
        timeline, arrived = arrivals[-1]
        assert [timeline.events[p].id for p in arrived] == ["late"]  # the old prints told
