"""Saved views (loading/view_store.py) to and from the view state: the search text, the
actors chosen (those the timeline still has), the display zone and `&`."""

from __future__ import annotations

from dataclasses import replace

from timeline_tui.core.timeline import Timeline
from timeline_tui.core.zones import DisplayZone
from timeline_tui.loading.view_store import SavedView
from timeline_tui.view.state import ViewState


def zone_setting(zone: DisplayZone) -> str:
    """The zone as the config and DisplayZone.parse write it (`local`, `UTC`, `own`, a name)."""
    return {"local": "local", "utc": "UTC", "own": "own"}.get(zone.kind, zone.name)


def saved_view(name: str, state: ViewState, zone: DisplayZone) -> SavedView:
    actors = tuple(sorted(state.selected))
    return SavedView(name, state.search_text, actors, state.match_all, zone_setting(zone),
                     state.narrow)  # fmt: skip


def restored_state(view: SavedView, timeline: Timeline, state: ViewState) -> ViewState:
    """The state a view brings back (from `state`, the context let go), less actors the
    timeline does not have."""
    actors = frozenset(a for a in view.actors if a in timeline.actors)
    return replace(
        state, selected=actors, match_all=view.match_all, search_text=view.query,
        narrow=view.narrow, context_id=None,
    )  # fmt: skip


def view_summary(view: SavedView, timeline: Timeline) -> str:
    """A view in a line: `kharkiv tag:drones · Zelenskyy (all) · UTC · &`."""
    parts = [view.query.strip() or "no search"]
    if view.actors:
        names = ", ".join(timeline.actors.name(a) for a in view.actors if a in timeline.actors)
        parts.append(names + (" (all)" if view.match_all and len(view.actors) > 1 else ""))
    if view.zone:
        parts.append(view.zone)
    if view.narrow:
        parts.append("&")
    return " · ".join(part for part in parts if part)
