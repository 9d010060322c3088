"""Where a quote's missing figure stands, so that `timeline check` points at the figure.

Assembly finds the numbers of a quote that its document lacks from the files' digests, where
the files' text is gone, so it reports each at the quote's table, column 1. `placed` reads
each file holding such a report again (once, as the loader reads files) and moves the report
to the number's line and column (records/lines.number_place: the line of the quote's `text`).
When the number is not there (the file changed since, or a multi-line text has it on a later
line), the report stays where it was.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from timeline_tui.core.diagnostics import Diagnostic, sort_key
from timeline_tui.loading.reading import read_bytes
from timeline_tui.records.lines import number_place

# storage/assembly.py's _check_numbers says it so
_MISSING_NUMBER = re.compile(r"the number ([\d.,:]+) in a quote occurs nowhere ")


def placed(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The diagnostics, each missing number's at the number where it can be found."""
    texts: dict[str, str | None] = {}
    out = [_placed(diagnostic, texts) for diagnostic in diagnostics]
    return tuple(sorted(out, key=sort_key)) if texts else tuple(out)


def _placed(diagnostic: Diagnostic, texts: dict[str, str | None]) -> Diagnostic:
    match = _MISSING_NUMBER.match(diagnostic.message)
    if match is None:
        return diagnostic
    if diagnostic.path not in texts:
        data = read_bytes(diagnostic.path)
        texts[diagnostic.path] = (
            data.decode("utf-8-sig", "replace") if isinstance(data, bytes) else None
        )
    text = texts[diagnostic.path]
    place = number_place(text, diagnostic.line, match.group(1)) if text is not None else None
    if place is None:
        return diagnostic
    return dataclasses.replace(diagnostic, line=place[0], column=place[1])
