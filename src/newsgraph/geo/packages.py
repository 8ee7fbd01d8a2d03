"""Data files of the registry packages the gazetteer and the web map read (found on disk, never downloaded)."""

from __future__ import annotations

import json
from importlib import util as importlib_util
from pathlib import Path


def package_dir(name: str) -> Path | None:
    """Where an installed package's files are, or None when it is not installed."""
    spec = importlib_util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def countryinfo_records() -> dict[str, dict]:
    """countryinfo's record of each country (names, demonyms, outline as GeoJSON) by ISO alpha-2 code; empty
    when the optional package is absent."""
    d = package_dir("countryinfo")
    out: dict[str, dict] = {}
    if d is None or not (d / "data").is_dir():
        return out
    for f in sorted((d / "data").glob("*.json")):
        try:
            rec = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        code = (rec.get("ISO") or {}).get("alpha2")
        if code:
            out[code] = rec
    return out
