"""Helpers for the app tests: open the app on paths and wait until the timeline has loaded."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual import events
from textual.command import CommandList
from textual.content import Content
from textual.keys import _character_to_key

from timeline_tui.ui.app import TimelineApp
from timeline_tui.ui.screens.main import MainScreen

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "events"


async def settle(app: TimelineApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """Wait for the loading workers (not the watcher, which never ends) and pending messages."""
    loading = [w for w in app.workers if w.group == "load"]
    if loading:  # an empty list would mean "every worker", the never-ending watcher too
        await app.workers.wait_for_complete(loading)
    await pilot.pause()
    await pilot.pause()
    return app.screen_stack[0]  # type: ignore[return-value]


def shown_ids(screen: MainScreen) -> list[str]:
    return [screen.timeline.events[p].id for p in screen.positions]


def highlighted_id(screen: MainScreen) -> str | None:
    from timeline_tui.ui.widgets.timeline_pane import TimelinePane

    position = screen.query_one(TimelinePane).highlighted
    return None if position is None else screen.timeline.events[position].id


def type_fast(app: TimelineApp, *keys: str) -> None:
    """Hand every key to the app at once, as a terminal does for a quick typist. A character
    (`/`, `.`) is sent under its key's name (`slash`, `full_stop`), as Pilot.press does."""
    for key in keys:
        char = key if len(key) == 1 else " " if key == "space" else None
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


def palette_prompts(app) -> list[Content]:  # type: ignore[no-untyped-def]
    """The text of every command the open palette lists, as it draws it."""
    return [option.prompt for option in app.screen.query_one(CommandList).options]


def has_action(content: Content) -> bool:
    """Whether any part of the content carries a Textual action (what `@click` makes)."""
    styles = [span.style for span in content.spans]
    return any(isinstance(s, Style) and "@click" in s.meta for s in styles) or any(
        isinstance(s, str) and "@click" in s for s in styles
    )
