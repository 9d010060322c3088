"""Property: hostile text in every field of an event file is shown as typed and does nothing.

Markup (`[/`, `[@click=app.quit]x`, `[link=...]`, `$accent`), escape sequences (CSI, OSC 52),
C1 controls, NUL, bidi overrides, line separators and very long words are drawn into every
field of an event file, an actor and a source, into a file's name, and into a line the TOML
parser rejects (its message repeats the line). Then (a) `timeline list`, `list --json` and
`check` exit normally and print no raw control character, and (b) the app on the files shows
its main screen, palette (opened and typed into), help and problems, moves through the events,
and is still running with no raw control character on any screen and no action anywhere in
the palette. The number of examples is bounded under the "ci" profile (conftest.py) so the
suite takes seconds, and many times more under HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import json
import os
import re
import tempfile
from collections.abc import Mapping

from apphelpers import has_action, palette_prompts, settle, type_fast
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.widgets import OptionList

from timeline_tui.cli import main
from timeline_tui.ui.app import make_app
from timeline_tui.ui.dialogs.help import HelpScreen
from timeline_tui.ui.dialogs.problems import ProblemsScreen

# C0 but newline and tab, DEL, C1 (ESC among the C0), and the bidi controls the sanitiser shows.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = (
    "[/",
    "[b]bold",
    "[/b]",
    "[@click=app.quit]x",
    "[@click=app.screenshot('pwned.svg','/nonexistent')]s",
    "[link=file:///etc/passwd]p[/link]",
    "$accent",
    "$text-muted [$primary]v",
    "\x1b[31mred\x1b[0m",
    "\x1b]52;c;aGk=\x07",
    "\x1b[?1049l\x1b[2J",
    "\x9b2J",
    "\x85",
    "\x00",
    "\x7f",
    "\r",
    "\t",
    "\n",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "a\u2028b\u2029c",
    "\u200b",
    "漢字",
    "e\u0301",
    "w" * 300,
)

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=8),
    ),
    min_size=1,
    max_size=4,
).map("".join)

FIELDS = (
    "meta_title", "meta_description",
    "actor_id", "actor_name", "alias", "role", "actor_description",
    "source_id", "source_title", "publisher", "url", "source_date", "document",
    "event_id", "title", "location", "actor", "tag", "summary", "notes", "related",
    "speaker", "quote", "when", "bad_line", "file_name",
)  # fmt: skip
hostile_fields = st.fixed_dictionaries({field: hostile_text for field in FIELDS})


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text` (every character not plain ASCII escaped)."""
    plain = (c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text)
    return '"' + "".join(plain) + '"'


def event_file(fields: Mapping[str, str]) -> str:
    """An event file with every text field hostile (`when` only in a second event)."""
    s = {key: toml_string(value) for key, value in fields.items()}
    return f"""\
[meta]
title = {s["meta_title"]}
description = {s["meta_description"]}

[[actors]]
id = {s["actor_id"]}
name = {s["actor_name"]}
aliases = [{s["alias"]}]
kind = "person"
role = {s["role"]}
description = {s["actor_description"]}

[[sources]]
id = {s["source_id"]}
title = {s["source_title"]}
publisher = {s["publisher"]}
url = {s["url"]}
date = {s["source_date"]}
document = {s["document"]}

[[events]]
id = {s["event_id"]}
title = {s["title"]}
when = 2025-08-18
location = {s["location"]}
actors = [{s["actor_name"]}, {s["actor"]}]
tags = [{s["tag"]}]
summary = {s["summary"]}
notes = {s["notes"]}
related = [{s["related"]}, "second"]
sources = [{s["source_id"]}]
[[events.quotes]]
speaker = {s["speaker"]}
text = {s["quote"]}

[[events]]
id = "second"
title = {s["title"]}
when = {s["when"]}
related = [{s["event_id"]}]

[[events]]
id = "third"
title = "Third {s["summary"][1:]}
when = 2025-08-19
actors = [{s["actor_id"]}]
related = [{s["event_id"]}]
"""


def file_name(text: str) -> str:
    """A name a file can have (no `/`, no NUL, at most 200 bytes) ending in `.toml`."""
    name = text.replace("/", "_").replace("\0", "_").lstrip(".") or "x"
    while len(name.encode("utf-8", "surrogatepass")) > 200:
        name = name[:-1]
    return name + ".toml"


