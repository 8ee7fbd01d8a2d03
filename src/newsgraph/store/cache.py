"""`Cached`: a value computed from the store and kept until the store changes, the one cache of its kind.

Whole-archive aggregates (the web app's summaries and disputed incidents, the SQLite reader's map of
near-duplicate copies) take from milliseconds to seconds to compute and change only when stories are added.
Each is computed once, kept with the store version it was computed at (`version()`: cheap, and it moves
when stories are added), and computed again when the version has moved:

- `background=True` (the default): in a background thread, while callers keep getting the previous value;
- `background=False`: by the caller that notices, while concurrent callers wait, for a value that must be
  current.

The first value is always computed by the caller (concurrent first callers wait for one computation);
`peek()` never waits: it answers None until a first value exists, and starts that computation.

Why two locks: one guards the state (value, version, whether a refresh runs), so a value is never paired
with the wrong version and a refresh is never started twice; the other is held while computing, so a
value is never computed twice at once, and `peek()` (which takes only the first) never waits on it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Cached(Generic[T]):
    """`Cached(compute, version)`: `get()` the value, `peek()` it without waiting, `warm()` it ahead of use."""

    def __init__(self, compute: Callable[[], T], version: Callable[[], Hashable], *, background: bool = True,
                 name: str = "cache") -> None:
        self._compute = compute
        self._version_now = version
        self.background = background
        self.name = name
        self._state = threading.Lock()  # guards the four fields below
        self._computing = threading.Lock()  # held while computing: one computation at a time
        self._have = False
        self._data: T | None = None
        self._version: Hashable = None
        self._refreshing = False

    def _snapshot(self) -> tuple[bool, T | None, Hashable]:
        with self._state:
            return self._have, self._data, self._version

    def get(self) -> T:
        """The value. The first call computes it; later calls see the store's changes as the module says."""
        now = self._version_now()
        have, data, version = self._snapshot()
        if not have:
            # In background mode any value will do: one computed while this caller waited is recent enough.
            return self._compute_now(now, any_version=self.background)
        if version != now:
            if not self.background:
                return self._compute_now(now, any_version=False)
            self._refresh_later()
        return data  # type: ignore[return-value]  # set whenever _have is

    def peek(self) -> T | None:
        """The value if one was computed, never waiting; a missing or stale one is computed in the background."""
        now = self._version_now()
        have, data, version = self._snapshot()
        if not have or version != now:
            self._refresh_later()
        return data if have else None

    def warm(self) -> None:
        """Compute the first value now (e.g. in a thread at start-up), so no request waits for it."""
        self.get()

    def _compute_now(self, now: Hashable, *, any_version: bool) -> T:
        with self._computing:
            have, data, version = self._snapshot()
            if have and (any_version or version == now):
                return data  # type: ignore[return-value]  # computed by another caller while this one waited
            data = self._compute()
            self._set(data, now)
            return data

    def _set(self, data: T, version: Hashable) -> None:
        # The version read *before* computing: a story added meanwhile makes the next call compute again.
        with self._state:
            self._data, self._version, self._have = data, version, True

    def _refresh_later(self) -> None:
        with self._state:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self._refresh, name=f"newsgraph-{self.name}", daemon=True).start()

    def _refresh(self) -> None:
        try:
            with self._computing:
                now = self._version_now()
                have, _, version = self._snapshot()
                if have and version == now:
                    return  # a caller computed it while this thread waited for the lock
                self._set(self._compute(), now)
        except Exception:
            # Pages keep the previous value; the next call that finds it stale tries again.
            log.exception("refreshing the %s failed", self.name)
        finally:
            with self._state:
                self._refreshing = False
