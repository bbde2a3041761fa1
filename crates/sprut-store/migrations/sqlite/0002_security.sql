-- The base stays with the company: a hash-chained audit log, what staff departments see,
-- card views and paging per day, alerts, and watermarked exports.
-- Keep in step with ../postgres/0002_security.sql.

-- Each event carries its place in the chain and the hash of the one before. Events written
-- before this migration are chained by the store when it opens the database.
ALTER TABLE audit_events ADD COLUMN seq INTEGER;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at);
CREATE INDEX audit_events_action ON audit_events (action, at);

-- The end of the chain. Every write transaction updates this one row, which serialises
-- the appends (and on PostgreSQL the writers) so the chain never forks.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

ALTER TABLE contacts ADD COLUMN function TEXT NOT NULL DEFAULT 'general'
    CHECK (function IN ('general', 'billing', 'delivery', 'legal', 'support'));

-- Which client cards each employee opened on each day (for the mass-viewing alerts).
CREATE TABLE card_views (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    day         TEXT NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    PRIMARY KEY (employee_id, day, client_id)
);

-- Records each rep or staff member paged through in list views per day.
CREATE TABLE read_meter (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    day         TEXT NOT NULL,
    records     INTEGER NOT NULL,
    PRIMARY KEY (employee_id, day)
);

CREATE TABLE alerts (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    employee_id TEXT REFERENCES employees (id),
    client_id   TEXT REFERENCES clients (id),
    subject_key TEXT NOT NULL,
    day         TEXT NOT NULL,
    count       INTEGER NOT NULL,
    summary     TEXT NOT NULL,
    details     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    closed_by   TEXT REFERENCES employees (id),
    closed_at   TEXT,
    note        TEXT
);
CREATE UNIQUE INDEX alerts_once_a_day ON alerts (kind, subject_key, day);
CREATE INDEX alerts_by_status ON alerts (status, day);

CREATE TABLE exports (
    id          TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id),
    at          TEXT NOT NULL,
    entity      TEXT NOT NULL,
    format      TEXT NOT NULL,
    filter      TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    canaries    INTEGER NOT NULL
);

-- The identifying values of each export's canary rows.
CREATE TABLE export_canaries (
    token     TEXT NOT NULL,
    export_id TEXT NOT NULL REFERENCES exports (id),
    canary    INTEGER NOT NULL,
    PRIMARY KEY (token, export_id)
);
