"""Fixtures for every tier: files written into tmp_path, the seed timeline, private user dirs."""

from __future__ import annotations

import os
import signal
import textwrap
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import settings
from support import EVENTS, Write

from timeline_tui.core.timeline import Timeline
from timeline_tui.loading.workspace import load


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """write("a/b.toml", text) makes the file under tmp_path and returns its path.

    Text is dedented and written as UTF-8 with no newline translation; bytes are written as is.
    """

    def make(name: str, content: str | bytes = "", *, dedent: bool = True) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            text = textwrap.dedent(content).lstrip("\n") if dedent else content
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return make


@pytest.fixture
def deadline():
    """Fail (instead of hanging) if the test runs for more than five seconds."""

    def expire(signum, frame):
        raise TimeoutError("blocked for more than five seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 5)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


class NonBlockingHandle:
    """A file handle like /proc/kmsg's with nothing to read: read() gives `reads` in turn
    (None where a non-blocking read would block)."""

    def __init__(self, handle, reads):  # type: ignore[no-untyped-def]
        self.handle, self.reads = handle, list(reads)

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        self.handle.close()

    def fileno(self):  # type: ignore[no-untyped-def]
        return self.handle.fileno()

    def read(self, size=-1):  # type: ignore[no-untyped-def]
        return self.reads.pop(0)


@pytest.fixture
def blocking_reads(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """blocking_reads(path, reads=[None]): the file at `path` (by inode, so through any link
    to it) reads as /proc/kmsg does when the kernel has nothing to say; others read as usual.
    A real /proc/kmsg is not used: reading it takes the messages away from the system log."""
    real_fdopen = os.fdopen

    def block(path: Path, reads: Iterable[object] = (None,)) -> None:
        inode = os.stat(path).st_ino

        def fdopen(fd, *args):  # type: ignore[no-untyped-def]
            handle = real_fdopen(fd, *args)
            return NonBlockingHandle(handle, reads) if os.fstat(fd).st_ino == inode else handle

        monkeypatch.setattr(os, "fdopen", fdopen)

    return block


@pytest.fixture(scope="session")
def seed() -> Timeline:
    """The seed story in events/, loaded once for the session."""
    return load([str(EVENTS)])


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, turned on; files count as settled at once."""
    from timeline_tui.loading import cache, stamp

    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setattr(stamp, "RACY_NS", 0)
    return folder


@pytest.fixture(autouse=True, scope="session")
def _private_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterable[None]:
    """Tests never touch the user's real cache, recent-paths list or config file."""
    names = ("TIMELINE_TUI_CACHE_DIR", "TIMELINE_TUI_DATA_DIR", "TIMELINE_TUI_CONFIG_DIR")
    saved = {k: os.environ.get(k) for k in names}
    os.environ["TIMELINE_TUI_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["TIMELINE_TUI_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    os.environ["TIMELINE_TUI_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data folder for each test: the view one test's app keeps at quit (and what it had
    seen) would otherwise be the next one's start on the same paths."""
    monkeypatch.setenv("TIMELINE_TUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True, scope="session")
def _utc_local_zone() -> Iterable[None]:
    """The machine's zone is UTC in every test, so that the default display zone (local) shows
    the same times and the same "times in UTC" on every machine."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


# Hypothesis: "ci" (the default) is derandomized and bounded, so a run takes seconds and fails
# the same way every time; HYPOTHESIS_PROFILE=thorough runs many random examples instead.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
