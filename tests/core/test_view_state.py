"""The view state and what it shows, tested as plain functions (no app): what the main screen
hands its panes and its status line."""

from __future__ import annotations

from support import EVENTS, Write

from timeline_tui.core.query import Index
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.workspace import load
from timeline_tui.view.rows import match_hint, status_text
from timeline_tui.view.state import (
    View,
    ViewState,
    compute,
    empty_message,
    filter_labels,
    next_match,
    status,
)


def shown_ids(timeline: Timeline, positions: object) -> list[str]:
    return [timeline.events[p].id for p in positions]  # type: ignore[attr-defined]


def test_an_empty_state_shows_every_event_with_no_matches(seed: Timeline) -> None:
    view = compute(ViewState(), Index.build(seed))
    assert list(view.positions) == list(range(len(seed.events)))
    assert not view.matches and view.terms == ()
    assert status(ViewState(), view, seed, ["events/"]).startswith(
        f"{len(seed.events)} of {len(seed.events)} events · events/"
    )


def test_choosing_an_actor_shows_only_its_events_and_says_so(seed: Timeline) -> None:
    state = ViewState().toggled("merz")
    view = compute(state, Index.build(seed))
    assert shown_ids(seed, view.positions) == ["white-house-talks", "white-house-working-lunch"]
    assert filter_labels(state, view, seed) == ["Friedrich Merz"]
    assert state.toggled("merz") == ViewState()


def test_match_all_narrows_and_the_labels_join_with_and(seed: Timeline) -> None:
    index = Index.build(seed)
    any_of = ViewState().toggled("zelenskyy").toggled("putin")
    all_of = any_of.mode_toggled()
    assert set(compute(all_of, index).positions) < set(compute(any_of, index).positions)
    assert filter_labels(all_of, compute(all_of, index), seed) == [
        "Vladimir Putin & Volodymyr Zelenskyy"
    ]


def test_search_matches_among_all_and_counts_those_shown(seed: Timeline) -> None:
    index = Index.build(seed)
    state = ViewState().searching("ceasefire")
    view = compute(state, index)
    assert view.terms == ("ceasefire",)
    assert len(view.positions) == len(seed.events)  # search highlights, it does not narrow
    assert all("ceasefire" in index.haystacks[p] for p in view.matches)
    narrowed = compute(state.toggled("merz"), index)
    assert narrowed.shown_matches(len(seed.events)) <= len(view.matches)
    label = filter_labels(state, view, seed)[-1]
    assert label == f'search "ceasefire": {len(view.matches)} matches (n/N)'


def test_an_actor_term_in_the_search_narrows_and_counts_within_it(seed: Timeline) -> None:
    view = compute(ViewState(search_text="actor:merz"), Index.build(seed))
    assert shown_ids(seed, view.positions) == ["white-house-talks", "white-house-working-lunch"]
    assert view.counts["merz"] == 2 and view.counts["putin"] == 0


def test_next_match_wraps_around_and_skips_matches_hidden_by_filters(seed: Timeline) -> None:
    view = compute(ViewState(search_text="ceasefire"), Index.build(seed))
    first, last = view.matches[0], view.matches[len(view.matches) - 1]
    assert next_match(view, None, 1) == first
    assert next_match(view, last, 1) == first
    assert next_match(view, first, -1) == last
    assert next_match(compute(ViewState(), Index.build(seed)), 0, 1) is None


def test_a_reloaded_timeline_keeps_only_the_actors_it_still_has(seed: Timeline) -> None:
    state = ViewState().toggled("merz").toggled("nobody-now")
    kept = state.kept_in(seed)
    assert kept.selected == {"merz"}
    assert kept.kept_in(seed) is kept  # nothing to drop: the same state


def test_an_empty_pane_says_why_and_what_to_do(write: Write) -> None:
    empty = write("empty/notes.txt", "no events here").parent
    assert empty_message(load([str(empty)]), ["empty/"])[0] == "No event files found in empty/."
    broken = write("broken/a.toml", "title = \n").parent
    assert "every file has errors" in empty_message(load([str(broken)]), ["broken/"])[0]
    bare = write("bare/a.toml", "[meta]\n").parent
    assert empty_message(load([str(bare)]), ["bare/"])[0] == "The files in bare/ hold no events."
    story = load([str(EVENTS)])
    assert empty_message(story, ["events/"])[0] == "No events match these filters."


def test_narrowing_shows_only_the_matches_and_says_so(seed: Timeline) -> None:
    index = Index.build(seed)
    state = ViewState().searching("ceasefire")
    narrowed = compute(state.narrow_toggled(), index)
    assert list(narrowed.positions) == list(compute(state, index).matches)
    assert status(state.narrow_toggled(), narrowed, seed, []).endswith(
        f'filter: search "ceasefire": {len(narrowed.matches)} matches (n/N),'
        " narrowed to matches (&)"
    )
    assert state.narrow_toggled().narrow_toggled() == state


