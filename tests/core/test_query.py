"""Queries: actor filters (any or all, groups expanded), search terms, actor: terms, phrases."""

from __future__ import annotations

from datetime import date

import pytest
from support import EVENTS, Write, event_ids

from timeline_tui.core.matching import evaluate
from timeline_tui.core.query import Index, Query, actor_counts, apply, parse_search
from timeline_tui.core.query_syntax import QueryError, parse_query
from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.workspace import Workspace, load

STORY = """
    [[actors]]
    id = "france"
    name = "France"
    kind = "country"
    [[actors]]
    id = "macron"
    name = "Emmanuel Macron"
    aliases = ["Macron"]
    affiliations = ["france"]
    [[actors]]
    id = "merz"
    name = "Friedrich Merz"
    affiliations = ["germany"]
    [[actors]]
    id = "germany"
    name = "Germany"
    [[actors]]
    id = "coalition"
    name = "Coalition of the Willing"
    kind = "group"
    members = ["france", "germany"]
    [[actors]]
    id = "trump"
    name = "Donald Trump"

    [[events]]
    id = "paris"
    title = "Macron hosts a summit"
    when = 2025-08-10
    actors = ["Macron"]
    summary = "Talks on security guarantees in Paris."

    [[events]]
    id = "berlin"
    title = "Merz speaks in Berlin"
    when = 2025-08-11
    actors = ["merz"]
    summary = "Guarantees of security were discussed."
    [[events.quotes]]
    speaker = "merz"
    text = "It’s a ceasefire first"

    [[events]]
    id = "coalition-plan"
    title = "Coalition plans a reassurance force"
    when = 2025-08-12
    actors = ["coalition"]
    tags = ["reassurance force"]

    [[events]]
    id = "washington"
    title = "Trump meets Macron and Merz"
    when = 2025-08-18
    location = "White House"
    actors = ["trump", "macron", "merz"]
    summary = "A ceasefire is not on the table."

    [[events]]
    id = "france-note"
    title = "France's note on Trump's plan"
    when = 2025-08-19
    actors = ["france"]
    summary = "Notes on the plan."
"""


@pytest.fixture
def story(write: Write) -> Index:
    return Index.build(load([str(write("story.toml", STORY))]))


def ids(index: Index, query: Query) -> list[str]:
    return [index.timeline.events[p].id for p in apply(query, index)]


def actors(*names: str, match_all: bool = False, text: str = "") -> Query:
    return Query(frozenset(names), match_all, text)


def test_story_loads_clean(story):
    assert story.timeline.diagnostics == ()


def test_empty_query_shows_every_event_in_time_order(story):
    assert Query().is_empty
    assert ids(story, Query()) == ["paris", "berlin", "coalition-plan", "washington", "france-note"]


def test_filter_by_a_person(story):
    assert ids(story, actors("merz")) == ["berlin", "washington"]


def test_filter_by_any_of_several_actors(story):
    assert ids(story, actors("merz", "trump")) == ["berlin", "washington"]
    assert ids(story, actors("paris-nobody", "trump")) == ["washington"]


def test_filter_by_all_of_several_actors(story):
    assert ids(story, actors("macron", "merz", match_all=True)) == ["washington"]
    assert ids(story, actors("macron", "trump", "merz", match_all=True)) == ["washington"]
    assert ids(story, actors("merz", "coalition", match_all=True)) == ["berlin", "washington"]


def test_filter_by_a_country_includes_affiliated_people(story):
    assert ids(story, actors("france")) == ["paris", "washington", "france-note"]


def test_filter_by_group_includes_members_and_their_people(story):
    assert ids(story, actors("coalition")) == [
        "paris", "berlin", "coalition-plan", "washington", "france-note",
    ]  # fmt: skip


def test_filter_by_a_member_does_not_include_the_group(story):
    assert "coalition-plan" not in ids(story, actors("france"))


def test_toggling_an_actor_twice_restores_the_query():
    query = Query(text="x")
    assert query.toggled("a").actors == {"a"}
    assert query.toggled("a").toggled("a") == query


def test_search_terms_must_all_match_case_insensitively(story):
    assert ids(story, Query(text="CEASEFIRE")) == ["berlin", "washington"]
    assert ids(story, Query(text="ceasefire white")) == ["washington"]
    assert ids(story, Query(text="ceasefire nowhere")) == []


