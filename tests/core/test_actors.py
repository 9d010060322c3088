"""The actor registry: names to ids, and groups and countries expanded to who belongs to them."""

from __future__ import annotations

from timeline_tui.core.actors import ActorRegistry, fold, slug
from timeline_tui.core.model import Actor


def registry(*actors: Actor) -> ActorRegistry:
    return ActorRegistry(actors)


def test_resolve_by_id_name_and_alias_ignoring_case_and_spacing():
    reg = registry(Actor("zelenskyy", "Volodymyr Zelenskyy", aliases=("Zelensky", "Zelenskiy")))
    for name in ("zelenskyy", "ZELENSKYY", "Volodymyr Zelenskyy", "volodymyr   zelenskyy",
                 " Zelensky ", "zelenskiy"):  # fmt: skip
        assert reg.resolve(name) == "zelenskyy", name
    assert reg.resolve("Zelen") is None


def test_fold_handles_case_beyond_ascii():
    assert fold("STRASSE") == fold("straße")
    assert fold("  Ursula\tvon der  Leyen ") == "ursula von der leyen"


def test_first_actor_to_claim_an_alias_keeps_it():
    reg = registry(
        Actor("a", "Alpha", aliases=("shared",)), Actor("b", "Beta", aliases=("Shared",))
    )
    assert reg.resolve("shared") == "a"
    assert reg.resolve("beta") == "b"


def test_implicit_actor_gets_a_slug_id_and_resolves_by_its_name():
    reg = registry()
    made = reg.add_implicit("  German government official ")
    assert made == "german-government-official"
    assert reg[made].name == "German government official" and reg[made].implicit
    assert reg.resolve("GERMAN GOVERNMENT OFFICIAL") == made


def test_slug_of_a_name_without_letters_is_still_an_id():
    assert slug("???").startswith("actor-")
    assert slug("???") == slug("???") != slug("!!!")


def test_slug_keeps_letters_and_digits_of_every_script():
    assert slug("Владимир Путин") == "владимир-путин"
    assert slug("Κυριάκος Μητσοτάκης") == "κυριάκοσ-μητσοτάκησ"  # casefold: final ς is σ
    assert slug("习近平") == "习近平"
    assert slug("Ｇ７ summit") == "g7-summit"  # NFKC: full-width letters and digits


def test_implicit_ids_sharing_a_base_get_numbered_past_taken_ones():
    reg = registry(Actor("merz", "Friedrich Merz"), Actor("merz-2", "Someone"))
    made = [reg.add_implicit(name) for name in ("Merz!", "merz?", "(Merz)")]
    assert made == ["merz-3", "merz-4", "merz-5"]
    assert [reg.resolve(name) for name in ("Merz!", "merz?", "(Merz)")] == made


def test_name_falls_back_to_the_id():
    reg = registry(Actor("merz", "Friedrich Merz"))
    assert reg.name("merz") == "Friedrich Merz"
    assert reg.name("nobody") == "nobody"


def test_expand_of_a_person_is_the_person():
    reg = registry(
        Actor("merz", "Friedrich Merz", affiliations=("germany",)), Actor("germany", "Germany")
    )
    assert reg.expand("merz") == {"merz"}


def test_expand_of_a_country_includes_people_affiliated_with_it():
    reg = registry(
        Actor("germany", "Germany", kind="country"),
        Actor("merz", "Friedrich Merz", affiliations=("germany",)),
        Actor("official", "German official", affiliations=("germany",)),
        Actor("macron", "Emmanuel Macron", affiliations=("france",)),
    )
    assert reg.expand("germany") == {"germany", "merz", "official"}


def test_expand_of_a_group_includes_members_and_people_affiliated_with_members(seed):
    reg = seed.actors
    coalition = reg.resolve("Coalition of the Willing")
    expanded = reg.expand(coalition)
    assert {"france", "germany", "united-kingdom"} <= expanded
    assert {"macron", "merz", "starmer", "german-government-official"} <= expanded
    assert not expanded & {"trump", "putin", "meloni", "italy", "ukraine"}


def test_expand_of_european_leaders_is_its_members(seed):
    reg = seed.actors
    leaders = {"von-der-leyen", "merz", "starmer", "macron", "meloni", "stubb", "rutte"}
    assert reg.expand("european-leaders") == {"european-leaders"} | leaders


