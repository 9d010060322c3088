"""Make the README's screenshots: `.venv/bin/python docs/screenshots.py` from the repository,
then `rsvg-convert docs/screenshot-80x24.svg -o docs/screenshot-80x24.png` (and 160x45)."""

import asyncio
import os

os.environ["TIMELINE_TUI_NO_CACHE"] = "1"
from timeline_tui.ui.app import make_app  # noqa: E402


async def shot(size: tuple[int, int], name: str) -> None:
    app = make_app(["events"], watch=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        await pilot.press(*["j"] * 11)  # to a bounded event with its sources and related ones
        await pilot.pause(0.3)
        svg = app.export_screenshot(title="timeline events/")
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(svg)


if __name__ == "__main__":
    asyncio.run(shot((80, 24), "docs/screenshot-80x24.svg"))
    asyncio.run(shot((160, 45), "docs/screenshot-160x45.svg"))
