-- Contacts a file names without a company wait here for a head to attach them to a client; an
-- attached contact moves to `contacts` with the same id.
CREATE TABLE contact_pool (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    position       TEXT,
    phones         TEXT NOT NULL,
    emails         TEXT NOT NULL,
    channels       TEXT NOT NULL,
    decision_maker INTEGER NOT NULL,
    consent        INTEGER NOT NULL,
    extra          TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX contact_pool_name ON contact_pool (name_key, id);
