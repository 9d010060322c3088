"""TimelineApp: loads the timeline in the background and shows it on the main screen."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.command import Provider
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.seen import NO_CHANGES, Fingerprints, arrivals, changes
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import zone_or_local
from timeline_tui.loading.atomic import write_atomic
from timeline_tui.loading.config import read_config, save_setting
from timeline_tui.loading.seen_copies import keep_copies
from timeline_tui.loading.seen_store import Seen, read_seen, save_seen
from timeline_tui.loading.watch import Watcher
from timeline_tui.loading.workspace import Workspace
from timeline_tui.notes.keeper import NotesKeeper
from timeline_tui.notes.store import NotSaved
from timeline_tui.storage.heap import end_import_pause, gc_paused, trim_heap
from timeline_tui.ui.background import in_daemon_thread
from timeline_tui.ui.messages import LoadProgressed, NotesTouched, TimelineReady
from timeline_tui.ui.screens.main import MainScreen
from timeline_tui.view.novelty import NO_NOVELTY, novelty, positions_of
from timeline_tui.view.prepared import Prepared, prepare

if TYPE_CHECKING:  # the writer (tomlkit) is imported when a form is first opened
    from timeline_tui.core.annotation import Annotation
    from timeline_tui.editing.writer import Written

THEME_SETTLE_S = 1.0  # a theme kept this long is saved


def plain_commands() -> type[Provider]:
    """The palette's one provider, imported when the palette first opens."""
    from timeline_tui.ui.palette import PlainCommands

    return PlainCommands


def files_label(paths: Sequence[str]) -> list[str]:
    """Short names for the paths open, for the status line."""
    return [
        os.path.basename(os.path.normpath(p)) + ("/" if os.path.isdir(p) else "") for p in paths
    ]


