"""Where tables and keys stand in a TOML text, for diagnostics (tomli keeps no positions)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

# Searched for in "\n" + text: a literal first character is found much faster than `^`.
_HEADER = re.compile(r"\n[ \t]*\[\[?[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*\]\]?")
# A line that may set a key: its indent, then what stands before the first "=".
_KEY_LINE = re.compile(r"^([ \t]*)([^=\n]*?)[ \t]*=", re.MULTILINE)


def toml_lines(text: str) -> list[str]:
    """The text's lines as TOML (and tomli, and editors) count them: broken at `\n` only, a
    `\r` before it dropped. `str.splitlines` also breaks at U+2028, U+2029, U+0085, `\v`,
    `\f` and `\x1c`-`\x1e`, which a TOML string may hold, and would put every later line
    out of step with the line numbers of diagnostics."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line starts no new one
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class LineIndex:
    """Finds the line of the Nth `[[events]]` (or actors, sources) table and of keys in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._keys_of: tuple[tuple[int, int], dict[str, tuple[int, int]]] | None = None

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    @cached_property
    def _headers(self) -> list[tuple[int, str]]:
        """(line, table name) for every table header, in order."""
        headers, offsets = [], self._header_offsets
        line, last, count = 1, 0, self.text.count
        for match in _HEADER.finditer("\n" + self.text):
            offset = match.start()  # of the header's line in text (one "\n" was put in front)
            line += count("\n", last, offset)
            last = offset
            offsets[line] = offset
            headers.append((line, match.group(1).replace(" ", "").replace('"', "")))
        return headers

    @cached_property
    def _header_offsets(self) -> dict[int, int]:
        """Header line to the offset of its line's start (filled in by `_headers`)."""
        return {}

    def _line_start(self, line: int) -> int:
        """Offset of the start of a line; quick for header lines."""
        _ = self._headers  # fills _header_offsets
        offset = self._header_offsets.get(line)
        return self._line_starts[line - 1] if offset is None else offset

    @cached_property
    def _by_name(self) -> dict[str, list[int]]:
        """Table name to the lines of its headers, in order."""
        found: dict[str, list[int]] = {}
        for line, name in self._headers:
            found.setdefault(name, []).append(line)
        return found

    @cached_property
    def _top_headers(self) -> list[int]:
        """Lines of the headers of top-level (undotted) tables, in order."""
        return [line for line, name in self._headers if "." not in name]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def table_line(self, table: str, index: int) -> int:
        """Line of the index-th `[[table]]` header; else of a `table = [...]` key; else 1."""
        lines = self._by_name.get(table, ())
        if index < len(lines):
            return lines[index]
        return self.key_line(1, table)[0] if not lines else lines[-1]

    def key_line(self, start: int, key: str) -> tuple[int, int]:
        """(line, column) of `key =` in the table that starts at line `start`, else (start, 1)."""
        begin = self._line_starts[start - 1] if start - 1 < len(self._line_starts) else 0
        found = self._find_key(key, begin, self._next_header_offset(start))
        return found or (start, 1)

    def top_key(self, key: str) -> tuple[int, int]:
        """(line, column) of a top-level `key =`, else of the first `[key]` header, else (1, 1)."""
        root_end = self._line_starts[self._headers[0][0] - 1] if self._headers else len(self.text)
        found = self._find_key(key, 0, root_end)
        if found:
            return found
        lines = [line for line, name in self._headers if name.split(".")[0] == key]
        return (lines[0] if lines else 1), 1

    def _find_key(self, key: str, begin: int, end: int) -> tuple[int, int] | None:
        return self._keys_between(begin, end).get(key)

    def _keys_between(self, begin: int, end: int) -> dict[str, tuple[int, int]]:
        """Every `key =` (bare or quoted) between two offsets to its first (line, column),
        found in one pass and kept for the last span asked about: a table's keys are looked
        up together, and a search per key was quadratic in a table of many unknown keys."""
        if self._keys_of is not None and self._keys_of[0] == (begin, end):
            return self._keys_of[1]
        found: dict[str, tuple[int, int]] = {}
        for match in _KEY_LINE.finditer(self.text, begin, end):
            where = (self.line_of(match.start()), len(match.group(1)) + 1)
            for key in _spellings(match.group(2)):
                found.setdefault(key, where)
        self._keys_of = ((begin, end), found)
        return found

    def table_span(self, start: int) -> tuple[int, int]:
        """(begin, end) offsets of the table whose header is at line `start`: from that line
        to the next top-level header (its `[[x.sub]]` tables included), or the end."""
        return self._line_start(start), self._next_header_offset(start)

    def _next_header_offset(self, line: int) -> int:
        top = self._top_headers
        after = bisect_right(top, line)
        return self._line_start(top[after]) if after < len(top) else len(self.text)

    def sub_table_line(self, start: int, table: str, index: int) -> int:
        """Line of the index-th `[[table]]` (a dotted name) inside the table at `start`."""
        lines = self._by_name.get(table, ())
        at = bisect_right(lines, start) + index
        if at < len(lines) and self._line_start(lines[at]) < self._next_header_offset(start):
            return lines[at]
        return start


def _spellings(written: str) -> tuple[str, ...]:
    """The keys a `written =` may set: as written, and without a quote mark at either end."""
    opens, closes = written[:1] in _QUOTES, written[-1:] in _QUOTES
    return (
        written,
        *((written[1:],) if opens else ()),
        *((written[:-1],) if closes else ()),
        *((written[1:-1],) if opens and closes and len(written) > 1 else ()),
    )


_QUOTES = ("'", '"')


_WRITTEN_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")  # provenance's numbers, separators and all
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def number_place(text: str, table_line: int, number: str) -> tuple[int, int] | None:
    """(line, column) of `number` (as provenance's numbers_in gives it: `40000` for `40,000`)
    on the line of the `text =` key of the quote whose table starts at `table_line`, else on
    the line of its event's `quotes =` (an inline table there: a quote's line is then its
    event's), else on that line itself; None when it is on none of them."""
    lines = toml_lines(text)
    if not 0 < table_line <= len(lines):
        return None
    index = LineIndex(text)
    keys = [index.key_line(table_line, key)[0] for key in ("text", "quotes")]
    for line in dict.fromkeys((*keys, table_line)):
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        for match in _WRITTEN_NUMBER.finditer(written):
            if _THOUSANDS.sub("", match.group()) == number:
                return line, match.start() + 1
    return None
