"""MainScreen: the go-between of the panes; owns the query and hands results down."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, ProgressBar

from timeline_tui.core.model import Event
from timeline_tui.core.query import Index
from timeline_tui.core.timeline import Timeline
from timeline_tui.ui.widgets.actor_filter import ActorFilter
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.source_list import SourceList
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.links import citation, source_lines
from timeline_tui.view.prepared import Prepared
from timeline_tui.view.state import (
    View,
    ViewState,
    compute,
    empty_message,
    next_match,
    status,
)


class MainScreen(Screen[None]):
    """Timeline, detail and actor filter, a search bar and a status line."""

    BINDINGS = [
        Binding("tab", "cycle_focus(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False),
        # Priority: the app runs these as the key arrives, so letters typed right after them
        # land in the box they open (else they would be queued to the widget focused before).
        Binding("a", "focus_actors", "Actors", priority=True),
        Binding("slash", "search", "Search", priority=True),
        Binding("n", "step_match(1)", "Next match"),
        Binding("N", "step_match(-1)", "Prev match"),
        Binding("ampersand", "narrow", "Narrow to matches", show=False),
        Binding("escape", "leave_input", "Leave the box", priority=True),  # while typing
        Binding("escape", "clear", "Clear filters", priority=True),  # anywhere else
        Binding("enter", "leave_search", "Leave search", show=False, priority=True),
        Binding("y", "copy_citation", "Copy citation", show=False),
        Binding("w", "open_source", "Open source", show=False),
        Binding("o", "app.open", "Open"),
        Binding("r", "app.reload", "Reload"),
        Binding("e", "problems", "Problems"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.timeline = Timeline()
        self.index = Index.build(self.timeline)
        self.state = ViewState()
        self.view = View()
        self.files_label: list[str] = []
        self._pending: tuple[Prepared, list[str]] | None = None
        self._ready = False  # its widgets are mounted

    @property
    def positions(self) -> Sequence[int]:
        """The positions shown, in time order."""
        return self.view.positions

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        with Horizontal(id="body"):
            yield TimelinePane(id="timeline")
            yield DetailPane(id="detail")
            yield ActorFilter(id="actors")
        yield StatusLine("Loading…", id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(SearchBar).display = False
        self.set_focus(self.query_one(TimelinePane))
        self._ready = True
        if self._pending is not None:
            self.set_timeline(*self._pending)
            self._pending = None

    # -- data ----------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """Loading a large folder: a progress bar and a count in the status line."""
        if not self._ready:
            return  # the next report comes once the screen is built
        bars = self.query(ProgressBar)
        if bars:
            bar = bars.first()
        else:  # made on the first large load: most timelines never need one
            bar = ProgressBar(id="progress", show_eta=False)
            self.mount(bar, before=self.query_one(StatusLine))
        bar.display = done < total
        bar.update(total=total, progress=done)
        self.query_one(StatusLine).set_text(f"Loading… {done:,} of {total:,} files read")

    def set_timeline(self, prepared: Prepared, files_label: list[str]) -> None:
        """Show a (re)loaded timeline, keeping the filters, the search and the highlighted event."""
        if not self._ready:  # read before the screen was built: shown once it is
            self._pending = (prepared, files_label)
            return
        keep = self._highlighted_id()
        timeline = prepared.timeline
        self.timeline, self.files_label = timeline, files_label
        self.index = prepared.index
        self.query_one(TimelinePane).adopt(prepared)
        self.state = self.state.kept_in(timeline)
        self.refresh_view(keep)
        self._show_highlighted()  # a (re)loaded event: in the same frame as the timeline

    def refresh_view(self, keep: str | None = None) -> None:
        """Compute what the state shows and hand it to the panes."""
        self.view = view = compute(self.state, self.index)
        pane = self.query_one(TimelinePane)
        pane.set_search(view.terms, view.matches, view.searched)
        self.query_one(SearchBar).show_problem(view.error)
        pane.say_when_empty(empty_message(self.timeline, self.files_label))
        pane.show(self.timeline, view.positions, keep)
        self.call_after_refresh(self._show_highlighted)  # new terms to mark: once shown
        state = self.state
        self.query_one(ActorFilter).show(
            self.timeline.actors, view.counts, state.selected, state.match_all
        )
        text = status(state, view, self.timeline, self.files_label)
        self.query_one(StatusLine).set_text(text)

    def _change(self, state: ViewState) -> None:
        self.state = state
        self.refresh_view(self._highlighted_id())

    def _highlighted_id(self) -> str | None:
        position = self.query_one(TimelinePane).highlighted
        return None if position is None else self.timeline.events[position].id

    # -- messages from the panes ---------------------------------------------------------

    @on(TimelinePane.Highlighted)
    def _highlighted(self, message: TimelinePane.Highlighted) -> None:
        # The pane's cursor now, not the message's position: a message sent just before a
        # reload would point into the old timeline.
        self._show_highlighted()

    def _show_highlighted(self) -> None:
        position = self.query_one(TimelinePane).highlighted
        event = None if position is None else self.timeline.events[position]
        self.query_one(DetailPane).show(event, self.timeline, self.view.terms)

    @on(ActorFilter.Toggled)
    def _toggled(self, message: ActorFilter.Toggled) -> None:
        self._change(self.state.toggled(message.actor_id))

    @on(ActorFilter.ModeToggled)
    def _mode(self) -> None:
        self.toggle_match_all()

    @on(SearchBar.Searched)
    def _searched(self, message: SearchBar.Searched) -> None:
        if message.text.strip():
            self.query_one(SearchBar).display = True
        self._change(self.state.searching(message.text))
        if self.view.matches:
            self.action_step_match(1, from_current=True)

    def _leave(self) -> None:
        """Back to the timeline; the search bar stays shown while it holds a search (letters
        typed just before may still be on their way to it: `_searched` shows it then)."""
        bar = self.query_one(SearchBar)
        bar.display = bool(bar.value.strip())
        self.set_focus(self.query_one(TimelinePane))

    @on(DetailPane.JumpRequested)
    def _jump(self, message: DetailPane.JumpRequested) -> None:
        position = self.timeline.index_of(message.event_id)
        if position is None:
            self.notify(
                f"Event {message.event_id!r} is not loaded.", markup=False, severity="warning"
            )
            return
        pane = self.query_one(TimelinePane)
        if not pane.select_position(position):
            self.notify("That event was hidden by the filters: cleared them.", markup=False)
            self.clear_filters()
            pane.select_position(position)
        self.set_focus(pane)

    @on(SourceList.OpenRequested)
    def _open_source(self, message: SourceList.OpenRequested) -> None:
        self.open_url(message.url)

    # -- citing and opening sources ------------------------------------------------------

    def _highlighted_event(self) -> Event | None:
        position = self.query_one(TimelinePane).highlighted
        return None if position is None else self.timeline.events[position]

    def action_copy_citation(self) -> None:
        """`y`: the highlighted event as a citation (title, date, place, sources with URLs),
        to the clipboard through the terminal (OSC 52)."""
        event = self._highlighted_event()
        if event is None:
            self.notify("No event highlighted.", markup=False, severity="warning")
            return
        self.app.copy_to_clipboard(citation(event, self.timeline))
        self.notify("Citation copied to the clipboard.", markup=False, timeout=3)

    def action_open_source(self) -> None:
        """`w`: the highlighted event's first http(s) source URL, in the browser."""
        event = self._highlighted_event()
        links = [] if event is None else [s.link for s in source_lines(event, self.timeline)]
        url = next((link for link in links if link), None)
        if url is None:
            self.notify("This event cites no http(s) URL.", markup=False, severity="warning")
            return
        self.open_url(url)

    @work(thread=True, group="browser")
    def open_url(self, url: str) -> None:
        """Open an http(s) URL in the browser (a thread: finding one may take a while); with
        no browser to open, the URL goes to the clipboard instead."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except Exception:  # noqa: BLE001 - a broken browser setting is not our crash
            opened = False
        self.app.call_from_thread(self._opened_url, url, opened)

    def _opened_url(self, url: str, opened: bool) -> None:
        if opened:
            self.notify(f"Opening {url}", markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(url)
        self.notify("No browser to open it: the URL is copied instead.", markup=False)

    # -- actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While typing in a text box, `a` and `/` are letters, not keys of the screen; enter
        is the search box's own key only there (in the actor filter it toggles)."""
        if action in ("focus_actors", "search", "narrow") and isinstance(self.focused, Input):
            return False
        if action == "leave_search":
            return isinstance(self.focused, SearchBar)
        if action in ("leave_input", "clear"):  # escape: leave a text box, else clear filters
            return isinstance(self.focused, Input) == (action == "leave_input")
        return True

    def action_leave_input(self) -> None:
        """Back to the timeline, keeping what the box did."""
        self._leave()

    def action_leave_search(self) -> None:
        self._leave()

    def action_clear(self) -> None:
        self.clear_filters()

    def action_cycle_focus(self, step: int) -> None:
        order = [
            self.query_one(TimelinePane),
            self.query_one(DetailPane),
            self.query_one(ActorFilter).text_box,
        ]
        current = next((i for i, w in enumerate(order) if w.has_focus or w.has_focus_within), -1)
        self.set_focus(order[(current + step) % len(order)])

    def action_focus_actors(self) -> None:
        self.set_focus(self.query_one(ActorFilter).text_box)

    def action_search(self) -> None:
        bar = self.query_one(SearchBar)
        bar.display = True
        self.set_focus(bar)  # at once, so keys typed right after `/` land in the bar

    def action_narrow(self) -> None:
        """Only the search's matches, or every event again; the highlighted event stays
        highlighted while it is shown."""
        self._change(self.state.narrow_toggled())
        if self.state.narrow and not self.view.searched:
            self.notify("Search first with /: & then shows only the matches.", markup=False)

    def action_step_match(self, step: int, from_current: bool = False) -> None:
        pane = self.query_one(TimelinePane)
        current = pane.highlighted
        if from_current and current in self.view.matches:  # the highlighted event is shown
            return
        target = next_match(self.view, current, step)
        if target is None:
            searching = self.state.search_text.strip()
            self.notify("No matches." if searching else "Search first with /.", markup=False)
            return
        pane.select_position(target)

    def clear_filters(self) -> None:
        """Every actor off, the search emptied: everything shows again."""
        bar = self.query_one(SearchBar)
        bar.clear_quietly()
        bar.display = False
        self.query_one(ActorFilter).clear_text()
        self._change(ViewState())

    def go_day(self, step: int) -> None:
        """The first event of the next (1) or previous (-1) day (the palette's `go:`)."""
        self.query_one(TimelinePane).action_day(step)

    def go_first(self) -> None:
        self.query_one(TimelinePane).action_first()

    def go_last(self) -> None:
        self.query_one(TimelinePane).action_last()

    def toggle_match_all(self) -> None:
        """Events of all chosen actors, or of any (the command palette's toggle)."""
        self._change(self.state.mode_toggled())

    def only_actor(self, actor_id: str) -> None:
        """Show only this actor's events (the command palette's `filter: Only ...`)."""
        self._change(self.state.only(actor_id))

    def action_problems(self) -> None:
        from timeline_tui.ui.dialogs.problems import (
            ProblemsScreen,  # these screens are imported when first opened
        )

        self.app.push_screen(ProblemsScreen(self.timeline.diagnostics))

    def action_help(self) -> None:
        from timeline_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())
