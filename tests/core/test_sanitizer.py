"""The sanitiser: control, bidi and invisible characters made visible; emoji left whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_tui.core.sanitizer import sanitize, sanitize_in_place, sanitize_line


def tags(letters: str) -> str:
    return "".join(chr(0xE0000 + ord(letter)) for letter in letters)


VISIBLE = {  # class: (a character of it, how it shows)
    "C0": ("\x1b", "␛"),
    "DEL": ("\x7f", "␡"),
    "C1": ("\x9b", "<U+009B>"),
    "NEL": ("\x85", "<U+0085>"),
    "bidi override": ("\u202e", "<U+202E>"),
    "bidi isolate": ("\u2066", "<U+2066>"),
    "zero-width space": ("\u200b", "<U+200B>"),
    "zero-width non-joiner": ("\u200c", "<U+200C>"),
    "zero-width joiner": ("\u200d", "<U+200D>"),
    "word joiner": ("\u2060", "<U+2060>"),
    "invisible plus": ("\u2064", "<U+2064>"),
    "deprecated format": ("\u206f", "<U+206F>"),
    "byte-order mark": ("\ufeff", "<U+FEFF>"),
    "line separator": ("\u2028", "<U+2028>"),
    "paragraph separator": ("\u2029", "<U+2029>"),
    "grapheme joiner": ("\u034f", "<U+034F>"),
    "Mongolian vowel separator": ("\u180e", "<U+180E>"),
    "Hangul filler": ("\u3164", "<U+3164>"),
    "annotation": ("\ufff9", "<U+FFF9>"),
    "tag a": (tags("a"), "<U+E0061>"),
    "cancel tag": ("\U000e007f", "<U+E007F>"),
    "ideographic variation selector": ("\U000e0100", "<U+E0100>"),
}


@pytest.mark.parametrize(("char", "shown"), VISIBLE.values(), ids=VISIBLE)
@pytest.mark.parametrize("clean", [sanitize, sanitize_line])
def test_each_class_is_made_visible_inside_a_word(clean, char, shown):
    assert clean(f"pay{char}pal") == f"pay{shown}pal"


def test_smuggled_ascii_in_tag_characters_shows():
    assert sanitize("ok" + tags("hi")) == "ok<U+E0068><U+E0069>"


def test_a_run_of_variation_selectors_shows_all_but_the_first():
    assert sanitize("a\ufe0f\ufe0e\ufe01") == "a\ufe0f<U+FE0E><U+FE01>"
    assert sanitize("\ufe0fa") == "<U+FE0F>a"


def test_a_joiner_at_an_edge_of_an_emoji_shows():
    assert sanitize("👩\u200dx") == "👩<U+200D>x"
    assert sanitize("x\u200d💻") == "x<U+200D>💻"


EMOJI = [
    "❤️",  # a variation selector after its character
    "👩\u200d💻",  # a joiner between two emoji
    "👩🏽\u200d🚀",  # ... after a skin tone
    "🏳️\u200d🌈",  # ... after emoji presentation
    "🐻\u200d❄️",
    "🧑\u200d🤝\u200d🧑",
    "🏴" + tags("gbsct") + "\U000e007f",  # Scotland
    "🏴" + tags("gbwls") + "\U000e007f",  # Wales
]


@pytest.mark.parametrize("text", EMOJI)
def test_emoji_sequences_are_left_whole(text):
    assert sanitize(f"a {text} b") == f"a {text} b"
    assert sanitize_line(text) == text


def test_a_flag_that_is_not_one_of_the_three_shows_its_tags():
    made_up = "🏴" + tags("gbxyz") + "\U000e007f"
    assert sanitize(made_up) == "🏴<U+E0067><U+E0062><U+E0078><U+E0079><U+E007A><U+E007F>"


def test_tab_and_newline_are_kept_by_sanitize_and_spaces_in_one_line():
    assert sanitize("a\tb\nc") == "a\tb\nc"
    assert sanitize_line("a\tb\r\nc\nd") == "a b c d"
    assert sanitize("a\rb") == "a␍b"


def test_clean_text_comes_back_as_it_is():
    text = "Zelenskyy – “pressure of weapons” 🇺🇦 Brüssel"
    assert sanitize(text) is text
    assert sanitize_line(text) is text


CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@given(st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=60))
def test_in_place_keeps_every_position_and_leaves_no_control_but_tab(text: str) -> None:
    shown = sanitize_in_place(text)
    assert len(shown) == len(text)
    assert not CONTROLS.search(shown)
    if sanitize_line(text) == text:
        assert shown == text  # nothing unsafe: nothing changed


def test_in_place_shows_each_unsafe_character_as_one_character() -> None:
    assert sanitize_in_place("a\x1b]52\x07\tb\x9b\u202ec\x7f") == "a␛]52␇\tb\ufffd\ufffdc␡"
    assert sanitize_in_place("a\u200bb") == "a\ufffdb"
