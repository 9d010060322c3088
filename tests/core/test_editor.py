"""Which command opens a file at a line: $VISUAL, then $EDITOR, then a fallback on the PATH."""

from __future__ import annotations

from timeline_tui.loading.editor import editor_command


def test_visual_wins_over_editor_and_takes_plus_line() -> None:
    environ = {"VISUAL": "vim -u NONE", "EDITOR": "nano"}
    assert editor_command("/a/b.toml", 12, environ) == ["vim", "-u", "NONE", "+12", "/a/b.toml"]
    assert editor_command("/a/b.toml", 12, {"EDITOR": "nano"}) == ["nano", "+12", "/a/b.toml"]


def test_vs_code_gets_goto_and_no_line_gets_the_path_alone() -> None:
    environ = {"EDITOR": "code --wait"}
    assert editor_command("/a.toml", 3, environ) == ["code", "--wait", "--goto", "/a.toml:3"]
    assert editor_command("/a.toml", 0, {"EDITOR": "vi"}) == ["vi", "/a.toml"]


def test_no_editor_set_and_none_on_the_path_is_none(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", "/nonexistent")
    assert editor_command("/a.toml", 1, {"EDITOR": "'unclosed"}) is None
    assert editor_command("/a.toml", 1, {}) is None
