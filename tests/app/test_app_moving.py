"""Pilot tests for moving through time: `t` go to a date, `{` `}` a month back and on."""

from __future__ import annotations

from apphelpers import EVENTS, highlighted_id, settle
from support import Write
from textual.widgets import Static

from timeline_tui.ui.app import make_app
from timeline_tui.ui.dialogs.go_to_date import GoToDateScreen
from timeline_tui.ui.widgets.density_strip import DensityStrip
from timeline_tui.ui.widgets.status_line import StatusLine
from timeline_tui.ui.widgets.timeline_pane import TimelinePane

CEASEFIRE = "Zelenskyy calls for a ceasefire before peace talks"


def highlighted_title(screen) -> str:  # type: ignore[no-untyped-def]
    event_id = highlighted_id(screen)
    return screen.timeline.events[screen.timeline.index_of(event_id)].title


async def test_t_lands_on_the_first_event_of_the_day_typed() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        start = highlighted_id(screen)
        await pilot.press("t", *"2025-08-17")
        await pilot.pause()
        reading = str(app.screen.query_one("#date-reading", Static).render())
        assert "Sun 17 Aug 2025" in reading
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_title(screen) == CEASEFIRE  # not the "by 17 Aug" ones placed there
        await pilot.press("backspace")  # a jump: back to where it started
        await pilot.pause()
        assert highlighted_id(screen) == start


async def test_a_bad_date_says_why_and_keeps_the_dialog_open() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        start = highlighted_id(screen)
        await pilot.press("t", *"soonish", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoToDateScreen)
        reading = app.screen.query_one("#date-reading", Static)
        assert "cannot read the date 'soonish'" in str(reading.render())
        assert reading.has_class("-error")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and highlighted_id(screen) == start


async def test_t_after_the_last_event_lands_on_the_last() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("t", *"2099-01-01", "enter")
        await pilot.pause()
        assert highlighted_id(screen) == screen.timeline.events[screen.positions[-1]].id


MONTHS = """\
[[events]]
id = "june"
title = "June"
when = 2025-06-10
[[events]]
id = "july-early"
title = "July early"
when = 2025-07-02
[[events]]
id = "july-late"
title = "July late"
when = 2025-07-30
[[events]]
id = "august"
title = "August"
when = 2025-08-05
"""


async def test_braces_step_a_month(write: Write) -> None:
    app = make_app([str(write("months.toml", MONTHS))], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        assert highlighted_id(screen) == "june"
        seen = []
        for key in ["right_curly_bracket", "right_curly_bracket", "right_curly_bracket"]:
            await pilot.press(key)
            seen.append(highlighted_id(screen))
        await pilot.press("left_curly_bracket")
        seen.append(highlighted_id(screen))
        await pilot.press("j", "left_curly_bracket")  # from July's last day: to June
        seen.append(highlighted_id(screen))
        assert seen == ["july-early", "august", "august", "july-early", "june"]


async def test_c_shows_the_context_of_the_highlighted_event_and_c_leaves_it() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        total = len(screen.positions)
        await pilot.press("t", *"2025-08-17", "enter", "c")
        await pilot.pause()
        assert highlighted_title(screen) == CEASEFIRE
        day = len(screen.positions)
        assert 0 < day < total
        status = str(screen.query_one(StatusLine).render())
        assert f"context ±1 d around {CEASEFIRE}" in status
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert len(screen.positions) > day and highlighted_title(screen) == CEASEFIRE
        await pilot.press("c")
        await pilot.pause()
        assert len(screen.positions) == total and highlighted_title(screen) == CEASEFIRE
        assert "context" not in str(screen.query_one(StatusLine).render())


async def test_leaving_the_context_of_the_last_event_keeps_it_on_screen(write: Write) -> None:
    """Leaving a context of a few rows, the last of 60 days stays in view: the pane had no
    scrollbar while it showed few rows, and a scroll to the end was dropped."""
    days = "".join(
        f'[[events]]\nid = "day-{n}"\ntitle = "Day {n}"\n'
        f"when = 2025-{1 + n // 28:02d}-{1 + n % 28:02d}\n"
        for n in range(60)
    )
    app = make_app([str(write("days.toml", days))], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        pane = screen.query_one(TimelinePane)
        await pilot.press("G", "c")
        await pilot.pause()
        assert len(screen.positions) < 60 and highlighted_id(screen) == "day-59"
        await pilot.press("c")
        await pilot.pause()
        assert len(screen.positions) == 60 and highlighted_id(screen) == "day-59"
        top, height = pane.scroll_offset.y, pane.scrollable_content_region.height
        assert top <= pane.cursor < top + height


def row_text(screen, step: int = 0) -> str:  # type: ignore[no-untyped-def]
    """The drawn text of the highlighted row (or of the row `step` event rows after it)."""
    pane = screen.query_one(TimelinePane)
    row = pane.rows.event_rows[pane.rows.positions.index(pane.highlighted) + step]
    return pane.render_line(row - pane.scroll_offset.y).text


async def test_p_pins_an_anchor_and_rows_show_their_offset_from_it() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("t", *"2025-08-17", "enter", "p")
        await pilot.pause()
        assert "anchor" in row_text(screen) and CEASEFIRE[:30] in row_text(screen)
        assert "same day" in row_text(screen, 1)  # about Sun 17 Aug: days only
        assert "+1 d" in row_text(screen, 2)  # Mon 18 Aug
        await pilot.press("j", "p")  # another event: it becomes the anchor
        await pilot.pause()
        assert "anchor" in row_text(screen)
        await pilot.press("p")  # on the anchor: unpinned, the clocks come back
        await pilot.pause()
        assert "anchor" not in row_text(screen) and "same day" not in row_text(screen, -1)


async def test_the_density_strip_marks_the_cursor_and_D_jumps_to_the_busiest_bin() -> None:
    app = make_app([str(EVENTS)], watch=False)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await settle(app, pilot)
        strip = screen.query_one(DensityStrip)
        found = strip.found
        assert sum(found.counts) == len(screen.positions)  # events/ has no unreadable date
        busiest = found.busiest()
        assert busiest is not None
        await pilot.press("D")
        await pilot.pause()
        position = screen.query_one(TimelinePane).highlighted
        instant = screen.timeline.columns.instants[position]
        assert found.bin_of(instant) == busiest
        drawn = str(strip.render())
        cells, caption = drawn[: len(found.counts)], drawn[len(found.counts) :]
        assert set(cells) <= set(" ▁▂▃▄▅▆▇█·│▼")
        assert caption == "  events a day from 15 Aug 2025 (D: busiest)"