def test_search_looks_at_title_summary_location_tags_actor_names_and_quotes(story):
    assert ids(story, Query(text="hosts")) == ["paris"]  # title
    assert ids(story, Query(text="table")) == ["washington"]  # summary
    assert ids(story, Query(text="house")) == ["washington"]  # location
    assert ids(story, Query(text="reassurance force")) == ["coalition-plan"]  # tag and title
    assert ids(story, Query(text="friedrich")) == ["berlin", "washington"]  # actor name
    assert ids(story, Query(text="first")) == ["berlin"]  # quote


def test_quoted_phrase_matches_the_words_together(story):
    assert ids(story, Query(text="security guarantees")) == ["paris", "berlin"]
    assert ids(story, Query(text='"security guarantees"')) == ["paris"]
    assert ids(story, Query(text='"guarantees of security" berlin')) == ["berlin"]


def test_unclosed_quote_while_typing_is_a_phrase_so_far(story):
    assert ids(story, Query(text='"security guar')) == ["paris"]


def test_apostrophes_are_part_of_the_word(story):
    assert parse_search("France's plan").terms == ("france's", "plan")
    assert ids(story, Query(text="France's")) == ["france-note"]
    assert ids(story, Query(text="France's Trump's")) == ["france-note"]
    assert ids(story, Query(text="it’s")) == ["berlin"]


def test_actor_term_in_search_filters_by_name_or_alias(story):
    assert ids(story, Query(text="actor:Macron")) == ["paris", "washington"]
    assert ids(story, Query(text="ACTOR:macron")) == ["paris", "washington"]
    assert ids(story, Query(text="actor:merz ceasefire")) == ["berlin", "washington"]
    assert ids(story, Query(text="actor:merz actor:macron")) == ["washington"]


def test_actor_term_with_a_quoted_group_name_expands_the_group(story):
    search = parse_search('actor:"Coalition of the Willing" force')
    assert search.actor_names == ("Coalition of the Willing",)
    assert search.terms == ("force",)
    assert ids(story, Query(text='actor:"Coalition of the Willing" force')) == ["coalition-plan"]


def test_actor_term_matches_part_of_a_name_when_no_name_is_exact(story):
    assert ids(story, Query(text="actor:friedr")) == ["berlin", "washington"]
    assert ids(story, Query(text="actor:nobody-at-all")) == []


def test_empty_actor_term_is_ignored(story):
    assert ids(story, Query(text="actor: ceasefire")) == ["berlin", "washington"]


def test_actor_filter_and_search_combine(story):
    assert ids(story, actors("france", text="ceasefire")) == ["washington"]
    assert ids(story, actors("france", text="actor:merz")) == ["washington"]


def test_search_narrowing_while_typing_gives_the_same_result_as_a_fresh_search(story):
    typed = "ceasefire"
    steps = [typed[:n] for n in range(1, len(typed) + 1)]
    steps += ["cease", "ceasefire", "", "e", "ea", "x", "xe"]  # deletions and new words
    for term in steps:
        narrowed = story.search(term)
        fresh = Index.build(story.timeline).search(term)
        expected = [i for i, hay in enumerate(story.haystacks) if term in hay]
        assert narrowed == fresh == expected, term


def test_search_while_typing_a_query_of_several_terms(story):
    typed = 'merz "security gua'
    for n in range(1, len(typed) + 1):
        text = typed[:n]
        assert apply(Query(text=text), story) == apply(
            Query(text=text), Index.build(story.timeline)
        )


def test_actor_counts_include_members(story):
    counts = actor_counts(story)
    assert counts["coalition"] == 5
    assert counts["merz"] == 2
    within = apply(Query(text="ceasefire"), story)
    assert actor_counts(story, within)["france"] == 1


# ── the seed story ──────────────────────────────────────────────────────


def seed_ids(seed: Timeline, query: Query) -> set[str]:
    index = Index.build(seed)
    return {seed.events[p].id for p in apply(query, index)}


def test_seed_filter_by_merz_is_the_two_monday_white_house_events(seed):
    assert seed_ids(seed, Query(frozenset({"merz"}))) == {
        "white-house-talks", "white-house-working-lunch",
    }  # fmt: skip


def test_seed_coalition_of_the_willing_finds_its_countries_and_leaders(seed):
    coalition = seed.actors.resolve("Coalition of the Willing")
    found = seed_ids(seed, Query(frozenset({coalition})))
    involved = {"france", "germany", "united-kingdom", "macron", "merz", "starmer", coalition}
    expected = {e.id for e in seed.events if involved & set(e.actors)}
    assert found == expected
    assert {"coalition-reassurance-force", "white-house-talks"} <= found
    assert "trump-putin-meeting" not in found


