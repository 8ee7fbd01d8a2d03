"""store/cache.py `Cached`, the one cache of the web app's whole-archive figures: who waits, who computes,
and what a caller sees while the store grows."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pytest

from newsgraph.store.cache import Cached


class Archive:
    """A stand-in store: a version that moves when a story is added, and a count of computations."""

    def __init__(self) -> None:
        self.stories = ["Floodwater swept through Riverton on Tuesday."]
        self.computed = 0
        self.gate = threading.Event()
        self.gate.set()
        self.fail = False

    def version(self) -> int:
        return len(self.stories)

    def compute(self) -> list[str]:
        self.gate.wait(10)
        self.computed += 1
        if self.fail:
            raise RuntimeError("the store went away")
        return list(self.stories)


def _until(cond: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not cond() and time.monotonic() < deadline:
        time.sleep(0.01)
    return cond()


def test_first_value_is_computed_once_while_callers_wait() -> None:
    arch = Archive()
    arch.gate.clear()
    cache = Cached(arch.compute, arch.version)
    got: list[list[str]] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get())) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    arch.gate.set()
    for t in threads:
        t.join(10)
    assert arch.computed == 1 and len(got) == 8 and all(g is got[0] for g in got)
    assert cache.get() is got[0]  # the store did not change: the same value, not computed again


def test_background_refresh_serves_the_previous_value_meanwhile() -> None:
    arch = Archive()
    cache = Cached(arch.compute, arch.version)
    first = cache.get()
    arch.gate.clear()
    arch.stories.append("Riverton counted 15 dead by Wednesday.")
    for _ in range(5):  # many callers notice; one refresh runs
        assert cache.get() is first
    arch.gate.set()
    assert _until(lambda: len(cache.get()) == 2)
    assert arch.computed == 2


def test_foreground_refresh_gives_the_current_value() -> None:
    arch = Archive()
    cache = Cached(arch.compute, arch.version, background=False)
    assert cache.get() == arch.stories
    arch.stories.append("Hundreds marched in Harbour City against the new port tax.")
    assert len(cache.get()) == 2 and arch.computed == 2


def test_peek_never_waits() -> None:
    arch = Archive()
    arch.gate.clear()
    cache = Cached(arch.compute, arch.version)
    started = time.monotonic()
    assert cache.peek() is None  # nothing yet, and the first computation started in the background
    assert time.monotonic() - started < 1
    arch.gate.set()
    assert _until(lambda: cache.peek() is not None)
    assert cache.peek() == arch.stories and arch.computed == 1


def test_a_failed_refresh_keeps_the_old_value_and_is_tried_again(caplog: pytest.LogCaptureFixture) -> None:
    arch = Archive()
    cache = Cached(arch.compute, arch.version, name="archive summaries")
    first = cache.get()
    arch.fail = True
    arch.stories.append("Harbour City opened a ferry line on Friday.")
    with caplog.at_level(logging.ERROR, logger="newsgraph.store.cache"):
        assert cache.get() is first
        assert _until(lambda: "refreshing the archive summaries failed" in caplog.text)
    arch.fail = False
    assert _until(lambda: len(cache.get()) == 2)


def test_a_first_computation_that_fails_raises_to_the_caller() -> None:
    arch = Archive()
    arch.fail = True
    cache = Cached(arch.compute, arch.version)
    with pytest.raises(RuntimeError, match="went away"):
        cache.get()
    arch.fail = False
    assert cache.get() == arch.stories
