"""HelpScreen: every key, as DESIGN.md's contract lists them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline_tui.ui.widgets.key_bar import KeyBar

KEYS = (
    ("j k / ↓ ↑", "next / previous event (detail pane: scroll)"),
    ("g G / home end", "first / last event"),
    ("pgdn pgup", "a page down / up"),
    ("[ ]", "previous / next day"),
    ("{ }", "previous / next month"),
    ("t", "go to a date (2025-08-17, Aug 2025, -3d, today)"),
    ("z", "display zone: local, UTC, each event's own"),
    ("c", "context: only the events near this one (c again: all)"),
    ("< >", "narrower / wider context: 1 h 6 h 1 d 3 d 1 w 1 month"),
    ("D", "to the busiest time in the density strip (top line)"),
    ("p", "pin as anchor: rows show their offset from it (p on it unpins)"),
    ("enter", "into the detail pane (taller when narrow)"),
    ("tab shift+tab", "cycle focus: timeline, detail, actor filter"),
    ("a", "actor filter: type to narrow (spaces typed)"),
    ("enter (in filter)", "toggle the top match; ↓ list, space toggles"),
    ("ctrl+t (in filter)", "match all / any of the chosen actors"),
    ("← → (side pane)", "facets: actors, tags, places, statuses, sources"),
    ("enter (a facet)", "the value's term into the search (again: out); narrows"),
    ("\\", "show / hide the side pane (actor filter and facets)"),
    ("/", "search (actor:NAME narrows); enter leaves"),
    ("tab (in search)", "accept the completion highlighted (↓ ↑ move, then enter)"),
    ("n N", "next / previous search match"),
    ("1-9 (in detail)", "jump to a related event"),
    ("backspace ctrl+o", "back to where you were before a jump"),
    ("escape", "leave a box or pane; on the timeline, clear all"),
    ("ctrl+z", "bring back the filters escape cleared"),
    ("m", "star / unstar the event (kept in .timeline/notes.toml)"),
    (";", "your note and tags on the event (ctrl+s saves)"),
    ("y", "copy the event as a citation"),
    ("w", "open the event's first http(s) source"),
    ("click a URL", "open that source in the browser"),
    ("+", "new event (a form; ctrl+s saves, escape leaves: asks if changed)"),
    ("ctrl+e", "edit the highlighted event in the form"),
    ("ctrl+s", "save this view: search, actors, zone, & (restored at start)"),
    ("v", "saved views: enter restores, r renames, d deletes"),
    ("x", "export what is shown: Markdown, CSV, JSON, iCalendar, TimelineJS"),
    ("o", "open files or folders into this timeline"),
    ("r", "reload from disk"),
    ("u U", "next new or changed event since you looked / mark all seen"),
    ("f", "follow: keep the newest arrivals in view"),
    ("E", "open the event's file in $EDITOR at its line"),
    ("e", "problems found while loading (enter: see the file)"),
    ("S", "sources: grades, events, quotes checked (enter: only its events)"),
    ("=", "this event beside the records told differently (n: next)"),
    ("ctrl+p", "command palette with every action"),
    ("?", "this help"),
    ("q", "quit"),
)
MARKS = (
    ("◷", "scheduled"), ("»", "reported"), ("✗", "cancelled"),
    ("?", "a status none of these: shown as written"),
    ("⚠", "problems found in the event (listed in the detail pane)"),
    ("≈", "approximate date"), ("!", "stale: its file no longer reads cleanly"),
    ("+", "new since you last looked"), ("~", "changed since you last looked"),
    ("≢", "contested: another record tells it differently (= compares)"),
    ("◦", "single source: one independent publisher reports it"),
    ("★", "starred (m)"), ("✎", "your note or tags on it (;)"),
)  # fmt: skip


KEY_CELLS = max(len(key) for key, _ in KEYS)


def help_content() -> Content:
    lines = [Content.styled("Keys", "bold")]
    lines += [Content.assemble((f"{key:>{KEY_CELLS}}  ", "bold"), what) for key, what in KEYS]
    lines += [Content(""), Content.styled("Marks in the timeline", "bold")]
    lines += [Content.assemble((f"{mark:>{KEY_CELLS}}  ", "bold"), what) for mark, what in MARKS]
    lines += [Content(""), Content("Press escape, q or ? to close.")]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A list of every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_content())
        yield KeyBar(id="keys")  # this dialog's keys, not the main screen's