def test_narrowing_keeps_the_chosen_actors_and_fields_narrow_too(seed: Timeline) -> None:
    index = Index.build(seed)
    state = ViewState(search_text="status:scheduled", narrow=True).toggled("merz")
    view = compute(state, index)
    assert shown_ids(seed, view.positions) == ["white-house-talks", "white-house-working-lunch"]
    view = compute(state.searching("status:scheduled ceasefire"), index)
    assert shown_ids(seed, view.positions) == ["white-house-talks"]
    assert view.terms == ("ceasefire",)  # the word is marked; the field is not a word


def test_narrowing_with_only_actor_terms_or_no_search_changes_nothing(seed: Timeline) -> None:
    index = Index.build(seed)
    assert compute(ViewState(narrow=True), index).positions == index.everything
    view = compute(ViewState(search_text="actor:merz", narrow=True), index)
    assert len(view.positions) == 2 and "narrowed" not in status(
        ViewState(search_text="actor:merz", narrow=True), view, seed, []
    )


def test_a_search_that_does_not_parse_is_not_applied_and_says_where(seed: Timeline) -> None:
    index = Index.build(seed)
    state = ViewState(search_text="ceasefire tga:x", narrow=True).toggled("merz")
    view = compute(state, index)
    assert view.error is not None and view.error.column == 11
    assert len(view.positions) == 2 and not view.matches  # the actor chosen still applies
    label = filter_labels(state, view, seed)[-1]
    assert label.startswith("search does not parse: column 11: unknown field tga:")


def test_a_field_with_no_data_yet_is_noted_in_the_status(seed: Timeline) -> None:
    state = ViewState(search_text="is:star")
    view = compute(state, Index.build(seed))
    assert not view.matches and "is:star: no stars yet" in status(state, view, seed, [])


def test_a_match_outside_the_title_says_where_it_lies(seed: Timeline) -> None:
    index = Index.build(seed)

    def hint(search: str, event_id: str) -> str:
        view = compute(ViewState(search_text=search), index)
        position = seed.index_of(event_id)
        assert position in view.matches
        return match_hint(seed.events[position], view.terms, seed)

    assert hint("inferred", "zelenskyy-welcomes-security-guarantees") == " · in notes"
    assert hint("brussels", "zelenskyy-brussels-remarks") == " · in summary, place"
    assert hint("ceasefire", "zelenskyy-brussels-remarks") == ""  # its title shows it
    assert hint("merz", "white-house-talks") == " · in actors"


SPREAD = """\
[[events]]
id = "a"
title = "A"
when = 2025-08-10T00:00:00Z
[[events]]
id = "b"
title = "B"
when = 2025-08-10T12:00:00Z
[[events]]
id = "c"
title = "C"
when = 2025-08-11T06:00:00Z
[[events]]
id = "d"
title = "D"
when = 2025-08-13T00:00:00Z
[[events]]
id = "e"
title = "E"
when = 2025-08-20T00:00:00Z
"""


def test_context_shows_the_events_within_its_width_and_says_so(write: Write) -> None:
    timeline = load([str(write("spread.toml", SPREAD))])
    index = Index.build(timeline)
    state = ViewState().context_toggled("c")
    assert shown_ids(timeline, compute(state, index).positions) == ["b", "c"]  # ±1 d
    wider = state.context_widened(1)
    assert shown_ids(timeline, compute(wider, index).positions) == ["a", "b", "c", "d"]
    narrower = state.context_widened(-1)
    assert shown_ids(timeline, compute(narrower, index).positions) == ["c"]  # ±6 h
    assert state.context_widened(-5).context_label == "±1 h"  # the narrowest stays
    assert state.context_widened(9).context_label == "±1 month"
    assert "context ±1 d around C (c leaves)" in filter_labels(state, View(), timeline)
    assert state.context_toggled("b").context_id is None  # c again leaves it
    gone = ViewState().context_toggled("not-loaded")
    assert len(compute(gone, index).positions) == 5


def test_context_narrows_what_the_search_leaves(seed: Timeline) -> None:
    index = Index.build(seed)
    event_id = seed.events[len(seed.events) // 2].id
    narrowed = ViewState(search_text="zelenskyy", narrow=True)
    both = compute(narrowed.context_toggled(event_id), index).positions
    alone = compute(ViewState().context_toggled(event_id), index).positions
    searched = compute(narrowed, index).positions
    assert list(both) == [p for p in alone if p in set(searched)]
    assert 0 < len(both) < len(alone)


def test_the_status_line_gives_up_the_files_then_times_in_to_fit_its_width() -> None:
    notes = ["1 new, 1 changed since Tue 14:05 (u)"]
    full = status_text(20, 20, [], ["follow/"], 1, "times in Etc/UTC", notes)
    assert full == (
        "20 of 20 events · follow/ · times in Etc/UTC · 1 problem (e) · "
        "1 new, 1 changed since Tue 14:05 (u)"
    )
    assert status_text(20, 20, [], ["follow/"], 1, "times in Etc/UTC", notes, len(full)) == full
    no_files = status_text(20, 20, [], ["follow/"], 1, "times in Etc/UTC", notes, len(full) - 1)
    assert no_files == full.replace("follow/ · ", "")
    shortest = status_text(20, 20, [], ["follow/"], 1, "times in Etc/UTC", notes, 60)
    assert shortest == "20 of 20 events · Etc/UTC · 1 problem (e) · " + notes[0]
