"""The store's migrations as they were written by hand, before tables.py declared the schema (issue 21): the SQL
that built every store of schema version <= SQLite 9 / PostgreSQL 7 in the wild. Frozen test data: never edit.

tests/test_schema.py builds old stores with it and checks that the migrations rendered from store/tables.py upgrade
them to what a fresh store is, and that a fresh store is what these made.
"""

from __future__ import annotations

SQLITE: list[list[str]] = [
    [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, title TEXT, published TEXT, language TEXT, text TEXT NOT NULL,
            record TEXT NOT NULL)""",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, uri TEXT NOT NULL,
            format TEXT NOT NULL, record TEXT NOT NULL DEFAULT '', span_start INTEGER, span_end INTEGER,
            PRIMARY KEY (article_id, uri, record))""",
        "CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL)",
        "CREATE INDEX entities_name ON entities(name COLLATE NOCASE)",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY (article_id, entity_id, start))""",
        "CREATE INDEX mentions_entity ON mentions(entity_id)",
        """CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER, end INTEGER, kind TEXT, speaker TEXT, speaker_entity TEXT, cue TEXT,
            PRIMARY KEY (article_id, idx))""",
        "CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE)",
        "CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity)",
        """CREATE TABLE figures (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER, end INTEGER, category TEXT, qualifier TEXT, value REAL, low REAL,
            high REAL, unit TEXT, place_id TEXT, PRIMARY KEY (article_id, idx))""",
        "CREATE INDEX figures_category ON figures(category)",
        """CREATE TABLE places (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER, country TEXT, admin1 TEXT, feature TEXT,
            lat REAL, lon REAL)""",
        """CREATE TABLE article_places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, place_id TEXT NOT NULL,
            count INTEGER NOT NULL, PRIMARY KEY (article_id, place_id))""",
        "CREATE INDEX article_places_place ON article_places(place_id)",
        """CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, type TEXT NOT NULL,
            mode TEXT, acled_type TEXT, acled_subtype TEXT, actor TEXT, actor_entity TEXT, recipient TEXT,
            recipient_entity TEXT, place_id TEXT, date TEXT, killed INTEGER, injured INTEGER, confidence REAL,
            start INTEGER, end INTEGER, PRIMARY KEY (article_id, id))""",
        "CREATE INDEX events_type ON events(type)",
        "CREATE INDEX events_date ON events(date)",
        # Standalone FTS table written in the same transaction as its article, so it never drifts.
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')",
    ],
    [
        # near-duplicates (store/dedup.py) and resumable distributed runs (distributed.py)
        "ALTER TABLE articles ADD COLUMN duplicate_of TEXT",
        "CREATE INDEX articles_duplicate_of ON articles(duplicate_of)",
        "CREATE TABLE signatures (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, sig BLOB NOT NULL)",
        """CREATE TABLE lsh (band INTEGER NOT NULL, key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE)""",
        "CREATE INDEX lsh_key ON lsh(band, key)",
        "CREATE INDEX lsh_article ON lsh(article_id)",
        "CREATE TABLE partitions_done (id TEXT PRIMARY KEY, finished TEXT NOT NULL)",
    ],
    [
        # English stemming in search ("flood" finds "flooded"), as the PostgreSQL store's tsvector does
        "DROP TABLE articles_fts",
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "article_id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')",
        "INSERT INTO articles_fts (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles",
    ],
    [
        # the index row shares its article's rowid: filters join on integers, not on a stored id per match
        "DROP TABLE articles_fts",
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "article_id UNINDEXED, title, text, tokenize='porter unicode61 remove_diacritics 2')",
        "INSERT INTO articles_fts (rowid, article_id, title, text)"
        " SELECT rowid, id, coalesce(title, ''), text FROM articles",
        "CREATE INDEX events_place ON events(place_id)",
        "CREATE INDEX figures_place ON figures(place_id)",
    ],
    [
        # Covering indexes for the web search filters (web/queries.py SearchFilter): an event type gives its
        # stories' ids and a story id its date without reading the events or articles rows, so the stories
        # behind a filter are found in a few milliseconds on a large archive instead of tens.
        "CREATE INDEX events_type_article ON events(type, article_id)",
        "CREATE INDEX articles_id_published ON articles(id, published)",
    ],
    [
        # shingles per story, for the containment rule of store/dedup.py; NULL on rows stored before it,
        # which are judged on Jaccard alone
        "ALTER TABLE signatures ADD COLUMN shingle_count INTEGER",
    ],
    [
        # Incidents across stories (crosssource.py), rewritten whole by refresh_incidents(): derived rows, so no
        # foreign keys to articles (a replaced story must not take its incident rows halfway with it).
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, place_id TEXT, place TEXT, country TEXT, first_date TEXT,
            last_date TEXT, sources INTEGER NOT NULL, events INTEGER NOT NULL, disputed INTEGER NOT NULL,
            killed_low INTEGER, killed_high INTEGER, injured_low INTEGER, injured_high INTEGER)""",
        "CREATE INDEX incidents_type_first ON incidents(type, first_date)",
        "CREATE INDEX incidents_place ON incidents(place_id)",
        """CREATE TABLE incident_events (
            incident_id TEXT NOT NULL, article_id TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL,
            date TEXT, killed INTEGER, killed_text TEXT, killed_qualifier TEXT, killed_low REAL,
            killed_high REAL, injured INTEGER, PRIMARY KEY (article_id, event_id))""",
        "CREATE INDEX incident_events_incident ON incident_events(incident_id)",
    ],
    [
        # Corpus memory (clean/memory.py): on how many distinct pages of a site each line fingerprint was seen,
        # and the pages counted (by content key) with the fingerprints memory took from each, so a page is
        # counted once and cleaned the same way when it is ingested again.
        """CREATE TABLE site_lines (site TEXT NOT NULL, fp TEXT NOT NULL, pages INTEGER NOT NULL,
            PRIMARY KEY (site, fp)) WITHOUT ROWID""",
        """CREATE TABLE site_pages (site TEXT NOT NULL, page TEXT NOT NULL, applied TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (site, page)) WITHOUT ROWID""",
    ],
    [
        # One entity across the store (store/entity_links.py): store-level entities, keyed by a person's full
        # name, a country's ISO code, a place's gazetteer id, a demonym's country or another name; the link of
        # each story entity to one, with its rule, reason and evidence (a story and a span); and the short
        # forms (surnames, first names, acronyms) the stories taught, with where.
        """CREATE TABLE store_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
            key_kind TEXT NOT NULL, key TEXT NOT NULL, parent_id TEXT)""",
        "CREATE INDEX store_entities_name ON store_entities(name COLLATE NOCASE)",
        """CREATE TABLE entity_links (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            store_id TEXT NOT NULL, rule TEXT NOT NULL, reason TEXT NOT NULL, short TEXT, ev_article TEXT,
            ev_start INTEGER, ev_end INTEGER, PRIMARY KEY (article_id, entity_id))""",
        "CREATE INDEX entity_links_store ON entity_links(store_id)",
        "CREATE INDEX entity_links_short ON entity_links(short)",
        "CREATE INDEX entity_links_entity ON entity_links(entity_id)",
        """CREATE TABLE entity_aliases (alias TEXT NOT NULL, store_id TEXT NOT NULL, rule TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            ev_start INTEGER, ev_end INTEGER, PRIMARY KEY (alias, store_id, article_id))""",
        "CREATE INDEX entity_aliases_article ON entity_aliases(article_id)",
        "INSERT INTO meta (key, value) VALUES ('entity_links_backfill', 'pending')",
    ],
]

