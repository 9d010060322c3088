"""Untrusted text: markup and escape sequences in files show as typed and do nothing."""

from __future__ import annotations

import html

from apphelpers import settle

from timeline_tui.ui.app import make_app
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

INJECTIONS = (
    "[/",
    "[@click=app.quit]x",
    '[link="https://evil"]a[/link]',
    "\x1b[31mred\x1b]52;c;SGVsbG8=\x07",
    "\x9b2J C1 \u202eevil",
)
FORBIDDEN = ("\x1b", "\x9b", "\x07", "\u202e")


def evil_file(tmp_path):  # type: ignore[no-untyped-def]
    import json

    lines = []
    for number, text in enumerate(INJECTIONS):
        quoted = json.dumps(text)  # a valid TOML basic string with escapes
        lines += [
            "[[events]]",
            f'id = "e{number}"',
            f"title = {quoted}",
            f"when = 2025-08-{15 + number:02d}",
            f"actors = [{quoted}]",
            f"summary = {quoted}",
            f"location = {quoted}",
            "[[events.quotes]]",
            f"speaker = {quoted}",
            f"text = {quoted}",
            "",
        ]
    path = tmp_path / "evil.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


async def test_injection_strings_show_as_typed_run_nothing_and_emit_no_escape(tmp_path):
    app = make_app([str(evil_file(tmp_path))], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        assert len(screen.positions) == len(INJECTIONS)
        seen = ""
        for _ in INJECTIONS:
            await pilot.click(TimelinePane, offset=(12, screen.query_one(TimelinePane).cursor))
            await pilot.click(DetailPane, offset=(2, 0))
            await pilot.pause()
            seen += html.unescape(app.export_screenshot()).replace("\xa0", " ")
            await pilot.press("j")
        await pilot.press("a", *"click", "space", "escape", "slash", *"[/", "enter")
        await pilot.pause()
        assert app.is_running
        seen += html.unescape(app.export_screenshot())
        for char in FORBIDDEN:
            assert char not in seen
        assert "[@click=app.quit]x" in seen  # shown as typed
        assert "␛" in seen and "<U+202E>" in seen  # control characters made visible
        await pilot.press("e")
        await pilot.pause()
        problems = html.unescape(app.export_screenshot())
        assert all(char not in problems for char in FORBIDDEN)
