"""The view state and what it shows, as plain data: the main screen holds a ViewState, asks
`compute` for the View of a timeline, and hands the View's parts to its panes.

Kept out of the screen so that every rule of what is shown (which events, which matches, the
actor counts, the status line, stepping through matches) is a function tested without an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from timeline_tui.core.query import (
    Index,
    Query,
    SearchText,
    SortedPositions,
    actor_counts,
    parse_search,
)
from timeline_tui.core.query import apply as apply_query
from timeline_tui.core.timeline import Timeline
from timeline_tui.view.rows import status_text


@dataclass(frozen=True, slots=True)
class ViewState:
    """What the user chose: actors on (any or all of them) and the search text as typed."""

    selected: frozenset[str] = frozenset()
    match_all: bool = False
    search_text: str = ""

    @property
    def search(self) -> SearchText:
        return parse_search(self.search_text)

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

    def shown_matches(self, total: int) -> int:
        """How many matches are among the events shown."""
        if len(self.positions) == total:
            return len(self.matches)  # nothing filtered out: every match is shown
        return self.matches.count_in(SortedPositions(self.positions))


def compute(state: ViewState, index: Index) -> View:
    """The View of a state: `actor:` terms of the search narrow, like chosen actors; the
    counts are what choosing each actor alone would show among what `actor:` terms leave."""
    search = state.search
    narrowing = " ".join(f'actor:"{name}"' for name in search.actor_names)
    base = apply_query(Query(text=narrowing), index) if narrowing else None
    positions = apply_query(Query(state.selected, state.match_all, narrowing), index)
    matches = SortedPositions(index.matching(search.terms) if search.terms else [])
    return View(positions, matches, search.terms, actor_counts(index, base))


def filter_labels(state: ViewState, view: View, timeline: Timeline) -> list[str]:
    """The filters in words: `Merz | Macron`, `search "kyiv": 3 matches (n/N)`."""
    labels = [timeline.actors.name(a) for a in sorted(state.selected)]
    if len(labels) > 1:
        labels = [(" & " if state.match_all else " | ").join(labels)]
    text = state.search_text.strip()
    if text:
        label = f'search "{text}"'
        if view.terms:
            shown = view.shown_matches(len(timeline.events))
            label += f": {shown} match{'es' if shown != 1 else ''} (n/N)"
        labels.append(label)
    return labels


def status(
    state: ViewState, view: View, timeline: Timeline, files: Sequence[str],
    notes: Sequence[str] = (),
) -> str:  # fmt: skip
    """The status line: `12 of 19 events · filter: Merz · events/ · 2 problems (e)`, then
    the notes (what is new since the last look, `following`)."""
    labels = filter_labels(state, view, timeline)
    shown, total = len(view.positions), len(timeline.events)
    return status_text(shown, total, labels, files, len(timeline.diagnostics), notes)


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
