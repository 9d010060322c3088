"""Assembly across files: duplicate ids, names to actors, sources, and quotes against documents."""

from __future__ import annotations

from support import errors, event_ids, only, warnings_

from timeline_tui.core.query import Index, Query, apply
from timeline_tui.loading.workspace import load
from timeline_tui.records.parse import parse
from timeline_tui.storage.assembly import assemble, fold_quote
from timeline_tui.view.problems import EventProblems


def event(event_id: str, extra: str = "", when: str = "2025-08-17") -> str:
    return f'[[events]]\nid = "{event_id}"\ntitle = "Event {event_id}"\nwhen = {when}\n{extra}'


ACTORS = """
    [[actors]]
    id = "zelenskyy"
    name = "Volodymyr Zelenskyy"
    aliases = ["Zelenskyy", "Zelensky"]
"""


# ── duplicate ids ───────────────────────────────────────────────────────


def test_duplicate_event_id_is_an_error_naming_both_places_and_the_first_is_kept(write):
    first = write("a.toml", event("same") + event("other"))
    second = write("b.toml", "# padding\n" + event("same").replace("Event same", "Second copy"))
    timeline = load([str(first), str(second)])
    assert sorted(event_ids(timeline)) == ["other", "same"]
    kept = timeline.events[timeline.index_of("same")]
    assert (kept.title, kept.file, kept.line) == ("Event same", str(first), 1)
    problem = only(errors(timeline.diagnostics), "duplicate event id 'same'")
    assert (problem.path, problem.line) == (str(second), 2)
    assert f"{first}:1" in problem.message


def test_duplicate_event_id_in_one_file_keeps_the_first(write):
    path = write("a.toml", event("same") + event("same", when="2025-08-18"))
    timeline = load([str(path)])
    assert [(e.id, e.line) for e in timeline.events] == [("same", 1)]
    assert only(timeline.diagnostics, "duplicate event id").line == 5


def test_duplicate_actor_id_is_an_error_and_the_first_is_kept(write):
    path = write("actors.toml", ACTORS + '\n[[actors]]\nid = "zelenskyy"\nname = "Impostor"\n')
    timeline = load([str(path)])
    assert timeline.actors["zelenskyy"].name == "Volodymyr Zelenskyy"
    problem = only(errors(timeline.diagnostics), "duplicate actor id")
    assert problem.line == 6
    assert f"{path}:1" in problem.message


def test_duplicate_source_id_is_an_error_and_the_first_is_kept(write):
    path = write(
        "s.toml", '[[sources]]\nid = "s"\ntitle = "One"\n[[sources]]\nid = "s"\ntitle = "Two"\n'
    )
    timeline = load([str(path)])
    assert timeline.sources["s"].title == "One"
    assert only(errors(timeline.diagnostics), "duplicate source id").line == 4


# ── names to actors ─────────────────────────────────────────────────────


def test_event_actors_resolve_to_ids_by_id_name_or_alias(write):
    path = write("a.toml", ACTORS + event("e", 'actors = ["ZELENSKY", "volodymyr  zelenskyy"]\n'))
    timeline = load([str(path)])
    assert timeline.events[0].actors == ("zelenskyy",)  # the same actor twice, kept once
    assert timeline.diagnostics == ()


def test_unknown_actor_name_is_a_warning_and_becomes_an_actor(write):
    path = write("a.toml", event("e", 'actors = ["Zelenskyy", "Mystery Envoy"]\n'))
    timeline = load([str(path)])
    problem = only(warnings_(timeline.diagnostics), "unknown actor 'Mystery Envoy'")
    assert (problem.path, problem.line) == (str(path), 1)
    (actor_id,) = [
        a for a in timeline.events[0].actors if a != timeline.actors.resolve("Zelenskyy")
    ]
    actor = timeline.actors[actor_id]
    assert (actor.name, actor.implicit) == ("Mystery Envoy", True)
    assert timeline.errors == 0


