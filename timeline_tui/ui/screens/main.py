"""MainScreen: the go-between of the panes; owns the query and hands results down."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from timeline_tui.core.annotation import NOT_PLACED, Notes, Placed
from timeline_tui.core.dates import DateError
from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Event
from timeline_tui.core.query import Index
from timeline_tui.core.query_syntax import ACTOR
from timeline_tui.core.sanitizer import sanitize_line
from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import OWN, DisplayZone, next_zone
from timeline_tui.ui.screens import annotating
from timeline_tui.ui.screens.view_keeper import ViewKeeper
from timeline_tui.ui.widgets.actor_filter import ActorFilter
from timeline_tui.ui.widgets.completion_list import CompletionList
from timeline_tui.ui.widgets.density_strip import DensityStrip
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.key_bar import KeyBar
from timeline_tui.ui.widgets.search_bar import SearchBar
from timeline_tui.ui.widgets.source_list import SourceList
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.completion import NOTHING, Catalogue, complete
from timeline_tui.view.facets import facet_values, toggled_term
from timeline_tui.view.history import JumpHistory, Place
from timeline_tui.view.links import citation, source_lines
from timeline_tui.view.moving import DateTarget, first_on_or_after
from timeline_tui.view.novelty import NO_NOVELTY, Novelty
from timeline_tui.view.prepared import Prepared
from timeline_tui.view.problems import NO_PROBLEMS
from timeline_tui.view.provenance import conflicting_ids, source_rows
from timeline_tui.view.rows import nearest_position
from timeline_tui.view.saved import restored_state
from timeline_tui.view.state import (
    View,
    ViewState,
    compute,
    empty_message,
    filter_labels,
    next_match,
    status,
)

# The screen's keys that are letters (or signs) typed into a box while one has focus.
LETTER_ACTIONS = frozenset(
    ("focus_actors", "search", "narrow", "cycle_zone", "go_to_date", "toggle_context",
     "widen_context", "toggle_anchor", "busiest", "sources", "compare", "star", "note",
     "saved_views")
)  # fmt: skip

if TYPE_CHECKING:  # the writer (tomlkit) is imported when a form is first opened
    from timeline_tui.editing.writer import Written
    from timeline_tui.loading.view_store import SavedView
    from timeline_tui.ui.dialogs.export import ExportChoice


def breakpoint_classes(width: int) -> dict[str, bool]:
    """MainScreen's breakpoint classes at this width, as Textual sets them on a Resize."""
    fitting = max((b for b in MainScreen.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
    return {name: (limit, name) == fitting for limit, name in MainScreen.HORIZONTAL_BREAKPOINTS}


CLEARED_MESSAGE = "filters cleared — ctrl+z brings them back"


class MainScreen(Screen[None]):
    """Timeline, detail and actor filter, a search bar and a status line."""

    # Screen sizes (DESIGN.md): the side pane folds away below 120 columns (app.tcss), and
    # below 100 the detail pane goes under the timeline.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (120, "-wide")]
    # The timeline has the focus from the start: Textual's default ("*") gave it to the first
    # focusable widget, the hidden search box, whose focus and blur restyled the screen twice.
    AUTO_FOCUS = "#timeline"
    BINDINGS = [
        Binding("tab", "cycle_focus(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False),
        # Priority: the app runs these as the key arrives, so letters typed right after them
        # land in the box they open (else they would be queued to the widget focused before).
        Binding("a", "focus_actors", "Actors", priority=True),
        Binding("backslash", "toggle_side", "Side pane"),
        Binding("slash", "search", "Search", priority=True),
        Binding("n", "step_match(1)", "Next match"),
        Binding("N", "step_match(-1)", "Prev match", show=False),
        Binding("ampersand", "narrow", "Narrow to matches", show=False),
        Binding("escape", "leave_input", "Leave the box", priority=True),  # while typing
        Binding("escape", "to_timeline", "Timeline", priority=True),  # in the other panes
        Binding("escape", "clear", "Clear filters", priority=True),  # on the timeline
        Binding("ctrl+z", "undo_clear", "Undo clear", show=False),
        Binding("enter", "accept_completion", "Accept", show=False, priority=True),
        Binding("enter", "leave_search", "Leave search", show=False, priority=True),
        Binding("y", "copy_citation", "Copy citation", show=False),
        Binding("w", "open_source", "Open source", show=False),
        Binding("enter", "open_detail", "Detail", show=False),
        Binding("backspace,ctrl+o", "back", "Back"),
        Binding("plus", "new_event", "New event", show=False),
        Binding("ctrl+e", "edit_event", "Edit event", show=False),
        Binding("z", "cycle_zone", "Zone", show=False),
        Binding("t", "go_to_date", "Go to date", show=False),
        Binding("c", "toggle_context", "Context", show=False),
        Binding("p", "toggle_anchor", "Anchor", show=False),
        Binding("D", "busiest", "Busiest time", show=False),
        Binding("greater_than_sign", "widen_context(1)", "Wider context", show=False),
        Binding("less_than_sign", "widen_context(-1)", "Narrower context", show=False),
        Binding("ctrl+s", "save_view", "Save view", show=False),
        Binding("v", "saved_views", "Views", show=False),
        Binding("o", "app.open", "Open"),
        Binding("r", "app.reload", "Reload"),
        Binding("u", "next_new", "Next new", show=False),
        Binding("U", "app.mark_seen", "Mark seen", show=False),
        Binding("f", "follow", "Follow", show=False),
        Binding("m", "star", "Star", show=False),
        Binding("semicolon", "note", "Note", show=False),
        Binding("E", "edit", "Edit", show=False),
        Binding("e", "problems", "Problems"),
        Binding("S", "sources", "Sources", show=False),
        Binding("equals_sign", "compare", "Side by side", show=False),
        Binding("x", "export", "Export", show=False),  # in help; the key bar is full
        Binding("question_mark", "help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, zone: DisplayZone = OWN) -> None:
        super().__init__()
        self.zone = zone  # the display zone: times and day headings in it
        self.timeline = Timeline()
        self.index = Index.build(self.timeline)
        self.problems = NO_PROBLEMS  # each event's problems
        self.state = ViewState()
        self.view = View()
        self.files_label: list[str] = []
        self._pending: tuple[Prepared, list[str]] | None = None
        self._pending_view: SavedView | None = None  # restored once the screen is built
        self._ready = False  # its widgets are mounted
        self.history = JumpHistory()
        self._cleared: tuple[ViewState, str] | None = None  # what escape cleared, for ctrl+z
        self.novelty: Novelty = NO_NOVELTY  # what is new since the last look (the app's)
        self._novelty_of: Timeline | None = None  # the timeline it was computed for
        self._values_of: dict[str, tuple[str, ...]] = {}  # by event id: _old_values
        self.following = False  # `f`: the newest arrivals are brought into view
        self.notes: Notes = {}  # stars, notes, analyst tags by event id (the app's NotesKeeper)
        self.notes_problems: tuple[Diagnostic, ...] = ()  # what is wrong with the notes file
        self.annotated: Placed = NOT_PLACED  # the notes placed in this timeline
        self._catalogue: tuple[Index, Catalogue] | None = None  # what the search box completes
        self.views = ViewKeeper(self)  # saved views: ctrl+s, v

    @property
    def positions(self) -> Sequence[int]:
        """The positions shown, in time order."""
        return self.view.positions

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint class on the first Resize, which comes after the first
        # layout: every widget would be styled, laid out and drawn once more (10-20 ms).
        self.update_classes(breakpoint_classes(self.app.size.width), update=False)
        yield SearchBar(id="search")
        yield CompletionList(id="completion")
        yield DensityStrip(id="density")
        with Horizontal(id="body"):
            yield ActorFilter(id="actors")
            with Container(id="panes"):  # side by side, or one above the other when narrow
                yield TimelinePane(id="timeline")
                yield DetailPane(id="detail")
        yield StatusLine("Loading…", id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(TimelinePane).set_zone(self.zone)
        self.query_one(DetailPane).set_zone(self.zone)
        self.query_one(SearchBar).display = False
        self.set_focus(self.query_one(TimelinePane))
        self._ready = True
        if self._pending is not None:
            self.set_timeline(*self._pending)
            self._pending = None
        if self._pending_view is not None:
            self.restore_view(self._pending_view)
            self._pending_view = None

    # -- data ----------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """Loading a large folder: a progress bar and a count in the status line."""
        if not self._ready:
            return  # the next report comes once the screen is built
        from textual.widgets import ProgressBar  # on the first large load, as the bar is made

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
        keep = self._highlighted_event()
        timeline = prepared.timeline
        self.timeline, self.files_label = timeline, files_label
        self.index, self.problems = prepared.index, prepared.problems
        self.query_one(DensityStrip).adopt(timeline, prepared.imprecise)
        self._mark_in_index()
        annotating.place_notes(self)
        if timeline is not self._novelty_of:  # its positions were another timeline's
            self.novelty, self._novelty_of, self._values_of = NO_NOVELTY, None, {}
        self.query_one(TimelinePane).set_novelty(self.novelty)
        self.query_one(TimelinePane).adopt(prepared)
        self.state = self.state.kept_in(timeline)
        near = None if keep is None or keep.when.unreadable else keep.when.instant
        self.refresh_view(None if keep is None else keep.id, near)
        self._show_highlighted()  # a (re)loaded event: in the same frame as the timeline

    def refresh_view(self, keep: str | None = None, near: float | None = None) -> None:
        """Compute what the state shows and hand it to the panes; the cursor stays on the
        event `keep`, else lands on the shown event nearest in time to `near`."""
        self.view = view = compute(self.state, self.index)
        pane = self.query_one(TimelinePane)
        pane.set_search(view.terms, view.matches, view.searched)
        self.query_one(SearchBar).show_problem(view.error)
        pane.say_when_empty(empty_message(self.timeline, self.files_label))
        pane.show(self.timeline, view.positions, keep)
        if keep is not None and near is not None and self._highlighted_id() != keep:
            neighbour = nearest_position(view.positions, self.timeline, near)
            if neighbour is not None:
                pane.select_position(neighbour)
        self.query_one(DensityStrip).show(self.timeline, view.positions, pane.highlighted)
        self.call_after_refresh(self._show_highlighted)  # new terms to mark: once shown
        state = self.state
        self.query_one(ActorFilter).show(
            self.timeline.actors, view.counts, state.selected, state.match_all
        )
        self._show_facet()
        self._show_status()

    def _show_facet(self) -> None:
        """The side pane's facet, if not the actors: its values and what the other filters
        leave of each (view/facets.py)."""
        side = self.query_one(ActorFilter)
        if side.facet != ACTOR and self._side_shown():  # else when it is shown (_side_changed)
            side.show_values(
                side.facet, facet_values(self.state, self.index, side.facet, self.view)
            )

    def _side_changed(self) -> None:
        """The side pane may have come into view: its facet's counts, once laid out."""
        self.call_after_refresh(self._show_facet)

    def on_resize(self, event: events.Resize) -> None:
        self._side_changed()  # it folds away below 120 columns, and back
        if self.files_label:  # a timeline is shown (while loading, the line shows progress)
            self.call_after_refresh(self._show_status)  # fitted to the new width

    def _show_status(self) -> None:
        notes = [self.novelty.status(), "following (f)" if self.following else ""]
        notes += annotating.notes_status(self)
        caption = self.zone.caption()
        line = self.query_one(StatusLine)
        width = line.content_region.width
        text = status(self.state, self.view, self.timeline, self.files_label, caption, notes, width)
        line.set_text(text)

    # -- what is new since the last look, and following the newest -----------------------

    def set_novelty(
        self, novelty: Novelty, timeline: Timeline, arrived: frozenset[int] = frozenset()
    ) -> None:
        """Mark what is new or changed in `timeline` (shown, or about to be); while following,
        bring the arrival latest in time into view (`arrived`: positions new since the last
        reload)."""
        self.novelty, self._novelty_of = novelty, timeline
        self._values_of = {}  # the old values of another look's changes
        if not self._ready or timeline is not self.timeline:
            return  # set_timeline shows it
        self._mark_in_index()
        if "is:" in self.state.search_text:  # is:new / is:changed: their events just came
            self.refresh_view(self._highlighted_id())
        self.query_one(TimelinePane).set_novelty(novelty)
        self._show_status()
        self._show_highlighted()
        shown = [p for p in arrived if self.query_one(TimelinePane).rows.row_of(p) is not None]
        if self.following and shown:
            self.query_one(TimelinePane).select_position(max(shown))

    def _mark_in_index(self) -> None:
        """Hand the query what is new or changed (`is:new`, `is:changed`) in the timeline shown."""
        novelty = self.novelty if self._novelty_of is self.timeline else NO_NOVELTY
        self._catalogue = None  # is:new and is:changed count anew
        self.index.marked = {
            "new": sorted(novelty.new_positions),
            "changed": sorted(novelty.changed_positions),
        }

    def set_notes(self, notes: Notes, problems: Sequence[Diagnostic] = ()) -> None:
        """Show these stars and notes (read again, or just saved)."""
        annotating.set_notes(self, notes, problems)

    def action_star(self) -> None:
        """`m`: star or unstar the highlighted event."""
        annotating.star(self)

    def action_note(self) -> None:
        """`;`: write or change the note (and tags) on the highlighted event."""
        annotating.open_note(self)

    def action_next_new(self) -> None:
        """`u`: the next new or changed event after the cursor (wrapping around)."""
        pane = self.query_one(TimelinePane)
        target = self.novelty.next_after(self.positions, pane.highlighted)
        if target is None:
            self.notify("Nothing shown is new or changed since you last looked.", markup=False)
            return
        self._stop_following()
        self._remember_place()
        pane.select_position(target)

    def action_follow(self) -> None:
        """`f`: bring the newest arrivals into view as they land, until the cursor is moved."""
        self.following = not self.following
        self._show_status()
        if self.following:
            self.notify("Following: new events come into view as they land.", markup=False)

    def _stop_following(self) -> None:
        if self.following:
            self.following = False
            self._show_status()

    @on(TimelinePane.UserMoved)
    def _user_moved(self) -> None:
        self._stop_following()

    def set_zone(self, zone: DisplayZone) -> None:
        """Show every time and day heading in this zone (the `z` key's one line), keeping the
        highlighted event."""
        self.zone = zone
        if not self._ready:
            return  # the panes take it when mounted
        self.query_one(TimelinePane).set_zone(zone)
        self.query_one(DetailPane).set_zone(zone)
        self.refresh_view(self._highlighted_id())
        self._show_highlighted()

    def action_go_to_date(self) -> None:
        """`t`: ask for a date, and land on the first shown event at or after it."""
        from timeline_tui.ui.dialogs.go_to_date import GoToDateScreen

        self.app.push_screen(GoToDateScreen(), self._went_to_date)

    def _went_to_date(self, target: DateTarget | None) -> None:
        if target is None:
            return
        pane = self.query_one(TimelinePane)
        instants = self.timeline.columns.instants
        found = first_on_or_after(self.positions, instants, pane.day_keys, target.day, self.zone)
        if found is None:
            self.notify("No events shown.", markup=False)
            return
        self._remember_place()
        pane.select_position(found)

    def action_busiest(self) -> None:
        """`D`: the first event of the busiest bin of the density strip (a jump)."""
        found = self.query_one(DensityStrip).found
        busiest = found.busiest()
        if busiest is None:
            self.notify("No events shown.", markup=False)
            return
        k = bisect_left(
            self.positions, found.start + busiest * found.size,
            key=self.timeline.columns.instants.__getitem__,
        )  # fmt: skip
        self._remember_place()
        self.query_one(TimelinePane).select_position(
            self.positions[min(k, len(self.positions) - 1)]
        )

    def action_toggle_anchor(self) -> None:
        """`p`: pin the highlighted event, so rows show their offset from it; on the anchor,
        unpin it."""
        pane = self.query_one(TimelinePane)
        event = self._highlighted_event()
        if event is None or event.id == pane.anchor_id:
            pane.set_anchor(None)
            self.notify("Anchor unpinned: rows show their times.", markup=False, timeout=3)
            return
        pane.set_anchor(event.id)
        self.notify("Anchor pinned: rows show their offset from it (p on it unpins).",
                    markup=False, timeout=3)  # fmt: skip

    def action_toggle_context(self) -> None:
        """`c`: only the events near the highlighted one (it stays highlighted), or all again."""
        event_id = self._highlighted_id()
        if event_id is None and self.state.context_id is None:
            self.notify("No event highlighted.", markup=False, severity="warning")
            return
        self._change(self.state.context_toggled(event_id))

    def action_widen_context(self, step: int) -> None:
        """`>` `<`: the context reaches further or less far (1 h to 1 month either side)."""
        self._change(self.state.context_widened(step))
        self.notify(f"Context {self.state.context_label}.", markup=False, timeout=2)

    def action_save_view(self) -> None:
        """`ctrl+s`: name the view shown (the search, the actors, the zone, `&`)."""
        self.views.ask_name()

    def action_saved_views(self) -> None:
        """`v`: the saved views: restore, rename, delete."""
        self.views.show_list()

    def restore_view(self, view: SavedView) -> None:
        """Show what a saved view holds: its zone, search (in the box), actors and `&`
        (once the screen is built, if it is not yet)."""
        if not self._ready:
            self._pending_view = view
            return
        try:
            zone = DisplayZone.parse(view.zone) if view.zone else self.zone
        except DateError:
            zone = self.zone  # a zone this machine does not know: the one shown stays
        if zone != self.zone:
            self.set_zone(zone)
        bar = self.query_one(SearchBar)
        bar.set_quietly(view.query)
        bar.display = bool(view.query.strip())
        self._change(restored_state(view, self.timeline, self.state))

    def action_cycle_zone(self) -> None:
        """`z`: the next display zone (local, UTC, each event's own); nothing is saved."""
        self.set_zone(next_zone(self.zone))
        caption = self.zone.caption()
        self.notify(caption[:1].upper() + caption[1:] + ".", markup=False, timeout=3)

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
        # reload would point into the old timeline. After the timeline's next frame: a
        # filter's rows then go out without waiting for the detail pane's layout.
        self.call_after_refresh(self._show_highlighted)

    def _show_highlighted(self) -> None:
        position = self.query_one(TimelinePane).highlighted
        self.query_one(DensityStrip).mark(self.timeline, position)
        event = None if position is None else self.timeline.events[position]
        note = "" if event is None or position is None else self.novelty.note(position, event.id)
        if event is not None and position is not None and self.novelty.is_changed(position):
            note = "\n".join([note, *self._old_values(event)])
        pane = self.query_one(DetailPane)
        annotation = self.annotated.of(position)
        pane.show(event, self.timeline, self.view.terms, self.problems, note, annotation)

    def _old_values(self, event: Event) -> tuple[str, ...]:
        """What the changed fields of the event were and are, once read from the copy of its
        file as last seen (read in a thread the first time: the pane shows them then)."""
        if event.id not in self._values_of:
            self._values_of[event.id] = ()
            self._read_old_values(self.novelty, event, self.timeline)
        return self._values_of[event.id]

    @work(thread=True, group="old-values", description="old values")  # no repr of a timeline
    def _read_old_values(self, novelty: Novelty, event: Event, timeline: Timeline) -> None:
        from timeline_tui.loading.seen_copies import seen_event
        from timeline_tui.view.changes import change_lines

        roots = self.app.workspace.roots  # type: ignore[attr-defined]
        before = seen_event(roots, event.file, event.id)
        fields = novelty.changes.fields.get(event.id, ())
        lines = change_lines(before, event, fields, timeline.actors.name) if before else ()
        if lines:
            self.app.call_from_thread(self._old_values_read, novelty, event.id, lines)

    def _old_values_read(self, novelty: Novelty, event_id: str, lines: tuple[str, ...]) -> None:
        if novelty is self.novelty:  # not a look made since
            self._values_of[event_id] = lines
            self._show_highlighted()

    @on(ActorFilter.Toggled)
    def _toggled(self, message: ActorFilter.Toggled) -> None:
        self._change(self.state.toggled(message.actor_id))

    @on(ActorFilter.ModeToggled)
    def _mode(self) -> None:
        self.toggle_match_all()

    @on(ActorFilter.FacetSwitched)
    def _facet_switched(self) -> None:
        self._show_facet()

    @on(ActorFilter.FacetChosen)
    def _facet_chosen(self, message: ActorFilter.FacetChosen) -> None:
        """A facet's value: its term added to the search (or taken out), shown in the box, and
        the timeline narrowed to the matches (not once the search is empty)."""
        text = toggled_term(self.state.search_text, message.field, message.value)
        bar = self.query_one(SearchBar)
        bar.set_quietly(text)
        bar.display = bool(text.strip())
        self._change(replace(self.state.searching(text), narrow=bool(text.strip())))

    @on(SearchBar.Searched)
    def _searched(self, message: SearchBar.Searched) -> None:
        if message.text.strip():
            self.query_one(SearchBar).display = True
        self._change(self.state.searching(message.text))
        self._offer_completion()
        if self.view.matches:
            self.action_step_match(1, from_current=True)

    # -- completion in the search box ----------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """Every field's values and counts, made once a timeline (and again when is:new and
        is:changed change)."""
        if self._catalogue is None or self._catalogue[0] is not self.index:
            self._catalogue = (self.index, Catalogue.build(self.index))
        return self._catalogue[1]

    def _offer_completion(self) -> None:
        """The completion list for the term at the box's cursor (hidden out of the box)."""
        bar = self.query_one(SearchBar)
        found = (
            complete(bar.value, bar.cursor_position, self.catalogue) if bar.has_focus else NOTHING
        )
        shown = self.query_one(CompletionList)
        shown.offer(found)
        bar.offering = bool(found.candidates)
        if found.candidates:  # under the term (as far right as leaves it room)
            left = found.start - round(bar.scroll_x)
            shown.styles.offset = (2 + min(max(left, 0), max(self.size.width - 40, 0)), 3)

    @on(SearchBar.CursorMoved)
    def _cursor_moved(self) -> None:
        self._offer_completion()

    @on(SearchBar.CompletionKey)
    def _completion_key(self, message: SearchBar.CompletionKey) -> None:
        if message.step:
            self.query_one(CompletionList).move(message.step)
        elif not self.action_accept_completion() and self.query_one(SearchBar).has_focus:
            self.action_cycle_focus(1)  # tab with nothing to complete: the next pane

    def action_accept_completion(self) -> bool:
        """Put the highlighted candidate in the box in place of the term being typed (worked
        out again from the box as it is now: letters may have come since the list was made)."""
        bar, choice = self.query_one(SearchBar), self.query_one(CompletionList).choice
        found = complete(bar.value, bar.cursor_position, self.catalogue)
        if not found.candidates:
            return False
        text, cursor = found.applied(
            bar.value, found.candidates[min(choice, len(found.candidates) - 1)]
        )
        bar.value, bar.cursor_position = text, cursor
        return True

    def _leave(self) -> None:
        """Back to the timeline; the search bar stays shown while it holds a search (letters
        typed just before may still be on their way to it: `_searched` shows it then)."""
        bar = self.query_one(SearchBar)
        bar.display = bool(bar.value.strip())
        self.query_one(CompletionList).offer(NOTHING)
        bar.offering = False
        self.set_focus(self.query_one(TimelinePane))

    @on(DetailPane.JumpRequested)
    def _jump(self, message: DetailPane.JumpRequested) -> None:
        position = self.timeline.index_of(message.event_id)
        if position is None:
            self.notify(
                f"Event {message.event_id!r} is not loaded.", markup=False, severity="warning"
            )
            return
        self._remember_place()
        self._stop_following()
        pane = self.query_one(TimelinePane)
        if not pane.select_position(position):
            self.clear_filters()
            self.notify("That event was hidden by the filters: " + CLEARED_MESSAGE, markup=False)
            pane.select_position(position)
        # focus stays where it was (the detail pane, after 1-9): the next link is a key away

    def _remember_place(self) -> None:
        """Note the highlighted event and the pane with focus before a jump (backspace)."""
        event_id = self._highlighted_id()
        if event_id is not None:
            focused = self.focused
            self.history.left(Place(event_id, focused.id if focused is not None else None))

    @on(SourceList.OpenRequested)
    def _open_source(self, message: SourceList.OpenRequested) -> None:
        self.open_url(message.url)

    # -- citing and opening sources ------------------------------------------------------

    def _highlighted_event(self) -> Event | None:
        position = self.query_one(TimelinePane).highlighted
        return None if position is None else self.timeline.events[position]

    def action_edit(self) -> None:
        """`E`: the highlighted event's file in the user's editor, at its line; the app is
        suspended meanwhile, and reads the file again when it comes back."""
        from timeline_tui.loading.editor import editor_command

        event = self._highlighted_event()
        if event is None or not event.file:
            self.notify("No event highlighted.", markup=False, severity="warning")
            return
        command = editor_command(event.file, event.line)
        if command is None:
            why = "No editor found: set $VISUAL or $EDITOR (for example EDITOR=nano)."
            self.notify(why, markup=False, severity="error", timeout=8)
            return
        self.app.run_editor(command, event.file)  # type: ignore[attr-defined]

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
        is the search box's own key only there (in the actor filter it toggles), and opens
        the detail pane from the timeline. Escape leaves a text box, goes back to the
        timeline from another pane, and clears the filters on the timeline."""
        focused = self.focused
        if action in LETTER_ACTIONS:
            return not isinstance(focused, Input)
        if action == "accept_completion":
            return isinstance(focused, SearchBar) and self.query_one(CompletionList).entered
        if action == "leave_search":
            return isinstance(focused, SearchBar)
        if action == "open_detail":
            return isinstance(focused, TimelinePane)
        if action == "leave_input":
            return isinstance(focused, Input)
        if action == "clear":
            return focused is None or isinstance(focused, TimelinePane)
        if action == "to_timeline":
            return focused is not None and not isinstance(focused, Input | TimelinePane)
        if action == "back":
            return bool(self.history)  # shown once there is a jump to go back from
        return True

    def action_leave_input(self) -> None:
        """Back to the timeline, keeping what the box did."""
        self._leave()

    def action_leave_search(self) -> None:
        self._leave()

    def action_clear(self) -> None:
        if self.clear_filters():
            self.notify(CLEARED_MESSAGE, markup=False)

    def action_undo_clear(self) -> None:
        """The filters and the search as they were before escape (or a jump) cleared them."""
        if self._cleared is None:
            self.notify("No cleared filters to bring back.", markup=False)
            return
        (state, actor_text), self._cleared = self._cleared, None
        bar = self.query_one(SearchBar)
        bar.set_quietly(state.search_text)
        bar.display = bool(state.search_text.strip())
        self.query_one(ActorFilter).text_box.value = actor_text
        self._change(state)

    def action_to_timeline(self) -> None:
        self.set_focus(self.query_one(TimelinePane))

    def action_open_detail(self) -> None:
        self.set_focus(self.query_one(DetailPane))

    def action_back(self) -> None:
        """Back to the event (and the pane) left by the latest jump."""
        place = self.history.back()
        if place is None:
            self.notify("No jump to go back from.", markup=False)
            return
        position = self.timeline.index_of(place.event_id)
        if position is None or not self.query_one(TimelinePane).select_position(position):
            self.notify("The event you left is not shown now.", markup=False)
            return
        widgets = self.query(f"#{place.focus}") if place.focus else None
        if widgets and widgets.first().display:
            self.set_focus(widgets.first())

    def action_cycle_focus(self, step: int) -> None:
        """The next (or previous) pane shown: a folded side pane is left out."""
        actors = self.query_one(ActorFilter)
        order: list[Widget] = [self.query_one(TimelinePane), self.query_one(DetailPane)]
        if actors.display and actors.styles.display != "none":
            order.append(actors.text_box)
        current = next((i for i, w in enumerate(order) if w.has_focus or w.has_focus_within), -1)
        if current < 0 and actors.has_focus_within:
            current = len(order) - 1
        self.set_focus(order[(current + step) % len(order)])

    def action_focus_actors(self) -> None:
        """The actor filter's box; a folded side pane shows while it has focus."""
        if not self._side_shown():
            self.add_class("-side-peek")
            self._side_changed()
        self.set_focus(self.query_one(ActorFilter).text_box)

    def action_toggle_side(self) -> None:
        """Show or hide the side pane, whatever the width; kept until pressed again."""
        shown = self._side_shown() and not self.has_class("-side-peek")
        self.pin_side_pane(not shown)
        self._side_changed()
        if shown and self.query_one(ActorFilter).has_focus_within:
            self.set_focus(self.query_one(TimelinePane))

    def pin_side_pane(self, shown: bool) -> None:
        """Show (or hide) the side pane at every width (`\\`, or the config's side_pane)."""
        self.remove_class("-side-on", "-side-off", "-side-peek")
        self.add_class("-side-on" if shown else "-side-off")

    def _side_shown(self) -> bool:
        """Whether the side pane is shown now (the CSS decides from the width and `\\`)."""
        return self.query_one(ActorFilter).styles.display != "none"

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.has_class("-side-peek") and not self.query_one(ActorFilter).has_focus_within:
            self.remove_class("-side-peek")  # the filter was only shown while it had focus

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
        self._remember_place()
        self._stop_following()
        pane.select_position(target)

    def clear_filters(self) -> bool:
        """Every actor off, the search emptied: everything shows again. What was cleared is
        kept for `ctrl+z`; returns whether there was anything to clear."""
        actor_text = self.query_one(ActorFilter).text_box.value
        if self.state == ViewState() and not actor_text:
            return False
        self._cleared = (self.state, actor_text)
        bar = self.query_one(SearchBar)
        bar.set_quietly()
        bar.display = False
        self.query_one(ActorFilter).clear_text()
        self._change(ViewState())
        return True

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

        self.app.push_screen(ProblemsScreen([*self.timeline.diagnostics, *self.notes_problems]))

    # -- provenance ---------------------------------------------------------------------

    def action_sources(self) -> None:
        """`S`: every source; choosing one shows only its events (`source:ID`, narrowed)."""
        from timeline_tui.ui.dialogs.sources import SourcesScreen

        self.app.push_screen(SourcesScreen(source_rows(self.timeline)), self._source_chosen)

    def _source_chosen(self, source_id: str | None) -> None:
        if source_id is None:
            return
        text = f"source:{source_id}"
        if any(c.isspace() or c == '"' for c in source_id):
            text = 'source:"' + source_id.replace('"', "") + '"'
        bar = self.query_one(SearchBar)
        bar.set_quietly(text)
        bar.display = True
        self._change(replace(self.state.searching(text), narrow=True))
        self.set_focus(self.query_one(TimelinePane))

    def action_compare(self) -> None:
        """`=`: the highlighted event beside the records told differently."""
        from timeline_tui.ui.dialogs.conflict import ConflictScreen

        event = self._highlighted_event()
        if event is None:
            return
        others = [self.timeline.index_of(i) for i in conflicting_ids(event, self.timeline)]
        shown = [self.timeline.events[p] for p in others if p is not None]
        if not shown:
            self.notify("No loaded record tells this event differently.", markup=False)
            return
        self.app.push_screen(ConflictScreen(event, shown, self.timeline))

    # -- adding and editing events -------------------------------------------------------

    def action_new_event(self) -> None:
        """`+`: a form for a new event, written beside the highlighted one if on its day."""
        self._open_form(None)

    def action_edit_event(self) -> None:
        """`ctrl+e`: the highlighted event in the form."""
        event = self._highlighted_event()
        if event is None:
            self.notify("No event highlighted.", markup=False, severity="warning")
            return
        self._open_form(event)

    def _open_form(self, event: Event | None) -> None:
        from timeline_tui.editing import session as editing
        from timeline_tui.ui.dialogs.event_form import EventFormScreen

        timeline = self.timeline
        roots = self.app.workspace.roots  # type: ignore[attr-defined]
        form = editing.EditSession(
            folder=editing.first_folder(roots),
            taken=lambda made: timeline.index_of(made) is not None,
            near=self._highlighted_event() if event is None else None,
            event=event,
            sources=timeline.sources,
            roots=roots,
        )
        words = editing.actor_words(timeline), editing.tag_words(timeline)
        self.app.push_screen(EventFormScreen(form, *words), self._saved)

    def _saved(self, written: Written | None) -> None:
        if written is not None:
            self.app.event_saved(written)  # type: ignore[attr-defined]

    def select_event(self, event_id: str) -> None:
        """Highlight the event with this id (clearing the filters if they hide it)."""
        position = self.timeline.index_of(event_id)
        pane = self.query_one(TimelinePane)
        if position is not None and not pane.select_position(position):
            self.clear_filters()
            pane.select_position(position)
        self.set_focus(pane)

    def action_export(self) -> None:
        """`x`: export what is shown, in time order (ui/dialogs/export.py)."""
        from timeline_tui.ui.dialogs.export import ExportScreen

        noted = bool(self.annotated.by_position)
        dialog = ExportScreen(len(self.positions), zone=self.zone.caption(), notes=noted)
        self.app.push_screen(dialog, self._export)

    def _export(self, choice: ExportChoice | None) -> None:
        if choice is not None:
            positions, timeline = list(self.positions), self.timeline
            filters = filter_labels(self.state, self.view, timeline)
            self._write_export(choice, positions, timeline, filters, self.zone)

    @work(thread=True, group="export", description="export")  # no repr of a timeline
    def _write_export(
        self, choice: ExportChoice, positions: list[int], timeline: Timeline,
        filters: list[str], zone: DisplayZone,
    ) -> None:  # fmt: skip
        """Render and write the export in a thread (a large timeline takes a while), its
        times in the display zone."""
        from timeline_tui.formats import export
        from timeline_tui.formats.export_time import export_zone

        events = [timeline.events[p] for p in positions]
        about = export.describe(self.files_label, filters, len(events))
        notes = dict(self.notes) if choice.with_notes else None
        request = export.ExportRequest(
            choice.format, description=about, zone=export_zone(zone), notes=notes
        )
        try:
            text = export.render(request, events, timeline)
            export.write_export(Path(choice.path), text, force=choice.replace)
        except (OSError, export.TargetExists) as exc:
            why = "it exists" if isinstance(exc, export.TargetExists) else exc.strerror or exc
            message, severity = f"Not exported to {choice.path}: {why}", "error"
        else:
            message, severity = f"Exported {len(events):,} events to {choice.path}", "information"
        self.app.call_from_thread(self.notify, sanitize_line(message), markup=False,
                                  severity=severity)  # fmt: skip

    def action_help(self) -> None:
        from timeline_tui.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())
