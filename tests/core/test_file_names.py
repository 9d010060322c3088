"""File names that are not UTF-8 (bytes held as lone surrogates) shown as `<0xE9>` wherever a
path is printed: diagnostics, the app's paths (display_path) and its status line."""

from __future__ import annotations

import os

from timeline_tui.core.diagnostics import warning
from timeline_tui.core.file_names import escape_undecodable
from timeline_tui.view.rows import display_path, status_text

NAME = os.fsdecode(b"/data/caf\xe9\x9b.toml")  # 0x9b: CSI to a terminal that reads C1


def test_undecodable_bytes_are_shown_as_hex_and_other_text_is_kept():
    assert NAME == "/data/caf\udce9\udc9b.toml"
    assert escape_undecodable(NAME) == "/data/caf<0xE9><0x9B>.toml"
    assert escape_undecodable("caf\u00e9 \ud800") == "caf\u00e9 <U+D800>"  # a lone one, not a byte
    assert escape_undecodable("plain") == "plain"


def test_every_printed_path_is_utf8_with_the_bytes_shown():
    printed = [
        warning(NAME, 2, 1, f"first defined at {NAME}:1").format(),
        display_path(NAME),
        status_text(1, 1, [], [NAME], 0),
    ]
    for text in printed:
        text.encode("utf-8")  # strictly: a surrogate would not encode
        assert "caf<0xE9><0x9B>.toml" in text
