"""Facets: each value's count among what the other filters leave, and choosing a value as a
term of the search text (again: out)."""

from __future__ import annotations

from support import Write

from timeline_tui.core.query import Index
from timeline_tui.loading.workspace import load
from timeline_tui.view.facets import (
    chosen_values,
    facet_values,
    next_facet,
    toggled_term,
    value_counts,
)
from timeline_tui.view.state import ViewState

STORY = """
    [[actors]]
    id = "merz"
    name = "Friedrich Merz"

    [[events]]
    id = "a"
    title = "Talks in Kyiv"
    when = 2025-08-18
    actors = ["merz"]
    tags = ["security guarantees", "sanctions"]
    location = "Kyiv"
    status = "scheduled"
    sources = ["seed"]

    [[events]]
    id = "b"
    title = "Strike"
    when = 2025-08-19
    tags = ["sanctions", "energy"]
    location = "Kharkiv"

    [[events]]
    id = "c"
    title = "Another strike"
    when = 2025-08-20
    tags = ["energy"]
    location = "Kharkiv"
    status = "reported"

    [[sources]]
    id = "seed"
    title = "The seed article"
"""


def index_of(write: Write) -> Index:
    return Index.build(load([str(write("story.toml", STORY))]))


def counted(state: ViewState, index: Index, field: str) -> list[tuple[str, int, bool]]:
    return [(v.value, v.count, v.chosen) for v in facet_values(state, index, field)]


def test_counts_with_no_filter_are_every_events(write: Write):
    index = index_of(write)
    assert counted(ViewState(), index, "tag") == [
        ("energy", 2, False), ("sanctions", 2, False), ("security guarantees", 1, False),
    ]  # fmt: skip
    assert counted(ViewState(), index, "status") == [
        ("occurred", 1, False), ("reported", 1, False), ("scheduled", 1, False),
    ]  # fmt: skip
    assert counted(ViewState(), index, "source") == [("seed", 1, False)]


def test_counts_are_among_what_the_other_filters_leave(write: Write):
    index = index_of(write)
    state = ViewState(search_text="strike place:kharkiv")
    assert counted(state, index, "tag") == [("energy", 2, False), ("sanctions", 1, False)]
    assert counted(ViewState(selected=frozenset({"merz"})), index, "place") == [("kyiv", 1, False)]


def test_a_facets_own_terms_do_not_narrow_its_counts_and_are_marked_chosen(write: Write):
    index = index_of(write)
    state = ViewState(search_text="tag:energy status:reported")
    assert counted(state, index, "tag") == [("energy", 1, True)]  # sanctions: none left
    assert counted(state, index, "status") == [("reported", 1, True), ("occurred", 1, False)]


def test_a_chosen_value_with_no_events_left_is_still_listed(write: Write):
    index = index_of(write)
    state = ViewState(search_text='tag:"security guarantees" status:reported')
    assert counted(state, index, "tag")[0] == ("security guarantees", 0, True)


def test_counts_over_a_pool_match_counting_by_hand(write: Write):
    index = index_of(write)
    assert value_counts(index, "tag", [1, 2]) == {
        "security guarantees": 0, "sanctions": 1, "energy": 2,
    }  # fmt: skip


def test_choosing_a_value_adds_its_term_and_choosing_it_again_takes_it_out():
    text = toggled_term("kyiv", "tag", "security guarantees")
    assert text == 'kyiv tag:"security guarantees"'
    assert chosen_values(text, "tag") == {"security guarantees"}
    assert toggled_term(text, "tag", "security guarantees") == "kyiv"
    assert toggled_term("", "status", "reported") == "status:reported"
    assert toggled_term("a tag:Energy b", "tag", "energy") == "a b"
    assert toggled_term("-tag:energy", "tag", "energy") == "-tag:energy tag:energy"


def test_a_text_that_does_not_parse_has_no_chosen_values():
    assert chosen_values("tga:x tag:a", "tag") == set()


def test_facets_cycle_both_ways():
    assert next_facet("actor", 1) == "tag"
    assert next_facet("actor", -1) == "source"
    assert next_facet("source", 1) == "actor"


def test_counts_from_the_computed_view_are_the_counts_searched_afresh(write: Write):
    from timeline_tui.view.state import compute

    index = index_of(write)
    for state in (
        ViewState(),
        ViewState(search_text="strike"),
        ViewState(search_text="strike", narrow=True),
        ViewState(frozenset({"merz"}), search_text="talks"),
        ViewState(search_text="actor:merz sanctions"),
        ViewState(search_text="tag:energy place:kharkiv"),
    ):
        view = compute(state, index)
        for field in ("tag", "place", "status", "source"):
            assert facet_values(state, index, field, view) == facet_values(state, index, field)
