"""toml-rs against tomli, the reference: the same values on every valid file, an error with
tomli's message and place on every invalid one, and each known catch of toml-rs guarded."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import tomli
from support import REPO, SHARED

from timeline_tui.records import toml_reading
from timeline_tui.records.toml_reading import fast_parser, loads

toml_rs = pytest.importorskip("toml_rs")
SUITE = SHARED / "data" / "toml-test"
LISTING = SUITE / "files-toml-1.1.0"
NAMES = (
    [line.strip() for line in LISTING.read_text().splitlines() if line.strip().endswith(".toml")]
    if LISTING.is_file()
    else []
)
needs_suite = pytest.mark.skipif(not NAMES, reason=f"the TOML test suite is not at {SUITE}")


def same(a: object, b: object) -> bool:
    """Equal values, NaN equal to NaN, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)  # type: ignore[attr-defined]
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))  # type: ignore[arg-type]
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


def text_of(name: str) -> str | None:
    try:
        return (SUITE / name).read_bytes().decode("utf-8-sig")  # as the loader decodes
    except UnicodeDecodeError:  # invalid UTF-8 is caught before any parser sees the text
        return None


@needs_suite
def test_both_parsers_give_the_same_values_on_every_valid_file() -> None:
    differ = []
    for name in (n for n in NAMES if n.startswith("valid/")):
        text = text_of(name)
        if text is not None and not same(toml_rs.loads(text), tomli.loads(text)):
            differ.append(name)
    assert differ == []


@needs_suite
def test_every_invalid_file_is_an_error_with_tomlis_message_and_place() -> None:
    wrong = []
    for name in (n for n in NAMES if n.startswith("invalid/")):
        text = text_of(name)
        if text is None:
            continue
        try:
            tomli.loads(text)
            continue  # tomli reads it (toml-test 1.1 files tomli takes): nothing to compare
        except (tomli.TOMLDecodeError, ValueError, RecursionError) as expected:
            reference = (type(expected), str(expected))
        with fast_parser():
            try:
                loads(text)
                wrong.append(f"{name}: read")
            except (tomli.TOMLDecodeError, ValueError, RecursionError) as got:
                if (type(got), str(got)) != reference:
                    wrong.append(f"{name}: {got!r} instead of {reference!r}")
    assert wrong == []


def test_the_generated_corpus_reads_the_same_with_both(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    generate = [sys.executable, "-m", "benchmarks.generate", str(out)]
    sizes = ["--events", "3000", "--files", "30"]
    subprocess.run([*generate, *sizes], check=True, cwd=REPO, capture_output=True)
    files = sorted(out.rglob("*.toml"))
    assert len(files) >= 30
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert same(toml_rs.loads(text), tomli.loads(text)), file


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "1" * (sys.get_int_max_str_digits() + 10),  # toml-rs takes it, tomli refuses
        "\ufeffa = 1",  # a second byte order mark (the first went with decoding)
        "a = " + "[" * 150 + "]" * 150,  # nesting tomli may refuse, that toml-rs reads
        "a = " + "[" * 20_000 + "]" * 20_000,  # nesting that crashes toml-rs
        "a = " + '[ "]", ' * 120 + "1" + "]" * 120,  # brackets inside strings
    ],
)
def test_what_toml_rs_reads_differently_goes_to_tomli(text: str) -> None:
    with fast_parser():
        try:
            fast: object = loads(text)
        except Exception as exc:  # noqa: BLE001 - compared with tomli's below
            fast = (type(exc), str(exc))
    try:
        reference: object = tomli.loads(text)
    except Exception as exc:  # noqa: BLE001
        reference = (type(exc), str(exc))
    assert same(fast, reference)


def test_toml_rs_reads_only_inside_fast_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    monkeypatch.setattr(toml_rs, "loads", lambda text: read.append(text) or {"by": "toml-rs"})
    assert loads("a = 1") == {"a": 1}
    with fast_parser() as fast:
        assert fast and toml_reading.loads("a = 1") == {"by": "toml-rs"}
    assert loads("a = 1") == {"a": 1}
    assert read == ["a = 1"]


def test_a_load_survives_a_file_that_would_crash_toml_rs(tmp_path: Path) -> None:
    """Enough files for worker processes; one nests 20,000 deep. Run in a subprocess, so that
    if a guard failed, the crash would fail this test and not end the test run."""
    for number in range(40):
        (tmp_path / f"{number:02d}.toml").write_text(
            f'[[events]]\nid = "e{number}"\ntitle = "E"\nwhen = 2025-08-18\n', encoding="utf-8"
        )
    (tmp_path / "deep.toml").write_text("a = " + "[" * 20_000 + "]" * 20_000, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "timeline_tui", "check", str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
        env={"TIMELINE_TUI_NO_CACHE": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "deep.toml:1:1: error: invalid TOML: nesting too deep to read" in result.stdout
    assert "41 files, 40 events, 1 error" in result.stderr