def test_filtering_by_an_implicit_actor_finds_its_events(write):
    path = write(
        "a.toml",
        event("one", 'actors = ["Mystery Envoy"]\n')
        + event("two", 'actors = ["mystery envoy"]\n')
        + event("three", 'actors = ["Someone Else"]\n'),
    )
    timeline = load([str(path)])
    index = Index.build(timeline)
    envoy = timeline.actors.resolve("MYSTERY ENVOY")
    assert envoy is not None
    assert [timeline.events[p].id for p in apply(Query(frozenset({envoy})), index)] == [
        "one",
        "two",
    ]
    assert len(warnings_(timeline.diagnostics)) == 2  # one per unknown name used


def test_implicit_actor_does_not_take_an_existing_id(write):
    witkoff = '[[actors]]\nid = "envoy"\nname = "Steve Witkoff"\n'
    path = write("a.toml", witkoff + event("e", 'actors = ["Envoy!"]\n'))  # slug: "envoy"
    timeline = load([str(path)])
    (made,) = timeline.events[0].actors
    assert made != "envoy"
    assert timeline.actors[made].name == "Envoy!"
    assert timeline.actors["envoy"].name == "Steve Witkoff"


def test_quote_speakers_resolve_and_join_the_event_actors(write):
    path = write(
        "a.toml", ACTORS + event("e", '[[events.quotes]]\nspeaker = "zelensky"\ntext = "words"\n')
    )
    timeline = load([str(path)])
    (event_,) = timeline.events
    assert event_.quotes[0].speaker == "zelenskyy"
    assert event_.actors == ("zelenskyy",)


def test_unknown_affiliation_becomes_an_implicit_actor(write):
    path = write(
        "a.toml", '[[actors]]\nid = "merz"\nname = "Friedrich Merz"\naffiliations = ["CDU"]\n'
    )
    timeline = load([str(path)])
    cdu = timeline.actors.resolve("cdu")
    assert cdu is not None and timeline.actors[cdu].implicit
    assert "merz" in timeline.actors.expand(cdu)
    assert only(warnings_(timeline.diagnostics), "unknown actor 'CDU'").line == 1


def test_actors_defined_in_a_later_file_resolve_names_in_an_earlier_one(write):
    events = write("1-events.toml", event("e", 'actors = ["Zelensky"]\n'))
    actors = write("2-actors.toml", ACTORS)
    timeline = load([str(events), str(actors)])
    assert timeline.events[0].actors == ("zelenskyy",)
    assert timeline.diagnostics == ()


def test_related_event_not_loaded_is_a_warning(write):
    path = write("a.toml", event("a", 'related = ["b", "ghost"]\n') + event("b"))
    timeline = load([str(path)])
    problem = only(warnings_(timeline.diagnostics), "'ghost'")
    assert problem.line == 1
    assert "'b'" not in problem.message


def test_unknown_source_is_a_warning(write):
    path = write("a.toml", event("a", 'source = "nowhere"\n'))
    assert only(warnings_(load([str(path)]).diagnostics), "unknown source 'nowhere'").line == 1


# ── quotes against their source's document ──────────────────────────────

DOCUMENT = (
    "Speaking in Brussels, Zelenskyy said: \u201cIt\u2019s impossible to do this under the\n"
    "   pressure of weapons,\u201d and hoped for a \u2018positive meeting\u2019.\n"
)


def quoted(*texts: str, document: str = "doc.txt") -> str:
    quotes = "".join(f"[[events.quotes]]\nspeaker = 'Zelenskyy'\ntext = {t!r}\n" for t in texts)
    return (
        f'[meta]\nsource = "article"\n[[sources]]\nid = "article"\ndocument = "{document}"\n'
        + ACTORS
        + event("e", quotes)
    )


def test_quote_found_in_the_document_with_folded_spaces_and_quote_marks_passes(write):
    write("doc.txt", DOCUMENT)
    path = write(
        "a.toml",
        quoted("It's impossible to do this under the pressure of weapons", "'positive  meeting'"),
    )
    timeline = load([str(path)])
    assert timeline.diagnostics == ()
    assert len(timeline.events[0].quotes) == 2


