"""The jump history: where backspace and ctrl+o lead back to."""

from __future__ import annotations

from timeline_tui.view.history import MAX_PLACES, JumpHistory, Place


def test_back_returns_the_places_left_latest_first_then_none():
    history = JumpHistory()
    history.left(Place("a", "timeline"))
    history.left(Place("b", "detail"))
    assert history.back() == Place("b", "detail")
    assert history.back() == Place("a", "timeline")
    assert history.back() is None and not history


def test_the_same_place_left_twice_in_a_row_is_kept_once():
    history = JumpHistory()
    history.left(Place("a"))
    history.left(Place("a"))
    assert len(history) == 1


def test_only_the_latest_places_are_kept():
    history = JumpHistory()
    for number in range(MAX_PLACES + 5):
        history.left(Place(str(number)))
    assert len(history) == MAX_PLACES
    assert history.back() == Place(str(MAX_PLACES + 4))
