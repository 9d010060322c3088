"""Completion in the search box: field names, then a field's values with their counts,
prefix before substring, folded for case and accents, quoted when they hold a space."""

from __future__ import annotations

from support import Write

from timeline_tui.core.query import Index
from timeline_tui.loading.workspace import load
from timeline_tui.view.completion import Candidate, Catalogue, complete

STORY = """
    [[actors]]
    id = "zelenskyy"
    name = "Volodymyr Zelenskyy"
    aliases = ["Zelensky"]
    [[actors]]
    id = "trump"
    name = "Donald Trump"

    [[events]]
    id = "a"
    title = "Talks"
    when = 2025-08-18
    actors = ["zelenskyy", "trump"]
    tags = ["security guarantees", "Sanctions"]
    location = "Kharkiv"
    status = "scheduled"
    sources = ["seed"]

    [[events]]
    id = "b"
    title = "Strike"
    when = 2025-08-19
    actors = ["zelenskyy"]
    tags = ["sanctions", "Énergie"]
    location = "Kharkiv oblast"

    [[events]]
    id = "c"
    title = "Another strike"
    when = 2025-08-20
    tags = ["energy", "resecurity"]
    location = "Kyiv"

    [[sources]]
    id = "seed"
    title = "The seed article"
"""


def catalogue(write: Write) -> Catalogue:
    return Catalogue.build(Index.build(load([str(write("story.toml", STORY))])))


def offered(text: str, cat: Catalogue, cursor: int | None = None) -> list[tuple[str, int | None]]:
    found = complete(text, len(text) if cursor is None else cursor, cat)
    return [(c.text, c.count) for c in found.candidates]


def test_a_word_being_typed_is_offered_the_field_names_it_starts(write: Write):
    cat = catalogue(write)
    assert offered("ceasefire ta", cat) == [("tag:", None)]
    assert offered("st", cat) == [("status:", None)]
    assert offered("sou", cat) == [("source:", None), ("sources:", None)]
    assert offered("-pl", cat) == [("-place:", None)]
    assert offered("tag", cat) == [("tag:", None)]


def test_nothing_is_offered_after_a_space_or_in_the_middle_of_a_term(write: Write):
    cat = catalogue(write)
    assert offered("ta ", cat) == []
    assert offered("tag:se", cat, cursor=2) == []
    assert offered("", cat) == []
    assert offered("zzz", cat) == []


def test_tag_values_come_with_counts_prefix_first_then_holding_the_text(write: Write):
    cat = catalogue(write)
    assert offered("tag:se", cat) == [('tag:"security guarantees"', 1), ("tag:resecurity", 1)]
    assert offered("tag:guar", cat) == [('tag:"security guarantees"', 1)]  # a word's start
    assert offered("tag:", cat)[0] == ("tag:sanctions", 2)  # the most events first


def test_values_are_folded_for_case_and_accents(write: Write):
    cat = catalogue(write)
    assert offered("tag:ENER", cat) == [("tag:energie", 1), ("tag:energy", 1)]
    assert offered("place:KHAR", cat) == [("place:kharkiv", 1), ('place:"kharkiv oblast"', 1)]


def test_actor_names_and_aliases_complete_with_the_actors_counts(write: Write):
    cat = catalogue(write)
    found = complete("actor:zel", 9, cat).candidates
    assert [(c.text, c.count) for c in found] == [
        ('actor:"Volodymyr Zelenskyy"', 2),
        ("actor:Zelensky", 2),
    ]
    assert found[1].label == "Zelensky → Volodymyr Zelenskyy"
    assert offered("actor:trump", cat) == [('actor:"Donald Trump"', 1)]


def test_statuses_sources_and_choices_complete(write: Write):
    cat = catalogue(write)
    assert offered("status:sch", cat) == [("status:scheduled", 1)]
    assert offered("-source:se", cat) == [("-source:seed", 1)]
    assert offered("has:q", cat) == [("has:quote", 0)]
    assert offered("is:st", cat) == [("is:stale", 0), ("is:star", 0)]


def test_a_value_typed_in_full_is_not_offered_again(write: Write):
    cat = catalogue(write)
    assert offered("status:scheduled", cat) == []


def test_an_open_quote_completes_across_its_space(write: Write):
    cat = catalogue(write)
    assert offered('tag:"security gu', cat) == [('tag:"security guarantees"', 1)]


def test_accepting_replaces_the_term_and_puts_the_cursor_after_it(write: Write):
    cat = catalogue(write)
    text = "kyiv tag:secu more"
    found = complete(text, 13, cat)
    assert found.applied(text, found.candidates[0]) == ('kyiv tag:"security guarantees" more', 31)
    field = complete("ta", 2, cat)
    assert field.applied("ta", Candidate("tag:", "tag:")) == ("tag:", 4)
    end = complete("tag:sanc", 8, cat)
    assert end.applied("tag:sanc", end.candidates[0]) == ("tag:sanctions ", 14)


def test_fields_without_values_offer_nothing_after_their_colon(write: Write):
    cat = catalogue(write)
    assert offered("after:", cat) == []
    assert offered("file:st", cat) == []
    assert offered("nope:x", cat) == []


def test_an_alias_is_matched_by_what_it_says_not_by_its_actors_name(write: Write):
    cat = catalogue(write)
    assert offered("actor:volo", cat) == [('actor:"Volodymyr Zelenskyy"', 2)]
