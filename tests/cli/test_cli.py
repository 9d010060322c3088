"""The command line end to end: `timeline list`, `timeline check`, usage errors, safe output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import CRASHERS, EVENTS, REPO

from timeline_tui.cli import main

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PROBLEM = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+)$"
)
JSON_FIELDS = {
    "id", "title", "start", "end", "precision", "status", "location", "actors", "tags", "summary",
    "quotes", "file", "line",
}  # fmt: skip


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of main(argv); SystemExit counts as a return."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, *argv: str) -> list[dict]:
    code, out, err = run(capsys, "list", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


# ── list ────────────────────────────────────────────────────────────────


def test_list_actor_merz_is_the_two_monday_white_house_events(capsys):
    code, out, err = run(capsys, "list", str(EVENTS), "--actor", "Merz")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("Mon 18 Aug 2025") for line in lines)
    assert "Zelenskyy meets Trump at the White House" in lines[0] + lines[1]
    assert "Working lunch and wider talks with European leaders" in lines[0] + lines[1]
    events = listed(capsys, str(EVENTS), "--actor", "merz")
    assert {e["id"] for e in events} == {"white-house-talks", "white-house-working-lunch"}
    assert {e["start"] for e in events} == {"2025-08-18"}


def test_list_actor_group_finds_its_countries_and_their_leaders(capsys, seed):
    events = listed(capsys, str(EVENTS), "--actor", "Coalition of the Willing")
    involved = {"coalition-of-the-willing", "france", "germany", "united-kingdom"}
    involved |= {a.id for a in seed.actors if set(a.affiliations) & involved}
    assert {"macron", "merz", "starmer"} <= involved
    expected = [e.id for e in seed.events if involved & set(e.actors)]
    assert [e["id"] for e in events] == expected
    assert {"coalition-reassurance-force", "white-house-talks"} <= set(expected)


def test_list_repeated_actor_matches_any_of_them(capsys, seed):
    both = {e["id"] for e in listed(capsys, str(EVENTS), "--actor", "Merz", "--actor", "Rubio")}
    merz = {e["id"] for e in listed(capsys, str(EVENTS), "--actor", "Merz")}
    rubio = {e["id"] for e in listed(capsys, str(EVENTS), "--actor", "Rubio")}
    assert rubio and both == merz | rubio


def test_list_search_narrows_the_actor_filter(capsys):
    events = listed(capsys, str(EVENTS), "--actor", "Zelenskyy", "--search", "ceasefire brussels")
    assert [e["id"] for e in events] == ["zelenskyy-brussels-remarks"]


def ids_of(capsys, *argv: str) -> list[str]:
    return [e["id"] for e in listed(capsys, str(EVENTS), *argv)]


def test_query_actor_and_tag_is_the_two_white_house_meetings_merz_is_at(capsys):
    found = ids_of(capsys, "--query", 'actor:merz tag:"security guarantees"')
    assert found == ["white-house-talks", "white-house-working-lunch"]


def test_query_status_without_an_actor_leaves_out_his_events(capsys):
    found = ids_of(capsys, "--query", "status:reported -actor:rubio")
    events = listed(capsys, str(EVENTS))
    reported = [e["id"] for e in events if e["status"] == "reported"]
    rubio = set(ids_of(capsys, "--actor", "rubio"))
    assert rubio & set(reported) and found == [i for i in reported if i not in rubio]
    assert len(found) == 8


def test_query_dates_give_what_may_fall_from_the_16th_up_to_the_18th(capsys):
    events = listed(capsys, str(EVENTS), "--query", "after:2025-08-16 before:2025-08-18")
    days = {e["start"] for e in events if e["start"]}
    assert days == {"2025-08-17"}  # the Sunday: the 16th has none, the 18th is not before it
    may_fall = [  # known only by bounds that overlap the range: all of them, nothing else
        e["id"]
        for e in listed(capsys, str(EVENTS))
        if not e["start"]
        and (e["earliest"] or "0") <= "2025-08-17"
        and (e["latest"] or "9") >= "2025-08-16"
    ]
    assert may_fall and [e["id"] for e in events if not e["start"]] == may_fall


def test_query_or_gives_either_word(capsys):
    either = ids_of(capsys, "--query", "ceasefire OR sanctions")
    one, other = ids_of(capsys, "--search", "ceasefire"), ids_of(capsys, "--search", "sanctions")
    assert one and either == [i for i in ids_of(capsys) if i in set(one) | set(other)]
    assert len(either) == 6


def test_query_actor_and_search_options_are_terms_of_one_query(capsys):
    assert ids_of(
        capsys, "--actor", "Zelenskyy", "--search", "ceasefire", "--query", "brussels"
    ) == ["zelenskyy-brussels-remarks"]


@pytest.mark.parametrize(
    ("option", "text", "column"),
    [("--query", "kyiv tga:x", 6), ("--query", "ceasefire OR", 11), ("--search", "on:blah", 4)],
)
def test_a_query_that_does_not_parse_exits_2_saying_where(capsys, option, text, column):
    code, out, err = run(capsys, "list", str(EVENTS), option, text)
    assert (code, out) == (2, "")
    assert err.startswith(f"timeline: {option} {text!r}: column {column}: ")
    assert len(err.splitlines()) == 1


def test_a_field_with_no_data_yet_says_so_and_lists_nothing(capsys):
    code, out, err = run(capsys, "list", str(EVENTS), "--query", "is:star")
    assert (code, out) == (0, "")
    assert "is:star: no stars yet" in err


def test_list_is_in_time_order(capsys, seed):
    events = listed(capsys, str(EVENTS))
    assert [e["id"] for e in events] == [e.id for e in seed.events]
    friday = next(e for e in events if e["id"] == "trump-putin-meeting")
    assert friday["start"] == "2025-08-15"  # "Friday" before the Sunday reference date


def test_list_json_has_the_contract_fields_with_canonical_names(capsys):
    events = listed(capsys, str(EVENTS))
    assert events and all(set(e) >= JSON_FIELDS for e in events)
    talks = next(e for e in events if e["id"] == "white-house-talks")
    assert talks["actors"][:2] == ["Volodymyr Zelenskyy", "Donald Trump"]  # given as aliases
    assert (talks["status"], talks["precision"], talks["end"]) == ("scheduled", "day", None)
    assert talks["location"] == "White House, Washington"
    assert "ceasefire" in talks["tags"]
    stop = next(e for e in events if e["id"] == "von-der-leyen-stop-the-killing")
    assert stop["quotes"] == [{"speaker": "Ursula von der Leyen", "text": "to stop the killing"}]
    assert (stop["start"], stop["earliest"], stop["latest"]) == (None, None, "2025-08-17")
    speakers = {q["speaker"] for e in events for q in e["quotes"]}
    assert speakers == {"Volodymyr Zelenskyy", "Ursula von der Leyen"}


ZONES = REPO / "tests" / "data" / "zones"  # held out: New York, Kyiv and UTC around midnight


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", ["Mon 18 Aug 2025 22:00 UTC", "Mon 18 Aug 2025 23:15 UTC",
                 "Tue 19 Aug 2025 03:30 UTC", "Tue 19 Aug 2025 05:00 UTC"]),
        ("Europe/Kyiv", ["Tue 19 Aug 2025 01:00 EEST", "Tue 19 Aug 2025 02:15 EEST",
                         "Tue 19 Aug 2025 06:30 EEST", "Tue 19 Aug 2025 08:00 EEST"]),
    ],
)  # fmt: skip
def test_list_zone_prints_every_time_and_date_in_that_zone(capsys, zone, expected):
    code, out, err = run(capsys, "list", str(ZONES), "--zone", zone)
    assert (code, err) == (0, "")
    assert [line[:28].rstrip() for line in out.splitlines()] == expected
    starts = [e["start"] for e in listed(capsys, str(ZONES), "--zone", zone)]
    assert (
        starts[0]
        == {"UTC": "2025-08-18T22:00+00:00", "Europe/Kyiv": "2025-08-19T01:00+03:00"}[zone]
    )


def test_list_zone_with_an_unknown_name_exits_2_saying_why(capsys):
    code, out, err = run(capsys, "list", str(ZONES), "--zone", "Mars/Olympus")
    assert (code, out) == (2, "")
    assert "unknown time zone 'Mars/Olympus'" in err and len(err.splitlines()) == 1


def test_list_shows_the_seeds_bounds_as_the_article_supports_them(capsys):
    code, out, _ = run(capsys, "list", str(EVENTS))
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    assert "between 15 and 17 Aug 2025" in lines and "by 17 Aug 2025" in lines
    assert not any(
        "Aug 2025 ·" in line or line.startswith("about Aug") for line in out.splitlines()
    )
    for event in listed(capsys, str(EVENTS)):
        assert event["start"] or event["earliest"] or event["latest"], event["id"]


def test_list_json_file_and_line_point_at_the_event(capsys):
    for event in listed(capsys, str(EVENTS)):
        lines = Path(event["file"]).read_text(encoding="utf-8").splitlines()
        assert lines[event["line"] - 1].strip() == "[[events]]"
        assert lines[event["line"]].strip() == f'id = "{event["id"]}"'


def test_list_of_an_unreadable_folder_says_so_and_exits_1(capsys, write, tmp_path, monkeypatch):
    """As `chmod 000` would (the tests may run as root, who reads every folder)."""
    write("locked/a.toml", "[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-17\n")
    locked, scandir = str(tmp_path / "locked"), os.scandir

    def refuse(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, out, err = run(capsys, "list", locked, "--json")
    assert (code, json.loads(out)) == (1, [])
    assert err == "1 error: run timeline check\n"
    code, out, err = run(capsys, "check", locked)
    assert code == 1
    assert out == f"{locked}:1:1: error: permission denied; not read\n"


def test_list_counts_the_problems_on_stderr_and_exits_1_on_an_error(capsys, write):
    one = "[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-17\n"
    path = write("a.toml", one + one.replace("'A'", "'B'") + "color = 1\n")
    code, out, err = run(capsys, "list", str(path))
    assert code == 1
    assert len(out.splitlines()) == 1  # the first of the two duplicates
    assert err == "1 error, 1 warning: run timeline check\n"


def test_list_of_nothing_matching_prints_nothing(capsys):
    code, out, _ = run(capsys, "list", str(EVENTS), "--search", "no-such-word-anywhere")
    assert (code, out) == (0, "")
    assert listed(capsys, str(EVENTS), "--search", "no-such-word-anywhere") == []


# ── check ───────────────────────────────────────────────────────────────


def test_check_of_the_seed_prints_nothing_and_exits_0(capsys):
    code, out, err = run(capsys, "check", str(EVENTS))
    assert (code, out) == (0, "")
    assert "19 events" in err and "0 errors" in err


def test_check_of_a_bad_file_prints_path_line_column_and_exits_1(capsys, write):
    bad = write("bad.toml", "[[events]]\nid = 'a'\ntitle = = 'x'\n")
    odd = write(
        "odd.toml", "[[events]]\nid = 'b'\ntitle = 'B'\nwhen = 2025-08-17\ncolour = 'red'\n"
    )
    code, out, err = run(capsys, "check", str(bad), str(odd))
    assert code == 1
    problems = [PROBLEM.match(line) for line in out.splitlines()]
    assert all(problems), out
    found = {(m["path"], m["line"], m["column"], m["severity"]) for m in problems}
    assert (str(bad), "3", "9", "error") in found
    assert (str(odd), "5", "1", "warning") in found
    assert "Traceback" not in err


def test_check_with_only_warnings_exits_0_and_prints_them(capsys, write):
    path = write("w.toml", "[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-17\ntitel = 'x'\n")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    (line,) = out.splitlines()
    assert line.startswith(f"{path}:5:1: warning: unknown key 'titel'")


def test_check_prints_one_line_per_problem_even_for_odd_file_names(capsys, write, tmp_path):
    write("a\nb\x1b[31m.toml", "x = = 1\n")
    write("c\u202ed.toml", "y = = 1\n")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert len(out.splitlines()) == 2
    assert not UNSAFE.search(out)


# ── usage errors, help and missing paths ────────────────────────────────


@pytest.mark.parametrize("argv", [["--help"], ["-h"], [str(EVENTS), "--help"], ["x", "-h", "y"]])
def test_help_anywhere_shows_every_command(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith("usage: timeline [PATH ...]")
    assert "list" in out and "check" in out


def test_help_lists_every_command_and_a_line_on_each(capsys):
    code, out, err = run(capsys, "--help")
    lines = out.splitlines()
    for usage in ("timeline [PATH ...]", "timeline list [PATH ...]", "timeline check [PATH ...]"):
        (line,) = [line for line in lines if line.strip().startswith(usage + "  ")]
        assert len(line.split(usage, 1)[1].strip()) > 20, line  # what it does, on its line
    assert "open the app" in out
    assert any(line.strip().startswith("--version  ") for line in lines)


def test_version_prints_the_installed_version(capsys):
    from importlib import metadata

    code, out, err = run(capsys, "--version")
    assert (code, out, err) == (0, f"timeline {metadata.version('timeline-tui')}\n", "")


def test_version_falls_back_to_the_packages_own_when_not_installed(capsys, monkeypatch):
    from importlib import metadata

    import timeline_tui

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert run(capsys, "--version") == (0, f"timeline {timeline_tui.__version__}\n", "")


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Zelenskiyy", " (did you mean 'Zelenskyy'?)"),
        ("nobody", ""),
        ("MERZZ", " (did you mean 'Merz'?)"),
    ],
)
def test_list_unknown_actor_is_a_usage_error_with_a_did_you_mean(capsys, name, hint):
    code, out, err = run(capsys, "list", str(EVENTS), "--actor", "Merz", "--actor", name)
    assert (code, out) == (2, "")
    assert err == f"timeline: unknown actor {name!r}{hint}\n"


def test_check_of_a_folder_with_no_toml_file_says_so_and_exits_1(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("not a record")
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == f"timeline: no .toml file found in {tmp_path}; nothing was checked\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--bogus"],
        ["check", "--bogus"],
        ["--bogus"],
        ["list", "--actor"],
        ["list", "--json=yes"],
    ],
)
def test_usage_error_exits_2_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("timeline: ")


@pytest.mark.parametrize("command", [["list"], ["check"], []])
def test_missing_path_exits_2_with_one_line(capsys, tmp_path, command):
    missing = tmp_path / "no-such-folder"
    code, out, err = run(capsys, *command, str(missing))
    assert code == 2
    assert out == ""
    assert err.strip().splitlines() == [f"timeline: no such file or folder: {missing}"]


def test_usage_error_does_not_echo_control_characters(capsys):
    code, _, err = run(capsys, "list", "--\x1b]52;c;aGk=\x07")
    assert code == 2
    assert not UNSAFE.search(err)
    assert len(err.strip().splitlines()) == 1


def test_missing_path_message_does_not_echo_control_characters(capsys, tmp_path):
    code, _, err = run(capsys, "list", str(tmp_path / "x\x1b[2Jy\nz"))
    assert code == 2
    assert not UNSAFE.search(err)
    assert len(err.strip().splitlines()) == 1


# ── untrusted text ──────────────────────────────────────────────────────

HOSTILE_TITLE = "Clear\x1b[2J screen\x07 \x9b31m C1 \u202eevil\u202c [/] [@click=app.quit]x\rback"


@pytest.fixture
def hostile(write) -> Path:
    text = (
        "[[events]]\nid = 'h'\ntitle = {0}\nwhen = 2025-08-17\nsummary = {0}\n"
        "actors = [{0}]\n[[events.quotes]]\nspeaker = {0}\ntext = {0}\n"
    ).format(json.dumps(HOSTILE_TITLE))
    return write("hostile.toml", text)


def test_list_never_prints_control_characters(capsys, hostile):
    code, out, err = run(capsys, "list", str(hostile))
    assert code == 0
    assert len(out.splitlines()) == 1
    assert not UNSAFE.search(out)
    assert "[@click=app.quit]x" in out  # shown as written, not interpreted


def test_list_json_escapes_control_characters_and_keeps_the_text(capsys, hostile):
    code, out, _ = run(capsys, "list", str(hostile), "--json")
    assert code == 0
    assert not UNSAFE.search(out)
    (event,) = json.loads(out)
    assert event["title"] == HOSTILE_TITLE
    assert event["quotes"][0]["text"] == HOSTILE_TITLE


def test_check_never_prints_control_characters(capsys, hostile):
    code, out, _ = run(capsys, "check", str(hostile))
    assert code == 0  # unknown actor names are warnings
    assert out and not UNSAFE.search(out)
    assert all(PROBLEM.match(line) for line in out.splitlines())


# ── real processes ──────────────────────────────────────────────────────


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "timeline_tui", *args]


def test_console_script_lists_the_seed(tmp_path):
    script = Path(sys.executable).parent / "timeline"
    argv = [str(script)] if script.exists() else command()
    result = subprocess.run(
        [*argv, "list", str(EVENTS), "--actor", "Merz", "--json"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert {e["id"] for e in json.loads(result.stdout)} == {
        "white-house-talks", "white-house-working-lunch",
    }  # fmt: skip


def test_module_check_of_a_bad_folder_exits_1_without_a_traceback(tmp_path):
    (tmp_path / "bad.toml").write_text("[[events]\n")
    result = subprocess.run(
        command("check", str(tmp_path)), capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 1
    assert result.stdout.startswith(f"{tmp_path / 'bad.toml'}:1:")
    assert "Traceback" not in result.stderr


def test_module_usage_error_exits_2_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "timeline_tui.cli", "list", "--nope"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_list_into_a_closed_pipe_exits_quietly(write, tmp_path):
    one = "[[events]]\nid = 'e{0}'\ntitle = 'Event number {0} {1}'\nwhen = 2025-08-17\n"
    write("many.toml", "".join(one.format(n, "x" * 80) for n in range(3000)))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        command("list", str(tmp_path)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert "Traceback" not in err
    assert code == 0


def test_check_into_a_closed_pipe_keeps_its_exit_status(tmp_path):
    """`timeline check | head -1` with errors: the reader has gone before anything is written
    (its end of the pipe closed first, so the write is refused every time)."""
    (tmp_path / "bad.toml").write_text("[[events]\n")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            command("check", str(tmp_path)), stdout=write_end, stderr=subprocess.PIPE,
            text=True, timeout=60, cwd=REPO,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr, result.stderr
    assert result.stderr == "1 file, 0 events, 1 error, 0 warnings\n"
    assert result.returncode == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("form", [[], ["--json"]])
def test_list_onto_a_full_disk_is_one_line_and_exit_2(form):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            command("list", str(EVENTS), *form), stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=60, cwd=REPO,
        )  # fmt: skip
    assert result.stderr == "timeline: cannot write output: No space left on device\n"
    assert result.returncode == 2


def test_file_names_that_are_not_utf8_print_as_utf8_with_their_bytes_shown(tmp_path):
    """`caf\\xe9\\x9b.toml`: printed raw, 0x9b is a C1 control (CSI) to the terminal, and the
    output (`--json` too) is not UTF-8."""
    name = os.path.join(os.fsencode(tmp_path), b"caf\xe9\x9b.toml")
    with open(name, "wb") as handle:
        handle.write(b"[[events]]\nid = 'a'\ntitle = 'A'\nwhen = 2025-08-17\ncolor = 1\n")
    shown = f"{tmp_path}/caf<0xE9><0x9B>.toml"
    for argv in (["check"], ["list", "--json"]):
        result = subprocess.run(command(*argv, str(tmp_path)), capture_output=True, timeout=60)
        out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")  # strictly
        assert not UNSAFE.search(out + err), out + err
        assert result.returncode == 0, err
        if argv == ["check"]:
            assert out.startswith(f"{shown}:5:1: warning: unknown key 'color'")
        else:
            assert [event["file"] for event in json.loads(out)] == [shown]


def test_module_check_of_files_that_once_crashed_prints_each_problem_at_its_place(tmp_path):
    for name, (content, _, _) in CRASHERS.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "good.toml").write_text("[[events]]\nid = 'g'\ntitle = 'G'\nwhen = 2025-08-18\n")
    result = subprocess.run(
        command("check", str(tmp_path)), capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(PROBLEM.match(line) for line in lines), lines
    for name, (_, line, message) in CRASHERS.items():
        place = f"{tmp_path / name}:{line}:1: error: "
        assert any(shown.startswith(place) and message in shown for shown in lines), name
    # the good one, the one citing a NUL and the three whose dates are unreadable
    assert "7 files, 5 events" in result.stderr


def test_check_of_a_file_whose_read_would_block_prints_it_at_its_place(
    capsys, write, blocking_reads
):
    """As a `*.toml` symlink to /proc/kmsg reads when the kernel log is empty."""
    path = write("kmsg.toml", "x = 1\n")
    write("good.toml", "[[events]]\nid = 'g'\ntitle = 'G'\nwhen = 2025-08-18\n")
    blocking_reads(path)
    code, out, err = run(capsys, "check", str(path.parent))
    assert code == 1
    assert out.startswith(f"{path}:1:1: error: reading it would block")
    assert "2 files, 1 event" in err


def test_list_json_has_every_field_of_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(EVENTS), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    fields = {"id", "title", "start", "end", "earliest", "latest", "precision", "approximate",
              "status", "location", "actors", "tags", "summary", "notes", "quotes", "sources",
              "file", "line"}  # fmt: skip
    assert all(fields <= set(event) for event in events)
    meeting = next(e for e in events if e["id"] == "trump-putin-meeting")
    (source,) = meeting["sources"]
    assert source["id"] == "seed-article" and source["title"]
    assert set(source) == {"id", "title", "publisher", "url", "date", "reliability"}


# ── provenance (tests/data/provenance is made up) ───────────────────────

PROVENANCE = REPO / "tests" / "data" / "provenance"


def test_list_json_gives_each_events_sources_with_their_grades(capsys):
    events = {e["id"]: e for e in listed(capsys, str(PROVENANCE / "story"))}
    closed = events["bridge-closed"]
    assert [(s["id"], s["publisher"], s["reliability"]) for s in closed["sources"]] == [
        ("gazette-print", "Harbour Gazette", "B"),
        ("gazette-web", "harbour  gazette", "B"),
    ]
    assert closed["independent_publishers"] == 1
    assert closed["conflicts"] == ["bridge-closed-radio"]
    assert events["ferry-promised"]["independent_publishers"] == 2
    assert events["council-vote"]["sources"][0]["reliability"] == "D"


def test_check_reports_each_provenance_problem_with_its_position(capsys):
    code, out, _ = run(capsys, "check", str(PROVENANCE / "problems"))
    assert code == 1  # the quote not found, and its figure, are errors
    found = [PROBLEM.match(line) for line in out.splitlines()]
    assert all(found), out
    where: dict[tuple[str, int, str], str] = {}
    for m in found:
        place = (Path(m["path"]).name, int(m["line"]), m["severity"])
        where[place] = where.get(place, "") + m["message"] + "\n"
    for place, text in (
        (("events.toml", 3, "warning"), "conflicting record 'no-such-record' is not loaded"),
        (("events.toml", 10, "warning"), "unknown source 'nobody-published-this'"),
        (("events.toml", 16, "warning"), "source 'early-bulletin' is dated 2031-03-01"),
        (("sources.toml", 16, "warning"), "missing.txt cannot be read"),
        (("events.toml", 38, "error"), "quote not found in the document"),
        (("events.toml", 40, "error"), "the number 9 in a quote occurs nowhere"),
    ):
        assert text in where.get(place, ""), (place, out)
    # the figure's own column on the quote's `text` line: `text = "The council voted 9 to 2`
    assert ":40:27: error: the number 9 in a quote" in out
    code, out, _ = run(capsys, "check", str(PROVENANCE / "story"))
    assert (code, out) == (0, "")


def test_list_names_the_actors_and_prints_no_empty_brackets_for_none(capsys, tmp_path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[events]]\nid = "alone"\ntitle = "Nobody named"\nwhen = 2025-08-18\n\n'
        '[[events]]\nid = "named"\ntitle = "Merz speaks"\nwhen = 2025-08-19\nactors = ["Merz"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "list", str(tmp_path))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].endswith("Nobody named") and lines[1].endswith("Merz speaks  (Merz)")