def test_quote_not_in_the_document_is_an_error_at_the_quotes_line(write):
    write("doc.txt", DOCUMENT)
    path = write("a.toml", quoted("positive meeting", "a negative meeting"))
    timeline = load([str(path)])
    problem = only(errors(timeline.diagnostics), "quote not found")
    assert (problem.path, problem.line) == (str(path), 18)
    assert timeline.errors == 1
    assert event_ids(timeline) == ["e"]  # the event is still shown


def test_quote_source_can_be_given_per_quote(write):
    write("doc.txt", DOCUMENT)
    write("other.txt", "nothing of the kind")
    text = quoted("positive meeting").replace(
        "text = 'positive meeting'\n", "text = 'positive meeting'\nsource = 'other'\n"
    )
    path = write("a.toml", text + '[[sources]]\nid = "other"\ndocument = "other.txt"\n')
    problem = only(errors(load([str(path)]).diagnostics), "quote not found")
    assert "'other'" in problem.message


def test_missing_document_is_a_warning_not_an_error(write):
    path = write("a.toml", quoted("anything at all", document="missing.txt"))
    timeline = load([str(path)])
    assert timeline.errors == 0
    problem = only(warnings_(timeline.diagnostics), "cannot be read: no such file or folder")
    assert (problem.path, problem.line) == (str(path), 5)  # the source's `document` line


def test_quote_whose_source_has_no_document_is_not_checked(write):
    path = write("a.toml", quoted("anything").replace('document = "doc.txt"\n', ""))
    assert load([str(path)]).diagnostics == ()


def test_each_document_is_read_once():
    reads = []

    def reader(path):
        reads.append(path)
        return "positive meeting"

    text = quoted("positive meeting", "positive", "meeting")
    parsed = parse(text, "/x/a.toml")
    timeline = assemble([parsed], reader)
    assert reads == ["/x/doc.txt"]
    assert timeline.diagnostics == ()


def test_fold_quote_folds_whitespace_and_curly_marks():
    assert fold_quote(" \u201cIt\u2019s\n\t here\u201d ") == '"It\'s here"'
    assert fold_quote("\u2018a\u2019") == "'a'"


def test_seed_quotes_are_found_in_the_seed_article(seed):
    quotes = [q for e in seed.events for q in e.quotes]
    assert len(quotes) == 4
    assert not [d for d in seed.diagnostics if "quote" in d.message]


def test_seed_timeline_loads_clean(seed):
    assert seed.diagnostics == ()
    assert len(seed.events) == 19
    assert len(seed.files) == 6


# ── each problem found on its event ─────────────────────────────────────


def test_problems_found_assembling_name_the_line_of_their_event(write):
    write("doc.txt", DOCUMENT)
    text = quoted("positive meeting", "a negative meeting").replace(
        'when = 2025-08-17\n', 'when = 2025-08-17\nsources = ["article", "nowhere"]\n'
        'actors = ["Nobody Known"]\nrelated = ["ghost"]\n'
    )  # fmt: skip
    path = write("a.toml", text)
    timeline = load([str(path)])
    (event,) = timeline.events
    messages = {d.message.split(" ", 2)[1]: d.event_line for d in timeline.diagnostics}
    assert messages == {"not": event.line, "source": event.line, "actor": event.line,
                        "event": event.line}  # fmt: skip
    problems = EventProblems(timeline.diagnostics)
    assert problems.of(event) == tuple(timeline.diagnostics) and problems.has(event)


def test_problems_of_no_event_are_on_no_event(write):
    quote = "source = 's'\n[[events.quotes]]\nspeaker = 'Zelenskyy'\ntext = 'hi'\n"
    path = write(
        "a.toml", "[[sources]]\nid = 's'\ndocument = 'gone.txt'\n" + ACTORS + event("a", quote)
    )
    timeline = load([str(path)])
    (problem,) = timeline.diagnostics
    assert "not read, its quotes are not checked" in problem.message
    assert problem.event_line == 0
    assert not EventProblems(timeline.diagnostics).has(timeline.events[0])
