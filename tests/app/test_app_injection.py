"""Untrusted text: markup and escape sequences in files show as typed and do nothing."""

from __future__ import annotations

import html

from apphelpers import settle, shown_ids
from support import within
from textual.widgets import Static

from timeline_tui.ui.app import make_app
from timeline_tui.ui.widgets.detail_pane import DetailPane
from timeline_tui.ui.widgets.timeline_pane import TimelinePane
from timeline_tui.view.excerpt import LINE_LIMIT

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
        await pilot.press("a", *"click", "enter", "escape", "slash", *"[/", "enter")
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


async def test_a_30_mb_title_reaches_the_first_screen_cut_short(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIMELINE_TUI_NO_CACHE", "1")
    path = tmp_path / "huge.toml"
    path.write_text(f'[[events]]\nid = "e"\ntitle = "{"x" * 30_000_000}"\nwhen = 2025-08-18\n')
    with within(seconds=10, mib=300):  # it took 63 s and 2.5 GiB (seconds here, and 170 MiB)
        app = make_app([str(path)], watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await settle(app, pilot)
            shown = screen.query_one(DetailPane).query_one("#detail-body", Static).render()
    assert shown_ids(screen) == ["e"]
    assert "x" * LINE_LIMIT + "…" in str(shown)
