"""`newsgraph watch`: news as it comes, from feeds, sitemaps, lists of URLs and folders, into the store,
with alert rules over what arrives (docs/watch.md).

Modules: sources (what to watch), fetch (polite HTTP), poll (sources into pending items), items (an item into
Documents), extract (Documents into the store), rules and alerts (what fires, once per incident), sinks (where
alerts go), cycle (one poll of everything, and the loop). All SQL is in store/watch_state.py.
"""

from .cycle import CycleReport, WatchConfig, Watcher
from .extract import Extractor
from .fetch import Fetcher, FetchError, FetchOptions, user_agent
from .rules import Rule, RuleError, load_rules
from .sinks import make_sinks
from .sources import SourceError, WatchSource, gather, parse_every

__all__ = ["CycleReport", "Extractor", "FetchError", "FetchOptions", "Fetcher", "Rule", "RuleError", "SourceError",
           "WatchConfig", "WatchSource", "Watcher", "gather", "load_rules", "make_sinks", "parse_every", "user_agent"]