def test_expand_through_nested_groups_and_organizations(seed):
    # von der Leyen is affiliated with the Commission, which is affiliated with the EU.
    assert "von-der-leyen" in seed.actors.expand("european-union")
    assert "european-commission" in seed.actors.expand("european-union")


def test_cycles_in_members_and_affiliations_do_not_hang(deadline):
    reg = registry(
        Actor("a", "A", kind="group", members=("b",)),
        Actor("b", "B", kind="group", members=("c",), affiliations=("a",)),
        Actor("c", "C", kind="group", members=("a",)),
        Actor("self", "Self", kind="group", members=("self",), affiliations=("self",)),
        Actor("d", "D", affiliations=("c",)),
    )
    assert reg.expand("a") == {"a", "b", "c", "d"}
    assert reg.expand("b") == {"a", "b", "c", "d"}
    assert reg.expand("self") == {"self"}
    assert reg.expand("d") == {"d"}


def test_each_loop_of_members_and_affiliations_is_found_once_with_the_record_closing_it():
    reg = registry(
        Actor("a", "A", kind="group", members=("b",)),
        Actor("b", "B", kind="group", members=("c",)),
        Actor("c", "C", kind="group", line=9),
        Actor("d", "D", affiliations=("c",), members=("a",), line=12),
        Actor("self", "Self", kind="group", members=("self",), line=20),
    )
    found = {(cycle.ids, cycle.length, cycle.closed_by.line) for cycle in reg.cycles()}
    assert found == {(("a", "b", "c", "d"), 4, 12), (("self",), 1, 20)}
    assert reg.expand("b") == {"a", "b", "c", "d"}


def test_a_loop_of_groups_is_one_warning_at_the_record_closing_it(write):
    from timeline_tui.loading.workspace import load

    path = write(
        "loop.toml",
        """
        [[actors]]
        id = "nato"
        name = "NATO"
        members = ["Allies"]

        [[actors]]
        id = "allies"
        name = "Allies"
        affiliations = ["nato"]
        members = ["NATO"]
    """,
    )
    timeline = load([str(path)])
    [warning] = timeline.diagnostics
    assert warning.severity == "warning" and warning.line == 6
    assert "'nato' > 'allies' > 'nato'" in warning.message
    assert timeline.actors.expand("nato") == timeline.actors.expand("allies") == {"nato", "allies"}


def test_expand_of_an_unknown_id_is_itself():
    assert registry(Actor("a", "A")).expand("ghost") == {"ghost"}


def test_adding_an_actor_refreshes_expansions():
    reg = registry(Actor("france", "France", kind="country"))
    assert reg.expand("france") == {"france"}
    reg.add(Actor("macron", "Emmanuel Macron", affiliations=("france",)))
    assert reg.expand("france") == {"france", "macron"}


def test_registry_iterates_every_actor_once():
    reg = registry(Actor("a", "A"), Actor("b", "B"))
    reg.add_implicit("C")
    assert sorted(actor.id for actor in reg) == ["a", "b", "c"]
    assert len(reg) == 3 and "a" in reg and "z" not in reg


def test_two_non_latin_actors_without_ids_are_both_kept(write):
    from timeline_tui.loading.workspace import load

    path = write(
        "actors.toml",
        """
        [[actors]]
        name = "Владимир Путин"
        [[actors]]
        name = "Сергей Лавров"
        [[events]]
        id = "talks"
        title = "Talks"
        when = 2025-08-15
        actors = ["Сергей Лавров", "Владимир Путин"]
    """,
    )
    timeline = load([str(path)])
    assert not timeline.diagnostics
    assert {actor.id for actor in timeline.actors} == {"владимир-путин", "сергей-лавров"}
    assert timeline.events[0].actors == ("сергей-лавров", "владимир-путин")


def test_group_members_given_by_name_resolve_in_a_loaded_timeline(write):
    from timeline_tui.loading.workspace import load

    path = write(
        "actors.toml",
        """
        [[actors]]
        id = "coalition"
        name = "Coalition"
        kind = "group"
        members = ["The Republic of France", "Germany"]
        [[actors]]
        id = "france"
        name = "France"
        aliases = ["The Republic of France"]
        [[actors]]
        id = "macron"
        name = "Macron"
        affiliations = ["FRANCE"]
    """,
    )
    timeline = load([str(path)])
    assert timeline.actors.expand("coalition") >= {"france", "macron"}
    germany = timeline.actors.resolve("germany")
    assert germany is not None and timeline.actors[germany].implicit
    assert germany in timeline.actors.expand("coalition")
