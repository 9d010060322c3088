"""The one sanitiser for untrusted text: control characters and bidi overrides made visible."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi
# embedding/override/isolate characters that can make text read differently
# from what it holds ("Trojan Source").
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def sanitize(text: str) -> str:
    """Return text with every control character (but tab and newline) made visible."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def sanitize_line(text: str) -> str:
    """Like sanitize, and newlines and tabs become spaces: for one-line places."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    if _UNSAFE_ONE_LINE.search(text) is None:
        return text
    return _UNSAFE_ONE_LINE.sub(_visible, text)


def _one_visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡, and � for a C1 or bidi control


def sanitize_in_place(text: str) -> str:
    """Like sanitize_line, but each unsafe character (tab aside) becomes one visible character
    (a C1 or bidi control becomes �), so a position in the text is the same position in the
    result: for a text box, whose cursor counts characters of what it holds."""
    if _UNSAFE_ONE_LINE.search(text) is None:
        return text
    return _UNSAFE_ONE_LINE.sub(lambda m: "\t" if m.group() == "\t" else _one_visible(m), text)
