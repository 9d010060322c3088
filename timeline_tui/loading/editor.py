"""Which command opens a file at a line in the user's editor: $VISUAL, else $EDITOR, else
the first of FALLBACKS found on the PATH. No running it: the app suspends itself for that."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

FALLBACKS = ("sensible-editor", "editor", "nano", "vi")
GOTO_EDITORS = ("code", "codium", "code-insiders", "subl", "zed")  # take `path:line`


def editor_command(
    path: str, line: int, environ: Mapping[str, str] = os.environ
) -> list[str] | None:
    """The command to edit `path` at `line` (1 and up; 0 means none), or None when no editor
    is set and none is found. `+LINE path` suits vi, vim, nano, emacs and most others; VS
    Code and its like get `--goto path:line` (Sublime and Zed: `path:line`)."""
    editor = _chosen(environ)
    if editor is None:
        return None
    name = os.path.basename(editor[0])
    if line <= 0:
        return [*editor, path]
    if name in GOTO_EDITORS:
        goto = ["--goto"] if name.startswith("cod") else []
        return [*editor, *goto, f"{path}:{line}"]
    return [*editor, f"+{line}", path]


def _chosen(environ: Mapping[str, str]) -> list[str] | None:
    for variable in ("VISUAL", "EDITOR"):
        try:
            words = shlex.split(environ.get(variable, ""))
        except ValueError:  # an unclosed quote: not a command
            words = []
        if words:
            return words
    found = next((shutil.which(name) for name in FALLBACKS if shutil.which(name)), None)
    return [found] if found else None