POSTGRES: list[list[str]] = [
    [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, title TEXT, published TEXT, language TEXT, text TEXT NOT NULL, record TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')
            ) STORED)""",
        "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE TABLE article_sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, uri TEXT NOT NULL,
            format TEXT NOT NULL, record TEXT NOT NULL DEFAULT '', span_start INTEGER, span_end INTEGER,
            PRIMARY KEY (article_id, uri, record))""",
        "CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL)",
        "CREATE INDEX entities_name ON entities(lower(name))",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (article_id, entity_id, start))""",
        "CREATE INDEX mentions_entity ON mentions(entity_id)",
        """CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER, "end" INTEGER, kind TEXT, speaker TEXT, speaker_entity TEXT, cue TEXT,
            PRIMARY KEY (article_id, idx))""",
        "CREATE INDEX quotes_speaker ON quotes(lower(speaker))",
        "CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity)",
        """CREATE TABLE figures (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
            text TEXT NOT NULL, start INTEGER, "end" INTEGER, category TEXT, qualifier TEXT, value DOUBLE PRECISION,
            low DOUBLE PRECISION, high DOUBLE PRECISION, unit TEXT, place_id TEXT, PRIMARY KEY (article_id, idx))""",
        "CREATE INDEX figures_category ON figures(category)",
        """CREATE TABLE places (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid BIGINT, country TEXT, admin1 TEXT, feature TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION)""",
        """CREATE TABLE article_places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, place_id TEXT NOT NULL,
            count INTEGER NOT NULL, PRIMARY KEY (article_id, place_id))""",
        "CREATE INDEX article_places_place ON article_places(place_id)",
        """CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, type TEXT NOT NULL,
            mode TEXT, acled_type TEXT, acled_subtype TEXT, actor TEXT, actor_entity TEXT, recipient TEXT,
            recipient_entity TEXT, place_id TEXT, date TEXT, killed INTEGER, injured INTEGER, confidence DOUBLE PRECISION,
            start INTEGER, "end" INTEGER, PRIMARY KEY (article_id, id))""",
        "CREATE INDEX events_type ON events(type)",
        "CREATE INDEX events_date ON events(date)",
    ],
    [
        "ALTER TABLE articles ADD COLUMN duplicate_of TEXT",
        "CREATE INDEX articles_duplicate_of ON articles(duplicate_of)",
        "CREATE TABLE signatures (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, sig BYTEA NOT NULL)",
        """CREATE TABLE lsh (band INTEGER NOT NULL, key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE)""",
        "CREATE INDEX lsh_key ON lsh(band, key)",
        "CREATE INDEX lsh_article ON lsh(article_id)",
        "CREATE TABLE partitions_done (id TEXT PRIMARY KEY, finished TEXT NOT NULL)",
    ],
    [
        "CREATE INDEX events_place ON events(place_id)",
        "CREATE INDEX figures_place ON figures(place_id)",
    ],
    [
        # shingles per story, for the containment rule of store/dedup.py; NULL on rows stored before it,
        # which are judged on Jaccard alone
        "ALTER TABLE signatures ADD COLUMN shingle_count INTEGER",
    ],
    [
        # Incidents across stories (crosssource.py), rewritten whole by refresh_incidents(): derived rows, so no
        # foreign keys to articles (a replaced story must not take its incident rows halfway with it).
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, place_id TEXT, place TEXT, country TEXT, first_date TEXT,
            last_date TEXT, sources INTEGER NOT NULL, events INTEGER NOT NULL, disputed BOOLEAN NOT NULL,
            killed_low INTEGER, killed_high INTEGER, injured_low INTEGER, injured_high INTEGER)""",
        "CREATE INDEX incidents_type_first ON incidents(type, first_date)",
        "CREATE INDEX incidents_place ON incidents(place_id)",
        """CREATE TABLE incident_events (
            incident_id TEXT NOT NULL, article_id TEXT NOT NULL, event_id TEXT NOT NULL, source TEXT NOT NULL,
            date TEXT, killed INTEGER, killed_text TEXT, killed_qualifier TEXT, killed_low DOUBLE PRECISION,
            killed_high DOUBLE PRECISION, injured INTEGER, PRIMARY KEY (article_id, event_id))""",
        "CREATE INDEX incident_events_incident ON incident_events(incident_id)",
    ],
    [
        # Corpus memory (clean/memory.py), as SQLite's migration 8
        """CREATE TABLE site_lines (site TEXT NOT NULL, fp TEXT NOT NULL, pages INTEGER NOT NULL,
            PRIMARY KEY (site, fp))""",
        """CREATE TABLE site_pages (site TEXT NOT NULL, page TEXT NOT NULL, applied TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (site, page))""",
    ],
    [
        # One entity across the store (store/entity_links.py), as SQLite's migration 9
        """CREATE TABLE store_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
            key_kind TEXT NOT NULL, key TEXT NOT NULL, parent_id TEXT)""",
        "CREATE INDEX store_entities_name ON store_entities(lower(name))",
        """CREATE TABLE entity_links (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            store_id TEXT NOT NULL, rule TEXT NOT NULL, reason TEXT NOT NULL, short TEXT, ev_article TEXT,
            ev_start INTEGER, ev_end INTEGER, PRIMARY KEY (article_id, entity_id))""",
        "CREATE INDEX entity_links_store ON entity_links(store_id)",
        "CREATE INDEX entity_links_short ON entity_links(short)",
        "CREATE INDEX entity_links_entity ON entity_links(entity_id)",
        """CREATE TABLE entity_aliases (alias TEXT NOT NULL, store_id TEXT NOT NULL, rule TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            ev_start INTEGER, ev_end INTEGER, PRIMARY KEY (alias, store_id, article_id))""",
        "CREATE INDEX entity_aliases_article ON entity_aliases(article_id)",
        "INSERT INTO meta (key, value) VALUES ('entity_links_backfill', 'pending') ON CONFLICT (key) DO NOTHING",
    ],
]
