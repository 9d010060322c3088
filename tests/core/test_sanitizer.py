"""The sanitiser: control characters and bidi overrides made visible, the rest kept."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from timeline_tui.core.sanitizer import sanitize_in_place, sanitize_line

UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
any_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=60)


@given(any_text)
def test_in_place_keeps_every_position_and_leaves_no_control_but_tab(text):
    shown = sanitize_in_place(text)
    assert len(shown) == len(text)
    assert not UNSAFE.search(shown)
    assert [a for a, b in zip(text, shown, strict=True) if a != b] == UNSAFE.findall(text)


def test_in_place_shows_each_control_as_one_character():
    assert sanitize_in_place("a\x1b]52\x07\tb\x9b\u202ec\x7f") == "a␛]52␇\tb\ufffd\ufffdc␡"
    assert sanitize_line("a\x1b\x9b") == "a␛<U+009B>"  # the long form, where positions do not count
