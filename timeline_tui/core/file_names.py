"""File names as the OS gives them, made printable.

Python reads a file name that is not UTF-8 with its bad bytes as lone surrogates
(`b"caf\\xe9"` -> `"caf\\udce9"`, the surrogateescape error handler). Printed as they are,
they are either an UnicodeEncodeError or the raw bytes again, which make the output invalid
UTF-8 (and `--json` unreadable) and may be C1 controls to the terminal (0x9b is CSI). Shown,
each becomes `<0xE9>`; the sanitiser then deals with what the name holds otherwise.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # surrogateescape's home for the bytes 0x80-0xff


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"<0x{code - 0xDC00:02X}>" if code in _ESCAPED_BYTES else f"<U+{code:04X}>"


def escape_undecodable(text: str) -> str:
    """Text with every lone surrogate (a byte of a name that was not UTF-8) made visible."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_visible, text)
