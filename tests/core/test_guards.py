"""The last-resort guards: an unexpected exception costs one record, or one file, never more."""

from __future__ import annotations

import pytest
from support import errors, event_ids, only

from timeline_tui.loading import reading as loader
from timeline_tui.loading.reading import read_file
from timeline_tui.loading.workspace import load
from timeline_tui.records import parse as parse_module
from timeline_tui.records.parse import parse

THREE = """\
[[actors]]
id = "a1"

[[actors]]
id = "bad"

[[sources]]
id = "s1"

[[sources]]
id = "bad"

[[events]]
id = "e1"
title = "E1"
when = 2025-08-18

[[events]]
id = "bad"
title = "Bad"
when = 2025-08-18

[[events]]
id = "e3"
title = "E3"
when = 2025-08-19
"""
LINES = {"actor": 4, "source": 10, "event": 18}


def failing_on_bad(monkeypatch, name: str, exc: BaseException) -> None:
    """Make records.parse.<name> raise `exc` for the record whose id is "bad"."""
    real = getattr(parse_module, name)

    def build(raw, *args):
        if raw.get("id") == "bad":
            raise exc
        return real(raw, *args)

    monkeypatch.setattr(parse_module, name, build)


@pytest.mark.parametrize("what", ["actor", "source", "event"])
@pytest.mark.parametrize("exc", [RuntimeError("boom"), RecursionError("boom"), KeyError("boom")])
def test_an_unexpected_exception_costs_only_its_record(monkeypatch, what, exc):
    failing_on_bad(monkeypatch, f"_{what}", exc)
    parsed = parse(THREE, "x.toml")
    problem = only(parsed.diagnostics, "internal error")
    kind = type(exc).__name__
    assert problem.message.startswith(f"internal error reading this {what}: {kind}: ")
    assert "boom" in problem.message
    assert (problem.path, problem.line, problem.column) == ("x.toml", LINES[what], 1)
    assert problem.is_error and parsed.readable
    assert len(parsed.actors) == (1 if what == "actor" else 2)
    assert len(parsed.sources) == (1 if what == "source" else 2)
    assert [e.id for e in parsed.events] == (
        ["e1", "e3"] if what == "event" else ["e1", "bad", "e3"]
    )


def test_keyboard_interrupt_is_not_caught(monkeypatch):
    failing_on_bad(monkeypatch, "_event", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        parse(THREE, "x.toml")


def test_the_exceptions_message_is_sanitised_and_cut_short(monkeypatch):
    failing_on_bad(monkeypatch, "_event", ValueError("\x1b]52;c;aGk=\x07" + "x" * 5000))
    problem = only(parse(THREE, "x.toml").diagnostics, "internal error")
    shown = problem.format()
    assert "\x1b" not in shown and "\x07" not in shown
    assert len(shown) < 500


def test_an_unexpected_exception_outside_the_records_makes_the_file_unreadable(monkeypatch):
    def broken(*args):
        raise RuntimeError("meta broke")

    monkeypatch.setattr(parse_module, "_meta", broken)
    parsed = parse("[meta]\nsource = 's'\n" + THREE, "x.toml")
    assert not parsed.readable and not parsed.events
    problem = only(errors(parsed.diagnostics), "internal error")
    assert problem.message == "internal error reading this file: RuntimeError: meta broke"
    assert (problem.path, problem.line, problem.column) == ("x.toml", 1, 1)


@pytest.mark.parametrize("stage", ["decode", "parse", "pack"])
def test_an_unexpected_exception_reading_a_file_costs_only_that_file(write, monkeypatch, stage):
    good = write("a.toml", '[[events]]\nid = "good"\ntitle = "G"\nwhen = 2025-08-18\n')
    bad = write("b.toml", '[[events]]\nid = "bad"\ntitle = "B"\nwhen = 2025-08-18\n')
    real = {"decode": loader.decode, "parse": loader.parse, "pack": loader.PackedEvents.pack}

    def broken(first, *args):  # decode(data, path), parse(text, path) or pack(events)
        if (args[-1] == str(bad)) if args else any(event.id == "bad" for event in first):
            raise TypeError("unexpected")
        return real[stage](first, *args)

    if stage == "pack":
        monkeypatch.setattr(loader.PackedEvents, "pack", staticmethod(broken))
    else:
        monkeypatch.setattr(loader, stage, broken)
    parsed = read_file(str(bad))
    assert not parsed.readable
    problem = only(parsed.diagnostics, "internal error")
    assert problem.message == "internal error reading this file: TypeError: unexpected"
    assert (problem.path, problem.line, problem.column) == (str(bad), 1, 1)
    timeline = load([str(good.parent)], workers=1)
    assert event_ids(timeline) == ["good"]