def test_seed_trump_and_putin_together(seed):
    found = seed_ids(seed, Query(frozenset({"trump", "putin"}), match_all=True))
    expected = {e.id for e in seed.events if {"trump", "putin"} <= set(e.actors)}
    assert found == expected
    assert "trump-putin-meeting" in found and "white-house-talks" not in found


def test_sorted_positions_membership_count_and_stepping_with_wrap_around():
    from timeline_tui.core.query import SortedPositions

    matches = SortedPositions([2, 5, 9, 14])
    shown = SortedPositions([1, 2, 3, 9, 10, 14, 20])
    assert 5 in matches and 6 not in matches and "5" not in matches
    assert matches.count_in(shown) == 3 and shown.count_in(matches) == 3
    assert matches.next_in(shown, 2, 1) == 9  # 5 is a match but not shown
    assert matches.next_in(shown, 14, 1) == 2  # wraps to the first
    assert matches.next_in(shown, 9, -1) == 2
    assert matches.next_in(shown, 2, -1) == 14  # wraps to the last
    assert matches.next_in(shown, 0, 1) == 2 and matches.next_in(shown, 30, -1) == 14
    assert matches.next_in(SortedPositions([5]), 5, 1) == 5  # the only one: itself
    assert matches.next_in(SortedPositions([1, 3]), 0, 1) is None
    assert SortedPositions().next_in(shown, 0, 1) is None


def test_prepared_index_has_the_groups_expanded():
    from timeline_tui.view.prepared import prepare

    seed = load([str(EVENTS)])  # a fresh one: nothing built on it yet
    prepared = prepare(seed)
    with_events = set(prepared.index.by_actor)
    groups = {a.id for a in seed.actors if len(seed.actors.expand(a.id) & with_events) > 1}
    assert groups and set(prepared.index._expanded) == groups  # one list is by_actor's own
    assert len(prepared.keys) == len(seed.events)
    assert len([r for r in prepared.all_rows.event if r >= 0]) == len(seed.events)


def test_counts_from_lists_match_counts_from_sets(seed: Timeline):
    index = Index.build(seed)
    within = {p for p in range(0, len(seed.events), 2)}
    for actor in seed.actors:
        mine = index.events_of(actor.id)
        assert index.count_of(actor.id) == len(mine)
        assert index.count_of(actor.id, within) == len(mine & within)


# ── the query language, evaluated against the index ─────────────────────

FIELDED = """
    [[actors]]
    id = "rubio"
    name = "Marco Rubio"

    [[sources]]
    id = "wire"
    title = "A wire story"

    [[events]]
    id = "istanbul-talks"
    title = "Talks in İstanbul"
    when = 2025-08-15
    status = "reported"
    location = "İstanbul, Türkiye"
    tags = ["ceasefire", "security guarantees"]
    sources = ["wire"]
    notes = "Reported by one outlet only."

    [[events]]
    id = "rubio-remarks"
    title = "Rubio on concessions"
    when = 2025-08-17
    status = "reported"
    actors = ["rubio"]
    tags = ["sanctions"]
    [[events.quotes]]
    speaker = "rubio"
    text = "Both sides will need to give"

    [[events]]
    id = "coarse"
    title = "Plans for a reassurance force"
    when = "August 2025"
    status = "scheduled"
    actors = ["nobody-known"]

    [[events]]
    id = "late"
    title = "Follow-up call"
    when = 2025-09-02
    tags = ["Ceasefire"]
"""


@pytest.fixture
def fielded(write: Write) -> Index:
    write("story.toml", STORY)
    more = write("more/fields.toml", FIELDED)
    return Index.build(load([str(more.parent.parent)]))


def found(index: Index, text: str) -> list[str]:
    query = parse_query(text, date(2025, 8, 20))
    return [index.timeline.events[p].id for p in evaluate(query, index).positions]


def test_fields_pick_their_events(fielded):
    assert found(fielded, "tag:ceasefire") == ["istanbul-talks", "late"]  # any case
    assert found(fielded, 'tag:"security guarantees"') == ["istanbul-talks"]
    assert found(fielded, "tag:guarantee") == ["istanbul-talks"]  # no tag is it: holding it
    assert found(fielded, "place:istanbul") == ["istanbul-talks"]  # accents folded
    assert found(fielded, "status:reported") == ["istanbul-talks", "rubio-remarks"]
    assert found(fielded, "status:scheduled") == ["coarse"]
    assert found(fielded, "source:WIRE") == ["istanbul-talks"]
    assert found(fielded, "has:quote") == ["berlin", "rubio-remarks"]
    assert found(fielded, "file:fields.toml") == [
        "coarse", "istanbul-talks", "rubio-remarks", "late",
    ]  # fmt: skip
    assert found(fielded, "file:more/*") == found(fielded, "file:fields.toml")
    assert found(fielded, "actor:rubio") == ["rubio-remarks"]


