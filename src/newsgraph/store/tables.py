"""The store's tables, declared once: columns with a logical type, keys, indexes, and the schema step that made each.

Everything else derives from here: both stores' DDL and numbered migrations (ddl.py, rendered for SQLite by
schema_sql.py and for PostgreSQL by postgres_sql.py), the rows an Article is flattened into (rows.py, written by
both stores) and the csv/parquet export columns and their Arrow types (export/tables.py).

History: STEPS lists every schema change, oldest first; a backend's schema version is the number of steps it has
taken (SQLite took two steps of its own and PostgreSQL one, so SQLite 10 = PostgreSQL 9). Each table, column and
index names the step that made it (`since`); a store at any earlier version takes the missing steps in order, and a
fresh store takes them all, so old and new stores end the same.

To add a table, column or index: append a Step and declare the new object with `since=` its name (a column at the
end of its table: ALTER TABLE appends). Never edit what an existing step made, since old stores were built by it:
change it in a new step. To replace a column, move its declaration to its table's `dropped` with `until=` the new
step and declare the new one at the end: fresh stores then make and drop the old one as old stores did, so
PostgreSQL, which numbers columns by position (dropped ones included), numbers them alike. tests/test_schema.py
checks fresh and migrated stores of both backends against this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .search_fold import fold_sql

SQLITE, POSTGRES = "sqlite", "postgres"
BOTH = (SQLITE, POSTGRES)
# Logical column types; each backend maps them (schema_sql.py, postgres_sql.py), the exports map them to Arrow.
TYPES = ("text", "int", "bigint", "real", "bool", "bytes", "tsvector")


@dataclass(frozen=True)
class Step:
    """One schema version. `sql`: statements run after the step's DDL, the same in both backends (data changes)."""

    name: str
    why: str
    backends: tuple[str, ...] = BOTH
    sql: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool = False
    default: str | None = None  # an SQL literal
    references: str | None = None  # the table whose id this is: the row goes with it (ON DELETE CASCADE)
    since: str | None = None  # None: the step that made the table
    backends: tuple[str, ...] = BOTH
    generated: str | None = None  # PostgreSQL: an expression computed and stored by the database
    written: bool = True  # False: not in the flattened row (rows.py); a later statement or the database fills it
    unindexed: bool = False  # SQLite FTS5: kept beside the index, not searched
    until: str | None = None  # in Table.dropped: the step that dropped it


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    since: str | None = None
    backends: tuple[str, ...] = BOTH
    nocase: bool = False  # a case-blind lookup of one text column: COLLATE NOCASE in SQLite, lower() in PostgreSQL
    using: str | None = None  # PostgreSQL index method ("gin")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # the primary key
    indexes: tuple[Index, ...] = ()
    since: str | None = "base"  # None: made before any step (meta holds the version itself)
    backends: tuple[str, ...] = BOTH
    without_rowid: bool = False  # SQLite: rows kept in the key's b-tree
    fts: str | None = None  # SQLite: an FTS5 virtual table with this tokenizer
    shared: bool = False  # rows keyed by their own id and shared across stories: written insert-or-ignore
    distinct: bool = False  # flattened rows are deduplicated and sorted before they are written
    extras: tuple[Column, ...] = field(default=())  # computed from the record for the exports, never stored
    # columns a step made and a later one dropped (`until`), made after the step's declared columns
    dropped: tuple[Column, ...] = field(default=())

    def column(self, name: str) -> Column:
        for c in (*self.columns, *self.extras):
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def columns_in(self, backend: str) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if backend in c.backends)

    @property
    def written(self) -> tuple[str, ...]:
        """The columns a flattened row fills, in order (rows.py); its extras follow them."""
        return tuple(c.name for c in self.columns if c.written and c.generated is None)

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of a flattened row's cells: the written columns, then the extras."""
        return (*self.written, *(c.name for c in self.extras))


