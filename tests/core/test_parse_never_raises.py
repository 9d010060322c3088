"""Property: reading any input gives records and positioned diagnostics, never an exception.

parse(text, path), read_file on the bytes written to a file, and load([folder]) with a good
file beside it are given arbitrary text, arbitrary bytes, and TOML mutated from the seed story
in events/ and from a sample of the official toml-test files: characters and lines deleted,
inserted, replaced and duplicated, hostile values swapped in (huge years, 9999-12-31 with
"next Monday", offsets of a day, deep nesting, NUL, lone surrogates as bytes, CRLF, a BOM).
The number of examples is the Hypothesis profile's (see conftest.py: "ci" by default,
derandomized; HYPOTHESIS_PROFILE=thorough for a long random run).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import CRASHERS, EVENTS, SHARED

from timeline_tui.core.diagnostics import Diagnostic
from timeline_tui.core.model import Actor, Event, Source
from timeline_tui.loading.reading import read_file
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import ParsedFile, parse

# Controls, bidi, and invisible characters (zero-width, separators, BOM, tags) in a message.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
GOOD = b'[[events]]\nid = "guard-good-7f3a"\ntitle = "Good"\nwhen = 2025-08-18\n'
SUITE = SHARED / "data" / "toml-test"
TEMPLATE = b"""\
[meta]
reference_date = 2025-08-17
timezone = "Europe/Berlin"
source = "s"

[[sources]]
id = "s"
date = 2025-08-17
document = "doc.txt"

[[events]]
id = "e"
title = "E"
when = "next Monday"
end = "Monday 10:00"
precision = "day"
actors = ["a"]
[[events.quotes]]
speaker = "a"
text = "t"