def test_words_phrases_and_negation(fielded):
    assert found(fielded, "istanbul") == ["istanbul-talks"]  # "İstanbul" in the title
    assert found(fielded, "outlet") == ["istanbul-talks"]  # notes are searched
    assert found(fielded, "status:reported -actor:rubio") == ["istanbul-talks"]
    assert found(fielded, "-tag:ceasefire status:reported") == ["rubio-remarks"]
    assert found(fielded, '-"white house" -ceasefire') == [
        "coarse", "paris", "coalition-plan", "rubio-remarks", "france-note",
    ]  # fmt: skip


def test_or_takes_either(fielded):
    assert found(fielded, "ceasefire OR sanctions") == [
        "berlin", "istanbul-talks", "rubio-remarks", "washington", "late",
    ]  # fmt: skip
    assert found(fielded, "tag:ceasefire OR tag:sanctions status:reported") == [
        "istanbul-talks", "rubio-remarks",
    ]  # fmt: skip
    assert found(fielded, "actor:rubio OR -status:occurred") == [
        "coarse", "istanbul-talks", "rubio-remarks",
    ]  # fmt: skip


def test_dates_match_events_that_may_fall_in_them(fielded):
    # after: from the start of its day on, before: before its day (as Gmail has them); the
    # month-precision event may fall on any day of August, so it is in every August range.
    assert found(fielded, "after:2025-08-16 before:2025-08-18") == ["coarse", "rubio-remarks"]
    assert found(fielded, "on:2025-08-15") == ["coarse", "istanbul-talks"]
    assert found(fielded, "2025-08-15") == found(fielded, "on:2025-08-15")
    assert found(fielded, "after:2025-08-19") == ["coarse", "france-note", "late"]
    assert found(fielded, "before:2025-08-11") == ["coarse", "paris"]
    assert found(fielded, "on:2025-09") == ["late"]
    assert found(fielded, "after:-3d -tag:ceasefire") == [
        "coarse", "rubio-remarks", "washington", "france-note",
    ]  # fmt: skip
    assert found(fielded, "-on:2025-08") == ["late"]


def test_is_and_has_with_data_behind_them_and_without(fielded):
    assert found(fielded, "has:problem") == ["coarse"]  # its unknown actor is warned of
    assert found(fielded, "is:stale") == []
    result = evaluate(parse_query("is:star OR has:note ceasefire"), fielded)
    assert list(result.positions) == []
    assert result.notes == ("is:star: no stars yet", "has:note: no analyst notes yet")


def test_a_broken_file_s_last_good_events_are_stale(write: Write):
    path = write("story.toml", STORY)
    space = Workspace([str(path)])
    space.load()
    path.write_text(STORY + "\n[[events]\n")
    index = Index.build(space.refresh([str(path)]))
    assert found(index, "is:stale") == event_ids(index.timeline)
    assert found(index, "-is:stale") == []


def test_apply_combines_the_actors_chosen_with_the_query(fielded):
    assert ids(fielded, actors("macron", text="ceasefire OR hosts")) == ["paris", "washington"]
    with pytest.raises(QueryError):
        apply(Query(text="tga:x"), fielded)


def test_days_of_each_kind_of_date(write) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from timeline_tui.core.columns import days_of_key, group_key
    from timeline_tui.loading.workspace import load

    folder = write(
        "d/a.toml",
        """
        [[events]]
        id = "day"
        title = "A day"
        when = 2025-08-18
        [[events]]
        id = "month"
        title = "A month"
        when = "August 2025"
        [[events]]
        id = "between"
        title = "Between"
        earliest = 2025-08-15
        latest = 2025-08-17
        [[events]]
        id = "by"
        title = "By"
        latest = 2025-08-17
        [[events]]
        id = "unreadable"
        title = "Unreadable"
        when = "the thirty-second of Smarch"
        """,
    ).parent
    timeline = load([str(folder)])
    days = {e.id: days_of_key(group_key(e)) for e in timeline.events}
    o = date.toordinal
    assert days["day"] == (o(date(2025, 8, 18)),) * 2
    assert days["month"] == (o(date(2025, 8, 1)), o(date(2025, 8, 31)))
    assert days["between"] == (o(date(2025, 8, 15)), o(date(2025, 8, 17)))
    assert days["by"] == (1, o(date(2025, 8, 17)))
    assert days["unreadable"][0] > days["unreadable"][1]  # no day at all