STEPS: tuple[Step, ...] = (
    Step("base", "the first schema"),
    Step("dedup", "near-duplicates (store/dedup.py) and resumable distributed runs (distributed.py)"),
    Step("fts_porter", "English stemming in search ('flood' finds 'flooded'), as the PostgreSQL tsvector does",
         backends=(SQLITE,)),
    Step("place_indexes", "events and figures by place; in SQLite the search index row also takes its article's "
                          "rowid, so filters join on integers, not on a stored id per match"),
    Step("covering", "covering indexes for the web search filters (web/queries.py SearchFilter): an event type "
                     "gives its stories' ids and a story id its date without reading the events or articles rows, "
                     "so the stories behind a filter are found in milliseconds on a large archive",
         backends=(SQLITE,)),
    Step("shingles", "shingles per story, for the containment rule of store/dedup.py; NULL on rows stored before "
                     "it, which are judged on Jaccard alone"),
    Step("incidents", "incidents across stories (crosssource.py), rewritten whole by refresh_incidents(): derived "
                      "rows, so no foreign keys to articles (a replaced story must not take its incident rows "
                      "halfway with it)"),
    Step("site_memory", "corpus memory (clean/memory.py): on how many distinct pages of a site each line "
                        "fingerprint was seen, and the pages counted (by content key) with the fingerprints memory "
                        "took from each, so a page is counted once and cleaned the same way when ingested again"),
    Step("store_entities", "one entity across the store (store/entity_links.py): store-level entities keyed by a "
                           "full name, an ISO code, a gazetteer id, a demonym's country or another name; each story "
                           "entity's link to one with its rule, reason and evidence; the short forms stories taught",
         sql=("INSERT INTO meta (key, value) VALUES ('entity_links_backfill', 'pending') ON CONFLICT (key) DO NOTHING",)),
    Step("outlets_speakers", "the outlet a source was published by (--source, sidecars, feeds' names) and how each "
                             "quote's speaker was found (speaker_text, speaker_method, speaker_confidence)"),
    Step("pg_fold", "diacritics aside in PostgreSQL search ('Bogota' finds 'Bogotá', 'senor' finds 'señor'), as "
                    "SQLite's remove_diacritics 2 does: the search vector is rebuilt from folded text "
                    "(search_query.fold_sql, translate() with no extension needed)", backends=(POSTGRES,)),
    Step("extractors", "which extractors read each story (the record's `extractors`, space-separated), for the "
                       "--read-by filters; stories stored before it get what their language said then "
                       "(model.legacy_extractors: all six for English, French, Spanish, Russian and stories "
                       "without a language, the two language-neutral ones otherwise)",
         sql=("UPDATE articles SET extractors = CASE WHEN language IS NULL OR language IN ('en', 'fr', 'es', 'ru')"
              " THEN 'entities quotes figures places dates events' ELSE 'figures:digits places:gazetteer' END"
              " WHERE extractors IS NULL",)),
    Step("fold_scripts", "diacritics aside in every script ('Αθηνα' finds 'Αθήνα', 'Королев' 'Королёв', 'سوريا' "
                         "'سُوريا'; store/search_fold.py): PostgreSQL's search vector is rebuilt from the wider "
                         "fold, SQLite's search index is refilled with folded text (schema_sql.py)"),
)


def _c(name: str, type: str = "text", nn: bool = False, **kw: object) -> Column:
    return Column(name, type, not_null=nn, **kw)  # type: ignore[arg-type]


def _ix(name: str, *columns: str, **kw: object) -> Index:
    return Index(name, columns, **kw)  # type: ignore[arg-type]


_TITLE = "coalesce(title, '')"
# the story a row belongs to: the row goes when the story is replaced
_ARTICLE_ID = _c("article_id", nn=True, references="articles")
_SPAN = (_c("start", "int"), _c("end", "int"))
# the store-level entity of a story entity (store/entity_links.py), looked up for the exports
_STORE_ENTITY = _c("store_entity")

