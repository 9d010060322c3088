"""The config file: read leniently (a broken one reported, never fatal), saved keeping comments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import Write, errors, only, warnings_

from timeline_tui.loading import atomic
from timeline_tui.loading.config import Settings, config_file, read_config, save_setting


def test_no_file_gives_the_defaults_and_no_problem(tmp_path: Path) -> None:
    config = read_config(tmp_path / "config.toml")
    assert config.settings == Settings()
    assert config.problems == ()


def test_settings_are_read(write: Write) -> None:
    file = write(
        "config.toml",
        """
        theme = "textual-light"
        zone = "Europe/Kyiv"
        side_pane = false
        recent_limit = 5
        screenshot_dir = "/tmp/shots"
        restore_view = false
        """,
    )
    settings = read_config(file).settings
    assert settings == Settings(
        theme="textual-light",
        zone="Europe/Kyiv",
        side_pane=False,
        recent_limit=5,
        screenshot_dir="/tmp/shots",
        restore_view=False,
    )


def test_invalid_toml_is_reported_with_its_place_and_ignored(write: Write) -> None:
    file = write("config.toml", 'theme = "nord"\nzone = \n')
    config = read_config(file)
    assert config.settings == Settings()
    (problem,) = errors(config.problems)
    assert (problem.path, problem.line) == (str(file), 2)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('zone = "Mars/Olympus"', "IANA zone"),
        ('zone = "' + "a." * 300 + 'x/y"', "IANA zone"),
        ("side_pane = 1", "true or false"),
        ("recent_limit = -1", "whole number"),
        ("recent_limit = true", "whole number"),
        ("screenshot_dir = 3", "string"),
        ('restore_view = "no"', "true or false"),
    ],
)
def test_a_bad_setting_is_an_error_on_its_line_and_the_rest_is_kept(
    write: Write, line: str, reason: str
) -> None:
    config = read_config(write("config.toml", f'theme = "nord"\n{line}\n'))
    assert only(config.problems, reason).line == 2
    assert config.settings == Settings(theme="nord")


def test_an_unknown_setting_is_a_warning_naming_the_known_ones(write: Write) -> None:
    config = read_config(write("config.toml", 'theme = "nord"\ncolour = "red"\n'))
    assert config.settings.theme == "nord"
    (problem,) = warnings_(config.problems)
    assert "colour" in problem.message and "theme" in problem.message and problem.line == 2


def test_an_unreadable_or_huge_or_binary_file_is_reported_not_raised(write: Write) -> None:
    assert errors(read_config(write("big.toml", b"#" * (70 * 1024))).problems)
    assert errors(read_config(write("bin.toml", b"theme = '\xff'\n")).problems)
    folder = write("dir.toml/x", "")  # a folder named config.toml cannot be read as a file
    assert errors(read_config(folder.parent).problems)


def test_saving_keeps_comments_and_other_settings(write: Write) -> None:
    original = '# my settings\nzone = "UTC"  # always UTC\n\ntheme = "nord"\n'
    file = write("config.toml", original)
    assert save_setting("theme", "gruvbox", file) is None
    assert file.read_text() == original.replace('"nord"', '"gruvbox"')
    assert save_setting("side_pane", True, file) is None
    assert read_config(file).settings == Settings(theme="gruvbox", zone="UTC", side_pane=True)
    assert file.read_text().startswith('# my settings\nzone = "UTC"  # always UTC\n')


def test_saving_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    file = tmp_path / "new" / "config.toml"
    assert save_setting("theme", "nord", file) is None
    assert read_config(file).settings.theme == "nord"


def test_saving_refuses_a_file_that_does_not_parse_and_leaves_it_as_it_was(write: Write) -> None:
    file = write("config.toml", "theme = \n# keep me\n")
    why = save_setting("theme", "nord", file)
    assert why is not None and "not valid TOML" in why
    assert file.read_text() == "theme = \n# keep me\n"


def test_saving_refuses_an_invalid_value(tmp_path: Path) -> None:
    assert save_setting("zone", "Nowhere/Else", tmp_path / "c.toml") is not None
    assert save_setting("nonsense", "x", tmp_path / "c.toml") is not None
    assert not (tmp_path / "c.toml").exists()


def test_a_failed_write_leaves_the_old_file_whole(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write("config.toml", 'theme = "nord"\n')

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    why = save_setting("theme", "gruvbox", file)
    assert why is not None and "No space left" in why
    assert file.read_text() == 'theme = "nord"\n'
    assert os.listdir(file.parent) == ["config.toml"]  # no temporary file left behind


def test_the_config_file_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_TUI_CONFIG_DIR", str(tmp_path))
    assert config_file() == tmp_path / "config.toml"
