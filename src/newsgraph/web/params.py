"""The query and path parameters the pages and the API share: each validated once, here, with the words the
API docs show for it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path as PathParam
from fastapi import Query

from ..store.web_filters import MAX_QUERY_CHARS

Id = Annotated[str, PathParam(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_:.\-]+$")]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
# Empty is allowed because an HTML form sends its blank fields.
Date = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                   description="YYYY, YYYY-MM or YYYY-MM-DD; empty means no bound.")]
Text = Annotated[str | None, Query(max_length=200)]
# A number from 0 to 1, written as an HTML form sends it (empty allowed, like Date).
Confidence = Annotated[str | None, Query(max_length=20, pattern=r"^(0?\.\d+|0\.?|1(\.0*)?)?$",
                                         description="Only events at least this confident, from 0 to 1 (planned,"
                                                     " claimed and denied events fall below 0.5); empty means all.")]
SubType = Annotated[str | None, Query(max_length=200,
                                      description="An ACLED sub-event type (e.g. 'Air/drone strike') or a label"
                                                  " beyond ACLED ('Natural disaster', 'Man-made disaster', 'Organised"
                                                  " crime', 'Claim of responsibility', 'Diplomatic event'), any case;"
                                                  " empty means any.")]
ReadBy = Annotated[str | None, Query(max_length=40, pattern=r"^[a-z:]*$",
                                    description="Only stories this extractor read (read_by) or did not (not_read_by),"
                                                " as their record's `extractors` says: entities, quotes, figures,"
                                                " places, dates, events, figures:digits, places:gazetteer."
                                                " not_read_by=entities: stories in a language newsgraph cannot read;"
                                                " empty means any.")]
Words = Annotated[str, Query(max_length=MAX_QUERY_CHARS,
                             description='FTS5 query: words, "exact phrases", AND/OR/NOT, prefix*.')]
Sort = Annotated[str, Query(pattern="^(relevance|newest)$")]
Copies = Annotated[str, Query(pattern="^(fold|show)$",
                              description="fold: a near-duplicate copy whose original is also a hit is listed under"
                                          " it (`copies`, `copy_list`); show: every copy is a hit of its own.")]
IncidentId = Annotated[str | None, Query(max_length=32, pattern=r"^[0-9a-f]*$",
                                         description="One incident, by the id the list gives it.")]
BAD_QUERY = {400: {"description": "The search query cannot be read; the message says how to write one."}}
NOT_FOUND = {404: {"description": "No such item."}}


def confidence(v: str | None) -> float | None:
    """A Confidence parameter as a number; empty means no bound."""
    return float(v) if v else None
Country = Annotated[str | None, Query(max_length=2, pattern=r"^([A-Za-z]{2})?$",
                                      description="An ISO 3166 alpha-2 country code: events at places in that"
                                                  " country; empty means any.")]
Source = Annotated[str | None, Query(max_length=200, description="Words in a source address or file name (e.g. a"
                                                                 " site's host name); empty means any.")]