class TimelineApp(App[None]):
    """A keyboard-driven explorer for event timelines kept as TOML records."""

    CSS_PATH = "app.tcss"
    TITLE = "timeline"
    COMMANDS = {plain_commands}  # Textual's provider, but titles never read as markup

    def __init__(self, paths: Sequence[str], *, watch: bool = True, remember: bool = False) -> None:
        super().__init__()
        self.workspace = Workspace(paths)
        self.watch_files = watch
        self.paths_to_remember = list(paths) if remember else []
        self.timeline = Timeline()
        self.full_shown = False  # a whole load is on screen (not only a cold open's first files)
        self.watcher: Watcher | None = None
        self.config = read_config()
        self.zone = zone_or_local(self.config.settings.zone)  # the display zone at start
        self._theme_saver: Timer | None = None
        self.seen: tuple[tuple[str, ...], Seen] | None = None  # the last look, by its roots
        self.prints: tuple[Timeline, Fingerprints] | None = None  # of the timeline shown
        self._prints_before: Fingerprints | None = None  # of the one shown before (arrivals)
        self.notes = NotesKeeper()  # stars and notes of the first folder opened
        self._view_restored = False  # the last view is brought back once, at the first load

    def get_default_screen(self) -> Screen[None]:
        return self.main

    @cached_property
    def main(self) -> MainScreen:
        """The main screen: one, made when first asked for (a timeline read before it is
        mounted waits in it until it is)."""
        return MainScreen(self.zone)

    def on_mount(self) -> None:
        self._apply_config()
        if self.workspace.is_small():
            self.post_message(TimelineReady(self._read(self.workspace.load)))  # in the first frame
        else:
            self.load_timeline()  # progress shows while a thread reads

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.save_look()  # what was shown at quit counts as seen
        if self.full_shown and self.config.settings.restore_view:
            self.main.views.keep_last()  # a view that cannot be kept is no reason to stay

    # -- loading: threads only post messages, so a closing app never waits on them ----------

    @work(exclusive=True, group="load")
    async def load_timeline(self, paths: Sequence[str] = ()) -> None:
        """Read (or, with paths, merge in) files in the background, showing progress; in a
        daemon thread, so that `q` quits even while a read is stuck (see ui/background.py)."""
        progress = self._progress_reporter()

        def read() -> Prepared:
            if paths:
                return self._read(lambda: self.workspace.add(paths, progress))
            return self._read(lambda: self.workspace.load(progress, self._post_partial))

        self.post_message(TimelineReady(await in_daemon_thread(read, "load")))

    def _post_partial(self, timeline: Timeline) -> None:
        """In the loading thread: the first files of a large cold open, to show meanwhile."""
        self.post_message(TimelineReady(prepare(timeline, self.main.zone), partial=True))

    def _read(self, read: Callable[[], Timeline]) -> Prepared:
        with gc_paused():  # one pause over reading and preparing: see storage/heap.py
            return prepare(read(), self.main.zone)

    def _progress_reporter(self) -> Callable[[int, int], None]:
        last = [-1]

        def report(done: int, total: int) -> None:
            step = max(total // 100, 1)
            if total > 20 and (done - last[0] >= step or done == total):
                last[0] = done
                self.post_message(LoadProgressed(done, total))

        return report

    def on_load_progressed(self, message: LoadProgressed) -> None:
        self.main.show_progress(message.done, message.total)

    def on_timeline_ready(self, message: TimelineReady) -> None:
        if message.partial:
            self._show_partial(message.prepared)  # type: ignore[arg-type]
            return
        self.show_timeline(message.prepared)  # type: ignore[arg-type]
        if self.watch_files and self.watcher is None:
            self.watcher = Watcher(self.workspace)
            self.call_after_refresh(self.watch_workspace, self.watcher)  # not in the first frame
        if self.paths_to_remember:
            self.remember_paths(self.paths_to_remember)
            self.paths_to_remember = []

    def _show_partial(self, prepared: Prepared) -> None:
        """The first files' events, while the rest load: only before the whole load is shown
        (the progress bar stays until it is)."""
        if self.full_shown:
            return
        self.timeline = prepared.timeline
        self.main.set_timeline(prepared, files_label(self.workspace.roots))

    def show_timeline(self, prepared: Prepared) -> None:
        if prepared.timeline is self.timeline:
            return
        if prepared.timeline is not self.workspace.timeline:
            return  # read before a newer one (the load and the watcher prepare in parallel)
        self.full_shown = True
        self.timeline = prepared.timeline
        if self.prints is not None:  # the old timeline is let go: its prints tell what arrived
            self._prints_before, self.prints = self.prints[1], None
        if self.notes.follow(self.workspace.roots):  # the first time, or another folder
            self._hand_notes()
        self.main.set_timeline(prepared, files_label(self.workspace.roots))
        self._restore_last_view()
        if len(prepared.timeline.events) >= 10_000:
            self.set_timer(1.0, trim_heap)  # once the timeline shown before is let go
        self.call_after_refresh(self.compare_with_last_look, prepared.timeline)  # once shown

    def _restore_last_view(self) -> None:
        """The view at the last quit, once, when the first whole load is shown (unless the
        config's restore_view is false)."""
        if self._view_restored or not self.config.settings.restore_view:
            return
        self._view_restored = True
        last = self.main.views.last()
        if last is not None:
            self.main.restore_view(last)

    # -- what is new since the user last looked ------------------------------------------

    @work(thread=True, exclusive=True, group="seen", description="compare with the last look")
    def compare_with_last_look(self, timeline: Timeline) -> None:
        """Mark what is new or changed in the timeline since the last look (in a thread: the
        fingerprints come from packing, but reading the last look and comparing take about
        0.3 s at 100,000 events)."""
        roots = tuple(self.workspace.roots)
        if self.seen is None or self.seen[0] != roots:
            self.seen = (roots, read_seen(roots))
            if self.seen[1].problem:
                why = f"What you had seen was not read ({self.seen[1].problem}); kept from now on."
                self.call_from_thread(self._warn, why)
        last = self.seen[1]
        before = self._prints_before
        prints = timeline.events.fingerprints()
        found = changes(last.events, prints) if last.at is not None else NO_CHANGES
        arrived = frozenset(arrivals(before, prints)) if before is not None else frozenset()
        shown = novelty(found, last.at, timeline)
        self.call_from_thread(
            self._compared, timeline, prints, shown, positions_of(arrived, timeline)
        )

    def _warn(self, text: str) -> None:
        self.notify(sanitize_line(text), markup=False, severity="warning", timeout=8)

    def _compared(self, timeline, prints, shown, arrived) -> None:  # type: ignore[no-untyped-def]
        if timeline is not self.timeline:
            return  # a newer timeline is shown: its own comparison follows
        self.prints, self._prints_before = (timeline, prints), None
        self.main.set_novelty(shown, timeline, arrived)

    def save_look(self) -> bool:
        """Store what is shown as seen (when its fingerprints are known); False if not."""
        if self.prints is None or self.prints[0] is not self.timeline:
            return False
        roots = tuple(self.workspace.roots)
        if not save_seen(roots, self.prints[1]):
            return False
        keep_copies(roots, self.prints[0].files)  # for the old values of what changes next
        self.seen = (roots, read_seen(roots))
        return True

    def action_mark_seen(self) -> None:
        """`U`: everything shown now counts as seen."""
        if not self.save_look():
            self._warn("Not marked seen: still comparing, or the data folder cannot be written.")
            return
        self.main.set_novelty(NO_NOVELTY, self.timeline)
        self.notify("Everything shown is marked seen.", markup=False, timeout=3)

    @work(thread=True, exclusive=True, group="watch")
    def watch_workspace(self, watcher: Watcher) -> None:
        """Follow every root on disk; each change shows within about a second."""
        touched = lambda: self.post_message(NotesTouched())  # noqa: E731 - from the thread
        for timeline in watcher.timelines(self.workspace, touched):
            self.post_message(TimelineReady(prepare(timeline, self.main.zone)))

    # -- stars and notes (`.timeline/notes.toml`) -----------------------------------------

    def on_notes_touched(self, message: NotesTouched) -> None:
        if self.notes.reread():  # someone else's edit (a save of ours reads the same)
            self._hand_notes()

    def _hand_notes(self) -> None:
        problems = self.notes.file.problems if self.notes.file is not None else ()
        self.main.set_notes(self.notes.notes, problems)

    def save_annotation(self, event_id: str, annotation: Annotation) -> bool:
        """Write an event's star, note and tags; say why not (the file kept as it was)."""
        try:
            self.notes.save(event_id, annotation)
        except NotSaved as exc:
            self.notify(sanitize_line(f"Not saved: {exc}"), markup=False, severity="error")
            self.notes.reread()
            return False
        finally:
            self._hand_notes()
        return True

    @work(thread=True, group="recent")
    def remember_paths(self, paths: list[str]) -> None:
        """Add the paths opened to the recent list (after the first paint: it is not needed
        before, and it costs a file write and an import)."""
        from timeline_tui.loading.recent import remember

        remember(paths, self.config.settings.recent_limit)

    # -- the config file: read at start, a theme chosen is saved ------------------------------

    def _apply_config(self) -> None:
        """Use the saved theme and side pane, and say once what was wrong with the config
        file (ignored)."""
        if self.config.settings.side_pane is not None:
            self.main.pin_side_pane(self.config.settings.side_pane)
        theme = self.config.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        elif theme:
            why = f"{self.config.file}: unknown theme {theme!r}; the default is used"
            self.notify(sanitize_line(why), markup=False, severity="warning", timeout=8)
        for problem in self.config.problems:
            self.notify(
                f"{problem.format()} (ignored)", markup=False, severity="warning", timeout=8
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        """Save the theme once the choice settles (the palette previews each theme it passes)."""
        if self._theme_saver is not None:
            self._theme_saver.stop()
        self._theme_saver = self.set_timer(THEME_SETTLE_S, lambda: self._save_theme(theme.name))

    def _save_theme(self, name: str) -> None:
        self._theme_saver = None
        if name != self.config.settings.theme:
            self.save_setting("theme", name)

    @work(thread=True, group="config")
    def save_setting(self, key: str, value: str | bool | int) -> None:
        """Write one setting to the config file (off the UI thread); say when it cannot be."""
        why = save_setting(key, value, self.config.file)
        if why is None:
            self.config = read_config(self.config.file)
        else:
            message = sanitize_line(f"Setting not saved: {why}")
            self.call_from_thread(self.notify, message, markup=False, severity="warning")

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen in the config's `screenshot_dir`, else the current folder,
        and say where (the palette's Screenshot and the `screenshot` action both come here).
        A name or folder passed in an action string is ignored: a screenshot goes only where
        the user's own config says."""
        folder = Path(self.config.settings.screenshot_dir or os.getcwd()).expanduser()
        target = folder / time.strftime("timeline-%Y-%m-%dT%H-%M-%S.svg")
        try:
            write_atomic(target, self.export_screenshot(), mode=0o644)
        except OSError as exc:
            why = f"Screenshot not saved in {folder}: {exc.strerror or exc}"
            self.notify(sanitize_line(why), markup=False, severity="error")
            return None
        self.notify(sanitize_line(f"Screenshot saved: {target}"), markup=False)
        return str(target)

    def event_saved(self, written: Written) -> None:
        """A new or edited event is on disk: read its file again and highlight the event."""
        self.show_timeline(prepare(self.workspace.refresh([written.path])))
        self.main.select_event(written.id)
        place = sanitize_line(f"{written.id} saved: {written.path}:{written.line}")
        self.notify(place, markup=False, timeout=3)

    def run_editor(self, command: list[str], path: str) -> None:
        """Run the editor in the terminal, the app suspended, then read `path` again (the
        watcher would too, within a second); the place is kept as on any reload."""
        import subprocess

        from textual.app import SuspendNotSupported

        try:
            with self.suspend():
                code = subprocess.call(command)
        except SuspendNotSupported:
            self._warn("This terminal cannot lend itself to an editor.")
            return
        except OSError as exc:
            self._warn(f"The editor did not start: {command[0]}: {exc.strerror or exc}")
            return
        if code != 0:
            self._warn(f"The editor exited with status {code}.")
        self.reread([path])

    @work(thread=True, group="reread")
    def reread(self, paths: list[str]) -> None:
        """Read these files again now (after an edit from the app)."""
        self.post_message(TimelineReady(prepare(self.workspace.refresh(paths))))

    def action_reload(self) -> None:
        self.notify("Reloading from disk…", timeout=2)
        if self.notes.reread():
            self._hand_notes()
        self.load_timeline()

    def action_open(self) -> None:
        from timeline_tui.ui.dialogs.open_file import (
            OpenScreen,  # imported when first needed: a quicker start
        )

        self.push_screen(OpenScreen(), self._opened)

    def _opened(self, paths: list[str] | None) -> None:
        if paths:
            self.remember_paths(paths)
            self.notify(f"Opening {sanitize_line(', '.join(paths))}…", markup=False, timeout=2)
            self.load_timeline(paths)

    # -- command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[None]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        yield from self._go_commands(screen)
        yield from self._filter_commands(screen)
        yield SystemCommand(
            "search: Find text",
            "Search titles, summaries, quotes, places, actors",
            screen.action_search,
        )
        yield SystemCommand(
            "file: Open files or folders", "Merge more files into this timeline", self.action_open
        )
        yield SystemCommand("file: Reload from disk", "Read every file again", self.action_reload)
        yield SystemCommand(
            "view: Problems", "The problems found while loading", screen.action_problems
        )
        yield SystemCommand(
            "view: Sources", "Every source, its grade and events (S)", screen.action_sources
        )
        yield SystemCommand(
            "view: Side by side", "This event beside the records told differently (=)",
            screen.action_compare,
        )  # fmt: skip
        yield SystemCommand("note: Star / unstar", "Star the highlighted event", screen.action_star)
        yield SystemCommand(
            "note: Write a note", "Your note and tags on the highlighted event", screen.action_note
        )
        yield SystemCommand("view: Help", "Every key", screen.action_help)
        yield SystemCommand(
            "view: Save this view", "Name the search, actors, zone and &", screen.action_save_view
        )
        yield SystemCommand(
            "view: Saved views", "Restore, rename or delete a view", screen.action_saved_views
        )

    def _go_commands(self, screen: MainScreen) -> Iterable[SystemCommand]:
        yield SystemCommand("go: Next day", "First event of the next day", lambda: screen.go_day(1))
        yield SystemCommand(
            "go: Previous day", "First event of the previous day", lambda: screen.go_day(-1)
        )
        yield SystemCommand("go: First event", "The earliest event shown", screen.go_first)
        yield SystemCommand("go: Last event", "The latest event shown", screen.go_last)
        yield SystemCommand(
            "go: Next match", "The next search match", lambda: screen.action_step_match(1)
        )
        yield SystemCommand(
            "go: Previous match", "The previous search match", lambda: screen.action_step_match(-1)
        )

    def _filter_commands(self, screen: MainScreen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "filter: Clear all", "Every actor off and the search emptied", screen.clear_filters
        )
        yield SystemCommand(
            "filter: Toggle match all / any",
            "Events of all chosen actors, or of any",
            screen.toggle_match_all,
        )
        yield SystemCommand(
            "filter: Choose actors", "Focus the actor filter", screen.action_focus_actors
        )
        for actor in sorted(self.timeline.actors, key=lambda a: a.name.casefold()):
            yield SystemCommand(
                f"filter: Only {actor.name}",
                f"Show only the events of {actor.name}",
                _only(screen, actor.id),
            )


def _only(screen: MainScreen, actor_id: str):  # type: ignore[no-untyped-def]
    return lambda: screen.only_actor(actor_id)


def make_app(paths: Sequence[str], *, watch: bool = True, remember: bool = False) -> TimelineApp:
    """The app on these paths: the one factory the command line, the Pilot tests and the
    snapshot tests all use, so that what is tested is what runs."""
    return TimelineApp(paths, watch=watch, remember=remember)


end_import_pause()  # every module the first frame needs is in: see storage/heap.py
