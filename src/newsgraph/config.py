"""Settings from the environment, read in one place: the only module of newsgraph that reads os.environ.

    NEWSGRAPH_CACHE         folder of the built gazetteer (default $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph)
    NEWSGRAPH_GAZETTEER     a gazetteer file to use as is (no build, no clean-up of old builds)
    NEWSGRAPH_EVENTS_MODEL  an event-type model file instead of the shipped one (scripts/train_events.py)

`settings()` reads them once per process; `newsgraph config` prints what it read. An empty variable counts
as unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CACHE_VAR = "NEWSGRAPH_CACHE"
GAZETTEER_VAR = "NEWSGRAPH_GAZETTEER"
EVENTS_MODEL_VAR = "NEWSGRAPH_EVENTS_MODEL"


@dataclass(frozen=True)
class Config:
    cache_dir: Path  # where the gazetteer is built and kept
    gazetteer: Path | None = None  # a gazetteer file used as is
    events_model: Path | None = None  # an event-type model file; None: the shipped one
    # Which settings came from the environment, by field name -> variable name (for `newsgraph config`).
    sources: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        sources = []
        if env.get(CACHE_VAR):
            cache_dir = Path(env[CACHE_VAR])
            sources.append(("cache_dir", CACHE_VAR))
        else:
            base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            cache_dir = Path(base) / "newsgraph"
            if env.get("XDG_CACHE_HOME"):
                sources.append(("cache_dir", "XDG_CACHE_HOME"))
        gazetteer = Path(env[GAZETTEER_VAR]) if env.get(GAZETTEER_VAR) else None
        if gazetteer is not None:
            sources.append(("gazetteer", GAZETTEER_VAR))
        events_model = Path(env[EVENTS_MODEL_VAR]) if env.get(EVENTS_MODEL_VAR) else None
        if events_model is not None:
            sources.append(("events_model", EVENTS_MODEL_VAR))
        return cls(cache_dir, gazetteer, events_model, tuple(sources))

    def describe(self) -> list[tuple[str, str, str]]:
        """(setting, value, where it came from) for each setting, in field order."""
        came = dict(self.sources)
        defaults = {"cache_dir": "default", "gazetteer": "unset: built into cache_dir",
                    "events_model": "unset: the shipped model"}
        return [(name, "" if value is None else str(value), f"${came[name]}" if name in came else defaults[name])
                for name, value in (("cache_dir", self.cache_dir), ("gazetteer", self.gazetteer),
                                    ("events_model", self.events_model))]


_settings: Config | None = None


def settings() -> Config:
    """The process's settings, read from the environment at first use. Tests that change the environment set
    them again with `monkeypatch.setattr(config, "_settings", Config.from_env())`."""
    global _settings
    if _settings is None:
        _settings = Config.from_env()
    return _settings
