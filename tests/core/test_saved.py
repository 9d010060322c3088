"""Saved views to and from the view state."""

from __future__ import annotations

from support import EVENTS

from timeline_tui.core.zones import OWN, DisplayZone
from timeline_tui.loading.view_store import SavedView
from timeline_tui.loading.workspace import load
from timeline_tui.view.saved import restored_state, saved_view, view_summary, zone_setting
from timeline_tui.view.state import ViewState


def test_a_state_saved_comes_back_less_the_actors_no_longer_there():
    timeline = load([str(EVENTS)])
    state = ViewState(frozenset({"zelenskyy", "trump"}), True, "ceasefire", True, "x")
    view = saved_view("talks", state, DisplayZone.parse("Europe/Kyiv"))
    assert view == SavedView("talks", "ceasefire", ("trump", "zelenskyy"), True,
                             "Europe/Kyiv", True)  # fmt: skip
    gone = SavedView("old", "kyiv", ("trump", "nobody-now"))
    assert restored_state(gone, timeline, state) == ViewState(
        frozenset({"trump"}), False, "kyiv", False
    )


def test_zones_are_written_as_the_config_writes_them():
    assert zone_setting(DisplayZone.parse("utc")) == "UTC"
    assert zone_setting(OWN) == "own"
    assert zone_setting(DisplayZone.parse("local")) == "local"


def test_a_view_in_a_line():
    timeline = load([str(EVENTS)])
    view = SavedView("x", "tag:territory", ("trump", "zelenskyy"), True, "UTC", True)
    assert view_summary(view, timeline) == (
        "tag:territory · Donald Trump, Volodymyr Zelenskyy (all) · UTC · &"
    )
    assert view_summary(SavedView("y"), timeline) == "no search"
