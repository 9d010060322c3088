"""TOML text to a table: toml-rs when its wheel imports and it is safe to, tomli otherwise.

tomli is the reference: its values and its messages are what the rest of the program was
written against. toml-rs parses about 7x faster and agrees with tomli on the whole toml-test
suite, with known catches, each guarded here:

- It crashes the process (a stack overflow in native code) on nesting of about 10,000
  levels, and reads nesting that tomli refuses (RecursionError). Text whose brackets nest
  MAX_FAST_NESTING deep goes to tomli; and toml-rs is used only inside the worker processes
  of a large load (`fast_parser()`), never in the process that shows the app, so that a
  worker killed by text the check missed is noticed by the parent, which reads that
  worker's files again itself, with tomli.
- It accepts integers longer than Python's digit limit (`sys.get_int_max_str_digits`),
  which tomli rejects: text holding such a run of digits goes to tomli.
- It accepts a second byte order mark: text starting with one goes to tomli.
- Its error messages repeat the raw source line (control characters included) and its error
  positions differ from tomli's on about half of the invalid files: on any error, the text is
  parsed again by tomli, whose message and position are the ones reported. Errors are rare
  and a second parse of a broken file costs little.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

import tomli

TOMLDecodeError = tomli.TOMLDecodeError
# Deeper than this goes to tomli: toml-rs crashes near 10,000 levels and reads nesting that
# tomli refuses (RecursionError from about 400 levels on, depending on the stack): both parsers
# must give the same result for the same text.
MAX_FAST_NESTING = 100
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_fast_allowed = False


@contextlib.contextmanager
def fast_parser() -> Iterator[bool]:
    """Within the block, `loads` uses toml-rs when it can. Only for worker processes, whose
    crash the parent survives (see the module's docstring); yields whether toml-rs is there."""
    global _fast_allowed
    saved, _fast_allowed = _fast_allowed, _toml_rs() is not None
    try:
        yield _fast_allowed
    finally:
        _fast_allowed = saved


@functools.cache
def _toml_rs() -> Any:
    """toml-rs, imported when first used (by fast_parser, in the worker processes): loading its
    native library takes 13-24 ms, which the process that shows the app never needs. None
    when there is no wheel for this platform: tomli does it all."""
    try:
        import toml_rs
    except ImportError:
        return None
    return toml_rs


def versions() -> str:
    """The parsers' versions, for the cache's fingerprint: values from other code are stale.
    toml-rs is named by its installed files (found, not imported: see _toml_rs)."""
    return f"tomli={getattr(tomli, '__version__', '?')}|toml_rs={_installed_files('toml_rs')}"


def _installed_files(package: str) -> str:
    """The names, sizes and modification times of a package's files, or "none"."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not folders:
        return "none"
    stamps = []
    for entry in sorted(os.scandir(folders[0]), key=lambda entry: entry.name):
        if entry.is_file():
            info = entry.stat()
            stamps.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(stamps)


def loads(text: str) -> dict[str, Any]:
    """The table of a TOML text; raises what tomli.loads raises, with tomli's message."""
    if _fast_allowed and _fast_is_safe(text):
        try:
            return _toml_rs().loads(text)  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - tomli says what is wrong, and where
            pass
    return tomli.loads(text)


def _fast_is_safe(text: str) -> bool:
    """False for the texts toml-rs reads differently from tomli (see the module docstring)."""
    if text.startswith("\ufeff") or _nesting_reaches(text, MAX_FAST_NESTING):
        return False
    limit = sys.get_int_max_str_digits()  # 0: no limit, so tomli takes any integer too
    return not limit or _long_digits(limit).search(text) is None


def _nesting_reaches(text: str, depth: int) -> bool:
    """Whether brackets and braces nest `depth` deep. Brackets in strings count too (one closed
    inside a string can hide a level: that costs at worst a worker, never the app)."""
    if text.count("[") + text.count("{") < depth:
        return False
    brackets = _NOT_BRACKET.sub("", text)
    levels = 0
    while brackets and levels < depth:  # each pass takes away the innermost pairs: a level
        inner = brackets.replace("[]", "").replace("{}", "")
        if inner == brackets:
            break
        brackets, levels = inner, levels + 1
    return levels + brackets.count("[") + brackets.count("{") >= depth  # unclosed ones too


@functools.cache
def _long_digits(limit: int) -> re.Pattern[str]:
    """A run of digits (underscores between them) as long as Python's limit, or longer."""
    return re.compile(f"[0-9][0-9_]{{{limit - 1},}}")
