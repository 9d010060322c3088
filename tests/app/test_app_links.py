"""Pilot tests for source links: URLs cut to fit (never wrapped), hyperlinks for http(s) only,
`y` copies a citation, `w` or a click opens the source in the browser."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from apphelpers import settle
from support import Write
from textual.style import Style

from timeline_tui.ui.app import TimelineApp, make_app
from timeline_tui.ui.widgets.source_list import SourceList

LONG = "https://example.org/news/2025/08/18/" + "a-very-long-slug-" * 8 + "end.html"
STORY = f"""
[[sources]]
id = "wire"
title = "Leaders meet at the White House"
publisher = "Wire"
url = "{LONG}"

[[sources]]
id = "local"
title = "A local copy"
url = "file:///etc/passwd"

[[events]]
id = "meet"
title = "Leaders meet"
when = 2025-08-18
location = "Washington"
sources = ["wire", "local"]
"""


@pytest.fixture
def story(write: Write) -> Path:
    return write("story/a.toml", STORY).parent


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the app asked the browser to open (none is opened)."""
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    return opened


def links_in(widget: SourceList) -> dict[str, str | None]:
    """Each rendered line of the source list, and the hyperlink on it (if any)."""
    content = widget.render()
    lines, start, found = content.plain.split("\n"), 0, {}
    for line in lines:
        end = start + len(line)
        found[line] = next(
            (
                span.style.link
                for span in content.spans
                if isinstance(span.style, Style) and span.start >= start and span.end <= end
            ),
            None,
        )
        start = end + 1
    return found


async def opened_app(app: TimelineApp, pilot) -> SourceList:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    await pilot.pause()
    return app.screen.query_one(SourceList)


async def test_urls_are_cut_to_the_width_and_only_http_ones_are_links(story: Path) -> None:
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        widget = await opened_app(app, pilot)
        lines = links_in(widget)
        (long_line,) = [line for line in lines if line.strip().startswith("https://")]
        assert "…" in long_line and long_line.strip().endswith("end.html")
        assert len(long_line) <= widget.size.width
        assert lines[long_line] == LONG
        assert lines["    file:///etc/passwd"] is None


async def test_y_copies_the_event_as_a_citation(story: Path) -> None:
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened_app(app, pilot)
        await pilot.press("y")
        assert app.clipboard.splitlines() == [
            "Leaders meet — Mon 18 Aug 2025 — Washington",
            f"Source: Leaders meet at the White House · Wire <{LONG}>",
            "Source: A local copy <file:///etc/passwd>",
        ]


async def test_w_opens_the_first_web_source(story: Path, browser: list[str]) -> None:
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened_app(app, pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "browser"])
        await pilot.pause()
    assert browser == [LONG]


async def test_a_click_on_a_url_opens_it(story: Path, browser: list[str]) -> None:
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        widget = await opened_app(app, pilot)
        row = next(y for y, line in enumerate(links_in(widget)) if "https://" in line)
        await pilot.click(SourceList, offset=(6, row))
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "browser"])
        await pilot.pause()
    assert browser == [LONG]


async def test_with_no_browser_the_url_is_copied_instead(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    app = make_app([str(story)], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened_app(app, pilot)
        await pilot.press("w")
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "browser"])
        await pilot.pause()
        assert app.clipboard == LONG
