"""The one sanitiser for untrusted text: control, bidi and invisible characters made visible.

Made visible (`␛` for a C0 control, `<U+200B>` for the rest):
- C0 controls but tab and newline, DEL, and C1 controls (U+0085 NEL among them);
- bidi embedding/override/isolate and mark characters, which make text read differently
  from what it holds ("Trojan Source");
- invisible characters that hide text in plain sight or split a word without a trace:
  zero-width space, non-joiner and joiner (U+200B-U+200D), word joiner and invisible
  operators (U+2060-U+2064), the deprecated format characters (U+206A-U+206F), U+FEFF,
  U+034F, U+180E, the Hangul fillers (blank "letters" used for invisible names), interlinear
  annotation marks (U+FFF9-U+FFFB), musical format characters, the line and paragraph
  separators U+2028/U+2029 (a line break to a terminal, not to TOML), and the tag characters
  (U+E0000-U+E007F: ASCII no one sees, the usual way to smuggle text past a reader).

Kept, so that emoji still draw as one picture: a zero-width joiner between two emoji
(`👩‍💻`), one variation selector after a character (`❤️`), and the three subdivision flags,
whose tag characters spell exactly `gbeng`, `gbsct` or `gbwls` (so they carry no message).
A run of variation selectors (another way to hide bytes), a joiner anywhere else and the
ideographic variation selectors (U+E0100-U+E01EF) are made visible: security wins over the
rare CJK variant glyph. U+00AD (soft hyphen) is left alone: terminals draw it as a hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ASTRAL = "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
_INVISIBLE = (
    "\u034f\u115f\u1160\u180e\u200b\u200c\u2028\u2029\u2060-\u2065\u206a-\u206f\u3164"
    "\ufeff\uffa0\ufff9-\ufffb" + _ASTRAL
)
# What an emoji ZWJ sequence joins: pictographs, and the symbols and arrows some sequences use.
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_MODIFIER = "\ufe0f\U0001f3fb-\U0001f3ff"  # emoji presentation, skin tones
_LONE_JOINER = (
    f"(?<![{_EMOJI}])(?<![{_EMOJI}][{_MODIFIER}])\u200d"  # not after an emoji ...
    f"|\u200d(?![{_EMOJI}])"  # ... or not before one
)
_SELECTOR_RUN = "(?<![^\ufe00-\ufe0f])[\ufe00-\ufe0f]"  # first in the text, or after another


def _tags(letters: str) -> str:
    """`letters` as tag characters (U+E0000 plus the ASCII code)."""
    return "".join(chr(0xE0000 + ord(letter)) for letter in letters)


# 🏴 + the subdivision's tags + CANCEL TAG: England, Scotland, Wales (the only ones drawn).
_FLAG = "\U0001f3f4(?:" + "|".join(map(_tags, ("gbeng", "gbsct", "gbwls"))) + ")\U000e007f"


class _Unsafe:
    """`suspect`: any character that may need replacing, one character class, so the
    common clean string costs one quick search (every character past U+1D172 is suspect:
    one range, tested first, is quicker than the few it stands for); `pattern`: what to
    replace, a kept flag (put back as it is) or one unsafe character."""

    def __init__(self, controls: str) -> None:
        alone = f"{controls}\x7f-\x9f{_BIDI}{_INVISIBLE}"
        bmp = alone.replace(_ASTRAL, "")
        self.suspect = re.compile(f"[\U0001d173-\U0010ffff{bmp}\u200d\ufe00-\ufe0f]")
        self.pattern = re.compile(f"(?P<kept>{_FLAG})|[{alone}]|{_LONE_JOINER}|{_SELECTOR_RUN}")

    def sub(self, text: str, visible: Callable[[re.Match[str]], str] | None = None) -> str:
        if self.suspect.search(text) is None:
            return text
        return self.pattern.sub(visible or _visible, text)


_UNSAFE = _Unsafe("\x00-\x08\x0b-\x1f")  # C0 but tab and newline
_UNSAFE_ONE_LINE = _Unsafe("\x00-\x1f")


def _visible(match: re.Match[str]) -> str:
    if match.group("kept") is not None:
        return match.group()
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def sanitize(text: str) -> str:
    """Return text with every control or invisible character (but tab and newline) made
    visible (see the module's docstring for which, and which emoji sequences are kept)."""
    return _UNSAFE.sub(text)


def sanitize_line(text: str) -> str:
    """Like sanitize, and newlines and tabs become spaces: for one-line places."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _UNSAFE_ONE_LINE.sub(text)


def _one_visible(match: re.Match[str]) -> str:
    """Each character of an unsafe match as one visible character (a kept flag as it is)."""
    if match.group("kept") is not None:
        return match.group()
    return "".join(map(_one, match.group()))


def _one(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return char
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡, and � for any other unsafe character


def sanitize_in_place(text: str) -> str:
    """Like sanitize_line, but each unsafe character (tab aside) becomes one visible character
    (a C1, bidi or invisible one becomes �), so a position in the text is the same position in
    the result: for a text box, whose cursor counts characters of what it holds."""
    return _UNSAFE_ONE_LINE.sub(text, _one_visible)