def write_files(folder: str, fields: Mapping[str, str]) -> list[str]:
    """The hostile event file (under a hostile name) and a file the TOML parser rejects at a
    line holding raw hostile text; their paths."""
    good = os.path.join(folder, file_name(fields["file_name"]))
    with open(good, "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        handle.write(event_file(fields))
    bad = os.path.join(folder, "broken.toml")
    with open(bad, "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        handle.write(f"# {fields['bad_line']}\n[[events]]\ntitle = {fields['bad_line']}\n")
    return [good, bad]


def assert_safe(text: str, where: str) -> None:
    found = UNSAFE.search(text)
    assert found is None, f"{where}: raw {found.group()!r} in {text[:2000]!r}"


EVERY_FIELD_EVERYTHING = {field: "".join(HOSTILE) for field in FIELDS}  # run first, always


def bounded(examples: int, *, shrink: bool = True) -> settings:
    """`examples` under the "ci" profile (60 examples a test), proportionally more under a
    larger profile; files and whole apps are slow for Hypothesis, which is expected here.
    Without `shrink`, a failure is reported as found (shrinking whole app runs takes minutes)."""
    scale = max(settings.default.max_examples // 60, 1)
    return settings(
        max_examples=examples * scale,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        phases=settings.default.phases if shrink else (Phase.explicit, Phase.generate),
    )


# ── (a) the command line ────────────────────────────────────────────────


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@bounded(25)
@given(hostile_fields)
@example(EVERY_FIELD_EVERYTHING)
def test_the_command_line_prints_hostile_text_without_a_control_character(fields):
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(folder, fields)
        # Every run holds a line that is not TOML: `list` prints what it could and, like
        # `check`, exits 1 for the error.
        for argv, codes in ((["list"], {1}), (["list", "--json"], {1}), (["check"], {1})):
            code, out, err = run_cli(*argv, *paths)
            assert code in codes, (argv, code, err)
            assert_safe(out, " ".join(argv))
            assert_safe(err, " ".join(argv))
            if "--json" in argv:
                assert "third" in [event["id"] for event in json.loads(out)]


# ── (b) the app ─────────────────────────────────────────────────────────


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal would show now (the SVG screenshot's text, entities undone)."""
    return html.unescape(app.export_screenshot())


def record_effects(app) -> list[str]:  # type: ignore[no-untyped-def]
    """What an action in text could do (quit, write a screenshot, ring, open a URL), each
    recorded as it is called (and still done)."""
    done: list[str] = []
    for name in ("exit", "save_screenshot", "bell", "open_url"):
        real = getattr(app, name)

        def record(*args, _name=name, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            done.append(_name)
            return _real(*args, **kwargs)

        setattr(app, name, record)
    return done


async def keys(app, pilot, *typed: str) -> None:  # type: ignore[no-untyped-def]
    """Type these keys and wait until the app has handled them (and what they started)."""
    type_fast(app, *typed)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def drive(paths: list[str]) -> None:
    app = make_app(paths, watch=False)
    effects = record_effects(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settle(app, pilot)
        assert len(screen.positions) >= 2  # the hostile events are shown, not dropped
        seen = [("main", screen_text(app))]
        for typed in (("j", "j"), ("tab", "k")):  # through the events, then the detail pane
            await keys(app, pilot, *typed)
            seen.append((f"after {typed}", screen_text(app)))
        await keys(app, pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        for typed in ("", "only"):
            await keys(app, pilot, *typed)
            assert not any(has_action(prompt) for prompt in palette_prompts(app))
            seen.append((f"palette {typed!r}", screen_text(app)))
        await keys(app, pilot, "escape")
        for key, dialog in (("question_mark", HelpScreen), ("e", ProblemsScreen)):
            await keys(app, pilot, key, "down", "down")
            assert isinstance(app.screen, dialog)
            seen.append((key, screen_text(app)))
            await keys(app, pilot, "escape")
        await keys(app, pilot, "a", "a", "b", "space", "escape")
        seen.append(("actors", screen_text(app)))
        await pilot.press("o")  # then the path: keys sent at once would reach the main screen
        await keys(app, pilot, *os.path.dirname(paths[0]), "/")
        choices = app.screen.query_one("#open-list", OptionList)
        choices.highlighted = [option.id for option in choices.options].index(paths[0])
        await keys(app, pilot, "tab")  # the hostile file's name into the path box
        seen.append(("open", screen_text(app)))
        await keys(app, pilot, "escape")
        assert app.is_running and app.screen is screen and effects == []  # no action ran
        for where, text in seen:
            assert_safe(text, where)


@bounded(3, shrink=False)
@given(hostile_fields)
@example(EVERY_FIELD_EVERYTHING)
def test_the_app_shows_hostile_text_as_typed_and_runs_nothing(fields):
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(drive(write_files(folder, fields)))
