"""What of a field is laid out: one-line fields and blocks cut, with a mark of what was left."""

from __future__ import annotations

from timeline_tui.view.excerpt import BLOCK_LIMIT, LINE_LIMIT, shown_block, shown_line


def test_a_short_field_is_shown_whole_and_sanitised():
    assert shown_line("Talks\nat the\x1b White House") == "Talks at the␛ White House"
    assert shown_block("Talks\nat the\x1b White House") == "Talks\nat the␛ White House"


def test_a_long_title_is_cut_with_an_ellipsis():
    shown = shown_line("ab" * 15_000_000)
    assert len(shown) == LINE_LIMIT + 1 and shown.endswith("…")
    assert shown_line("x" * LINE_LIMIT) == "x" * LINE_LIMIT


def test_a_long_block_says_how_much_was_left_out():
    shown = shown_block("y" * (BLOCK_LIMIT + 1_234_567))
    assert shown == "y" * BLOCK_LIMIT + "… (1,234,567 more characters)"


def test_the_cut_is_made_before_sanitising_so_a_stand_in_is_never_split():
    shown = shown_line("x" * (LINE_LIMIT - 1) + "\x1b" * 10, limit=LINE_LIMIT)
    assert shown == "x" * (LINE_LIMIT - 1) + "␛…"
