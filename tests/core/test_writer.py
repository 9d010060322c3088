"""The event writer: a new event appended, an event edited in place, each byte outside the
record kept, a changed file refused, a crash mid-write leaving the old file whole."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support import EVENTS, Write
from timeline_tui.core.model import UNREADABLE_DATE, Event
from timeline_tui.editing.fields import EventFields, fields_of
from timeline_tui.editing.placement import day_of, target_file, unique_id
from timeline_tui.editing.writer import Conflict, Invalid, append_event, replace_event
from timeline_tui.loading.stamp import stamp_of
from timeline_tui.records import toml_reading
from timeline_tui.records.lines import LineIndex
from timeline_tui.records.parse import parse

SEED_FILES = sorted(EVENTS.glob("*.toml"))
NEW = EventFields(
    "A new event",
    "2025-08-18",
    status="reported",
    location="Kyiv",
    actors=("zelenskyy",),
    tags=("ceasefire",),
    summary="Two lines\nof summary.",
    quotes=(("Zelenskyy", "It’s impossible"),),
)


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    return target


def _append(path: Path, fields: EventFields = NEW, event_id: str = "new-one") -> int:
    return append_event(str(path), event_id, fields, stamp_of(str(path))).line


def _replace(path: Path, event_id: str, line: int, fields: EventFields) -> None:
    replace_event(str(path), event_id, line, fields, stamp_of(str(path)))


def _event(path: Path, event_id: str) -> Event:
    parsed = parse(path.read_text(encoding="utf-8"), str(path))
    return next(event for event in parsed.events if event.id == event_id)


def _outside(text: str, line: int) -> tuple[str, str]:
    begin, end = LineIndex(text).table_span(line)
    return text[:begin], text[end:]


def _clean(path: Path, line: int) -> bool:
    parsed = parse(path.read_bytes().decode(), str(path))
    return parsed.readable and not [d for d in parsed.diagnostics if d.event_line == line]


@pytest.mark.parametrize("source", SEED_FILES, ids=lambda p: p.name)
def test_append_keeps_every_byte_of_the_file_before_it(source: Path, tmp_path: Path) -> None:
    path = _copy(source, tmp_path)
    line = _append(path)
    assert path.read_bytes().startswith(source.read_bytes())
    assert _clean(path, line)
    event = _event(path, "new-one")
    assert (event.line, event.title, event.status, event.location) == (
        line, "A new event", "reported", "Kyiv"
    )  # fmt: skip
    assert (event.summary, event.quotes[0].text) == ("Two lines\nof summary.", "It’s impossible")


def _seed_events() -> list[tuple[Path, str, int]]:
    found = []
    for source in SEED_FILES:
        parsed = parse(source.read_text(encoding="utf-8"), str(source))
        found += [(source, event.id, event.line) for event in parsed.events]
    return found


@pytest.mark.parametrize("source, event_id, line", _seed_events(), ids=lambda v: str(v)[-30:])
def test_edit_changes_nothing_outside_the_record(
    source: Path, event_id: str, line: int, tmp_path: Path
) -> None:
    path = _copy(source, tmp_path)
    old = path.read_text(encoding="utf-8")
    raw = toml_reading.loads(old)["events"]
    index = next(i for i, r in enumerate(raw) if LineIndex(old).table_line("events", i) == line)
    fields = fields_of(raw[index])
    changed = replace(fields, title="Retitled", location="Elsewhere", tags=("new tag",))
    _replace(path, event_id, line, changed)
    new = path.read_text(encoding="utf-8")
    assert _outside(new, line) == _outside(old, line)
    assert (_event(path, event_id).title, _event(path, event_id).tags) == ("Retitled", ("new tag",))


def test_an_edit_unchanged_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    for source, event_id, line in _seed_events():
        path = _copy(source, tmp_path)
        text = path.read_text(encoding="utf-8")
        raw = toml_reading.loads(text)["events"]
        index = [LineIndex(text).table_line("events", i) for i in range(len(raw))].index(line)
        _replace(path, event_id, line, fields_of(raw[index]))
        assert path.read_bytes() == source.read_bytes(), (source.name, event_id)


CRLF = (
    '# a comment\r\n[meta]\r\nreference_date = 2025-08-17\r\n\r\n[[events]]\r\nid = "a"\r\n'
    'title = "A"\r\nwhen = 2025-08-18\r\n'
)


def test_a_crlf_file_gets_crlf_lines(write: Write) -> None:
    path = write("crlf.toml", CRLF, dedent=False)
    line = _append(path, EventFields("B", "Monday", summary="one\ntwo"), "b")
    _replace(path, "a", 5, EventFields("A again", "2025-08-18", location="Here"))
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.startswith(b"# a comment\r\n[meta]\r\nreference_date = 2025-08-17\r\n\r\n")
    assert _clean(path, line) and _event(path, "b").when.moment.date() == date(2025, 8, 18)
    assert _event(path, "a").location == "Here"


COMMENTS = """\
    [[events]]
    id = "a"  # the id stays
    # why the title is so
    title = "A"
    when = 2025-08-18   # as the article says
    # between keys
    tags = ["x"]
    quotes = [{ speaker = "S", text = "inline" }]

    [[events]]
    id = "b"
    title = "B"
    when = 2025-08-19