[[actors]]
id = "a"
members = ["b"]
"""


def _suite_sample(every: int = 8) -> list[bytes]:
    """Every `every`-th file the toml-test listing names, valid and invalid alike."""
    listing = SUITE / "files-toml-1.1.0"
    if not listing.is_file():
        return []
    names = sorted(line.strip() for line in listing.read_text().splitlines())
    files = [SUITE / name for name in names if name.endswith(".toml")]
    return [path.read_bytes() for path in files[::every] if path.is_file()]


STORY = [path.read_bytes() for path in sorted(EVENTS.glob("*.toml"))]
# A third each: the template (every kind of record and date key), the story, the suite.
seeds = st.one_of(
    st.just(TEMPLATE), st.sampled_from(STORY), st.sampled_from(_suite_sample() or STORY)
)

# Values for the keys that hold dates and zones: the calendar's edges, relative days,
# offsets of a day, zone names zoneinfo cannot take.
DATES = [
    b"9999-12-31", b"0001-01-01", b"99999-01-01", b'"next Monday"', b'"yesterday"',
    b'"tomorrow"', b'"last Friday"', b'"Saturday 23:00"', b'"2025-08-18 10:00 UTC-24"',
    b'"31 Dec 9999 23:00 EST"', b'"' + b"a." * 300 + b'x/y"', b'"Mars/Olympus"',
    b"9999-12-31T23:59:59-12:00", b"0001-01-01T00:00:00+14:00", b'"13:15"', b"10:00:00",
]  # fmt: skip
_DATE_LINE = re.compile(
    rb"^([ \t]*(?:reference_date|timezone|when|end|date|earliest|latest)[ \t]*=[ \t]*)(.*)$",
    re.MULTILINE,
)
# Values for any key: huge and odd numbers, wrong types, deep nesting, NUL, a lone surrogate
# as bytes, terminal escapes and markup, paths that leave the folder.
VALUES = [
    *DATES, b'"last Friday 9am"', b"2025-08-18T10:00:00-23:59", b"1" * 5000, b"9" * 30, b"-0",
    b"1e999", b"nan", b"-inf", b"true", b"[]", b"{}", b'["a", 1]', b"[{a=1}]", b"[" * 3000,
    b"{a={b={c={d={}}}}}", b'"\\u0000"', b'"a\\u0000b"', b'"\xed\xa0\x80"',
    b'"\x1b]52;c;aGk=\x07"', b'"[/"', b'"[@click=app.quit]x"', b'"\\u202e"', b'"August 2025"',
    b'"minute"', b'"cancelled"', b'"/proc/self/status"', b'"../../../etc/passwd"',
    b'"' + b"x" * 10_000 + b'"',
]  # fmt: skip
_KEY_LINE = re.compile(rb"^([ \t]*[A-Za-z0-9_.\"'-]+[ \t]*=[ \t]*)(.*)$", re.MULTILINE)
# Chunks inserted anywhere: whole lines, table headers, bytes that are not UTF-8.
CHUNKS = VALUES + [
    b"[meta]\nreference_date = 9999-12-31\n", b"[meta]\nreference_date = 0001-01-01\n",
    b'when = "next Monday"\n', b'when = "yesterday"\n', b"[[events]]\n", b"[[events.quotes]]\n",
    b"[[actors]]\n", b"[[sources]]\n", b"[events]\n", b"events = 1\n", b"[[[[", b"]]", b"\x00",
    b"\xff", b"\xc0\x80", b"\xed\xb0\x80", b"\xef\xbb\xbf", b"\r\n", b"\r", b"\\", b'"', b"'''",
    b'id = "dup"\n', b'[[sources]]\nid = "n"\ndocument = "a\\u0000b"\n',
]  # fmt: skip
chunks = st.one_of(
    st.sampled_from(CHUNKS), st.binary(max_size=8), st.text(max_size=8).map(str.encode)
)
Draw = st.DrawFn


def _at(draw: Draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _delete(draw: Draw, data: bytes) -> bytes:
    start = _at(draw, data)
    return data[:start] + data[start + draw(st.integers(1, 40)) :]


def _insert(draw: Draw, data: bytes) -> bytes:
    start = _at(draw, data)
    return data[:start] + draw(chunks) + data[start:]


def _replace(draw: Draw, data: bytes) -> bytes:
    start = _at(draw, data)
    end = start + draw(st.integers(1, 20))
    return data[:start] + draw(chunks) + data[end:]


def _lines(draw: Draw, data: bytes) -> bytes:
    """One line deleted, duplicated or moved elsewhere."""
    lines = data.splitlines(keepends=True) or [b""]
    line = lines.pop(draw(st.integers(0, len(lines) - 1)))
    how = draw(st.sampled_from(["delete", "duplicate", "move"]))
    for _ in range({"delete": 0, "duplicate": 2, "move": 1}[how]):
        lines.insert(draw(st.integers(0, len(lines))), line)
    return b"".join(lines)


def _swap_value(draw: Draw, data: bytes) -> bytes:
    """The value of one `key = value` line replaced with a hostile one."""
    found = list(_KEY_LINE.finditer(data))
    if not found:
        return _insert(draw, data)
    match = draw(st.sampled_from(found))
    value = draw(st.sampled_from(VALUES))
    return data[: match.start(2)] + value + data[match.end(2) :]


def _swap_dates(draw: Draw, data: bytes) -> bytes:
    """Each value of a date or zone key replaced, or not, with one from DATES."""
    for match in reversed(list(_DATE_LINE.finditer(data))):
        if draw(st.booleans()):
            value = draw(st.sampled_from(DATES))
            data = data[: match.start(2)] + value + data[match.end(2) :]
    return data


def _whole(draw: Draw, data: bytes) -> bytes:
    """CRLF line endings, a byte-order mark, or deep nesting in front."""
    how = draw(st.sampled_from(["crlf", "bom", "nest"]))
    if how == "crlf":
        return data.replace(b"\n", b"\r\n")
    return (b"\xef\xbb\xbf" if how == "bom" else b"a = " + b"[" * 5000 + b"\n") + data


MUTATIONS = [_delete, _insert, _replace, _lines, _swap_value, _swap_dates, _whole]


@st.composite
def mutated(draw: Draw) -> bytes:
    """A seed file with one to four mutations."""
    data: bytes = draw(seeds)
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return data


# ── the checks ──────────────────────────────────────────────────────────


def check_diagnostics(diagnostics: Iterable[Diagnostic], paths: set[str]) -> None:
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        assert diagnostic.path in paths, diagnostic
        assert diagnostic.severity in ("error", "warning")
        assert not UNSAFE.search(diagnostic.format())


def check_parsed(parsed: ParsedFile, path: str) -> None:
    assert isinstance(parsed, ParsedFile) and parsed.path == path
    for kind, records in ((Event, parsed.events), (Actor, parsed.actors), (Source, parsed.sources)):
        assert all(isinstance(record, kind) and record.file == path for record in records)
    check_diagnostics(parsed.diagnostics, {path})


def check_files(data: bytes) -> None:
    """read_file on the bytes as a file, then load of its folder with a good file beside it."""
    with tempfile.TemporaryDirectory() as folder:
        path, good = os.path.join(folder, "bad.toml"), os.path.join(folder, "good.toml")
        with open(path, "wb") as handle:
            handle.write(data)
        with open(good, "wb") as handle:
            handle.write(GOOD)
        check_parsed(read_file(path), path)
        timeline = load([folder], workers=1)
        assert "guard-good-7f3a" in [event.id for event in timeline.events]
        assert all(event.file in (path, good) for event in timeline.events)
        check_diagnostics(timeline.diagnostics, {path, good})


KNOWN = [content.encode() for content, _, _ in CRASHERS.values()]  # inputs that once raised

# Parsing is cheap: five times the profile's examples. Loading writes two files and loads
# their folder for each example, which Hypothesis may find slow: the profile's number.
PARSE = settings(max_examples=5 * settings.default.max_examples)
SLOW_OK = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ── (a) arbitrary text ──────────────────────────────────────────────────


@PARSE
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400))
def test_parse_of_any_text_never_raises(text):
    check_parsed(parse(text, "any.toml"), "any.toml")


@SLOW_OK
@given(st.text(max_size=400))
def test_loading_any_text_never_raises(text):
    check_files(text.encode("utf-8"))


# ── (b) arbitrary bytes ─────────────────────────────────────────────────


@PARSE
@given(st.binary(max_size=400))
def test_parse_of_any_bytes_never_raises(data):
    check_parsed(parse(data.decode("utf-8", "surrogateescape"), "any.toml"), "any.toml")


@SLOW_OK
@given(st.binary(max_size=400))
def test_loading_any_bytes_never_raises(data):
    check_files(data)


# ── (c) mutated TOML ────────────────────────────────────────────────────


@PARSE
@given(mutated())
def test_parse_of_mutated_toml_never_raises(data):
    check_parsed(parse(data.decode("utf-8", "surrogateescape"), "m.toml"), "m.toml")


@SLOW_OK
@given(mutated())
def test_loading_mutated_toml_never_raises(data):
    check_files(data)


@pytest.mark.parametrize("data", KNOWN, ids=list(CRASHERS))
def test_what_once_raised_never_raises(data):
    check_parsed(parse(data.decode("utf-8"), "k.toml"), "k.toml")
    check_files(data)
