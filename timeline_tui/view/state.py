"""The view state and what it shows, as plain data: the main screen holds a ViewState, asks
`compute` for the View of a timeline, and hands the View's parts to its panes.

Kept out of the screen so that every rule of what is shown (which events, which matches, the
actor counts, the status line, stepping through matches) is a function tested without an app.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from timeline_tui.core.matching import evaluate
from timeline_tui.core.query import (
    Index,
    Query,
    SearchText,
    SortedPositions,
    actor_counts,
    parse_search,
    within,
)
from timeline_tui.core.query_syntax import ACTOR, And, QueryError, Term
from timeline_tui.core.search import Positions
from timeline_tui.core.timeline import Timeline
from timeline_tui.view.rows import status_text

# How far either side of the event context (`c`) reaches, and its name: `<` `>` step through.
CONTEXT_WIDTHS = (
    (3_600, "1 h"), (6 * 3_600, "6 h"), (86_400, "1 d"), (3 * 86_400, "3 d"),
    (7 * 86_400, "1 w"), (30 * 86_400, "1 month"),
)  # fmt: skip
DEFAULT_CONTEXT = 2  # ±1 d


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the user chose: actors on (any or all of them), the search text as typed,
    whether only the search's matches are shown (`&`), and the event whose context alone is
    shown (`c`: the events within CONTEXT_WIDTHS[context_width] of it), if any."""

    selected: frozenset[str] = frozenset()
    match_all: bool = False
    search_text: str = ""
    narrow: bool = False
    context_id: str | None = None
    context_width: int = DEFAULT_CONTEXT

    def context_toggled(self, event_id: str | None) -> ViewState:
        """The context of this event, or none when one is shown."""
        return replace(self, context_id=None if self.context_id else event_id)

    def context_widened(self, step: int) -> ViewState:
        """A wider (1) or narrower (-1) context, within CONTEXT_WIDTHS."""
        width = min(max(self.context_width + step, 0), len(CONTEXT_WIDTHS) - 1)
        return replace(self, context_width=width)

    @property
    def context_label(self) -> str:
        return "±" + CONTEXT_WIDTHS[self.context_width][1]

    @property
    def search(self) -> SearchText:
        """The search (raises QueryError when the text does not parse)."""
        return parse_search(self.search_text)

    def narrow_toggled(self) -> ViewState:
        return replace(self, narrow=not self.narrow)

    def toggled(self, actor_id: str) -> ViewState:
        return replace(self, selected=self.selected ^ {actor_id})

    def only(self, actor_id: str) -> ViewState:
        return replace(self, selected=frozenset({actor_id}))

    def mode_toggled(self) -> ViewState:
        return replace(self, match_all=not self.match_all)

    def searching(self, text: str) -> ViewState:
        return replace(self, search_text=text)

    def kept_in(self, timeline: Timeline) -> ViewState:
        """The same choices, less the actors a (re)loaded timeline no longer has."""
        kept = frozenset(a for a in self.selected if a in timeline.actors)
        return self if kept == self.selected else replace(self, selected=kept)


@dataclass(frozen=True)
class View:
    """What a state shows of a timeline: the positions shown (time order), the search's
    matches among all events, the terms to mark, and each actor's count."""

    positions: Sequence[int] = ()
    matches: SortedPositions = field(default_factory=SortedPositions)
    terms: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    searched: bool = False  # the search has terms that mark matches (not only actor: ones)
    notes: tuple[str, ...] = ()  # what the search says of its terms ("is:star: no stars yet")
    error: QueryError | None = None  # the search text does not parse (and is not applied)

    def shown_matches(self, total: int) -> int:
        """How many matches are among the events shown."""
        if len(self.positions) == total:
            return len(self.matches)  # nothing filtered out: every match is shown
        return self.matches.count_in(SortedPositions(self.positions))


def compute(state: ViewState, index: Index) -> View:
    """The View of a state: `actor:` terms of the search narrow, like chosen actors; the rest
    of it marks its matches among all events, and shows only those shown when narrowing (`&`).
    The counts are what choosing each actor alone would show among what `actor:` terms leave.
    A search that does not parse is not applied: the View carries its error."""
    try:
        search = state.search
    except QueryError as problem:
        return replace(compute(replace(state, search_text=""), index), error=problem)
    names = And(tuple(Term(ACTOR, name) for name in search.actor_names))
    base = evaluate(names, index).positions if names.items else None
    shown = within(index.everything if base is None else base, _chosen(state), index)
    searched = bool(search.query.items)
    found = evaluate(search.query, index) if searched else None
    matches = SortedPositions(found.positions if found else [])
    if state.narrow and searched:
        shown = _in_both(shown, matches)
    if state.context_id is not None:
        shown = in_context(shown, index.timeline, state.context_id, state.context_width)
    notes = found.notes if found else ()
    return View(shown, matches, search.terms, actor_counts(index, base), searched, notes)


