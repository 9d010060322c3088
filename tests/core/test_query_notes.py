"""The query over what the analyst added: is:star, has:note, analyst tags as tags, words found
in a note (and the row's hint that says so)."""

from __future__ import annotations

from datetime import date

import pytest
from support import EVENTS, Write

from timeline_tui.core.annotation import Annotation, place, place_in, positions_by_id
from timeline_tui.core.matching import evaluate
from timeline_tui.core.query import Index
from timeline_tui.core.query_syntax import parse_query
from timeline_tui.core.search import found_in
from timeline_tui.loading.workspace import load
from timeline_tui.view.rows import match_hint

NOTES = {
    "white-house-talks": Annotation(star=True, tags=("Follow-up",)),
    "trump-putin-meeting": Annotation(note="Ask the pool reporter about the zebra"),
    "gone": Annotation(star=True, note="an orphan"),
}


@pytest.fixture
def index() -> Index:
    built = Index.build(load([str(EVENTS)]))
    built.annotate(place_in(NOTES, built.timeline))
    return built


def test_notes_are_placed_by_their_ids(index: Index) -> None:
    timeline = index.timeline
    found = positions_by_id([*NOTES, "gone"], timeline)
    assert found == {i: timeline.index_of(i) for i in NOTES if i != "gone"}
    assert index.annotated.orphans == ("gone",)
    assert index.annotated == place(NOTES, timeline.index_of)


def found(index: Index, text: str) -> list[str]:
    query = parse_query(text, date(2025, 8, 20))
    return [index.timeline.events[p].id for p in evaluate(query, index).positions]


def test_is_star_and_has_note_match_the_annotated_events(index: Index) -> None:
    assert found(index, "is:star") == ["white-house-talks"]
    assert found(index, "has:note") == ["trump-putin-meeting"]
    result = evaluate(parse_query("is:star"), index)
    assert result.notes == ()  # there are stars: nothing to say
    everything = len(index.timeline.events)
    assert len(found(index, "-is:star")) == everything - 1


def test_analyst_tags_count_as_tags(index: Index) -> None:
    assert found(index, "tag:follow-up") == ["white-house-talks"]  # any case
    assert found(index, "tag:follow") == ["white-house-talks"]  # holding it
    assert found(index, "tag:follow-up OR has:note") == ["trump-putin-meeting", "white-house-talks"]


def test_words_are_found_in_the_note_too(index: Index) -> None:
    assert found(index, "zebra") == ["trump-putin-meeting"]
    assert found(index, "zebra pool") == ["trump-putin-meeting"]  # each word in the note
    assert index.matching(("zeb",)) == index.matching(("zebra",))  # typing on narrows
    assert "trump-putin-meeting" not in found(index, "-zebra")
    assert "trump-putin-meeting" in found(index, "-unicorn")


def test_a_word_in_the_note_and_one_in_the_record_both_count(index: Index) -> None:
    summit = index.timeline.events[index.timeline.index_of("trump-putin-meeting")]
    word = summit.title.split()[0].lower()
    assert found(index, f"zebra {word}") == ["trump-putin-meeting"]


def test_new_notes_are_answered_at_once(index: Index) -> None:
    assert index.matching(("zebra",))
    index.annotate(place({}, index.timeline.index_of))
    assert list(index.matching(("zebra",))) == []  # the last search is not reused
    assert evaluate(parse_query("is:star"), index).notes == ("is:star: no stars yet",)


def test_the_row_says_a_match_is_in_your_note(index: Index) -> None:
    summit = index.timeline.events[index.timeline.index_of("trump-putin-meeting")]
    note = NOTES["trump-putin-meeting"].note
    assert found_in(summit, ("zebra",), [], analyst=note) == ("your note",)
    assert match_hint(summit, ("zebra",), index.timeline, note) == " · in your note"


def test_a_note_on_a_small_folder(write: Write) -> None:
    write("a.toml", "[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-18\n")
    built = Index.build(load([str(write("b.toml", "").parent)]))
    built.annotate(place({"a": Annotation(note="needle")}, built.timeline.index_of))
    assert found(built, "needle") == ["a"]
