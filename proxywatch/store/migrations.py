"""Schema migrations, in order. Never edit a released migration: append a new one.

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

_V1 = [
    """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        published VARCHAR,
        published_date DATE,
        title VARCHAR,
        url VARCHAR,
        source VARCHAR,
        text VARCHAR NOT NULL,
        record VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE events (
        id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        status VARCHAR NOT NULL,
        negated BOOLEAN NOT NULL,
        actor_text VARCHAR, actor_id VARCHAR, actor_name VARCHAR, actor_country VARCHAR,
        actor_kind VARCHAR, actor_sponsors VARCHAR[],
        target_text VARCHAR, target_id VARCHAR, target_name VARCHAR, target_country VARCHAR,
        target_kind VARCHAR, target_sponsors VARCHAR[],
        location_text VARCHAR, location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
        lat DOUBLE, lon DOUBLE, location_precision VARCHAR,
        date_start DATE, date_end DATE, date_precision VARCHAR, date_text VARCHAR,
        fatalities_min INTEGER, fatalities_max INTEGER,
        injuries_min INTEGER, injuries_max INTEGER,
        aggregate_min INTEGER, aggregate_max INTEGER,
        evidence_text VARCHAR NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        confidence DOUBLE NOT NULL,
        record VARCHAR NOT NULL
    )""",
    "CREATE INDEX events_article ON events (article_id)",
    "CREATE INDEX events_date ON events (date_start)",
]

# Canonical events: one row per real event, merged from the single, occurred, non-negated
# mentions of ``events`` (merge.py decides the merge). Filter columns have the
# same names as in ``events`` so EventQuery.where works over either table.
_V2 = [
    """CREATE TABLE canonical_events (
        id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL,
        mode VARCHAR,
        actor_text VARCHAR, actor_id VARCHAR, actor_name VARCHAR, actor_country VARCHAR,
        actor_kind VARCHAR, actor_sponsors VARCHAR[],
        target_text VARCHAR, target_id VARCHAR, target_name VARCHAR, target_country VARCHAR,
        target_kind VARCHAR, target_sponsors VARCHAR[],
        location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
        lat DOUBLE, lon DOUBLE, location_precision VARCHAR,
        date_start DATE, date_end DATE, date_precision VARCHAR,
        fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
        injuries_low INTEGER, injuries_best INTEGER, injuries_high INTEGER,
        mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        record VARCHAR NOT NULL
    )""",
    """CREATE TABLE canonical_mentions (
        canonical_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL
    )""",
    "CREATE INDEX canonical_date ON canonical_events (date_start)",
    "CREATE INDEX canonical_mentions_event ON canonical_mentions (event_id)",
    "CREATE INDEX canonical_mentions_article ON canonical_mentions (article_id)",
]

# The merge index: each eligible mention that can link across articles filed under its block
# (merge.block_of), so an incremental merge reads a few blocks instead of every mention. A database
# migrated from version 2 has its canonical events cleared here: the next ingest rebuilds them
# (they are derived data) together with the index.
_V3 = [
    """CREATE TABLE merge_index (
        event_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        block VARCHAR NOT NULL,
        any_block VARCHAR NOT NULL,
        match_start DATE NOT NULL
    )""",
    "CREATE INDEX merge_index_block ON merge_index (block)",
    "CREATE INDEX merge_index_any ON merge_index (any_block)",
    "CREATE INDEX merge_index_article ON merge_index (article_id)",
    "CREATE INDEX events_id ON events (id)",
    "CREATE INDEX canonical_mentions_canonical ON canonical_mentions (canonical_id)",
    "DELETE FROM canonical_mentions",
    "DELETE FROM canonical_events",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3]
