"""`x`: the export dialog writes what is shown, in the format chosen, and asks before an
existing file is replaced."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from apphelpers import EVENTS, settle, shown_ids
from textual.widgets import Input, Static

from timeline_tui.ui.app import make_app
from timeline_tui.ui.dialogs.confirm import ConfirmScreen
from timeline_tui.ui.dialogs.export import ExportScreen


async def wait_for(pilot, condition, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until condition() holds: by the clock, as a busy machine (CI's) makes
    each pause longer than asked and a file watcher slower to report."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met")
        await pilot.pause(0.02)


async def open_export(app, pilot, path: Path, *keys: str) -> ExportScreen:  # type: ignore[no-untyped-def]
    """`x`, the format moved to with `keys` (in the format list), the path typed over."""
    await pilot.press("x")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportScreen)
    if keys:
        await pilot.press(*keys)
    dialog.query_one("#export-path", Input).value = str(path)
    dialog.query_one("#export-path", Input).focus()
    await pilot.pause()
    return dialog


async def test_x_exports_what_is_shown_as_csv(tmp_path: Path) -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        screen.only_actor("merz")  # the palette's "filter: Only Friedrich Merz"
        await pilot.pause()
        shown = shown_ids(screen)
        target = tmp_path / "out.csv"
        dialog = await open_export(app, pilot, target, "down", "enter")
        assert dialog.format == "csv"
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
        assert [row["id"] for row in rows] == shown
        assert shown == ["white-house-talks", "white-house-working-lunch"]
        assert app.screen is screen


async def test_the_default_file_follows_the_format(tmp_path: Path) -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.startswith("./timeline-") and path_input.value.endswith(".md")
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert path_input.value.endswith(".ics")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_an_existing_file_is_replaced_only_when_confirmed(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine\n")
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await open_export(app, pilot, target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # back in the dialog, nothing written
        assert target.read_text() == "mine\n"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: target.read_text(encoding="utf-8") != "mine\n")
        assert target.read_text(encoding="utf-8").startswith("# Chronology\n")
        assert not isinstance(app.screen, ExportScreen | ConfirmScreen)


TIMED = """\
[[events]]
id = "call"
title = "A call"
when = 2025-08-18T13:15:00-04:00
"""


async def test_x_exports_times_in_the_display_zone_and_says_which(tmp_path: Path) -> None:
    (tmp_path / "call.toml").write_text(TIMED)
    app = make_app([str(tmp_path / "call.toml")], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        for caption, clock in (("Times in UTC", "17:15 UTC"), ("Times in each event", "13:15")):
            target = tmp_path / f"{clock[:2]}.md"
            dialog = await open_export(app, pilot, target)
            assert str(dialog.query_one("#export-zone", Static).render()).startswith(caption)
            await pilot.press("enter")
            await wait_for(pilot, target.exists)
            assert f"Mon 18 Aug 2025 {clock}" in target.read_text(encoding="utf-8")
            await pilot.press("z")  # local (UTC here), then UTC, then each event's own
            if screen.zone.kind == "utc":
                await pilot.press("z")
    assert "17:15" not in (tmp_path / "13.md").read_text(encoding="utf-8")