# The tables an Article is flattened into (rows.py), in the order they are written.
ARTICLE_TABLES: tuple[Table, ...] = (
    Table("articles", (
        _c("id"), _c("title"), _c("published"), _c("language"), _c("text", nn=True), _c("record", nn=True),
        _c("duplicate_of", since="dedup", written=False),  # set by store/dedup.py when a copy is found
        # the record's `extractors`, space-separated ("entities quotes ..."), so a filter needs no JSON
        _c("extractors", since="extractors"),
        # PostgreSQL's search vector: title then text, of the folded words in every script (search_fold.py;
        # search_query.py folds the query the same way)
        _c("tsv", "tsvector", backends=(POSTGRES,), since="fold_scripts", generated=(
            f"setweight(to_tsvector('english', {fold_sql(_TITLE)}), 'A')"
            f" || setweight(to_tsvector('english', {fold_sql('text')}), 'B')")),
    ), key=("id",), indexes=(
        # the GIN index of each earlier tsv went with its column
        _ix("articles_tsv", "tsv", backends=(POSTGRES,), using="gin", since="fold_scripts"),
        _ix("articles_published", "published"),
        _ix("articles_duplicate_of", "duplicate_of", since="dedup"),
        _ix("articles_id_published", "id", "published", since="covering", backends=(SQLITE,)),
    ), extras=(
        # the story's own source (its record's first), the publication month and counts: the stories export
        _c("month"), _c("uri"), _c("format"), _c("source_record"), _c("chars", "int"), _c("entities", "int"),
        _c("quotes", "int"), _c("figures", "int"), _c("places", "int"), _c("events", "int"),
    ), dropped=(
        _c("tsv", "tsvector", backends=(POSTGRES,), until="pg_fold", generated=(
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')")),
        _c("tsv", "tsvector", backends=(POSTGRES,), since="pg_fold", until="fold_scripts", generated=(
            f"setweight(to_tsvector('english', {fold_sql(_TITLE, latin_only=True)}), 'A')"
            f" || setweight(to_tsvector('english', {fold_sql('text', latin_only=True)}), 'B')")),
    )),
    Table("article_sources", (
        _ARTICLE_ID, _c("uri", nn=True), _c("format", nn=True), _c("record", nn=True, default="''"),
        _c("span_start", "int"), _c("span_end", "int"), _c("outlet", since="outlets_speakers"),
    ), key=("article_id", "uri", "record")),
    Table("entities", (_c("id"), _c("name", nn=True), _c("type", nn=True)), key=("id",),
          indexes=(_ix("entities_name", "name", nocase=True),), shared=True,
          extras=(_c("article_id"), _c("mentions", "int"), _STORE_ENTITY)),
    # a story may give one span twice: the key keeps it once
    Table("mentions", (_ARTICLE_ID, _c("entity_id", nn=True), _c("start", "int", nn=True), _c("end", "int", nn=True)),
          key=("article_id", "entity_id", "start"), indexes=(_ix("mentions_entity", "entity_id"),), distinct=True,
          extras=(_c("name"), _c("type"), _STORE_ENTITY)),
    Table("quotes", (
        _ARTICLE_ID, _c("idx", "int", nn=True), _c("text", nn=True), *_SPAN, _c("kind"), _c("speaker"),
        _c("speaker_entity"), _c("cue"), _c("speaker_text", since="outlets_speakers"),
        _c("speaker_method", since="outlets_speakers"), _c("speaker_confidence", "real", since="outlets_speakers"),
    ), key=("article_id", "idx"), indexes=(
        _ix("quotes_speaker", "speaker", nocase=True), _ix("quotes_speaker_entity", "speaker_entity"),
    ), extras=(_c("speaker_store_entity"),)),
    Table("figures", (
        _ARTICLE_ID, _c("idx", "int", nn=True), _c("text", nn=True), *_SPAN, _c("category"), _c("qualifier"),
        _c("value", "real"), _c("low", "real"), _c("high", "real"), _c("unit"), _c("place_id"),
    ), key=("article_id", "idx"), indexes=(
        _ix("figures_category", "category"), _ix("figures_place", "place_id", since="place_indexes"),
    )),
    Table("places", (
        _c("id"), _c("name", nn=True), _c("geonameid", "bigint"), _c("country"), _c("admin1"), _c("feature"),
        _c("lat", "real"), _c("lon", "real"),
    ), key=("id",), shared=True, extras=(_c("article_id"), _c("mentions", "int"))),
    Table("article_places", (_ARTICLE_ID, _c("place_id", nn=True), _c("count", "int", nn=True)),
          key=("article_id", "place_id"), indexes=(_ix("article_places_place", "place_id"),)),
    Table("events", (
        _ARTICLE_ID, _c("id", nn=True), _c("type", nn=True), _c("mode"), _c("acled_type"), _c("acled_subtype"),
        _c("actor"), _c("actor_entity"), _c("recipient"), _c("recipient_entity"), _c("place_id"), _c("date"),
        _c("killed", "int"), _c("injured", "int"), _c("confidence", "real"), *_SPAN,
    ), key=("article_id", "id"), indexes=(
        _ix("events_type", "type"), _ix("events_date", "date"), _ix("events_place", "place_id", since="place_indexes"),
        _ix("events_type_article", "type", "article_id", since="covering", backends=(SQLITE,)),
    ), extras=(_c("evidence"),)),  # the text of the event's span
)

# The other tables: search, duplicates, runs, incidents, corpus memory, store-level entities, and meta.
OTHER_TABLES: tuple[Table, ...] = (
    # Standalone full-text index written in the same transaction as its article, so it never drifts; its row takes
    # the article's rowid (sqlite.py; integrity() checks the pairing). PostgreSQL searches articles.tsv.
    Table("articles_fts", (_c("article_id", unindexed=True), _c("title"), _c("text")), backends=(SQLITE,),
          fts="porter unicode61 remove_diacritics 2"),
    Table("signatures", (_c("article_id", references="articles"), _c("sig", "bytes", nn=True),
                         _c("shingle_count", "int", since="shingles")), key=("article_id",), since="dedup"),
    Table("lsh", (_c("band", "int", nn=True), _c("key", nn=True), _ARTICLE_ID), since="dedup",
          indexes=(_ix("lsh_key", "band", "key"), _ix("lsh_article", "article_id"))),
    Table("partitions_done", (_c("id"), _c("finished", nn=True)), key=("id",), since="dedup"),
    Table("incidents", (
        _c("id"), _c("type", nn=True), _c("place_id"), _c("place"), _c("country"), _c("first_date"), _c("last_date"),
        _c("sources", "int", nn=True), _c("events", "int", nn=True), _c("disputed", "bool", nn=True),
        _c("killed_low", "int"), _c("killed_high", "int"), _c("injured_low", "int"), _c("injured_high", "int"),
    ), key=("id",), since="incidents", indexes=(
        _ix("incidents_type_first", "type", "first_date"), _ix("incidents_place", "place_id"),
    )),
    Table("incident_events", (
        _c("incident_id", nn=True), _c("article_id", nn=True), _c("event_id", nn=True), _c("source", nn=True),
        _c("date"), _c("killed", "int"), _c("killed_text"), _c("killed_qualifier"), _c("killed_low", "real"),
        _c("killed_high", "real"), _c("injured", "int"),
    ), key=("article_id", "event_id"), since="incidents",
        indexes=(_ix("incident_events_incident", "incident_id"),)),
    Table("site_lines", (_c("site", nn=True), _c("fp", nn=True), _c("pages", "int", nn=True)), key=("site", "fp"),
          since="site_memory", without_rowid=True),
    Table("site_pages", (_c("site", nn=True), _c("page", nn=True), _c("applied", nn=True, default="''")),
          key=("site", "page"), since="site_memory", without_rowid=True),
    Table("store_entities", (
        _c("id"), _c("name", nn=True), _c("type", nn=True), _c("key_kind", nn=True), _c("key", nn=True),
        _c("parent_id"),
    ), key=("id",), since="store_entities", indexes=(_ix("store_entities_name", "name", nocase=True),)),
    Table("entity_links", (
        _ARTICLE_ID, _c("entity_id", nn=True), _c("store_id", nn=True), _c("rule", nn=True), _c("reason", nn=True),
        _c("short"), _c("ev_article"), _c("ev_start", "int"), _c("ev_end", "int"),
    ), key=("article_id", "entity_id"), since="store_entities", indexes=(
        _ix("entity_links_store", "store_id"), _ix("entity_links_short", "short"),
        _ix("entity_links_entity", "entity_id"),
    )),
    Table("entity_aliases", (
        _c("alias", nn=True), _c("store_id", nn=True), _c("rule", nn=True), _ARTICLE_ID, _c("entity_id", nn=True),
        _c("ev_start", "int"), _c("ev_end", "int"),
    ), key=("alias", "store_id", "article_id"), since="store_entities",
        indexes=(_ix("entity_aliases_article", "article_id"),)),
    # key/value: the schema version (made before any step, since it records them), stamps and pending work
    Table("meta", (_c("key"), _c("value", nn=True)), key=("key",), since=None),
)

TABLES: dict[str, Table] = {t.name: t for t in (*ARTICLE_TABLES, *OTHER_TABLES)}
STEP_INDEX: dict[str, int] = {s.name: i for i, s in enumerate(STEPS)}


def tables_in(backend: str) -> tuple[Table, ...]:
    """The tables a fresh store of `backend` has, in declaration order."""
    return tuple(t for t in TABLES.values() if backend in t.backends)
