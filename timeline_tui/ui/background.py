"""Work run in a daemon thread and awaited, so that quitting never waits on it.

A Textual thread worker runs in the event loop's default executor, whose threads are joined
when the loop closes and again when the interpreter exits: a read that never returns (a hung
network mount, a FIFO where a file was) kept the process alive after `q`. A daemon thread is
not joined; the coroutine awaiting it is cancelled with its worker, and what the thread
finishes after that is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_daemon_thread(work: Callable[[], T], name: str = "background") -> T:
    """work()'s result (or its exception), computed in a daemon thread."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def run() -> None:
        try:
            outcome: tuple[T | None, BaseException | None] = (work(), None)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
            loop.call_soon_threadsafe(_settle, future, *outcome)

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future


def _settle(future: asyncio.Future[T], result: T | None, error: BaseException | None) -> None:
    if future.done():  # cancelled: the worker awaiting it was
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)  # type: ignore[arg-type]