"""


def test_comments_between_keys_and_inline_tables_are_kept(write: Write) -> None:
    path = write("comments.toml", COMMENTS)
    same_quotes = (("S", "inline"),)
    _replace(path, "a", 1, EventFields("A new", "2025-08-18", tags=("x",), quotes=same_quotes))
    text = path.read_text(encoding="utf-8")
    assert text == COMMENTS.replace("    ", "").replace('title = "A"', 'title = "A new"')


def test_inline_meta_and_an_inline_event_array_are_kept_or_refused(write: Write) -> None:
    inline_meta = write("meta.toml", "meta = { reference_date = 2025-08-17 }\n")
    line = _append(inline_meta, EventFields("B", "Monday"), "b")
    assert inline_meta.read_text().startswith("meta = { reference_date = 2025-08-17 }\n")
    assert _clean(inline_meta, line)
    array = 'events = [{ id = "a", title = "A", when = 2025-08-18 }]\n'
    inline_events = write("array.toml", array)
    with pytest.raises(Invalid):
        _append(inline_events, EventFields("B", "2025-08-18"), "b")
    assert inline_events.read_text() == array


def test_a_file_changed_since_it_was_read_is_refused(write: Write) -> None:
    path = write("a.toml", CRLF, dedent=False)
    stamp = stamp_of(str(path))
    path.write_text(CRLF + "# someone else's edit\n", encoding="utf-8", newline="")
    with pytest.raises(Conflict):
        append_event(str(path), "b", EventFields("B", "2025-08-18"), stamp)
    with pytest.raises(Conflict):
        replace_event(str(path), "a", 5, EventFields("B", "2025-08-18"), stamp)
    assert path.read_text(encoding="utf-8").endswith("# someone else's edit\n")


def test_a_new_file_is_refused_when_one_appeared_meanwhile(write: Write) -> None:
    path = write("new.toml", "# made meanwhile\n")
    with pytest.raises(Conflict):
        append_event(str(path), "b", EventFields("B", "2025-08-18"), None)


def test_a_new_file_is_made(tmp_path: Path) -> None:
    path = tmp_path / "events" / "2025-08-18.toml"
    written = append_event(str(path), "b", EventFields("B", "2025-08-18"), None)
    assert path.read_text() == '[[events]]\nid = "b"\ntitle = "B"\nwhen = 2025-08-18\n'
    assert written.line == 1


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_crash_mid_write_leaves_the_old_file_whole(
    failing: str, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("a.toml", CRLF, dedent=False)

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, crash)
    with pytest.raises(OSError):
        _append(path, EventFields("B", "2025-08-18"), "b")
    with pytest.raises(OSError):
        _replace(path, "a", 5, EventFields("B", "2025-08-18"))
    assert path.read_bytes() == CRLF.encode()
    assert os.listdir(path.parent) == ["a.toml"]


@pytest.mark.parametrize(
    "fields, message",
    [
        (EventFields("B", "not a date at all"), "not a date at all"),
        (EventFields("", "2025-08-18"), "no 'title'"),
        (EventFields("B", "2025-08-18", status="rumoured"), "unknown status"),
    ],
)
def test_an_invalid_event_is_refused_and_the_file_left_as_it_was(
    fields: EventFields, message: str, write: Write
) -> None:
    path = write("a.toml", CRLF, dedent=False)
    with pytest.raises(Invalid) as caught:
        _append(path, fields, "b")
    with pytest.raises(Invalid):
        _replace(path, "a", 5, fields)
    assert message in str(caught.value)
    assert path.read_bytes() == CRLF.encode()


def test_an_edit_of_an_event_no_longer_there_is_refused(write: Write) -> None:
    path = write("a.toml", CRLF, dedent=False)
    with pytest.raises(Invalid, match="reload"):
        _replace(path, "a", 6, EventFields("B", "2025-08-18"))


def test_ids_are_slugs_of_the_title_made_unique() -> None:
    taken = {"white-house-talks", "white-house-talks-2"}
    assert unique_id("White House talks", taken.__contains__) == "white-house-talks-3"
    assert unique_id("Встреча в Кремле", taken.__contains__) == "встреча-в-кремле"
    assert unique_id("!!!", taken.__contains__) == "event"


def test_a_new_event_goes_to_the_highlighted_file_on_its_day_else_a_file_of_its_day() -> None:
    event = Event("a", "A", UNREADABLE_DATE, file="/x/monday.toml")
    dated = parse('[[events]]\nid="a"\ntitle="A"\nwhen=2025-08-18\n', "/x/monday.toml").events[0]
    assert target_file(day_of("18 Aug 2025 13:15 EDT"), dated, "/e") == "/x/monday.toml"
    assert target_file(day_of("2025-08-19"), dated, "/e") == os.path.join("/e", "2025-08-19.toml")
    assert target_file(day_of("2025-08-19"), event, "/e") == os.path.join("/e", "2025-08-19.toml")
    assert target_file(day_of("gibberish"), None, "/e") == os.path.join("/e", "undated.toml")


BOUNDED = EventFields("Envoys talk", "", earliest="2025-08-15", latest="2025-08-17T18:00:00Z")


@pytest.mark.parametrize("source", SEED_FILES, ids=lambda p: p.name)
def test_bounds_are_appended_as_toml_dates_after_every_byte_of_the_file(
    source: Path, tmp_path: Path
) -> None:
    path = _copy(source, tmp_path)
    line = _append(path, BOUNDED)
    data = path.read_bytes()
    assert data.startswith(source.read_bytes())
    assert data.endswith(b"earliest = 2025-08-15\nlatest = 2025-08-17T18:00:00Z\n")
    assert _clean(path, line)
    event = _event(path, "new-one")
    assert not event.when_given
    assert (event.earliest.iso(), event.latest.iso()) == ("2025-08-15", "2025-08-17T18:00+00:00")  # type: ignore[union-attr]


def test_an_edit_that_gives_bounds_and_drops_the_when_keeps_every_byte_outside(
    write: Write,
) -> None:
    path = write("comments.toml", COMMENTS)
    old = path.read_text(encoding="utf-8")
    fields = EventFields("A", "", tags=("x",), quotes=(("S", "inline"),), latest="2025-08-19")
    _replace(path, "a", 1, fields)
    new = path.read_text(encoding="utf-8")
    assert _outside(new, 1) == _outside(old, 1)
    assert "when" not in new[: new.index('id = "b"')] and "latest = 2025-08-19" in new
    assert "# why the title is so" in new and "# between keys" in new
    event = _event(path, "a")
    assert (event.when_given, event.latest.iso()) == (False, "2025-08-19")  # type: ignore[union-attr]
    with pytest.raises(Invalid, match="no 'when'"):  # no when and no bounds
        _replace(path, "a", 1, replace(fields, latest=""))
    assert path.read_text(encoding="utf-8") == new


def test_bounds_in_the_wrong_order_are_refused_as_the_loader_refuses_them(write: Write) -> None:
    path = write("a.toml", CRLF, dedent=False)
    wrong = EventFields("B", "", earliest="2025-08-18", latest="2025-08-15")
    with pytest.raises(Invalid, match="'earliest' \\(2025-08-18\\) is after 'latest'"):
        _append(path, wrong, "b")
    with pytest.raises(Invalid):
        _replace(path, "a", 5, wrong)
    assert path.read_bytes() == CRLF.encode()


def test_fields_of_a_bounded_record_give_its_bounds_as_iso_text() -> None:
    raw = toml_reading.loads(
        'title = "T"\nearliest = 2025-08-15\nlatest = 2025-08-17T13:15:00-04:00\n'
    )
    fields = fields_of(raw)
    assert (fields.when, fields.earliest, fields.latest) == (
        "", "2025-08-15", "2025-08-17T13:15:00-04:00"
    )  # fmt: skip
    assert fields.anchor == "2025-08-15"


def test_a_time_typed_without_seconds_is_written_with_them() -> None:
    """TOML 1.0 readers need the seconds; tomli 2.5 reads `10:00` but other tools may not."""
    values = EventFields("Talks", "2025-08-19 10:00", earliest="2025-08-18T09:30-04:00").values()
    record = toml_reading.loads(
        "[[events]]\n" + "".join(f"{k} = {v.as_string()}\n" for k, v in values.items()
                                 if k in ("when", "earliest"))
    )["events"][0]  # fmt: skip
    assert values["when"].as_string() == "2025-08-19T10:00:00"
    assert values["earliest"].as_string() == "2025-08-18T09:30:00-04:00"
    assert record["when"].hour == 10 and record["earliest"].utcoffset().total_seconds() == -4 * 3600


def test_a_new_event_in_another_file_is_saved_as_the_form_read_it(tmp_path: Path) -> None:
    """Read with the highlighted file's defaults (its zone, reference date and source), a new
    event that goes to a file of another day keeps what the preview said: a new file is made
    with those defaults; in a file of its own defaults, the dates are written out in full and
    the source named."""
    from timeline_tui.editing.session import EditSession

    monday = tmp_path / "monday.toml"
    monday.write_text(
        '[meta]\nreference_date = 2025-08-17\ntimezone = "America/New_York"\n'
        'source = "seed-article"\n\n[[events]]\nid = "talks"\ntitle = "Talks"\n'
        "when = 2025-08-18\n",
        encoding="utf-8",
    )
    near = parse(monday.read_text(encoding="utf-8"), str(monday)).events[0]
    fields = EventFields("Calls", "2025-08-19 10:00", earliest="Tuesday")

    def saved_event() -> Event:
        session = EditSession(str(tmp_path), lambda _: False, near=near)
        assert session.preview(fields.when) == "read as Tue 19 Aug 2025 10:00 EDT"
        written = session.save(fields)
        assert written.path == str(tmp_path / "2025-08-19.toml")
        return parse(Path(written.path).read_text(encoding="utf-8"), written.path).events[-1]

    made = saved_event()  # 2025-08-19.toml is new: made with monday.toml's [meta]
    assert made.when.display() == "Tue 19 Aug 2025 10:00 EDT"
    assert made.earliest is not None and made.earliest.day == date(2025, 8, 19)
    assert made.sources == ("seed-article",)
    (tmp_path / "2025-08-19.toml").write_text("", encoding="utf-8")  # one with no [meta]
    again = saved_event()
    assert again.when.instant == made.when.instant and again.when.zone is not None
    assert again.earliest is not None and again.earliest.day == date(2025, 8, 19)
    assert again.sources == ("seed-article",)
