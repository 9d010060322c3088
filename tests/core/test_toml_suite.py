"""The official TOML 1.1 test suite: every invalid file is an error, every valid file reads."""

from __future__ import annotations

import pytest
from support import SHARED

from timeline_tui.loading.reading import read_file

SUITE = SHARED / "data" / "toml-test"
LISTING = SUITE / "files-toml-1.1.0"

if not LISTING.is_file():
    pytest.skip(
        f"the TOML test suite is not beside the repository ({LISTING} is missing)",
        allow_module_level=True,
    )

NAMES = [
    line.strip() for line in LISTING.read_text().splitlines() if line.strip().endswith(".toml")
]
INVALID = [name for name in NAMES if name.startswith("invalid/")]
VALID = [name for name in NAMES if name.startswith("valid/")]


def test_the_listing_names_both_kinds():
    assert len(INVALID) > 400 and len(VALID) > 200
    missing = [name for name in NAMES if not (SUITE / name).is_file()]
    assert missing == []


def category(name: str) -> str:
    return name.split("/")[1]


def invalid_failures(names: list[str]) -> list[str]:
    failures = []
    for name in names:
        try:
            parsed = read_file(str(SUITE / name))
        except Exception as exc:  # noqa: BLE001 - the point is to report any escape
            failures.append(f"{name}: raised {exc!r}")
            continue
        found = [d for d in parsed.diagnostics if d.is_error and d.line >= 1 and d.column >= 1]
        if not found:
            failures.append(f"{name}: no error ({[d.format() for d in parsed.diagnostics]})")
    return failures


def valid_failures(names: list[str]) -> list[str]:
    failures = []
    for name in names:
        try:
            parsed = read_file(str(SUITE / name))
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{name}: raised {exc!r}")
            continue
        if not parsed.readable:
            failures.append(f"{name}: unreadable ({[d.format() for d in parsed.diagnostics]})")
    return failures


@pytest.mark.parametrize("group", sorted({category(n) for n in INVALID}))
def test_invalid_toml_is_an_error_with_a_position(group):
    names = [n for n in INVALID if category(n) == group]
    assert invalid_failures(names) == []


@pytest.mark.parametrize("group", sorted({category(n) for n in VALID}))
def test_valid_toml_reads(group):
    names = [n for n in VALID if category(n) == group]
    assert valid_failures(names) == []


def test_invalid_errors_are_within_the_file():
    """A position past the end of the file would send an editor nowhere."""
    wrong = []
    for name in INVALID:
        data = (SUITE / name).read_bytes()
        lines = data.count(b"\n") + 1
        for d in read_file(str(SUITE / name)).diagnostics:
            if d.path == str(SUITE / name) and d.line > lines:
                wrong.append(f"{name}: line {d.line} of {lines}")
    assert wrong == []
