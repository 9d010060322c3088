"""Untrusted text: markup and escape sequences in files show as typed and do nothing."""

from __future__ import annotations

import html

from apphelpers import has_action, palette_prompts, settle, shown_ids, type_fast
from support import only, within
from textual.command import CommandList, CommandPalette
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


# ── the command palette: an actor's name is a command's title and help ──────


def actors_file(write, *names: str):  # type: ignore[no-untyped-def]
    """One event file whose only event lists these actors (JSON strings are TOML strings)."""
    import json

    actors = ", ".join(json.dumps(name) for name in names)
    return write(
        "actors.toml",
        f'[[events]]\nid = "e"\ntitle = "T"\nwhen = 2025-08-18\nactors = [{actors}]\n',
    )


async def test_an_actor_named_like_a_closing_tag_opens_the_palette_and_searches(write):
    app = make_app([str(actors_file(write, "[/", "[b]bold"))], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette) and app.is_running
        await pilot.press(*"only")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        plain = [prompt.plain for prompt in palette_prompts(app)]
        assert any("filter: Only [/" in text for text in plain)
        assert any("filter: Only [b]bold" in text for text in plain)  # as typed, not bold


async def test_an_actor_name_with_a_click_action_is_plain_text_and_clicking_runs_nothing(write):
    name = "Zed [@click=app.quit]X"
    app = make_app([str(actors_file(write, name))], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"only zed")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        prompts = palette_prompts(app)
        ours = [p for p in prompts if name in p.plain]
        assert ours, [p.plain for p in prompts]
        assert not any(has_action(p) for p in prompts)
        command_list = app.screen.query_one(CommandList)
        inside = command_list.content_region.offset - command_list.region.offset
        x = inside.x + len("filter: Only Zed [@click=app.quit]")  # the X, where a link would be
        await pilot.click(command_list, offset=(x, inside.y))
        await pilot.pause(0.2)
        assert app.is_running
        assert screen.state.selected == {screen.timeline.actors.resolve(name)}


# ── text boxes: a file's name taken into the path box, text pasted into a box ──

ESCAPES = "\x1b]52;c;aGk=\x07\x9b2J\u202e"


async def test_a_file_name_taken_into_the_path_box_shows_no_escape_and_still_opens(tmp_path):
    from textual.widgets import Input

    from timeline_tui.ui.dialogs.open_file import OpenScreen

    name = f"x{ESCAPES}y.toml"
    (tmp_path / name).write_text('[[events]]\nid = "far"\ntitle = "F"\nwhen = 2025-08-18\n')
    app = make_app([str(evil_file(tmp_path))], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("o")
        assert isinstance(app.screen, OpenScreen)
        type_fast(app, *f"{tmp_path}/x")
        await pilot.pause(0.1)
        await pilot.press("tab")
        assert app.screen.query_one("#open-path", Input).value == f"{tmp_path}/{name}"
        shown = html.unescape(app.export_screenshot())
        assert all(char not in shown for char in FORBIDDEN) and "␛]52;c;aGk=␇" in shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert "far" in [screen.timeline.events[p].id for p in screen.positions]


async def test_text_pasted_into_the_search_box_shows_no_escape(tmp_path):
    from textual import events

    from timeline_tui.ui.widgets.search_bar import SearchBar

    app = make_app([str(evil_file(tmp_path))], watch=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        app.screen.query_one(SearchBar).post_message(events.Paste(f"a{ESCAPES}b"))
        await pilot.pause()
        assert app.screen.query_one(SearchBar).value == f"a{ESCAPES}b"  # searched as pasted
        shown = html.unescape(app.export_screenshot())
        assert all(char not in shown for char in FORBIDDEN)


def test_the_problem_excerpt_marks_the_problem_line_past_unicode_line_separators(write):
    from timeline_tui.loading.workspace import load
    from timeline_tui.ui.dialogs.problems import excerpt

    text = '[[events]]\nid = "a"\ntitle = "one\u2028two\x85three\u2029"\nwhen = 2025-08-18\n'
    path = write("seps.toml", text + '# four\u2028five\n[[events]]\nid = "b"\ntitle = "B"\n')
    problem = only(load([str(path)]).diagnostics, "no 'when'")
    assert problem.line == 6
    lines = excerpt(problem).plain.split("\n")
    assert [line for line in lines if line.startswith("▶")] == ["▶    6 │ [[events]]"]
    assert len(lines) == 6 and lines[0].startswith('     3 │ title = "one')  # lines 3 to 8