def in_context(
    shown: Sequence[int], timeline: Timeline, event_id: str, width: int
) -> Sequence[int]:
    """The positions shown whose instant is within the context width of the event's (all of
    them when it is not loaded). The timeline is in time order, so the context is one run of
    positions: two bisections over the instants, two over the positions shown."""
    center = timeline.index_of(event_id)
    if center is None:
        return shown
    instants, reach = timeline.columns.instants, CONTEXT_WIDTHS[width][0]
    first = bisect_left(instants, instants[center] - reach)
    end = bisect_right(instants, instants[center] + reach)
    return shown[bisect_left(shown, first) : bisect_left(shown, end)]


def _chosen(state: ViewState) -> Query:
    return Query(state.selected, state.match_all)


def _in_both(shown: Sequence[int], matches: SortedPositions) -> Sequence[int]:
    """The matches that are shown, in order (walking the fewer of the two)."""
    if len(matches) <= len(shown):
        kept = SortedPositions(shown)
        return Positions(p for p in matches if p in kept)
    return Positions(p for p in shown if p in matches)


def filter_labels(state: ViewState, view: View, timeline: Timeline) -> list[str]:
    """The filters in words: `Merz | Macron`, `search "kyiv": 3 matches (n/N)`, and what the
    search says: its error with the column, its notes, `narrowed to matches (&)`."""
    labels = [timeline.actors.name(a) for a in sorted(state.selected)]
    if len(labels) > 1:
        labels = [(" & " if state.match_all else " | ").join(labels)]
    text = state.search_text.strip()
    if view.error is not None:
        labels.append(f"search does not parse: {view.error} (not applied)")
    elif text:
        label = f'search "{text}"'
        if view.searched:
            shown = view.shown_matches(len(timeline.events))
            label += f": {shown} match{'es' if shown != 1 else ''} (n/N)"
        labels.append(label)
        labels.extend(view.notes)
        if state.narrow and view.searched:
            labels.append("narrowed to matches (&)")
    center = None if state.context_id is None else timeline.index_of(state.context_id)
    if center is not None:
        title = timeline.events[center].title
        labels.append(f"context {state.context_label} around {title} (c leaves)")
    return labels


def status(
    state: ViewState, view: View, timeline: Timeline, files: Sequence[str], zone: str = "",
    notes: Sequence[str] = (), width: int = 0,
) -> str:  # fmt: skip
    """The status line: `12 of 19 events · filter: Merz · events/ · times in UTC · 2 problems
    (e)`, then the notes (what is new since the last look, `following`); `zone` is the display
    zone's caption; made to fit `width` if it can (status_text)."""
    labels = filter_labels(state, view, timeline)
    shown, total = len(view.positions), len(timeline.events)
    problems = len(timeline.diagnostics)
    return status_text(shown, total, labels, files, problems, zone, notes, width)


def empty_message(timeline: Timeline, files: Sequence[str]) -> tuple[str, ...]:
    """What an empty timeline pane says: why nothing is shown, and what to do about it."""
    where = ", ".join(files) or "the paths given"
    if timeline.events:
        return (
            "No events match these filters.",
            "Press escape on the timeline to clear them.",
        )
    if not timeline.files:
        return (
            f"No event files found in {where}.",
            "Event files end in .toml. Press o to open other files or folders.",
        )
    if timeline.errors:
        return (
            "No events could be read: every file has errors.",
            "Press e to see them; the timeline reloads as you fix them.",
        )
    return (
        f"The files in {where} hold no events.",
        "Add [[events]] records (the README's Event format), or press o.",
    )


def next_match(view: View, current: int | None, step: int) -> int | None:
    """The shown match after (step 1) or before (step -1) the current position, wrapping
    around; None when no match is shown."""
    if not view.matches:
        return None
    at = current if current is not None else -1
    return view.matches.next_in(SortedPositions(view.positions), at, step)
