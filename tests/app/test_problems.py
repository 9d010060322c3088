"""The problems screen's excerpt: the file's lines around a problem, the problem's line marked."""

from __future__ import annotations

import pytest
from support import LINE_SEPARATORS

from timeline_tui.core.diagnostics import error
from timeline_tui.records.parse import parse
from timeline_tui.ui.dialogs.problems import excerpt


def marked(text: str) -> str:
    """The line the excerpt marks."""
    (line,) = [line for line in text.split("\n") if line.startswith("▶")]
    return line


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_excerpt_marks_the_problems_line_past_a_line_separator_in_a_string(write, newline):
    text = LINE_SEPARATORS.format('status = "bogus"').replace("\n", newline)
    (problem,) = parse(text, str(write("x.toml", text))).diagnostics
    assert problem.line == 4
    shown = excerpt(problem).plain
    assert marked(shown) == '▶    4 │ status = "bogus"'
    assert '     2 │ title = "a<U+2028>b<U+2029>c<U+0085>d"' in shown.split("\n")


def test_the_excerpt_of_an_unreadable_file_says_so(tmp_path):
    problem = error(str(tmp_path / "gone.toml"), 3, 1, "x")
    assert excerpt(problem).plain == "(the file cannot be read now)"
