-- The knowledge store: every fact is a statement, filed under the snapshot it came from.
CREATE SEQUENCE IF NOT EXISTS snapshot_ids START 1;

CREATE TABLE IF NOT EXISTS snapshots (
    id INTEGER PRIMARY KEY DEFAULT nextval('snapshot_ids'),
    dataset VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    published DATE,                 -- from the file where it says so, else given, else ingest day
    published_from VARCHAR NOT NULL, -- 'file', 'given' or 'ingest'
    ingested TIMESTAMP NOT NULL,
    entity_count INTEGER NOT NULL,
    statement_count INTEGER NOT NULL,
    added INTEGER,                  -- entity delta against the dataset's previous snapshot
    removed INTEGER,
    changed INTEGER,
    info JSON
);

CREATE TABLE IF NOT EXISTS statements (
    id VARCHAR NOT NULL,            -- md5 of dataset, entity, property and value: stable across snapshots
    entity_id VARCHAR NOT NULL,
    schema VARCHAR NOT NULL,
    prop VARCHAR NOT NULL,          -- 'id' carries the entity itself (FtM's BASE_ID statement)
    prop_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    original_value VARCHAR,
    lang VARCHAR,
    dataset VARCHAR NOT NULL,
    snapshot_id INTEGER NOT NULL,
    first_seen DATE NOT NULL,       -- publication date of the first snapshot holding this statement
    last_seen DATE NOT NULL         -- publication date of this snapshot
);

-- Top-level fields of imported FtM lines that statements do not carry (caption, referents, ...).
CREATE TABLE IF NOT EXISTS entity_extras (
    snapshot_id INTEGER NOT NULL,
    entity_id VARCHAR NOT NULL,
    extras JSON NOT NULL
);

-- The snapshot in force for each dataset: the latest published, ties broken by ingest order.
CREATE OR REPLACE VIEW current_snapshots AS
SELECT * FROM snapshots
QUALIFY row_number() OVER (PARTITION BY dataset ORDER BY published DESC, id DESC) = 1;

CREATE OR REPLACE VIEW current_statements AS
SELECT s.* FROM statements s JOIN current_snapshots c ON s.snapshot_id = c.id;
